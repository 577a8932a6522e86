'use client';
import { Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChainHistoryResponse } from '@/app/_hooks/useChainHistory';
import type { LeafChainHistory } from '@/lib/db/read/chain-history';
import { CHART, tooltipStyle } from './chart-theme';
import { formatWhen, plural, shortUuid } from './format';

/** The lengths spelled out, newest last, for screen readers and for reading 1, 2, 1, 2 at a glance. */
const LENGTHS_SPELLED = 12;

function LeafChart({ leaf, fromMs, toMs, nowMs }: { leaf: LeafChainHistory; fromMs: number; toMs: number; nowMs: number }) {
  const last = leaf.steps[leaf.steps.length - 1];
  // The step in force now runs to the right edge.
  const rows = last === undefined ? [] : [...leaf.steps, { ...last, atMs: toMs }];
  const lengths = leaf.steps.map((s) => s.length);
  const spelled = lengths.slice(-LENGTHS_SPELLED).join(', ');
  const name = leaf.leafName ?? `VHD ${shortUuid(leaf.leafUuid)}`;
  return (
    <li className="leaf-history">
      <div className="leaf-history-head">
        <strong title={leaf.leafUuid}>{name}</strong>
        {leaf.vmNames.length > 0 && <span className="muted small"> · VM {leaf.vmNames.join(', ')}</span>}
      </div>
      <p className="small">
        {plural(leaf.changes, 'change')}
        {leaf.reversals >= 2 && <span className="warn">, went up and down {leaf.reversals} times</span>}. Lengths since{' '}
        {leaf.steps[0] === undefined ? 'the start' : formatWhen(leaf.steps[0].atMs, nowMs)}:{' '}
        {lengths.length > LENGTHS_SPELLED ? '…, ' : ''}
        {spelled}
      </p>
      <div aria-hidden="true">
        <ResponsiveContainer width="100%" height={90}>
          <LineChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: -28 }}>
            <XAxis dataKey="atMs" type="number" scale="time" domain={[Math.max(fromMs, leaf.steps[0]?.atMs ?? fromMs), toMs]} hide />
            <YAxis allowDecimals={false} domain={[0, 'dataMax + 1']} stroke={CHART.axis} width={48} tick={{ fontSize: 11 }} />
            <Tooltip {...tooltipStyle} labelFormatter={(ms) => formatWhen(Number(ms), nowMs)} />
            <Line type="stepAfter" dataKey="length" name="Chain length" stroke={CHART.chain} strokeWidth={2} dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </li>
  );
}

export function ChainHistoryCharts({ data, nowMs }: { data: ChainHistoryResponse; nowMs: number }) {
  if (data.leaves.length === 0) return <p className="muted">No chain changed length in this window.</p>;
  return (
    <>
      <ul className="leaf-histories">
        {data.leaves.map((leaf) => (
          <LeafChart key={leaf.leafUuid} leaf={leaf} fromMs={data.fromMs} toMs={data.toMs} nowMs={nowMs} />
        ))}
      </ul>
      {data.changedLeaves > data.leaves.length && (
        <p className="muted small">
          {plural(data.changedLeaves - data.leaves.length, 'more leaf', 'more leaves')} changed in this window (the ones that moved most are
          shown).
        </p>
      )}
    </>
  );
}
