// DELETE /api/pools/[id]/schedules/[scheduleId]: removes a hand-entered backup schedule.
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { deleteScheduleOverride } from '@/lib/db/schedule-overrides';
import { json, notFound } from '@/app/_server/http';
import { poolRoute } from '../../../../_lib/pool-route';
import { forecastCache } from '../../forecast/forecast-cache';

const params = { scheduleId: z.coerce.number().int().positive('A schedule id is a positive whole number.') };

export const DELETE = poolRoute({ params, failure: 'Deleting the schedule failed' }, async (poolId, _input, { scheduleId }) => {
  if (!(await deleteScheduleOverride(db(), poolId, scheduleId))) return notFound('This pool has no schedule with this id.');
  forecastCache.forget(poolId);
  return json({ deleted: scheduleId });
});
