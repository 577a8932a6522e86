'use client';
import { useEffect, useRef, useState } from 'react';
import type { AnalyzeInput, AnalyzeResponse } from '@/app/_hooks/useAnalyze';
import { fetchBlob } from '@/app/_hooks/fetch-json';
import { gcEventFromSmlog } from '@/lib/db/read/gc-event-view';
import { Findings } from '@/app/_components/Findings';
import { GcTimeline } from '@/app/_components/GcTimeline';
import { ReportChains } from '@/app/_components/ReportChains';
import { VhdTree } from '@/app/_components/VhdTree';
import { plural } from '@/app/_components/format';

const EVENTS_PAGE = 200;

function download(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function Downloads({ result, input }: { result: AnalyzeResponse; input: AnalyzeInput }) {
  const [problem, setProblem] = useState<string | null>(null);
  async function csv() {
    setProblem(null);
    try {
      download('chainwatch-report.csv', await fetchBlob('/api/analyze', { ...input, format: 'csv' }));
    } catch (err) {
      setProblem((err as Error).message);
    }
  }
  return (
    <div className="exports">
      <button
        type="button"
        className="secondary"
        onClick={() => download('chainwatch-report.json', new Blob([JSON.stringify(result.report, null, 2) + '\n'], { type: 'application/json' }))}
      >
        Download JSON
      </button>
      <button type="button" className="secondary" onClick={csv}>
        Download CSV
      </button>
      {problem && (
        <span className="error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}

export function AnalyzeResult({ result, input }: { result: AnalyzeResponse; input: AnalyzeInput }) {
  const { scan, smlog } = result.report;
  const [eventsShown, setEventsShown] = useState(EVENTS_PAGE);
  const heading = useRef<HTMLHeadingElement>(null);
  // A new report moves focus (and the view, on a phone below the form) to its findings.
  useEffect(() => heading.current?.focus(), [result]);
  // SM's tree dump prints one line per VHD: the tree is drawn above, the timeline keeps the dump's header.
  const events = (smlog?.events ?? [])
    .filter((e) => !(e.kind === 'tree-dump' && e.vdiCount === undefined))
    .map((e, i) => gcEventFromSmlog(e, String(i)))
    .reverse();
  return (
    <div className="analyze-result">
      <section className="panel" aria-labelledby="findings">
        <div className="section-head">
          <h2 id="findings" ref={heading} tabIndex={-1}>
            Findings
          </h2>
          <Downloads result={result} input={input} />
        </div>
        {scan && (
          <p>
            {plural(scan.nodes, 'VHD')}, {plural(scan.hiddenNodes, 'base copy', 'base copies')}, in {plural(scan.trees, 'tree')}; longest
            chain <strong>{scan.maxChainLength}</strong>. XO would list {scan.xoVdisToCoalesce} VDIs to coalesce.
            {scan.truncatedLines > 0 && ` ${plural(scan.truncatedLines, 'line was', 'lines were')} cut at the right edge: parents taken from the indentation.`}
            {scan.malformedLines > 0 && ` ${plural(scan.malformedLines, 'line')} could not be read.`}
          </p>
        )}
        {scan ? <Findings findings={scan.findings} /> : <p className="muted">No `vhd-util scan` lines in the input: only the SMlog was read.</p>}
      </section>
      {scan && result.tree && (
        <section className="panel" aria-labelledby="tree">
          <h2 id="tree">VHD tree</h2>
          <VhdTree tree={result.tree} longestChain={scan.maxChainLength} />
        </section>
      )}
      {scan && scan.chains.length > 0 && (
        <section className="panel" aria-labelledby="chains">
          <h2 id="chains">Chains</h2>
          <ReportChains chains={scan.chains} />
        </section>
      )}
      {smlog && (
        <section className="panel" aria-labelledby="smlog">
          <h2 id="smlog">SMlog timeline</h2>
          <p>
            {plural(smlog.lines, 'line')}, {smlog.gcLines} from the garbage collector; {plural(smlog.coalesceAttempts, 'coalesce attempt')},{' '}
            <span className={smlog.failures > 0 ? 'crit' : undefined}>{plural(smlog.failures, 'failure')}</span>. Newest first.
          </p>
          <GcTimeline events={events.slice(0, eventsShown)} nowMs={Date.now()} label="SMlog events, newest first" />
          {eventsShown < events.length && (
            <button type="button" className="secondary" onClick={() => setEventsShown((n) => n + EVENTS_PAGE)}>
              Show {Math.min(EVENTS_PAGE, events.length - eventsShown)} older events
            </button>
          )}
        </section>
      )}
    </div>
  );
}
