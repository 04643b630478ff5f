import type { ReactNode } from 'react';

/** A centred full-page message: error screens and "You left the meeting". */
export function MessageScreen({ title, children, actions }: { title: string; children?: ReactNode; actions?: ReactNode }) {
  return (
    <main className="screen">
      <h1>{title}</h1>
      {children && <div className="screen__body">{children}</div>}
      {actions && <div className="screen__actions">{actions}</div>}
    </main>
  );
}
