/** Test and diagnostics switches read from the page URL (docs/ui-contract.md). */
export interface QuerySwitches {
  relayOnly: boolean;
  name: string | null;
}

export function readQuerySwitches(search: string = window.location.search): QuerySwitches {
  const params = new URLSearchParams(search);
  const name = params.get('name')?.trim().slice(0, 60) ?? '';
  return { relayOnly: params.get('relay') === '1', name: name || null };
}
