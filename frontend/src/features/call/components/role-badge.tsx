import { useLingui } from '@lingui/react/macro';
import type { Role } from '@contract/protocol';

/** "Host" / "Co-host" next to a name; nothing for a participant. */
export function RoleBadge({ role }: { role: Role | undefined }) {
  const { t } = useLingui();
  if (role !== 'host' && role !== 'cohost') return null;
  return <span className="role-badge">{role === 'host' ? t`Host` : t`Co-host`}</span>;
}
