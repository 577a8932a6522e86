// The chains of one SR as a file an admin keeps or opens in a spreadsheet.
import { MAX_CHAIN_SIZE, snapshotsLeft } from '@/lib/chains/limits';
import type { ChainSummary } from '@/lib/db/read/chains';
import type { SrSummary } from '@/lib/db/read/srs';
import { csvLine } from '@/lib/export/csv';

/** What XO does at the next backup of this disk, in words. */
export function xoVerdict(chain: Pick<ChainSummary, 'isSnapshot' | 'xoUnhealthy'>): string {
  if (chain.isSnapshot) return 'not backed up (snapshot)';
  return chain.xoUnhealthy ? 'backup skipped: chain protection' : 'backup runs';
}

const HEADER = [
  'srUuid',
  'srName',
  'leafUuid',
  'leafName',
  'vms',
  'snapshot',
  'chainLength',
  'baseCopies',
  `snapshotsLeftBeforeLimit${MAX_CHAIN_SIZE}`,
  'sizeBytes',
  'state',
  'xoVerdict',
  'sinceUtc',
];

export function chainsCsv(sr: Pick<SrSummary, 'uuid' | 'nameLabel'>, chains: ChainSummary[]): string {
  let out = csvLine(HEADER);
  for (const c of chains) {
    out += csvLine([
      sr.uuid,
      sr.nameLabel,
      c.leafUuid,
      c.leafName,
      c.vmNames.join('; '),
      c.isSnapshot,
      c.length,
      c.baseCopies,
      snapshotsLeft(c.length),
      c.sizeBytes,
      c.state,
      xoVerdict(c),
      new Date(c.sinceMs).toISOString(),
    ]);
  }
  return out;
}

/** `Content-Disposition` for a download; the name is built from the uuid only (no untrusted text in headers). */
export const attachment = (fileName: string) => `attachment; filename="${fileName}"`;
