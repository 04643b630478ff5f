import { io } from 'socket.io-client';
import WebSocket from 'ws';

export type Transport = 'socketio' | 'raw';

/** One simulated participant, whatever carries its messages. */
export interface BenchClient {
  selfId: string;
  send(event: string, payload: object): void;
  onRelay(handler: (event: string, payload: Record<string, unknown>) => void): void;
  close(): void;
}

const RELAYED = ['offer', 'answer', 'ice-candidate'] as const;

/** Connects without joining (the idle benchmark), resolving once the socket is open. */
export function connectSocketIo(url: string, timeoutMs = 20_000) {
  const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: timeoutMs });
  return new Promise<typeof socket>((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** A socket.io-client participant joined to `meetingId`, as the SPA's signaling client does it. */
export async function socketIoClient(url: string, meetingId: string, name: string): Promise<BenchClient> {
  const socket = await connectSocketIo(url);
  const ack = (await socket.timeout(20_000).emitWithAck('join-meeting', { meetingId, displayName: name })) as {
    ok: boolean;
    selfId?: string;
    error?: { code: string };
  };
  if (!ack.ok || !ack.selfId) throw new Error(`join failed: ${JSON.stringify(ack)}`);
  return {
    selfId: ack.selfId,
    // Fire-and-forget like the SPA (frontend signaling-client emits relay events without acks).
    send: (event, payload) => socket.emit(event, payload),
    onRelay(handler) {
      for (const ev of RELAYED) socket.on(ev, (p: Record<string, unknown>) => handler(ev, p));
    },
    close: () => socket.close(),
  };
}

/** The same participant over a bare `ws` socket to the raw relay (bench/server/raw-relay.ts). */
export async function rawClient(url: string, meetingId: string): Promise<BenchClient> {
  const ws = new WebSocket(url.replace(/^http/, 'ws') + '/raw');
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const selfId = await new Promise<string>((resolve) => {
    ws.once('message', (data) => resolve((JSON.parse(String(data)) as [string, { selfId: string }])[1].selfId));
    ws.send(JSON.stringify(['join-meeting', { meetingId }]));
  });
  return {
    selfId,
    send: (event, payload) => ws.send(JSON.stringify([event, payload])),
    onRelay(handler) {
      ws.on('message', (data) => {
        const [event, payload] = JSON.parse(String(data)) as [string, Record<string, unknown>];
        handler(event, payload);
      });
    },
    close: () => ws.close(),
  };
}
