import type { JoinMeetingResult, MeetingState, PeerInfo, Role, WaitingPerson } from '@contract/protocol';
import { Store, type Observable } from './observable';
import type { SessionNotice } from './session-notices';
import type { SentOutCode } from './session-state';
import { SignalingError, type HostCommands, type SessionSignaling } from './signaling-client';

/** What the host-controls need from the session around them. */
export interface HostControlsPorts {
  notify(notice: SessionNotice): void;
  /** A host muted us: the microphone really goes off (we may turn it on again ourselves). */
  muteSelf(): void;
  /** A host's decision ends our session: removed, meeting ended, or our knock denied. */
  sentOut(code: SentOutCode): void;
  /** A host admitted us from the waiting room: join for real now, on the same connection. */
  admitted(): void;
  /** A participant's display name, for announcements. */
  nameOf(id: string): string | undefined;
}

export interface HostState {
  /** Our own role; `participant` outside a meeting. */
  role: Role;
  /** Title and lock as the server last said; null before the first join. */
  meeting: MeetingState | null;
  /** The waiting room, oldest first (hosts and co-hosts only; empty for others). */
  waiting: WaitingPerson[];
  /** Every other member's role, by participant id. */
  roles: Readonly<Record<string, Role>>;
}

export const canHost = (role: Role): boolean => role === 'host' || role === 'cohost';

const INITIAL: HostState = { role: 'participant', meeting: null, waiting: [], roles: {} };

type HostSignaling = Pick<SessionSignaling, 'on' | 'hostCommand'>;

/**
 * The client half of the host controls: roles, title and lock, the waiting room, and what a host's
 * decision does to us (muted, removed, ended, admitted or denied). Also the host's own actions.
 * The server checks every action; the UI only hides what the role cannot do.
 */
export class HostControls {
  private readonly store = new Store<HostState>(INITIAL);
  readonly state: Observable<HostState> = this.store;
  private signaling: HostSignaling | null = null;
  private unsubscribe: (() => void)[] = [];
  private selfId: string | null = null;

  constructor(private readonly ports: HostControlsPorts) {}

  private get snapshot(): HostState {
    return this.store.getSnapshot();
  }

  /** Host events on this connection reach us from now on (a new seat brings a new connection). */
  attach(signaling: HostSignaling): void {
    this.detach();
    this.signaling = signaling;
    const s = signaling;
    this.unsubscribe = [
      s.on('meeting-updated', (meeting) => this.meetingUpdated(meeting)),
      s.on('role-changed', ({ id, role }) => this.roleChanged(id, role)),
      s.on('waiting-room', ({ waiting }) => this.waitingChanged(waiting)),
      s.on('admission', ({ admitted }) => (admitted ? this.ports.admitted() : this.ports.sentOut('ADMISSION_DENIED'))),
      s.on('muted-by-host', ({ by }) => {
        this.ports.muteSelf();
        this.ports.notify({ type: 'muted-by-host', by });
      }),
      s.on('removed', () => this.ports.sentOut('REMOVED_BY_HOST')),
      s.on('meeting-ended', () => this.ports.sentOut('MEETING_ENDED')),
      s.on('user-joined', (peer) => this.setRoles({ ...this.snapshot.roles, [peer.id]: peer.role })),
      s.on('user-left', ({ id }) => {
        const { [id]: _gone, ...roles } = this.snapshot.roles;
        this.setRoles(roles);
      }),
    ];
  }

  /** The join ack: our role, the meeting's state, the waiting room and everyone's roles. */
  adopt(result: Pick<JoinMeetingResult, 'selfId' | 'role' | 'meeting' | 'waiting'> & { peers: Pick<PeerInfo, 'id' | 'role'>[] }): void {
    this.selfId = result.selfId;
    const roles = Object.fromEntries(result.peers.map((p) => [p.id, p.role]));
    this.store.set({ role: result.role, meeting: result.meeting, waiting: result.waiting, roles });
  }

  /** Out of the meeting: no powers, no list; the title stays for whatever screen comes next. */
  detach(): void {
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    this.signaling = null;
    this.selfId = null;
    this.store.set({ ...INITIAL, meeting: this.snapshot.meeting });
  }

  dispose(): void {
    this.detach();
    this.store.close();
  }

  lock(locked: boolean): Promise<boolean> {
    return this.send('set-locked', { locked });
  }

  rename(title: string): Promise<boolean> {
    const clean = title.trim();
    return this.send('set-title', { title: clean === '' ? null : clean });
  }

  admit(id: string): Promise<boolean> {
    return this.send('admit', { id });
  }

  /** Admits everyone waiting now, oldest first; true if every admission went through. */
  async admitAll(): Promise<boolean> {
    const results = await Promise.all(this.snapshot.waiting.map((p) => this.send('admit', { id: p.id })));
    return results.every(Boolean);
  }

  deny(id: string): Promise<boolean> {
    return this.send('deny', { id });
  }

  remove(id: string): Promise<boolean> {
    return this.send('remove-participant', { id });
  }

  mute(id: string): Promise<boolean> {
    return this.send('mute-participant', { id });
  }

  muteAll(): Promise<boolean> {
    return this.send('mute-all', null);
  }

  endForAll(): Promise<boolean> {
    return this.send('end-meeting', null);
  }

  setCoHost(id: string, coHost: boolean): Promise<boolean> {
    return this.send('set-co-host', { id, coHost });
  }

  /** Sends one host action; a refusal is announced (never thrown), and the answer says which happened. */
  private async send<E extends keyof HostCommands>(event: E, payload: HostCommands[E]): Promise<boolean> {
    const signaling = this.signaling;
    if (!signaling) return false;
    try {
      await signaling.hostCommand(event, payload);
      return true;
    } catch (error) {
      this.ports.notify({ type: 'host-action-failed', code: error instanceof SignalingError ? error.code : 'INTERNAL' });
      return false;
    }
  }

  private meetingUpdated(meeting: MeetingState): void {
    const before = this.snapshot.meeting;
    this.store.patch({ meeting });
    if (!before) return;
    if (before.locked !== meeting.locked) this.ports.notify({ type: 'meeting-locked', locked: meeting.locked });
    if (before.title !== meeting.title) this.ports.notify({ type: 'meeting-renamed', title: meeting.title });
  }

  private roleChanged(id: string, role: Role): void {
    if (id === this.selfId) {
      this.store.patch({ role });
      // A co-host no more: the waiting list is not ours to see.
      if (!canHost(role)) this.store.patch({ waiting: [] });
      this.ports.notify({ type: 'role-changed', name: null, role });
      return;
    }
    this.setRoles({ ...this.snapshot.roles, [id]: role });
    const name = this.ports.nameOf(id);
    if (name !== undefined) this.ports.notify({ type: 'role-changed', name, role });
  }

  private waitingChanged(waiting: WaitingPerson[]): void {
    const known = new Set(this.snapshot.waiting.map((p) => p.id));
    this.store.patch({ waiting });
    // One announcement per knock: the newest newcomer (a burst of knocks is one list change).
    const newcomers = waiting.filter((p) => !known.has(p.id));
    const latest = newcomers.at(-1);
    if (latest) this.ports.notify({ type: 'knock', name: latest.displayName });
  }

  private setRoles(roles: Record<string, Role>): void {
    this.store.patch({ roles });
  }
}
