import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../../../../../testkit/wait';
import { SignalingClient, SignalingError } from './signaling-client';

/**
 * A real Socket.io server on port 0 playing a locked meeting: the first join knocks
 * (WAITING_FOR_HOST), host commands are recorded and refused when `refuse` is set.
 */
async function startServer() {
  const http: HttpServer = createServer();
  const io = new Server(http);
  const commands: { event: string; args: unknown[] }[] = [];
  const sockets: Socket[] = [];
  io.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('join-meeting', (_request: unknown, ack: (r: object) => void) =>
      ack({ ok: false, error: { code: 'WAITING_FOR_HOST', message: 'The meeting is locked.' } }),
    );
    for (const event of ['set-locked', 'mute-all', 'set-co-host']) {
      socket.on(event, (...args: unknown[]) => {
        const ack = args.pop() as (r: object) => void;
        commands.push({ event, args });
        ack(event === 'set-co-host' ? { ok: false, error: { code: 'FORBIDDEN', message: 'Only the host can do that.' } } : { ok: true });
      });
    }
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { io, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, commands, sockets };
}

describe('SignalingClient host controls', () => {
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let client: SignalingClient | undefined;
  afterEach(async () => {
    client?.close();
    await server?.io.close();
  });

  it('when host commands are sent, then each reaches the server with its payload (none for mute-all), and a refusal rejects with its code', async () => {
    server = await startServer();
    client = new SignalingClient(server.url);
    await client.connect();
    await client.hostCommand('set-locked', { locked: true });
    await client.hostCommand('mute-all', null);
    const refused = await client.hostCommand('set-co-host', { id: 'x', coHost: true }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SignalingError);
    expect((refused as SignalingError).code).toBe('FORBIDDEN');
    expect(server.commands).toEqual([
      { event: 'set-locked', args: [{ locked: true }] },
      { event: 'mute-all', args: [] },
      { event: 'set-co-host', args: [{ id: 'x', coHost: true }] },
    ]);
  });

  it('when we knock and the server then relays host events, then they reach our listeners', async () => {
    server = await startServer();
    client = new SignalingClient(server.url);
    const seen: string[] = [];
    client.on('admission', ({ admitted }) => seen.push(`admission:${admitted}`));
    client.on('waiting-room', ({ waiting }) => seen.push(`waiting:${waiting.length}`));
    const knock = await client.join({ meetingId: 'abcde-fghij-klmno', displayName: 'Ada' }).catch((e: unknown) => e);
    expect((knock as SignalingError).code).toBe('WAITING_FOR_HOST');
    server.sockets[0]!.emit('waiting-room', { waiting: [] });
    server.sockets[0]!.emit('admission', { meetingId: 'abcde-fghij-klmno', admitted: true });
    await waitUntil(() => seen.length === 2, 5_000, 'host events');
    expect(seen).toEqual(['waiting:0', 'admission:true']);
  });

  it('when the connection drops while we wait, then "knock-lost" is emitted (the server forgot the knock)', async () => {
    server = await startServer();
    client = new SignalingClient(server.url);
    let lost = 0;
    client.on('knock-lost', () => (lost += 1));
    await client.join({ meetingId: 'abcde-fghij-klmno', displayName: 'Ada' }).catch(() => undefined);
    server.sockets[0]!.disconnect(true);
    await waitUntil(() => lost === 1, 5_000, 'knock-lost');
  });
});
