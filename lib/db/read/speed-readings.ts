/** Coalesce speeds SM measured on an SR (`/run/<sr>.speed_log`), newest first. */
import type { Db } from '../client';

export interface SpeedReadingView {
  /** When the collector first saw the line (SM does not stamp it). */
  atMs: number;
  bytesPerSec: number;
}

export async function listSpeedReadings(db: Db, srId: number, limit: number): Promise<SpeedReadingView[]> {
  const rows = await db.speedReading.findMany({ where: { srId }, orderBy: [{ at: 'desc' }, { seq: 'desc' }], take: limit });
  return rows.map((row) => ({ atMs: row.at.getTime(), bytesPerSec: row.bytesPerSec }));
}
