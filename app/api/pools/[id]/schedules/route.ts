// GET /api/pools/[id]/schedules: the pool's hand-entered backup schedules and the VMs they can name.
// POST: adds one (or replaces the pool's, or that VM's, existing one).
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { saveScheduleOverride } from '@/lib/db/schedule-overrides';
import { badRequest, json, notFound } from '@/app/_server/http';
import { poolRoute } from '../../../_lib/pool-route';
import { newScheduleSchema, readPoolSchedules } from '../../../_lib/schedules';
import { forecastCache } from '../forecast/forecast-cache';

export const GET = poolRoute({ input: z.object({}), failure: 'Reading the schedules failed' }, async (poolId) => {
  const view = await readPoolSchedules(db(), poolId, Date.now());
  return view === null ? notFound('No watched pool has this id.') : json(view);
});

export const POST = poolRoute({ input: newScheduleSchema, failure: 'Saving the schedule failed' }, async (poolId, body, _params, user) => {
  const vmUuid = body.vmUuid?.toLowerCase() ?? '';
  if (body.scope === 'vm') {
    const vm = await db().vm.findFirst({ where: { poolId, uuid: vmUuid, removedAt: null }, select: { id: true } });
    if (!vm) return badRequest('Invalid request.', [{ path: 'vmUuid', message: 'This pool has no VM with this uuid.' }]);
  }
  const id = await saveScheduleOverride(db(), poolId, { scope: body.scope, targetUuid: vmUuid, cron: body.cron, label: body.label, createdBy: user.name });
  forecastCache.forget(poolId);
  return json({ id }, { status: 201 });
});
