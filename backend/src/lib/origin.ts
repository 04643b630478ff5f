/**
 * Allows same-origin requests and the configured origins; `origin` absent = not a browser.
 * One rule for the REST API's CORS and the Socket.io handshake (WebSockets ignore CORS).
 */
export function isOriginAllowed(origin: string | undefined, host: string | undefined, allowlist: string[]): boolean {
  if (!origin) return true;
  if (allowlist.includes('*') || allowlist.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
