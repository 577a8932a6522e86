'use client';
import { MAX_CHAIN_SIZE } from '@/lib/chains/limits';
import type { ChainSummary } from '@/lib/db/read/chains';
import { ChainTableFrame } from './ChainTableFrame';
import { chainStateWords, xoVerdictWords } from './chain-words';
import { formatBytes, shortUuid } from './format';

/** Long SRs show this many rows until asked for all. */
const FIRST_ROWS = 25;

function ChainRow({ chain }: { chain: ChainSummary }) {
  const state = chainStateWords(chain.state);
  const verdict = xoVerdictWords(chain);
  const left = MAX_CHAIN_SIZE - chain.length;
  return (
    <tr>
      <td data-label="Leaf">
        <span className="leaf-name" title={chain.leafUuid}>
          {chain.leafName ?? `VHD ${shortUuid(chain.leafUuid)}`}
        </span>
        {chain.isSnapshot && <span className="tag">snapshot</span>}
        {chain.vmNames.length > 0 && <div className="muted small">VM {chain.vmNames.join(', ')}</div>}
      </td>
      <td data-label="Chain length" className="num">
        <span className={left <= 0 ? 'crit' : left <= 5 ? 'warn' : undefined}>{chain.length}</span>
      </td>
      <td data-label="Base copies" className="num">
        {chain.baseCopies}
      </td>
      <td data-label="Size" className="num">
        {formatBytes(chain.sizeBytes)}
      </td>
      <td data-label="State">
        <span className={state.tone} title={state.hint}>
          {state.label}
        </span>
      </td>
      <td data-label="XO verdict">
        <span className={verdict.tone}>{verdict.label}</span>
      </td>
    </tr>
  );
}

export function ChainsTable({ chains }: { chains: ChainSummary[] }) {
  if (chains.length === 0) return <p className="muted">No chains stored for this SR yet.</p>;
  return (
    <ChainTableFrame
      chains={chains}
      firstRows={FIRST_ROWS}
      className="rtable chains-table"
      caption="Chains of this SR: disks XO would skip first, then the longest"
      moreHeadings={['State', 'XO verdict']}
      row={(chain) => <ChainRow key={chain.leafUuid} chain={chain} />}
    />
  );
}
