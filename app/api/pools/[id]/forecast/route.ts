// GET /api/pools/[id]/forecast: per VM, will XO's next backup run or be skipped; per SR, how fast its GC clears the backlog.
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { json, notFound } from '@/app/_server/http';
import { poolRoute } from '../../../_lib/pool-route';
import { forecastCache } from './forecast-cache';
import { readPoolForecast } from './forecast-view';

export const GET = poolRoute({ input: z.object({}), failure: 'Computing the forecast failed' }, async (poolId) => {
  const forecast = await forecastCache.get(poolId, () => readPoolForecast(db(), poolId, Date.now()));
  return forecast === null ? notFound('No watched pool has this id.') : json(forecast);
});
