// DELETE /api/pools/[id]/schedules/[scheduleId]: removes a hand-entered backup schedule.
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { deleteScheduleOverride } from '@/lib/db/schedule-overrides';
import { badRequest, json, notFound, serverError, withUser } from '@/app/_server/http';
import { poolIdParams } from '../../../../_lib/schedules';
import { forecastCache } from '../../forecast/forecast-cache';

const paramsSchema = poolIdParams.extend({ scheduleId: z.coerce.number().int().positive('A schedule id is a positive whole number.') });

export const DELETE = withUser(async (_req: Request, _user, ctx: { params: Promise<{ id: string; scheduleId: string }> }) => {
  const params = paramsSchema.safeParse(await ctx.params);
  if (!params.success) return badRequest('Invalid request.', params.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  const { id: poolId, scheduleId } = params.data;
  try {
    if (!(await deleteScheduleOverride(db(), poolId, scheduleId))) return notFound('This pool has no schedule with this id.');
    forecastCache.forget(poolId);
    return json({ deleted: scheduleId });
  } catch (err) {
    console.error(`DELETE /api/pools/${poolId}/schedules/${scheduleId}:`, err);
    return serverError('Deleting the schedule failed: see the server log.');
  }
});
