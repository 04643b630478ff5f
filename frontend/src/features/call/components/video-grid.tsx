import { useRef, type ReactNode } from 'react';
import { useGridColumns } from '../hooks/use-grid-layout';

/** Lays out tiles in the column count that fits the space best; CSS animates the changes. */
export function VideoGrid({ children, count }: { children: ReactNode; count: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const cols = useGridColumns(ref, count);
  const rows = Math.ceil(count / cols);
  return (
    <div ref={ref} className="grid" style={{ gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${rows}, minmax(0, 1fr))` }}>
      {children}
    </div>
  );
}
