'use client';
import { useId, useState } from 'react';
import { nextCronOccurrence, parseCron } from '@/lib/analysis/cron-override';
import { useSaveSchedule } from '@/app/_hooks/useSchedules';
import { formatFullZone } from '@/app/_components/format';
import type { PoolSchedulesView } from '@/app/api/_lib/schedules';

const EXAMPLES = [
  ['0 2 * * *', 'every day at 02:00'],
  ['0 */6 * * *', 'every 6 hours'],
  ['30 22 * * 1-5', 'weekdays at 22:30'],
] as const;

/** What the cron field means, as it is typed: the next run, or why it is not a schedule. */
function cronPreview(cron: string, nowMs: number): { ok: boolean; text: string } | null {
  if (cron.trim() === '') return null;
  const parsed = parseCron(cron.trim());
  if (!parsed.ok) return { ok: false, text: parsed.error };
  const next = nextCronOccurrence(parsed.schedule, nowMs);
  return next === null ? { ok: false, text: 'This schedule never runs (no such date).' } : { ok: true, text: `Next run: ${formatFullZone(next)}.` };
}

export function ScheduleForm({ view }: { view: PoolSchedulesView }) {
  const id = useId();
  const save = useSaveSchedule(view.poolId);
  const [scope, setScope] = useState<'pool' | 'vm'>('pool');
  const [vmUuid, setVmUuid] = useState('');
  const [cron, setCron] = useState('');
  const [label, setLabel] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const preview = cronPreview(cron, view.nowMs);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (scope === 'vm' && !vmUuid) return setProblem('Choose the VM this schedule applies to.');
    if (!preview) return setProblem('Enter a cron schedule, e.g. "0 2 * * *" for 02:00 UTC every day.');
    if (!preview.ok) return setProblem(preview.text);
    setProblem(null);
    save.mutate(
      { scope, ...(scope === 'vm' ? { vmUuid } : {}), cron: cron.trim(), label: label.trim() },
      {
        onSuccess: () => {
          setCron('');
          setLabel('');
        },
      },
    );
  }

  const shownProblem = problem ?? (save.isError ? save.error.message : null);
  return (
    <form className="schedule-form" onSubmit={submit} aria-label={`Add a backup schedule to ${view.poolName}`}>
      <div className="form-row">
        <div>
          <label htmlFor={`${id}-scope`}>Applies to</label>
          <select id={`${id}-scope`} value={scope} onChange={(e) => setScope(e.target.value === 'vm' ? 'vm' : 'pool')}>
            <option value="pool">Every VM of the pool</option>
            <option value="vm" disabled={view.vms.length === 0}>
              One VM
            </option>
          </select>
        </div>
        {scope === 'vm' && (
          <div>
            <label htmlFor={`${id}-vm`}>VM</label>
            <select id={`${id}-vm`} value={vmUuid} onChange={(e) => setVmUuid(e.target.value)}>
              <option value="">Choose a VM…</option>
              {view.vms.map((vm) => (
                <option key={vm.uuid} value={vm.uuid}>
                  {vm.name || vm.uuid}
                </option>
              ))}
            </select>
          </div>
        )}
        <div>
          <label htmlFor={`${id}-cron`}>Cron schedule (UTC)</label>
          <input
            id={`${id}-cron`}
            value={cron}
            onChange={(e) => setCron(e.target.value)}
            placeholder="0 2 * * *"
            spellCheck={false}
            autoComplete="off"
            maxLength={100}
            aria-describedby={`${id}-cron-help`}
          />
        </div>
        <div>
          <label htmlFor={`${id}-label`}>Label (optional)</label>
          <input id={`${id}-label`} value={label} onChange={(e) => setLabel(e.target.value)} placeholder="Nightly delta backup" maxLength={80} />
        </div>
      </div>
      <p id={`${id}-cron-help`} className={`small ${preview && !preview.ok ? 'warn' : 'muted'}`} aria-live="polite">
        {preview
          ? preview.text
          : `For example ${EXAMPLES.map(([expr, words]) => `"${expr}" (${words})`).join(', ')}.`}
      </p>
      {shownProblem && (
        <p className="error" role="alert">
          {shownProblem}
        </p>
      )}
      <button type="submit" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save schedule'}
      </button>
      {save.isSuccess && !save.isPending && (
        <span className="ok small" role="status">
          {' '}
          Saved: the forecasts now include it.
        </span>
      )}
    </form>
  );
}
