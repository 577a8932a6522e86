'use client';
import { useState } from 'react';
import { MAX_CHAIN_SIZE } from '@/lib/chains/limits';
import type { ChainSummary } from '@/lib/db/read/chains';
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
  const [all, setAll] = useState(false);
  const shown = all ? chains : chains.slice(0, FIRST_ROWS);
  if (chains.length === 0) return <p className="muted">No chains stored for this SR yet.</p>;
  return (
    <>
      <table className="rtable chains-table">
        <caption className="visually-hidden">Chains of this SR: disks XO would skip first, then the longest</caption>
        <thead>
          <tr>
            <th scope="col">Leaf</th>
            <th scope="col" className="num">
              Chain length
            </th>
            <th scope="col" className="num">
              Base copies
            </th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col">State</th>
            <th scope="col">XO verdict</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((chain) => (
            <ChainRow key={chain.leafUuid} chain={chain} />
          ))}
        </tbody>
      </table>
      {shown.length < chains.length && (
        <button type="button" className="secondary" onClick={() => setAll(true)}>
          Show all {chains.length} chains
        </button>
      )}
    </>
  );
}
