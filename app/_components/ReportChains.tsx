'use client';
import { MAX_CHAIN_SIZE } from '@/lib/chains/limits';
import type { ChainRow } from '@/lib/chains/summary';
import { ChainTableFrame } from './ChainTableFrame';
import { formatBytes } from './format';

const FIRST_ROWS = 20;

/** The chains of a pasted scan, longest first. */
export function ReportChains({ chains }: { chains: ChainRow[] }) {
  return (
    <ChainTableFrame
      chains={chains}
      firstRows={FIRST_ROWS}
      className="rtable"
      caption="Chains of the pasted scan, longest first"
      row={(c) => (
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
      )}
    />
  );
}
