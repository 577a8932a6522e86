// GET /api/pools/[id]/schedules: the pool's hand-entered backup schedules and the VMs they can name.
// POST: adds one (or replaces the pool's, or that VM's, existing one).
import { db } from '@/lib/db/client';
import { saveScheduleOverride } from '@/lib/db/schedule-overrides';
import { badRequest, json, notFound, parseRequest, serverError, withUser } from '@/app/_server/http';
import { newScheduleSchema, poolIdParams, readPoolSchedules } from '../../../_lib/schedules';
import { forecastCache } from '../forecast/forecast-cache';
import { z } from 'zod';

type Ctx = { params: Promise<{ id: string }> };

const invalidId = (issues: z.core.$ZodIssue[]) => badRequest('Invalid pool id.', issues.map((i) => ({ path: 'id', message: i.message })));

export const GET = withUser(async (req: Request, _user, ctx: Ctx) => {
  const params = poolIdParams.safeParse(await ctx.params);
  if (!params.success) return invalidId(params.error.issues);
  const parsed = await parseRequest(req, z.object({}));
  if (!parsed.ok) return parsed.response;
  try {
    const view = await readPoolSchedules(db(), params.data.id, Date.now());
    return view === null ? notFound('No watched pool has this id.') : json(view);
  } catch (err) {
    console.error(`GET /api/pools/${params.data.id}/schedules:`, err);
    return serverError('Reading the schedules failed: see the server log.');
  }
});

export const POST = withUser(async (req: Request, user, ctx: Ctx) => {
  const params = poolIdParams.safeParse(await ctx.params);
  if (!params.success) return invalidId(params.error.issues);
  const parsed = await parseRequest(req, newScheduleSchema);
  if (!parsed.ok) return parsed.response;
  const poolId = params.data.id;
  const body = parsed.data;
  try {
    const pool = await db().pool.findUnique({ where: { id: poolId }, select: { id: true } });
    if (!pool) return notFound('No watched pool has this id.');
    const vmUuid = body.vmUuid?.toLowerCase() ?? '';
    if (body.scope === 'vm') {
      const vm = await db().vm.findFirst({ where: { poolId, uuid: vmUuid, removedAt: null }, select: { id: true } });
      if (!vm) return badRequest('Invalid request.', [{ path: 'vmUuid', message: 'This pool has no VM with this uuid.' }]);
    }
    const id = await saveScheduleOverride(db(), poolId, { scope: body.scope, targetUuid: vmUuid, cron: body.cron, label: body.label, createdBy: user.name });
    forecastCache.forget(poolId);
    return json({ id }, { status: 201 });
  } catch (err) {
    console.error(`POST /api/pools/${poolId}/schedules:`, err);
    return serverError('Saving the schedule failed: see the server log.');
  }
});
