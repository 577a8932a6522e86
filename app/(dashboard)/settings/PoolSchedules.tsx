'use client';
import { useDeleteSchedule, useSchedules } from '@/app/_hooks/useSchedules';
import { DemoBadge } from '@/app/_components/DemoBadge';
import { ErrorNote, Loading } from '@/app/_components/QueryState';
import { formatFull, formatFullZone, isoTime, shortUuid } from '@/app/_components/format';
import type { PoolSchedulesView, ScheduleView } from '@/app/api/_lib/schedules';
import { ScheduleForm } from './ScheduleForm';

function NextRun({ atMs }: { atMs: number | null }) {
  if (atMs === null) return <span className="warn">never (no such date)</span>;
  return <time dateTime={isoTime(atMs)}>{formatFullZone(atMs)}</time>;
}

function Target({ schedule }: { schedule: ScheduleView }) {
  if (schedule.scope === 'pool') return <>every VM of the pool</>;
  if (schedule.vmName === null) return <span className="warn">VM {shortUuid(schedule.targetUuid)} (no longer in the pool)</span>;
  return <>VM {schedule.vmName}</>;
}

function ScheduleRows({ view }: { view: PoolSchedulesView }) {
  const remove = useDeleteSchedule(view.poolId);
  if (view.schedules.length === 0) return <p className="muted">No schedule entered: the forecasts use the backups seen in snapshots only.</p>;
  return (
    <>
      <div className="table-scroll">
        <table className="rtable" aria-label={`Backup schedules of ${view.poolName}`}>
          <thead>
            <tr>
              <th>Applies to</th>
              <th>Cron (UTC)</th>
              <th>Label</th>
              <th>Next run</th>
              <th>Entered by</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {view.schedules.map((s) => (
              <tr key={s.id} data-testid="schedule-row">
                <td data-label="Applies to">
                  <Target schedule={s} />
                </td>
                <td data-label="Cron (UTC)">
                  <code>{s.cron}</code>
                </td>
                <td data-label="Label">{s.label || <span className="muted">none</span>}</td>
                <td data-label="Next run">
                  <NextRun atMs={s.nextRunMs} />
                </td>
                <td data-label="Entered by" className="small">
                  {s.createdBy} <span className="muted">{formatFull(s.createdAtMs)}</span>
                </td>
                <td data-label="Actions">
                  <button
                    type="button"
                    className="secondary"
                    disabled={remove.isPending}
                    onClick={() => remove.mutate(s.id)}
                    aria-label={`Delete the schedule ${s.cron} for ${s.scope === 'pool' ? 'the pool' : (s.vmName ?? 'a removed VM')}`}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {remove.isError && (
        <p className="error" role="alert">
          {remove.error.message}
        </p>
      )}
    </>
  );
}

/** One pool's hand-entered schedules: the list, and a form to add one. */
export function PoolSchedules({ poolId }: { poolId: number }) {
  const schedules = useSchedules(poolId);
  if (schedules.isPending) return <Loading what="the schedules" />;
  if (schedules.isError) return <ErrorNote error={schedules.error} what="the schedules" />;
  const view = schedules.data;
  return (
    <div className="pool-settings" data-testid="pool-schedules">
      <h3>
        {view.poolName} {view.demo && <DemoBadge />}
      </h3>
      {view.demo && <p className="demo-note small">Demo pool: its times are simulated, and its schedules are dropped when the demo restarts.</p>}
      <ScheduleRows view={view} />
      <ScheduleForm view={view} />
    </div>
  );
}
