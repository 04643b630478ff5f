import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { SignalingClient } from './signaling-client';

/** A real Socket.io server on port 0 that admits everyone to an empty meeting. */
async function startServer() {
  const http: HttpServer = createServer();
  const io = new Server(http);
  let connections = 0;
  io.on('connection', (socket) => {
    connections += 1;
    socket.on('join-meeting', (request: { meetingId: string }, ack: (r: object) => void) =>
      ack({ ok: true, selfId: socket.id, meetingId: request.meetingId, peers: [], iceServers: [], maxParticipants: 6, chat: [] }),
    );
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return { io, url, connections: () => connections, live: () => io.engine.clientsCount };
}

describe('SignalingClient', () => {
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let client: SignalingClient | undefined;
  afterEach(async () => {
    client?.close();
    await server?.io.close();
  });

  it('when the lobby warm-up and "Join now" overlap, then they share one socket and none leaks', async () => {
    server = await startServer();
    client = new SignalingClient(server.url);
    const warmUp = client.connect();
    const joined = client.join({ meetingId: 'abcde-fghij-klmno', displayName: 'Ada' });
    await Promise.all([warmUp, joined]);
    expect(server.connections()).toBe(1);
    expect(server.live()).toBe(1);
  });

  it('when the client is closed, then the server sees its socket go', async () => {
    server = await startServer();
    client = new SignalingClient(server.url);
    await client.connect();
    client.close();
    const deadline = Date.now() + 5_000;
    while (server.live() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(server.live()).toBe(0);
  });
});
