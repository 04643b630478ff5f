import mongoose from 'mongoose';
import { Meeting } from '../../backend/src/meetings/meeting.model.js';
import { generateMeetingId } from '../../backend/src/meetings/meeting.service.js';

/** Bulk-inserts meetings straight through the driver (no per-document validation) until `total` exist. */
export async function seedMeetings(ids: string[], total: number): Promise<void> {
  const now = Date.now();
  const CHUNK = 5000;
  while (ids.length < total) {
    const docs = Array.from({ length: Math.min(CHUNK, total - ids.length) }, (_, i) => {
      const created = new Date(now - i * 1000);
      return { meetingId: generateMeetingId(), title: i % 3 === 0 ? `Bench meeting ${i}` : null, createdAt: created, lastActiveAt: created, expiresAt: new Date(now + 30 * 86_400_000) };
    });
    await Meeting.collection.insertMany(docs, { ordered: false });
    ids.push(...docs.map((d) => d.meetingId));
  }
}

export interface QueryPlan {
  supported: boolean;
  /** e.g. IXSCAN over meetingId_1, when explain works. */
  summary: string;
  indexes: string[];
}

/** Meeting.find({meetingId}).explain(); mongo-java-server may not implement explain, so also listIndexes. */
export async function queryPlan(sampleId: string): Promise<QueryPlan> {
  const indexes = (await Meeting.collection.listIndexes().toArray()).map((ix) => `${ix.name} ${JSON.stringify(ix.key)}${ix.unique ? ' unique' : ''}`);
  try {
    const plan = (await Meeting.find({ meetingId: sampleId }).explain()) as unknown;
    const text = JSON.stringify(plan);
    const stages = [...new Set(text.match(/"stage":"[A-Z_]+"/g) ?? [])].map((s) => s.slice(9, -1));
    const indexName = /"indexName":"([^"]+)"/.exec(text)?.[1];
    return { supported: true, summary: `${stages.join(' → ') || 'no stages reported'}${indexName ? ` (index ${indexName})` : ''}`, indexes };
  } catch (err) {
    return { supported: false, summary: `explain not supported by this server: ${(err as Error).message.split('\n')[0]}`, indexes };
  }
}

export async function connectBenchDb(uri: string): Promise<void> {
  await mongoose.connect(uri, { serverSelectionTimeoutMS: 5000, autoIndex: true });
  await mongoose.connection.dropDatabase();
  await Meeting.init(); // builds the indexes the server relies on, before any data
}

/** Sequential findOne by random seeded ID straight through the driver, for `seconds`. */
export async function directLookups(ids: string[], seconds: number): Promise<{ p50: number; p99: number; perSec: number }> {
  const { percentile } = await import('../lib/stats.js');
  const times: number[] = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end && times.length < 100_000) {
    const t0 = performance.now();
    await Meeting.collection.findOne({ meetingId: ids[Math.floor(Math.random() * ids.length)] }, { projection: { _id: 0 } });
    times.push(performance.now() - t0);
  }
  return { p50: percentile(times, 50), p99: percentile(times, 99), perSec: times.length / seconds };
}

export async function disconnectBenchDb(opts: { drop?: boolean } = {}): Promise<void> {
  if (opts.drop) await mongoose.connection.dropDatabase().catch(() => {});
  await mongoose.disconnect();
}
