import { useLingui } from '@lingui/react/macro';
import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A screen's `<h1>`: names the tab ("<title> · Meet") and takes focus when the screen appears, so
 * a screen reader starts reading the new screen instead of staying on a button that went away.
 */
export function PageHeading({ title, children, className, id, hidden = false }: { title: string; children?: ReactNode; className?: string; id?: string; hidden?: boolean }) {
  const { t } = useLingui();
  const ref = useRef<HTMLHeadingElement>(null);
  const product = t`Meet`;
  useEffect(() => {
    document.title = title === product ? product : `${title} · ${product}`;
  }, [title, product]);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} id={id} tabIndex={-1} className={`${hidden ? 'sr-only ' : ''}${className ?? ''}`.trim() || undefined}>
      {children ?? title}
    </h1>
  );
}
