// GET /api/pools/[id]/forecast: per VM, will XO's next backup run or be skipped; per SR, how fast its GC clears the backlog.
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { badRequest, json, notFound, parseRequest, serverError, withUser } from '@/app/_server/http';
import { poolIdParams } from '../../../_lib/schedules';
import { forecastCache as cache } from './forecast-cache';
import { readPoolForecast } from './forecast-view';

const paramsSchema = poolIdParams;
const query = z.object({});

export const GET = withUser(async (req: Request, _user, ctx: { params: Promise<{ id: string }> }) => {
  const params = paramsSchema.safeParse(await ctx.params);
  if (!params.success) return badRequest('Invalid pool id.', params.error.issues.map((i) => ({ path: 'id', message: i.message })));
  const parsed = await parseRequest(req, query);
  if (!parsed.ok) return parsed.response;
  try {
    const forecast = await cache.get(params.data.id, () => readPoolForecast(db(), params.data.id, Date.now()));
    return forecast === null ? notFound('No watched pool has this id.') : json(forecast);
  } catch (err) {
    console.error(`GET /api/pools/${params.data.id}/forecast:`, err);
    return serverError('Computing the forecast failed: see the server log.');
  }
});
