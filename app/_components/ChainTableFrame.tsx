'use client';
import { useState, type ReactNode } from 'react';

/**
 * The table every list of chains shares: leaf, chain length, base copies and size, then the
 * caller's own columns; a long list shows its first rows until asked for all.
 */
export function ChainTableFrame<T>({
  chains,
  firstRows,
  className,
  caption,
  moreHeadings = [],
  row,
}: {
  chains: T[];
  firstRows: number;
  className: string;
  caption: string;
  moreHeadings?: string[];
  row: (chain: T) => ReactNode;
}) {
  const [all, setAll] = useState(false);
  const shown = all ? chains : chains.slice(0, firstRows);
  return (
    <>
      <table className={className}>
        <caption className="visually-hidden">{caption}</caption>
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
            {moreHeadings.map((heading) => (
              <th key={heading} scope="col">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{shown.map(row)}</tbody>
      </table>
      {shown.length < chains.length && (
        <button type="button" className="secondary" onClick={() => setAll(true)}>
          Show all {chains.length} chains
        </button>
      )}
    </>
  );
}
