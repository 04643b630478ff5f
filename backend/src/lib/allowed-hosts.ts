import { isIP } from 'node:net';
import type { Config } from '../config.js';

/** CORS_ORIGINS plus the site's own public origin (which a proxy may not pass on as Host). */
export function allowedOrigins(config: Config): string[] {
  return config.http.publicOrigin ? [...config.http.corsOrigins, config.http.publicOrigin] : config.http.corsOrigins;
}

/** `Host` header → lower-case host name without port or IPv6 brackets. */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  const colon = h.lastIndexOf(':');
  return colon >= 0 && h.indexOf(':') === colon ? h.slice(0, colon) : h;
}

/**
 * Which `Host` headers this server answers to, against DNS rebinding: a page on `evil.example`
 * whose name is re-pointed at this server reaches it same-origin, with `Origin` and `Host` both
 * `evil.example`, so an Origin check alone lets it in. Allowed: the host of `PUBLIC_ORIGIN` and of
 * each `CORS_ORIGINS` entry, each `ALLOWED_HOSTS` entry (`name`, `name:port`, or `.example.com`
 * for it and its subdomains), and always IP literals and `localhost`, which cannot be rebound
 * (a page served from an IP address is that address's own origin).
 */
export function hostAllowlist(config: Config): (host: string | undefined) => boolean {
  const origins = [config.http.publicOrigin, ...config.http.corsOrigins].filter((o): o is string => !!o && o !== '*');
  const exact = new Set<string>();
  const suffixes: string[] = [];
  for (const o of origins) {
    try {
      exact.add(new URL(o).hostname.toLowerCase().replace(/^\[|\]$/g, ''));
    } catch {
      // Not a URL: nothing to allow.
    }
  }
  for (const entry of config.http.allowedHosts) {
    if (entry.startsWith('.')) suffixes.push(entry);
    else exact.add(entry);
  }
  return (host) => {
    if (!host) return false;
    const name = hostName(host);
    if (isIP(name) !== 0 || name === 'localhost' || name.endsWith('.localhost')) return true;
    if (exact.has(name) || exact.has(host.trim().toLowerCase())) return true;
    return suffixes.some((s) => name === s.slice(1) || name.endsWith(s));
  };
}
