/**
 * Opening a pool: the configured URL first, else the master named by a HOST_IS_SLAVE, else the
 * other hosts last seen in the pool (a dead master cannot redirect anyone: any live member
 * answers HOST_IS_SLAVE with the new master, and xen-api follows that at login). Then the
 * records, read the way xapi recommends: take an event token first, then read, so no change
 * falls between the read and the event stream.
 */
import { emptyRecordMaps, PoolRecords, trimRecord, WATCHED_CLASSES, type WatchedClass } from '../xapi/pool-records';
import type { XapiRecord } from '../xapi/record-fields';
import type { XapiConnectOptions, XapiSession } from '../xapi/session';
import { XapiFailure } from '../xapi/xapi-error';
import { eachLimited } from './each-limited';

/** Tried in turn; more would make a dead pool slow to give up on. */
const MAX_CANDIDATES = 4;

/** `url` with its host replaced (keeps scheme and port). */
export function urlWithHost(url: string, host: string): string {
  try {
    const parsed = new URL(/^[a-z]+:\/\//i.test(url) ? url : `https://${url}`);
    parsed.hostname = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

export function candidateUrls(configuredUrl: string, preferredHost: string | null, knownHosts: readonly string[]): string[] {
  const urls = [configuredUrl];
  if (preferredHost) urls.unshift(urlWithHost(configuredUrl, preferredHost));
  for (const host of knownHosts) if (host) urls.push(urlWithHost(configuredUrl, host));
  return [...new Set(urls)].slice(0, MAX_CANDIDATES);
}

export async function openFirstReachable(
  connect: (options: XapiConnectOptions) => Promise<XapiSession>,
  base: XapiConnectOptions,
  urls: readonly string[],
): Promise<XapiSession> {
  let first: unknown = null;
  for (const url of urls) {
    try {
      return await connect({ ...base, url });
    } catch (err) {
      // A wrong password is wrong on every host.
      if (err instanceof XapiFailure && err.kind === 'auth') throw err;
      first ??= err;
    }
  }
  throw first;
}

export interface LoadedPool {
  records: PoolRecords;
  token: string;
}

/** About this many VDIs per `VDI.get_all_records_where` (~1 MB of JSON). */
const VDIS_PER_READ = 1500;
/**
 * Reads of VDIs asked for at once: while the client parses one answer, xapi (one thread per
 * call, but the simulator has one for all) writes the next; more would only queue.
 */
const VDI_READS_IN_FLIGHT = 2;
/** What a ref must look like to go into a filter expression (xapi's are `OpaqueRef:<uuid>`). */
const PLAIN_REF = /^OpaqueRef:[0-9a-zA-Z-]+$/;

/**
 * The SR refs to read VDIs for, grouped so each read brings about `perRead` VDIs (by the
 * SRs' own `VDIs` lists); null when a ref is not plain enough to quote in an expression.
 */
export function vdiReadGroups(srs: Record<string, XapiRecord>, perRead: number = VDIS_PER_READ): string[][] | null {
  const groups: string[][] = [];
  let group: string[] = [];
  let size = 0;
  for (const [srRef, sr] of Object.entries(srs)) {
    if (!PLAIN_REF.test(srRef)) return null;
    const count = Array.isArray(sr.VDIs) ? sr.VDIs.length : 0;
    if (group.length > 0 && size + count > perRead) {
      groups.push(group);
      group = [];
      size = 0;
    }
    group.push(srRef);
    size += count;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** The expression selecting the records whose `SR` is one of `srRefs`. */
export function onSrsExpression(srRefs: readonly string[]): string {
  return srRefs.map((srRef) => `field "SR"="${srRef}"`).join(' or ');
}

/** What is known once the pool, its hosts and its SRs are read, before the VDIs are. */
export interface PoolTopology {
  /** The pool, host and SR records (no VDI yet). */
  records: PoolRecords;
  /** The SRs holding at least one VDI, by the SRs' own `VDIs` lists. */
  srsWithVdis: Set<string>;
}

/**
 * Every record of the watched classes, cut down to the fields used. VDIs, by far the most
 * (20,000 are ~20 MB of JSON), are read SR by SR in groups, so the client parses one group
 * while xapi writes the next, and no answer is large; a host without
 * `get_all_records_where` answers one `get_all_records`. A VDI on an SR created after the
 * SR read is brought by the events after `token`, like any other change. `onTopology` is
 * called as soon as the pool, hosts and SRs are in, so work that needs only them (the SSH
 * reads) can run while the VDIs are read.
 */
export async function loadPool(session: XapiSession, onTopology?: (topology: PoolTopology) => void): Promise<LoadedPool> {
  const token = await session.eventToken();
  const maps = emptyRecordMaps();
  const keep = (cls: WatchedClass, records: Record<string, XapiRecord>) => {
    for (const [ref, record] of Object.entries(records)) maps[cls].set(ref, trimRecord(cls, record));
  };
  const read = async (cls: WatchedClass) => {
    const records = await session.getAllRecords(cls);
    keep(cls, records);
    return records;
  };
  const loadVdis = async (srs: Record<string, XapiRecord>) => {
    const groups = vdiReadGroups(srs);
    if (groups === null) return keep('VDI', await session.getAllRecords('VDI'));
    try {
      await eachLimited(groups, VDI_READS_IN_FLIGHT, async (group) => keep('VDI', await session.getAllRecordsWhere('VDI', onSrsExpression(group))));
    } catch (err) {
      if (!(err instanceof XapiFailure && err.code === 'MESSAGE_METHOD_UNKNOWN')) throw err;
      maps.VDI.clear();
      keep('VDI', await session.getAllRecords('VDI'));
    }
  };
  const srsRead = read('SR');
  const topologyRead = Promise.all([read('pool'), read('host'), srsRead]).then(([, , srs]) => {
    if (onTopology === undefined) return;
    const srsWithVdis = new Set(Object.keys(srs).filter((srRef) => Array.isArray(srs[srRef].VDIs) && srs[srRef].VDIs.length > 0));
    onTopology({ records: new PoolRecords({ ...emptyRecordMaps(), pool: maps.pool, host: maps.host, SR: maps.SR }), srsWithVdis });
  });
  const others = WATCHED_CLASSES.filter((cls) => !['pool', 'host', 'SR', 'VDI'].includes(cls));
  await Promise.all([topologyRead, srsRead.then(loadVdis), ...others.map(read)]);
  return { records: new PoolRecords(maps), token };
}
