import { useLayoutEffect, useState, type RefObject } from 'react';
import { bestColumns } from '../lib/layout/grid-columns';

export { bestColumns };

/** Column count for `count` tiles, recomputed when the container resizes. */
export function useGridColumns(ref: RefObject<HTMLElement | null>, count: number): number {
  const [cols, setCols] = useState(1);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setCols(bestColumns(count, element.clientWidth, element.clientHeight));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, count]);
  return cols;
}
