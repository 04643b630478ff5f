import type { ReactNode } from 'react';
import { PageHeading } from './page-heading';
import { Preferences } from './preferences';

/** A centred full-page message: error screens and "You left the meeting". */
export function MessageScreen({ title, children, actions }: { title: string; children?: ReactNode; actions?: ReactNode }) {
  return (
    <>
      <Preferences />
      <main className="screen">
        <PageHeading title={title} />
        {children && <div className="screen__body">{children}</div>}
        {actions && <div className="screen__actions">{actions}</div>}
      </main>
    </>
  );
}
