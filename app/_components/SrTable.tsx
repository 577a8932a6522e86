'use client';
import Link from 'next/link';
import { MAX_CHAIN_SIZE } from '@/lib/chains/limits';
import { XO_VDIS_TO_COALESCE_ALARM } from '@/lib/chains/xo-chain-rule';
import type { SrOverview } from '@/app/api/_lib/overview';
import { formatBytes, formatPercent, plural } from './format';
import { UrgencyBadge } from './UrgencyBadge';

function Used({ sr }: { sr: SrOverview }) {
  if (sr.physicalSizeBytes <= 0) return <>{formatBytes(sr.physicalUtilisationBytes)}</>;
  return (
    <>
      {formatBytes(sr.physicalUtilisationBytes)} / {formatBytes(sr.physicalSizeBytes)}{' '}
      <span className="muted">({formatPercent(sr.physicalUtilisationBytes / sr.physicalSizeBytes)})</span>
    </>
  );
}

function LongestChain({ length }: { length: number }) {
  const left = MAX_CHAIN_SIZE - length;
  const tone = left <= 0 ? 'crit' : left <= 5 ? 'warn' : '';
  return (
    <span className={tone}>
      {length} <span className={tone || 'muted'}>({left <= 0 ? `at SM's limit of ${MAX_CHAIN_SIZE}` : `${left} to SM's limit`})</span>
    </span>
  );
}

function Gc({ sr }: { sr: SrOverview }) {
  if (!sr.gcEnabled) return <span className="warn">switched off</span>;
  const s = sr.latest!;
  if (!s.gcRunning) return <span className="muted">idle</span>;
  return <>running{s.gcProgress === null ? '' : ` (${formatPercent(s.gcProgress)})`}</>;
}

function SrRow({ sr }: { sr: SrOverview }) {
  const s = sr.latest;
  const none = <span className="muted">no data yet</span>;
  return (
    <tr className={`urgency-${sr.urgency.level}`}>
      <td data-label="SR" className="sr-cell">
        <div className="sr-name">
          <UrgencyBadge level={sr.urgency.level} /> <Link href={`/sr/${sr.uuid}`}>{sr.nameLabel || sr.uuid}</Link>
        </div>
        {sr.urgency.reasons.length > 0 && (
          <ul className="reasons">
            {sr.urgency.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        )}
      </td>
      <td data-label="Type">{sr.type}</td>
      <td data-label="Used / size">
        <Used sr={sr} />
      </td>
      <td data-label="VDIs" className="num">
        {sr.vdis}
      </td>
      <td data-label="Base copies" className="num">
        {sr.baseCopies}
      </td>
      <td data-label="Coalesce backlog">{s ? `${plural(s.backlogNodes, 'VHD')} · ${formatBytes(s.backlogBytes)}` : none}</td>
      <td data-label="Longest chain">{s ? <LongestChain length={s.maxChainLength} /> : none}</td>
      <td data-label="XO would skip">
        {s ? <span className={s.xoUnhealthyCount > 0 ? 'crit' : 'muted'}>{s.xoUnhealthyCount > 0 ? plural(s.xoUnhealthyCount, 'disk') : 'none'}</span> : none}
      </td>
      <td data-label="VDIs to coalesce" className="num">
        {s ? (
          <span
            className={s.xoVdisToCoalesce >= XO_VDIS_TO_COALESCE_ALARM ? 'warn' : undefined}
            title={`XO's SR health view alarms from ${XO_VDIS_TO_COALESCE_ALARM}`}
          >
            {s.xoVdisToCoalesce}
          </span>
        ) : (
          none
        )}
      </td>
      <td data-label="GC">{s ? <Gc sr={sr} /> : none}</td>
    </tr>
  );
}

/** The SRs of one pool, most urgent first; on a phone each row becomes a card. */
export function SrTable({ srs, caption }: { srs: SrOverview[]; caption: string }) {
  return (
    <table className="rtable sr-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">SR</th>
          <th scope="col">Type</th>
          <th scope="col">Used / size</th>
          <th scope="col" className="num">
            VDIs
          </th>
          <th scope="col" className="num">
            Base copies
          </th>
          <th scope="col">Coalesce backlog</th>
          <th scope="col">Longest chain</th>
          <th scope="col">XO would skip</th>
          <th scope="col" className="num">
            VDIs to coalesce
          </th>
          <th scope="col">GC</th>
        </tr>
      </thead>
      <tbody>
        {srs.map((sr) => (
          <SrRow key={sr.id} sr={sr} />
        ))}
      </tbody>
    </table>
  );
}
