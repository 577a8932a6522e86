// Backup schedules entered by hand in Settings: for the jobs a pool's snapshot history cannot
// show. One per pool (scope `pool`) and one per VM (scope `vm`); saving again replaces it.
import type { CronOverride } from '@/lib/analysis/cron-override';
import type { Db } from './client';

export type ScheduleScope = 'pool' | 'vm';

export interface ScheduleOverrideRow {
  id: number;
  scope: ScheduleScope;
  /** The VM's uuid (scope `vm`); "" for scope `pool`. */
  targetUuid: string;
  cron: string;
  label: string;
  createdBy: string;
  createdAtMs: number;
}

export interface NewScheduleOverride {
  scope: ScheduleScope;
  targetUuid: string;
  cron: string;
  label: string;
  createdBy: string;
}

const scopeOf = (scope: string): ScheduleScope => (scope === 'vm' ? 'vm' : 'pool');

export async function listScheduleOverrides(db: Db, poolId: number): Promise<ScheduleOverrideRow[]> {
  const rows = await db.scheduleOverride.findMany({ where: { poolId }, orderBy: [{ scope: 'asc' }, { id: 'asc' }] });
  return rows.map((r) => ({
    id: r.id,
    scope: scopeOf(r.scope),
    targetUuid: r.targetUuid,
    cron: r.cron,
    label: r.label,
    createdBy: r.createdBy,
    createdAtMs: r.createdAt.getTime(),
  }));
}

/** Creates the override, or replaces the one this pool already has for the same target. */
export async function saveScheduleOverride(db: Db, poolId: number, override: NewScheduleOverride): Promise<number> {
  const targetUuid = override.scope === 'pool' ? '' : override.targetUuid;
  const data = { cron: override.cron, label: override.label, createdBy: override.createdBy, createdAt: new Date() };
  const row = await db.scheduleOverride.upsert({
    where: { poolId_scope_targetUuid: { poolId, scope: override.scope, targetUuid } },
    create: { poolId, scope: override.scope, targetUuid, ...data },
    update: data,
  });
  return row.id;
}

/** false when the pool has no override with this id. */
export async function deleteScheduleOverride(db: Db, poolId: number, id: number): Promise<boolean> {
  const { count } = await db.scheduleOverride.deleteMany({ where: { poolId, id } });
  return count > 0;
}

/** The overrides as lib/analysis reads them; a pool-wide one targets `poolKey`. */
export function cronOverridesOf(rows: readonly ScheduleOverrideRow[], poolKey: string): CronOverride[] {
  return rows.map((r) => ({
    scope: r.scope,
    targetId: r.scope === 'pool' ? poolKey : r.targetUuid,
    cron: r.cron,
    ...(r.label ? { label: r.label } : {}),
  }));
}
