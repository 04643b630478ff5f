import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTestDb, disconnectTestDb } from '../test/db.js';
import { Attendance } from './attendance.model.js';
import { AttendanceRecorder } from './attendance.service.js';

/** A logger whose error lines the test can read. */
function capturingLogger() {
  const lines: Array<{ level: number; msg: string }> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
      done();
    },
  });
  return { logger: pino({ level: 'warn' }, sink), lines };
}

/** Resolves when `promise` does, or fails the test after `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))]);
}

beforeAll(async () => {
  await connectTestDb();
});
afterAll(async () => {
  await disconnectTestDb();
});

describe('AttendanceRecorder', () => {
  it('when a write is refused for good (not an outage), then it is logged and dropped and later records still land', async () => {
    const { logger, lines } = capturingLogger();
    const recorder = new AttendanceRecorder(logger);
    const first = recorder.open('aaaaa-bbbbb-ccccc', 'p1', 'Alice');
    // An invalid date can never be stored: the write fails the same way however often it is retried.
    recorder.close(first, 'left', new Date(Number.NaN));
    const later = recorder.open('aaaaa-bbbbb-ccccc', 'p2', 'Bob');

    await within(recorder.drained(), 3000, 'the queue to drain past the refused write');
    recorder.stop();
    expect(recorder.pending).toBe(0);
    expect(await Attendance.findById(later).lean()).toMatchObject({ participantId: 'p2', displayName: 'Bob', leftAt: null });
    expect(lines).toContainEqual(expect.objectContaining({ level: 50, msg: 'attendance write refused by the database; dropped' }));
  });
});
