/**
 * Parsed SMGC lines of one host, stored once each. What a line says (GcLine: its text and SR)
 * is stored once however often SM logs it; each time it is logged is a GcEvent (time,
 * pid, line). Reading the same bytes again after a restart or a rotation adds nothing: a line
 * is new only when its time, pid and line occur more often in the read than in the table.
 */
import { createHash } from 'node:crypto';
import type { SmlogEvent } from '../vhd/types';
import { bulkInsert, text } from './bulk-insert';
import { slices } from './read/slices';
import type { DbTx } from './rows';

/** Kinds not worth keeping: shell commands SM ran, and lines no rule recognised. */
const SKIPPED_KINDS = new Set(['command', 'other']);

/**
 * What one SMGC line says, as GcLine stores it. Its kind and numbers are not stored: the
 * parser's classifier reads them from the text alone, and readers classify it again.
 */
export interface GcLineValues {
  message: string;
  srUuid: string | null;
}

/** One logged line: when, by which process, saying what. */
export interface GcLineAt {
  atMs: number;
  pid: number;
  line: GcLineValues;
}

/**
 * The VHD lines under a tree dump's header repeat, on every GC round, the tree the scan
 * already stores; the header (with its VDI and tree counts) is kept.
 */
function worthKeeping(event: SmlogEvent): boolean {
  if (event.ident !== 'SMGC' || SKIPPED_KINDS.has(event.kind)) return false;
  return event.kind !== 'tree-dump' || event.vdiCount !== undefined || event.srUuid !== undefined;
}

/** A parsed line as GcLine stores it (text as stored, so that it compares with what is read back). */
export function gcLineOf(event: SmlogEvent): GcLineValues {
  return { message: text(event.message), srUuid: event.srUuid === undefined ? null : text(event.srUuid) };
}

/** Identifies a line by all it stores (JSON: no separator can be forged by the text). */
export function gcLineKey(line: GcLineValues): string {
  return JSON.stringify([line.message, line.srUuid]);
}

/** 31 bits of SHA-1 of the line's key: a lookup key (an Int column), compared in full after. */
export function gcLineHash(line: GcLineValues): number {
  return createHash('sha1').update(gcLineKey(line)).digest().readUInt32BE(0) >>> 1;
}

const occurrenceKey = (e: GcLineAt) => `${e.atMs}|${e.pid}|${gcLineKey(e.line)}`;

/**
 * The lines of `read` not stored yet: a line logged twice in the same second by the same
 * process is two events, so each stored occurrence accounts for one read occurrence.
 */
export function unstoredLines(read: readonly GcLineAt[], stored: readonly GcLineAt[]): GcLineAt[] {
  const left = new Map<string, number>();
  for (const e of stored) left.set(occurrenceKey(e), (left.get(occurrenceKey(e)) ?? 0) + 1);
  return read.filter((e) => {
    const key = occurrenceKey(e);
    const count = left.get(key) ?? 0;
    if (count === 0) return true;
    left.set(key, count - 1);
    return false;
  });
}

const LINE_SELECT = { id: true, message: true, srUuid: true } as const;

/** The GcLine id of each distinct line, by key: found by hash, created (in bulk) when missing. */
async function lineIds(tx: DbTx, lines: readonly GcLineValues[]): Promise<Map<string, number>> {
  const wanted = new Map(lines.map((line) => [gcLineKey(line), line]));
  const ids = new Map<string, number>();
  const lookUp = async (hashes: number[]) => {
    for (const part of slices([...new Set(hashes)])) {
      const found = await tx.gcLine.findMany({ where: { hash: { in: part } }, select: LINE_SELECT });
      for (const row of found) if (wanted.has(gcLineKey(row)) && !ids.has(gcLineKey(row))) ids.set(gcLineKey(row), row.id);
    }
  };
  await lookUp([...wanted.values()].map(gcLineHash));
  const missing = [...wanted].filter(([key]) => !ids.has(key)).map(([, line]) => ({ hash: gcLineHash(line), ...line }));
  if (missing.length > 0) {
    await bulkInsert(tx, 'GcLine', missing);
    await lookUp(missing.map((line) => line.hash));
  }
  return ids;
}

/** Stores the SMGC events of `events` not stored yet; returns how many were new. */
export async function storeGcEvents(tx: DbTx, poolId: number, hostId: number, events: readonly SmlogEvent[]): Promise<number> {
  const read: GcLineAt[] = events.filter(worthKeeping).map((event) => ({ atMs: event.atMs, pid: event.pid, line: gcLineOf(event) }));
  if (read.length === 0) return 0;
  const times = read.map((e) => e.atMs);
  const storedRows = await tx.gcEvent.findMany({
    where: { poolId, hostId, at: { gte: new Date(Math.min(...times)), lte: new Date(Math.max(...times)) } },
    select: { at: true, pid: true, line: { select: LINE_SELECT } },
  });
  const stored = storedRows.map((row) => ({ atMs: row.at.getTime(), pid: row.pid, line: row.line }));
  const fresh = unstoredLines(read, stored);
  if (fresh.length === 0) return 0;
  const ids = await lineIds(tx, fresh.map((e) => e.line));
  await bulkInsert(
    tx,
    'GcEvent',
    fresh.map((e) => ({ poolId, hostId, lineId: ids.get(gcLineKey(e.line))!, at: new Date(e.atMs), pid: e.pid })),
  );
  return fresh.length;
}

export async function setSmlogOffset(tx: DbTx, hostId: number, offsetBytes: number): Promise<void> {
  await tx.host.update({ where: { id: hostId }, data: { smlogOffsetBytes: BigInt(offsetBytes) } });
}
