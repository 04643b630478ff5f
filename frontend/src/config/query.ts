import { LIMITS } from '@contract/limits';

/** Test and diagnostics switches read from the page URL (docs/ui-contract.md). */
export interface QuerySwitches {
  relayOnly: boolean;
  name: string | null;
}

export function readQuerySwitches(search: string = window.location.search): QuerySwitches {
  const params = new URLSearchParams(search);
  // Cut to what the server takes: a longer name would be refused at join.
  const name = params.get('name')?.trim().slice(0, LIMITS.displayName).trim() ?? '';
  return { relayOnly: params.get('relay') === '1', name: name || null };
}
