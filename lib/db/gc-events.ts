/**
 * Parsed SMGC lines of one host, stored once each: a line's key is its time, pid and text
 * (plus how many identical lines came before it in the same read), so reading the same bytes
 * again after a restart or a rotation adds nothing.
 */
import { createHash } from 'node:crypto';
import type { SmlogEvent } from '../vhd/types';
import { bytes, type DbTx } from './rows';

/** Kinds not worth keeping: shell commands SM ran, and lines no rule recognised. */
const SKIPPED_KINDS = new Set(['command', 'other']);

/**
 * The VHD lines under a tree dump's header repeat, on every GC round, the tree the scan
 * already stores; the header (with its VDI and tree counts) is kept.
 */
function worthKeeping(event: SmlogEvent): boolean {
  if (event.ident !== 'SMGC' || SKIPPED_KINDS.has(event.kind)) return false;
  return event.kind !== 'tree-dump' || event.vdiCount !== undefined || event.srUuid !== undefined;
}

/** 72 bits of a hash of the line: collisions among one host's lines are out of reach. */
export function gcEventKey(event: SmlogEvent, occurrence: number): string {
  return createHash('sha1').update(`${event.atMs}|${event.pid}|${event.ident}|${event.message}|${occurrence}`).digest('base64url').slice(0, 12);
}

/** Stores the SMGC events of `events` not stored yet; returns how many were new. */
export async function storeGcEvents(tx: DbTx, poolId: number, hostId: number, events: readonly SmlogEvent[]): Promise<number> {
  const occurrences = new Map<string, number>();
  const candidates = new Map<string, SmlogEvent>();
  for (const event of events) {
    if (!worthKeeping(event)) continue;
    const base = `${event.atMs}|${event.pid}|${event.message}`;
    const occurrence = occurrences.get(base) ?? 0;
    occurrences.set(base, occurrence + 1);
    candidates.set(gcEventKey(event, occurrence), event);
  }
  if (candidates.size === 0) return 0;
  const keys = [...candidates.keys()];
  const existing = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const found = await tx.gcEvent.findMany({ where: { hostId, dedupKey: { in: keys.slice(i, i + 500) } }, select: { dedupKey: true } });
    for (const row of found) existing.add(row.dedupKey);
  }
  const data = [...candidates]
    .filter(([key]) => !existing.has(key))
    .map(([dedupKey, event]) => ({
      poolId,
      hostId,
      dedupKey,
      srUuid: event.srUuid ?? null,
      at: new Date(event.atMs),
      kind: event.kind,
      pid: event.pid,
      message: event.message,
      vdiPrefixes: JSON.stringify(event.vdis.map((vdi) => vdi.uuidPrefix)),
      sizeBytes: event.sizeBytes === undefined ? null : bytes(event.sizeBytes),
    }));
  for (let i = 0; i < data.length; i += 500) await tx.gcEvent.createMany({ data: data.slice(i, i + 500) });
  return data.length;
}

export async function setSmlogOffset(tx: DbTx, hostId: number, offsetBytes: number): Promise<void> {
  await tx.host.update({ where: { id: hostId }, data: { smlogOffsetBytes: BigInt(offsetBytes) } });
}
