'use client';
import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { MAX_CHAIN_SIZE } from '@/lib/chains/limits';
import type { SrSamplesResponse } from '@/app/_hooks/useSrSamples';
import { withGapBreaks, type ChartRow } from './chart-gaps';
import { CHART, tooltipStyle } from './chart-theme';
import { formatBytes, formatTick, formatWhen, plural } from './format';
import { timeTicks } from './time-ticks';

type Key = 'backlogNodes' | 'maxChainLength';
const KEYS: readonly Key[] = ['backlogNodes', 'maxChainLength'];

/** Chain lengths from this far show SM's limit on the chart. */
const SHOW_LIMIT_FROM = 20;

export function BacklogChart({ data, nowMs }: { data: SrSamplesResponse; nowMs: number }) {
  const points: ChartRow<Key>[] = data.points.map((p) => ({ atMs: p.atMs, backlogNodes: p.backlogNodes, maxChainLength: p.maxChainLength }));
  const rows = withGapBreaks(points, data.gaps, KEYS, data.toMs);
  const latest = data.points[data.points.length - 1];
  // The axis starts at the first sample: before it there is nothing to draw, not even a gap.
  const startMs = Math.max(data.fromMs, data.points[0]?.atMs ?? data.fromMs);
  const peakChain = Math.max(0, ...data.points.map((p) => p.maxChainLength));
  const summary =
    latest === undefined
      ? 'No samples in this window.'
      : `Now: ${plural(latest.backlogNodes, 'VHD')} to coalesce (${formatBytes(latest.backlogBytes)}), longest chain ${latest.maxChainLength}. ` +
        `Peak chain in the window: ${peakChain}. ${data.gaps.length === 0 ? 'No collection gap.' : `${plural(data.gaps.length, 'collection gap')} (shaded).`}`;

  return (
    <figure className="chart">
      <figcaption>{summary}</figcaption>
      {data.points.length > 0 && (
        <div className="chart-box" aria-hidden="true">
          <ResponsiveContainer width="100%" height={260}>
            <LineChart data={rows} margin={{ top: 10, right: 16, bottom: 0, left: -16 }}>
              <CartesianGrid stroke={CHART.grid} strokeDasharray="3 3" />
              <XAxis
                dataKey="atMs"
                type="number"
                scale="time"
                domain={[startMs, data.toMs]}
                ticks={timeTicks(startMs, data.toMs, 6, -new Date(data.toMs).getTimezoneOffset())}
                tickFormatter={(ms: number) => formatTick(ms, nowMs)}
                stroke={CHART.axis}
              />
              <YAxis allowDecimals={false} stroke={CHART.axis} />
              <Tooltip {...tooltipStyle} labelFormatter={(ms) => formatWhen(Number(ms), nowMs)} />
              <Legend />
              {data.gaps.map((gap) => (
                <ReferenceArea
                  key={gap.fromMs}
                  x1={Math.max(gap.fromMs, startMs)}
                  x2={Math.min(gap.toMs, data.toMs)}
                  fill={CHART.gap}
                  fillOpacity={0.12}
                  ifOverflow="hidden"
                />
              ))}
              {peakChain >= SHOW_LIMIT_FROM && (
                <ReferenceLine y={MAX_CHAIN_SIZE} stroke={CHART.limit} strokeDasharray="6 3" label={{ value: `SM limit ${MAX_CHAIN_SIZE}`, fill: CHART.limit, fontSize: 12 }} />
              )}
              <Line
                type="stepAfter"
                dataKey="backlogNodes"
                name="Coalesce backlog (VHDs)"
                stroke={CHART.backlog}
                strokeWidth={2}
                dot={rows.length < 3}
                connectNulls={false}
                isAnimationActive={false}
              />
              <Line
                type="stepAfter"
                dataKey="maxChainLength"
                name="Longest chain"
                stroke={CHART.chain}
                strokeWidth={2}
                dot={rows.length < 3}
                connectNulls={false}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}
