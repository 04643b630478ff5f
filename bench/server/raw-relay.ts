/**
 * The floor for the relay benchmark: the least a relay can do over WebSockets. It joins a socket
 * to a meeting, then for offer / answer / ice-candidate looks the addressee up in the sender's
 * meeting and forwards the payload with `from` stamped. Same JSON array frames as Socket.io's
 * `42["offer",{...}]`, no validation, no rate limit, no rooms, no acks.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { processUsage, serveParent } from '../lib/child.js';

const port = Number(process.argv[2] ?? 0);
const meetings = new Map<string, Map<string, WebSocket>>();
const http = createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ server: http, path: '/raw', maxPayload: 64 * 1024 });

wss.on('connection', (ws) => {
  const selfId = randomBytes(15).toString('base64url');
  let meeting: Map<string, WebSocket> | undefined;
  ws.on('message', (data) => {
    const [event, payload] = JSON.parse(String(data)) as [string, { meetingId?: string; to?: string; sdp?: string; candidate?: unknown }];
    if (event === 'join-meeting' && payload.meetingId) {
      meeting = meetings.get(payload.meetingId) ?? new Map();
      meetings.set(payload.meetingId, meeting);
      meeting.set(selfId, ws);
      ws.send(JSON.stringify(['joined', { selfId }]));
      return;
    }
    const target = payload.to ? meeting?.get(payload.to) : undefined;
    if (!target) return;
    const out = event === 'ice-candidate' ? { from: selfId, candidate: payload.candidate ?? null } : { from: selfId, sdp: payload.sdp };
    target.send(JSON.stringify([event, out]));
  });
  ws.on('close', () => meeting?.delete(selfId));
});

http.listen(port, '127.0.0.1', () => {
  const addr = http.address();
  serveParent({ usage: () => ({ ...processUsage(), sockets: wss.clients.size }), gc: () => {
      (globalThis as { gc?: () => void }).gc?.();
      return { ...processUsage(), sockets: wss.clients.size };
    },
  });
  process.once('SIGTERM', () => process.exit(0));
  process.send?.({ type: 'ready', port: typeof addr === 'object' && addr ? addr.port : port });
});
