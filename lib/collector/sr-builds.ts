/** Rebuilds the chosen SRs of a pool from its records (and the last scan of each, when any). */
import { recordsFromXapi, type XapiRecordsInput } from '../chains/from-xapi';
import { groupBy } from '../group-by';
import type { VhdRecord } from '../chains/types';
import type { SrRow, VdiRow } from '../db/rows';
import type { PoolRecords } from '../xapi/pool-records';
import { str, type XapiRecord } from '../xapi/record-fields';
import { buildSrView, type SrView } from './sr-view';
import { gcTaskProgress, isVhdSr, srRow, srSwitches, vdiRow } from './xapi-rows';

/**
 * The last scan of an SR. VDIs changed by XAPI events since the scan are `stale`: their
 * scan lines describe a past the XAPI record has moved on from, so XAPI speaks for them.
 */
export interface ScanCache {
  records: VhdRecord[];
  staleIds: Set<string>;
}

export interface SrBuild {
  sr: SrRow;
  vdis: VdiRow[];
  view: SrView;
}

/** Every SR that can hold VHD chains, by ref. */
export function vhdSrRefs(records: PoolRecords): string[] {
  return [...records.maps.SR].filter(([, sr]) => isVhdSr(sr)).map(([srRef]) => srRef);
}

export function buildSrs(
  records: PoolRecords,
  srRefs: Iterable<string>,
  scans: ReadonlyMap<string, ScanCache>,
  tolerance: number,
): SrBuild[] {
  const wanted: [string, XapiRecord][] = [];
  const vdis = new Map<string, XapiRecord>();
  for (const srRef of new Set(srRefs)) {
    const sr = records.maps.SR.get(srRef);
    if (sr === undefined || !isVhdSr(sr)) continue;
    wanted.push([srRef, sr]);
    for (const vdiRef of records.vdiRefsOf(srRef)) vdis.set(vdiRef, records.maps.VDI.get(vdiRef)!);
  }
  // One pass over every VBD for all the SRs at once (it is what maps VDIs to VMs).
  const input = { vdis, vbds: records.maps.VBD, vms: records.maps.VM } as unknown as XapiRecordsInput;
  const bySr = groupBy(recordsFromXapi(input), (vhd) => vhd.srId ?? '');

  return wanted.map(([srRef, sr]) => {
    const row = srRow(srRef, sr);
    const xapiRecords = bySr.get(srRef) ?? [];
    const scan = scans.get(row.uuid);
    const view = buildSrView({
      xapiRecords,
      scanRecords: scan === undefined ? null : scan.records.filter((r) => !scan.staleIds.has(r.id)),
      switches: srSwitches(row),
      gcTaskProgress: gcTaskProgress(records, srRef),
      tolerance,
    });
    const vhdByUuid = new Map(xapiRecords.map((r) => [r.id, r]));
    const vdiRows: VdiRow[] = [];
    for (const vdiRef of records.vdiRefsOf(srRef)) {
      const vdi = records.maps.VDI.get(vdiRef)!;
      const uuid = str(vdi, 'uuid');
      vdiRows.push(vdiRow(records, vdiRef, vdi, vhdByUuid.get(uuid), view.chainLengthByUuid.get(uuid) ?? 0));
    }
    return { sr: row, vdis: vdiRows, view };
  });
}
