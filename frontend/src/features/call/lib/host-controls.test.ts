import type { Role } from '@contract/protocol';
import { describe, expect, it, vi } from 'vitest';
import { canHost, HostControls, type HostControlsPorts } from './host-controls';
import type { SessionNotice } from './session-notices';
import { SignalingError } from './signaling-client';
import { FakeSignaling } from './testing/fake-signaling';

const waiting = (id: string, displayName: string) => ({ id, displayName, since: `2030-01-01T00:00:0${id.length}.000Z` });

function setup(role: Role = 'host') {
  const notices: SessionNotice[] = [];
  const ports: HostControlsPorts = {
    notify: (n) => notices.push(n),
    muteSelf: vi.fn(),
    sentOut: vi.fn(),
    admitted: vi.fn(),
    nameOf: (id) => ({ bob: 'Bob', carol: 'Carol' })[id],
  };
  const host = new HostControls(ports);
  const signaling = new FakeSignaling(() => new SignalingError('INTERNAL', 'unused'));
  host.attach(signaling);
  host.adopt({
    selfId: 'me',
    role,
    meeting: { title: null, locked: false },
    waiting: [waiting('w1', 'Eve')],
    peers: [{ id: 'bob', role: 'participant' }, { id: 'carol', role: 'cohost' }],
  });
  return { host, signaling, ports, notices, state: () => host.state.getSnapshot() };
}

describe('HostControls', () => {
  it('when the join ack arrives, then our role, the meeting, the waiting room and everyone’s roles are known', () => {
    const t = setup();
    expect(t.state()).toEqual({
      role: 'host',
      meeting: { title: null, locked: false },
      waiting: [waiting('w1', 'Eve')],
      roles: { bob: 'participant', carol: 'cohost' },
    });
    expect(canHost('host') && canHost('cohost') && !canHost('participant')).toBe(true);
  });

  it('when the host uses each power, then the matching command goes to the server', async () => {
    const t = setup();
    await t.host.lock(true);
    await t.host.rename('  Weekly sync  ');
    await t.host.rename('   ');
    await t.host.admit('w1');
    await t.host.deny('w1');
    await t.host.mute('bob');
    await t.host.muteAll();
    await t.host.remove('bob');
    await t.host.setCoHost('bob', true);
    await t.host.endForAll();
    expect(t.signaling.commands).toEqual([
      { event: 'set-locked', payload: { locked: true } },
      { event: 'set-title', payload: { title: 'Weekly sync' } },
      { event: 'set-title', payload: { title: null } },
      { event: 'admit', payload: { id: 'w1' } },
      { event: 'deny', payload: { id: 'w1' } },
      { event: 'mute-participant', payload: { id: 'bob' } },
      { event: 'mute-all', payload: null },
      { event: 'remove-participant', payload: { id: 'bob' } },
      { event: 'set-co-host', payload: { id: 'bob', coHost: true } },
      { event: 'end-meeting', payload: null },
    ]);
  });

  it('when "Admit all" is used, then everyone waiting is admitted, oldest first', async () => {
    const t = setup();
    t.signaling.fire('waiting-room', { waiting: [waiting('w1', 'Eve'), waiting('w22', 'Finn')] });
    expect(await t.host.admitAll()).toBe(true);
    expect(t.signaling.commands.map((c) => c.payload)).toEqual([{ id: 'w1' }, { id: 'w22' }]);
  });

  it('when the server refuses an action, then it resolves false and the refusal is announced, not thrown', async () => {
    const t = setup();
    t.signaling.refuse = new SignalingError('FORBIDDEN', 'Only the host can do that.');
    expect(await t.host.lock(true)).toBe(false);
    expect(t.notices.at(-1)).toEqual({ type: 'host-action-failed', code: 'FORBIDDEN' });
  });

  it('when someone knocks, then the list updates and only the newcomer is announced', () => {
    const t = setup();
    t.signaling.fire('waiting-room', { waiting: [waiting('w1', 'Eve'), waiting('w22', 'Finn')] });
    expect(t.state().waiting.map((p) => p.displayName)).toEqual(['Eve', 'Finn']);
    expect(t.notices).toEqual([{ type: 'knock', name: 'Finn' }]);
    t.signaling.fire('waiting-room', { waiting: [waiting('w22', 'Finn')] });
    expect(t.notices).toHaveLength(1);
  });

  it('when the meeting is locked and renamed, then the state follows and both changes are announced', () => {
    const t = setup();
    t.signaling.fire('meeting-updated', { title: null, locked: true });
    t.signaling.fire('meeting-updated', { title: 'Retro', locked: true });
    expect(t.state().meeting).toEqual({ title: 'Retro', locked: true });
    expect(t.notices).toEqual([{ type: 'meeting-locked', locked: true }, { type: 'meeting-renamed', title: 'Retro' }]);
  });

  it('when someone else’s role changes, or people come and go, then the roles follow and the change is announced by name', () => {
    const t = setup();
    t.signaling.fire('role-changed', { id: 'bob', role: 'cohost' });
    t.signaling.fire('user-joined', { id: 'dan', displayName: 'Dan', joinedAt: '', media: { audio: false, video: false, screen: false }, role: 'host' });
    t.signaling.fire('user-left', { id: 'carol', reason: 'left' });
    expect(t.state().roles).toEqual({ bob: 'cohost', dan: 'host' });
    expect(t.notices).toEqual([{ type: 'role-changed', name: 'Bob', role: 'cohost' }]);
  });

  it('when our co-host role is withdrawn, then the waiting list is gone with it', () => {
    const t = setup('cohost');
    t.signaling.fire('role-changed', { id: 'me', role: 'participant' });
    expect(t.state()).toMatchObject({ role: 'participant', waiting: [] });
  });

  it('when a host mutes, removes, ends, admits or denies us, then the session is told', () => {
    const t = setup('participant');
    t.signaling.fire('muted-by-host', { by: 'Bob' });
    expect(t.ports.muteSelf).toHaveBeenCalledOnce();
    expect(t.notices).toEqual([{ type: 'muted-by-host', by: 'Bob' }]);
    t.signaling.fire('admission', { meetingId: 'm', admitted: true });
    expect(t.ports.admitted).toHaveBeenCalledOnce();
    t.signaling.fire('admission', { meetingId: 'm', admitted: false });
    t.signaling.fire('removed', { meetingId: 'm', by: 'Bob' });
    t.signaling.fire('meeting-ended', { meetingId: 'm', by: 'Bob' });
    expect(vi.mocked(t.ports.sentOut).mock.calls).toEqual([['ADMISSION_DENIED'], ['REMOVED_BY_HOST'], ['MEETING_ENDED']]);
  });

  it('when detached (we left), then our powers and the list are gone, the title stays, and actions send nothing', async () => {
    const t = setup();
    t.signaling.fire('meeting-updated', { title: 'Retro', locked: false });
    t.host.detach();
    expect(t.state()).toEqual({ role: 'participant', meeting: { title: 'Retro', locked: false }, waiting: [], roles: {} });
    expect(await t.host.lock(true)).toBe(false);
    t.signaling.fire('removed', { meetingId: 'm', by: 'Bob' });
    expect(t.ports.sentOut).not.toHaveBeenCalled();
    expect(t.signaling.commands).toEqual([]);
  });
});
