'use client';
import { useState } from 'react';
import { MAX_CHAIN_SIZE } from '@/lib/chains/limits';
import type { ChainRow } from '@/lib/chains/summary';
import { formatBytes } from './format';

const FIRST_ROWS = 20;

/** The chains of a pasted scan, longest first. */
export function ReportChains({ chains }: { chains: ChainRow[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? chains : chains.slice(0, FIRST_ROWS);
  return (
    <>
      <table className="rtable">
        <caption className="visually-hidden">Chains of the pasted scan, longest first</caption>
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
          </tr>
        </thead>
        <tbody>
          {shown.map((c) => (
            <tr key={c.leafId}>
              <td data-label="Leaf" className="vhd-name-cell">
                {c.leaf}
              </td>
              <td data-label="Chain length" className="num">
                <span className={MAX_CHAIN_SIZE - c.length <= 5 ? 'warn' : undefined}>{c.length}</span>
              </td>
              <td data-label="Base copies" className="num">
                {c.hidden}
              </td>
              <td data-label="Size" className="num">
                {formatBytes(c.sizeBytes)}
              </td>
            </tr>
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
