/** Options for a livekit-server started by this project (development script and tests). */
export interface LiveKitServerOptions {
  /** HTTP/WebSocket port (signaling + server API). */
  port: number;
  /** ICE/TCP fallback port. */
  rtcTcpPort: number;
  /** One UDP port for all media (UDP mux). Production opens a range instead; see docs/sfu.md. */
  rtcUdpPort: number;
  /** The address advertised in ICE candidates; loopback for development. */
  nodeIp?: string;
  apiKey: string;
  apiSecret: string;
  /** Where LiveKit posts its events (the backend's /api/livekit/webhook). */
  webhookUrl?: string;
  /** `host:port`: LiveKit's multi-node mode, nodes sharing rooms through Redis. */
  redisAddress?: string;
  /** The backend's TURN_URLS and TURN_SECRET: LiveKit mints coturn credentials from the same secret. */
  turn?: { urls: string[]; secret: string };
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}

export interface LiveKitTurnServer {
  host: string;
  port: number;
  protocol: 'udp' | 'tcp' | 'tls';
  secret: string;
}

/**
 * `rtc.turn_servers` from TURN URLs as the backend takes them (`turn:host:3478?transport=udp`,
 * `turns:host:5349?transport=tcp`). LiveKit hands its clients credentials minted with the
 * same static-auth secret, so coturn accepts SFU clients exactly as it accepts mesh ones.
 */
export function turnServersFrom(urls: string[], secret: string): LiveKitTurnServer[] {
  const servers: LiveKitTurnServer[] = [];
  for (const raw of urls) {
    const m = /^(turns?):([^:?]+)(?::(\d+))?(?:\?transport=(udp|tcp))?$/i.exec(raw.trim());
    if (!m) throw new Error(`not a TURN URL: ${raw}`);
    const [, scheme, host, port, transport] = m;
    const tls = scheme!.toLowerCase() === 'turns';
    servers.push({
      host: host!,
      port: Number(port ?? (tls ? 5349 : 3478)),
      protocol: tls ? 'tls' : transport?.toLowerCase() === 'tcp' ? 'tcp' : 'udp',
      secret,
    });
  }
  return servers;
}

/**
 * The server's configuration as an object. JSON is YAML, so `JSON.stringify` of this is a valid
 * `--config-body`. Rooms are never auto-created: only the backend creates them, for meetings it
 * moved to the SFU.
 */
export function livekitServerConfig(o: LiveKitServerOptions): Record<string, unknown> {
  const nodeIp = o.nodeIp ?? '127.0.0.1';
  const loopback = nodeIp === '127.0.0.1';
  return {
    port: o.port,
    ...(loopback ? { bind_addresses: ['127.0.0.1'] } : {}),
    rtc: {
      node_ip: nodeIp,
      use_external_ip: false,
      enable_loopback_candidate: loopback,
      udp_port: o.rtcUdpPort,
      tcp_port: o.rtcTcpPort,
      ...(o.turn ? { turn_servers: turnServersFrom(o.turn.urls, o.turn.secret) } : {}),
    },
    keys: { [o.apiKey]: o.apiSecret },
    room: { auto_create: false },
    ...(o.webhookUrl ? { webhook: { api_key: o.apiKey, urls: [o.webhookUrl] } } : {}),
    ...(o.redisAddress ? { redis: { address: o.redisAddress } } : {}),
    logging: { level: o.logLevel ?? 'info' },
  };
}
