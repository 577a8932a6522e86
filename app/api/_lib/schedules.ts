// What the Settings page shows of a pool's hand-entered backup schedules, and their validation.
import { z } from 'zod';
import { nextCronOccurrence, parseCron } from '@/lib/analysis/cron-override';
import type { Db } from '@/lib/db/client';
import { poolNowMs } from '@/lib/db/read/pool-clock';
import { listScheduleOverrides, type ScheduleOverrideRow } from '@/lib/db/schedule-overrides';
import { UUID_PATTERN } from './sr-route';
import { readPoolInfo } from './overview';

/** A label is shown beside forecasts: short, one line, any script (it is escaped when shown). */
const LABEL_MAX = 80;

export const newScheduleSchema = z
  .object({
    scope: z.enum(['pool', 'vm'], { message: 'Scope is "pool" (every VM of the pool) or "vm" (one VM).' }),
    vmUuid: z.string().regex(UUID_PATTERN, 'A VM uuid is 32 hex digits in groups of 8-4-4-4-12.').optional(),
    cron: z.string().trim().min(1, 'Enter a cron schedule, e.g. "0 2 * * *" for 02:00 UTC every day.').max(100, 'A cron schedule is at most 100 characters.'),
    label: z
      .string()
      .trim()
      .max(LABEL_MAX, `A label is at most ${LABEL_MAX} characters.`)
      .refine((s) => ![...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f), 'A label is one line of text.')
      .default(''),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.scope === 'vm' && !v.vmUuid) ctx.addIssue({ code: 'custom', path: ['vmUuid'], message: 'Choose the VM this schedule applies to.' });
    if (v.scope === 'pool' && v.vmUuid) ctx.addIssue({ code: 'custom', path: ['vmUuid'], message: 'A pool-wide schedule names no VM.' });
    const cron = parseCron(v.cron);
    if (!cron.ok) ctx.addIssue({ code: 'custom', path: ['cron'], message: cron.error });
  });

export interface ScheduleView extends ScheduleOverrideRow {
  /** The VM's name_label (untrusted text) for scope `vm`; null when the VM is gone. */
  vmName: string | null;
  /** Next run on the pool's clock; null when the expression never fires (e.g. 31 February). */
  nextRunMs: number | null;
}

export interface PoolSchedulesView {
  poolId: number;
  poolName: string;
  demo: boolean;
  nowMs: number;
  schedules: ScheduleView[];
  /** The VMs a schedule can name, by name (untrusted text). */
  vms: { uuid: string; name: string }[];
}

export async function readPoolSchedules(db: Db, poolId: number, wallNowMs: number): Promise<PoolSchedulesView | null> {
  const info = await readPoolInfo(db, poolId);
  if (info === null) return null;
  const nowMs = poolNowMs(info.clock, wallNowMs);
  const [rows, vms] = await Promise.all([
    listScheduleOverrides(db, poolId),
    db.vm.findMany({ where: { poolId, removedAt: null, isControlDomain: false }, select: { uuid: true, nameLabel: true }, orderBy: { nameLabel: 'asc' } }),
  ]);
  const names = new Map(vms.map((vm) => [vm.uuid, vm.nameLabel]));
  return {
    poolId,
    poolName: info.name,
    demo: info.demo,
    nowMs,
    schedules: rows.map((r) => {
      const parsed = parseCron(r.cron);
      return {
        ...r,
        vmName: r.scope === 'vm' ? (names.get(r.targetUuid) ?? null) : null,
        nextRunMs: parsed.ok ? nextCronOccurrence(parsed.schedule, nowMs) : null,
      };
    }),
    vms: vms.map((vm) => ({ uuid: vm.uuid, name: vm.nameLabel })),
  };
}
