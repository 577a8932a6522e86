/**
 * Coalesce speed readings of each SR from its speed_log. The lines seen last time are kept on
 * the SR row (and in memory), so only lines appended since are stored, each stamped when
 * first seen.
 */
import { bulkInsert } from './bulk-insert';
import type { DbTx } from './rows';
import { newSpeedLines } from './speed-log-lines';

interface SpeedLogState {
  lines: string[] | null;
  lastSeq: number;
}

export class SpeedLogStore {
  private readonly state = new Map<number, SpeedLogState>();

  reset(): void {
    this.state.clear();
  }

  private async load(tx: DbTx, srIds: number[]): Promise<void> {
    const missing = srIds.filter((id) => !this.state.has(id));
    if (missing.length === 0) return;
    const srs = await tx.sr.findMany({ where: { id: { in: missing } }, select: { id: true, speedLogLines: true } });
    const seqs = await tx.speedReading.groupBy({ by: ['srId'], where: { srId: { in: missing } }, _max: { seq: true } });
    const lastSeq = new Map(seqs.map((s) => [s.srId, s._max.seq ?? 0]));
    for (const sr of srs) {
      this.state.set(sr.id, { lines: sr.speedLogLines ? (JSON.parse(sr.speedLogLines) as string[]) : null, lastSeq: lastSeq.get(sr.id) ?? 0 });
    }
  }

  /** `logs`: the whole speed_log of each SR now, by SR id. Returns how many readings were new. */
  async recordAll(tx: DbTx, logs: ReadonlyMap<number, readonly string[]>, atMs: number): Promise<number> {
    await this.load(tx, [...logs.keys()]);
    const at = new Date(atMs);
    const rows: { srId: number; seq: number; at: Date; bytesPerSec: number }[] = [];
    for (const [srId, lines] of logs) {
      const state = this.state.get(srId);
      if (state === undefined) continue;
      const fresh = newSpeedLines(state.lines, lines);
      fresh.forEach((line, i) => rows.push({ srId, seq: state.lastSeq + 1 + i, at, bytesPerSec: Number(line) }));
      state.lastSeq += fresh.length;
      if (state.lines === null || state.lines.join('\n') !== lines.join('\n')) {
        await tx.sr.update({ where: { id: srId }, data: { speedLogLines: JSON.stringify(lines) } });
        state.lines = [...lines];
      }
    }
    await bulkInsert(tx, 'SpeedReading', rows);
    return rows.length;
  }
}
