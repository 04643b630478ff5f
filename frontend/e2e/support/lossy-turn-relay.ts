import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';

// Shared by the browser suite; no test-runner imports here.

const STUN_MAGIC = 0x2112a442;
const USERNAME = 0x0006;
const SEND_INDICATION = 0x0016;

/** One browser-side TURN client address and what we learned about it. */
interface Client {
  upstream: Socket;
  /** The participant id from its TURN username (`<expiry>:<participantId>`, see ice-servers.ts). */
  participant: string | null;
  sent: number;
}

/**
 * A UDP relay in front of coturn that loses a chosen share of one participant's media on its way
 * to the TURN server: that person's uplink, as a bad Wi-Fi would. Browsers join with `?relay=1`,
 * so all their media goes through TURN and therefore through here. Who is who comes from the TURN
 * username the backend mints per participant, read from the client's STUN requests. Only media
 * is dropped (ChannelData and Send indications, which carry RTP, RTCP and ICE checks); TURN's own
 * requests pass, so allocations and permissions stay up as they would on a lossy line with retries.
 * Losses are spread evenly (packet n of every 100 for the first `percent` values of n·37 mod 100),
 * so a 25 % loss is 25 % in every interval, not on average.
 */
export class LossyTurnRelay {
  port = 0;
  private front: Socket | undefined;
  private readonly clients = new Map<string, Client>();
  private readonly loss = new Map<string, number>();
  /** Media packets dropped so far, per participant id. */
  readonly dropped = new Map<string, number>();

  constructor(private readonly target: () => number) {}

  get url(): string {
    return `turn:127.0.0.1:${this.port}?transport=udp`;
  }

  /** From now on `percent` of `participantId`'s media packets towards coturn are lost (0: none). */
  setUplinkLoss(participantId: string, percent: number): void {
    this.loss.set(participantId, percent);
  }

  async start(): Promise<void> {
    const front = createSocket('udp4');
    this.front = front;
    front.on('message', (msg, from) => this.fromBrowser(msg, from));
    await new Promise<void>((resolve, reject) => {
      front.once('error', reject);
      front.bind(0, '127.0.0.1', () => resolve());
    });
    this.port = front.address().port;
  }

  async stop(): Promise<void> {
    for (const client of this.clients.values()) client.upstream.close();
    this.clients.clear();
    await new Promise<void>((resolve) => (this.front ? this.front.close(() => resolve()) : resolve()));
  }

  private fromBrowser(msg: Buffer, from: RemoteInfo): void {
    const key = `${from.address}:${from.port}`;
    let client = this.clients.get(key);
    if (!client) {
      const upstream = createSocket('udp4');
      upstream.on('message', (reply) => this.front?.send(reply, from.port, from.address));
      upstream.on('error', () => undefined);
      upstream.bind(0, '127.0.0.1');
      client = { upstream, participant: null, sent: 0 };
      this.clients.set(key, client);
    }
    const stunType = stunMessageType(msg);
    if (stunType !== null) client.participant ??= participantOf(msg);
    const isMedia = stunType === null ? isChannelData(msg) : stunType === SEND_INDICATION;
    const percent = client.participant ? (this.loss.get(client.participant) ?? 0) : 0;
    if (isMedia && percent > 0) {
      const n = client.sent++;
      if ((n * 37) % 100 < percent) {
        this.dropped.set(client.participant ?? '', (this.dropped.get(client.participant ?? '') ?? 0) + 1);
        return;
      }
    }
    client.upstream.send(msg, this.target(), '127.0.0.1');
  }
}

function stunMessageType(msg: Buffer): number | null {
  if (msg.length < 20 || (msg[0] ?? 0xff) & 0xc0 || msg.readUInt32BE(4) !== STUN_MAGIC) return null;
  return msg.readUInt16BE(0);
}

/** ChannelData: the first two bits are 01 (channel numbers 0x4000-0x7FFF). */
function isChannelData(msg: Buffer): boolean {
  const first = msg[0] ?? 0;
  return first >= 0x40 && first <= 0x7f;
}

/** The participant id in a STUN request's USERNAME (`<expiry>:<participantId>`), if it has one. */
function participantOf(msg: Buffer): string | null {
  const end = Math.min(msg.length, 20 + msg.readUInt16BE(2));
  for (let at = 20; at + 4 <= end; ) {
    const type = msg.readUInt16BE(at);
    const length = msg.readUInt16BE(at + 2);
    if (type === USERNAME) {
      const username = msg.toString('utf8', at + 4, at + 4 + length);
      const colon = username.indexOf(':');
      return colon >= 0 ? username.slice(colon + 1) : null;
    }
    at += 4 + Math.ceil(length / 4) * 4;
  }
  return null;
}
