// The dashboard's pool forecast of a pool the collector bench just stored, timed. Bundled on
// its own and loaded by collector-worker.ts only after its memory figures: the API's code
// (and what it imports) stays out of the sync's process until then.
import { readPoolForecast } from '../app/api/pools/[id]/forecast/forecast-view';
import type { Db } from '../lib/db/client';

export interface ForecastFigures {
  /** The first computation in the process. */
  coldMs: number;
  /** The next one. */
  againMs: number;
  /** UTF-8 bytes of the answer's JSON. */
  bytes: number;
}

export async function forecastFigures(db: Db): Promise<ForecastFigures> {
  const { id } = await db.pool.findFirstOrThrow({ select: { id: true } });
  const t0 = performance.now();
  await readPoolForecast(db, id, Date.now());
  const t1 = performance.now();
  const view = await readPoolForecast(db, id, Date.now());
  return { coldMs: t1 - t0, againMs: performance.now() - t1, bytes: Buffer.byteLength(JSON.stringify(view)) };
}
