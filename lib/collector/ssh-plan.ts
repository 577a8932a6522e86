/** Which host each SSH read goes to: SMlog on every host, an SR's scan and speed_log where the SR lives. */
import type { PoolRecords } from '../xapi/pool-records';
import { bool, str } from '../xapi/record-fields';
import type { XapiSession } from '../xapi/session';
import { XapiFailure } from '../xapi/xapi-error';
import type { HostPlan } from './ssh-collection';

/**
 * The host of each local SR, from its PBD (a local SR can only be scanned there); null when
 * the pool serves no PBD records, and then every SR is left to the master.
 */
export async function localSrHosts(session: XapiSession): Promise<Map<string, string> | null> {
  const owners = new Map<string, string>();
  try {
    for (const pbd of Object.values(await session.getAllRecords('PBD'))) {
      const srRef = str(pbd, 'SR');
      if (!owners.has(srRef)) owners.set(srRef, str(pbd, 'host'));
    }
  } catch (err) {
    if (err instanceof XapiFailure && err.code === 'MESSAGE_METHOD_UNKNOWN') return null;
    throw err;
  }
  return owners;
}

/**
 * Every host, with the SRs in `srRefs` it scans (callers leave out SRs holding no VDI: there
 * is nothing to scan, and such an SR may well not be plugged anywhere).
 */
export async function planSshHosts(
  records: PoolRecords,
  srRefs: readonly string[],
  owners: ReadonlyMap<string, string>,
  stateOf: (hostUuid: string) => Promise<{ pinnedHostKey: string | null; smlogOffsetBytes: number | null }>,
): Promise<HostPlan[]> {
  const masterRef = str(records.poolRecord, 'master');
  const srsByHost = new Map<string, { uuid: string; type: string }[]>();
  for (const srRef of srRefs) {
    const sr = records.maps.SR.get(srRef)!;
    const owner = bool(sr, 'shared') ? masterRef : (owners.get(srRef) ?? masterRef);
    const list = srsByHost.get(owner) ?? [];
    list.push({ uuid: str(sr, 'uuid'), type: str(sr, 'type') });
    srsByHost.set(owner, list);
  }
  const hosts: HostPlan[] = [];
  for (const [hostRef, host] of records.maps.host) {
    const uuid = str(host, 'uuid');
    hosts.push({
      uuid,
      nameLabel: str(host, 'name_label'),
      address: str(host, 'address'),
      isMaster: hostRef === masterRef,
      srs: srsByHost.get(hostRef) ?? [],
      ...(await stateOf(uuid)),
    });
  }
  return hosts;
}
