import type { MediaState, PeerInfo } from '@contract/protocol';
import type { MediaTransport, RemoteMedia } from './media-transport';
import { Store, type Observable } from './observable';
import type { PeerView } from './session-types';

export interface RosterEvents {
  /** A participant's received media changed (the session plays their audio). */
  media(participantId: string, media: RemoteMedia): void;
  /** A participant left the roster. */
  removed(participantId: string): void;
}

/**
 * The remote participants as the UI renders them: who is in (from signaling) joined with their
 * media and connection state (from the transport). The one place that knows both, so a second
 * transport during an SFU switch plugs in here.
 */
export class Roster {
  private readonly store = new Store<PeerView[]>([]);
  /** Oldest first; a new array on every change. */
  readonly state: Observable<PeerView[]> = this.store;
  private transport: MediaTransport | null = null;
  private unsubscribe: (() => void)[] = [];
  private selfId: string | null = null;
  /**
   * Our ids from before a reconnect. After a server crash with shared (Redis) presence, our old
   * seat lingers until its lease runs out and shows up in the rejoin's peer list: it is not a
   * person, so it gets no tile and no connection.
   */
  private readonly formerSelfIds = new Set<string>();

  constructor(private readonly events: RosterEvents) {}

  get peers(): PeerView[] {
    return this.store.getSnapshot();
  }

  /** Media for everyone goes through `transport` from now on (null: none, e.g. after leaving). */
  use(transport: MediaTransport | null): void {
    this.clear();
    this.listen(transport);
    // A new seat: our id is not known until the join ack (`seat`).
    this.selfId = null;
  }

  /**
   * Same seat, same people, media through `transport` from now on (a mesh → SFU handover that
   * wraps the current transport): the tiles stay, each participant is announced to it.
   */
  handOver(transport: MediaTransport): void {
    this.listen(transport);
    for (const { id, media } of this.peers) transport.addParticipant({ id, media }, { initiator: false });
  }

  private listen(transport: MediaTransport | null): void {
    for (const off of this.unsubscribe) off();
    this.transport = transport;
    if (!transport) return void (this.unsubscribe = []);
    this.unsubscribe = [
      transport.on('state', ({ participantId, state }) => this.update(participantId, { connectionState: state })),
      transport.on('media', ({ participantId, media }) => {
        this.events.media(participantId, media);
        this.update(participantId, { audio: media.audio, video: media.video, screen: media.screen });
      }),
      transport.on('unannounced', ({ participantId }) => this.add(placeholderPeer(participantId), false)),
    ];
  }

  /** We have a seat (`selfId`) and these people are already in; we start the media with each. */
  seat(selfId: string, peers: PeerInfo[]): void {
    this.clear();
    this.selfId = selfId;
    for (const peer of peers) this.add(peer, true);
  }

  /** Our current id belongs to a dropped connection: never treat it as a person. */
  retireSelf(): void {
    if (this.selfId) this.formerSelfIds.add(this.selfId);
  }

  add(info: PeerInfo, initiator: boolean): void {
    const transport = this.transport;
    if (this.formerSelfIds.has(info.id) || !transport || !this.selfId) return;
    if (this.peers.some((p) => p.id === info.id)) {
      transport.updateParticipant(info);
      return this.update(info.id, { displayName: info.displayName, media: info.media, joinedAt: info.joinedAt });
    }
    const media = transport.remoteMedia(info.id);
    const view: PeerView = { ...info, connectionState: transport.connectionState(info.id), speaking: false, ...media };
    this.store.set([...this.peers, view]);
    transport.addParticipant(info, { initiator });
  }

  /** Their media-state changed: the tile shows it, the transport learns their camera/screen mapping. */
  updateMedia(id: string, media: MediaState): void {
    this.transport?.updateParticipant({ id, media });
    this.update(id, { media });
  }

  /** They started or stopped recording the meeting. */
  updateRecording(id: string, recording: boolean): void {
    this.update(id, { recording });
  }

  remove(id: string): void {
    if (!this.peers.some((p) => p.id === id)) return;
    this.transport?.removeParticipant(id);
    this.store.set(this.peers.filter((p) => p.id !== id));
    this.events.removed(id);
  }

  clear(): void {
    for (const { id } of this.peers) this.remove(id);
  }

  /** Sets each `speaking` flag from the active-speaker detector. */
  setSpeakers(speakers: ReadonlySet<string>): void {
    if (this.peers.every((p) => p.speaking === speakers.has(p.id))) return;
    this.store.set(this.peers.map((p) => (p.speaking === speakers.has(p.id) ? p : { ...p, speaking: speakers.has(p.id) })));
  }

  private update(id: string, patch: Partial<PeerView>): void {
    if (!this.peers.some((p) => p.id === id)) return;
    this.store.set(this.peers.map((p) => (p.id === id ? { ...p, ...patch } : p)));
  }
}

/** Someone whose media arrived before signaling named them; the name follows with `user-joined`. */
function placeholderPeer(id: string): PeerInfo {
  return { id, displayName: 'Guest', joinedAt: new Date().toISOString(), media: { audio: false, video: false, screen: false }, role: 'participant' };
}
