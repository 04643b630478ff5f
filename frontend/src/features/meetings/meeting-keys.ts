import { localStore } from '../../lib/local-store';

/** Where the keys live: localStorage in the browser, a map in tests. */
export interface KeyStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

/**
 * The secrets this browser keeps per meeting: the host key (from creating the meeting, or from a
 * host link) and the client key the server issued at the first join. Both go back with every
 * join, so a host who reloads is the host again and a co-host stays a co-host (README, "Host controls").
 */
export function meetingKeys(storage: KeyStorage = localStore) {
  const read = (name: string) => storage.get(name) ?? undefined;
  return {
    hostKey: (meetingId: string) => read(`meet:host-key:${meetingId}`),
    saveHostKey: (meetingId: string, key: string) => storage.set(`meet:host-key:${meetingId}`, key),
    clientKey: (meetingId: string) => read(`meet:client-key:${meetingId}`),
    saveClientKey: (meetingId: string, key: string) => storage.set(`meet:client-key:${meetingId}`, key),
  };
}

const HOST_FRAGMENT = /(?:^#|&)host=([\w-]{16,64})(?:&|$)/;

/** A link that makes whoever opens it a host: the key rides in the fragment, which never reaches a server or its logs. */
export function hostLink(meetingUrl: string, hostKey: string): string {
  return `${meetingUrl}#host=${hostKey}`;
}

/** The host key in a host link's fragment (`location.hash`), if any. */
export function hostKeyFromHash(hash: string): string | undefined {
  return HOST_FRAGMENT.exec(hash)?.[1];
}
