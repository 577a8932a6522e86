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

/**
 * Every record of the watched classes, cut down to the fields used. VDIs, by far the largest
 * answer, are read after the others rather than beside them, so only one large answer is in
 * memory at a time.
 */
export async function loadPool(session: XapiSession): Promise<LoadedPool> {
  const token = await session.eventToken();
  const maps = emptyRecordMaps();
  const load = async (cls: WatchedClass) => {
    const map = new Map<string, XapiRecord>();
    for (const [ref, record] of Object.entries(await session.getAllRecords(cls))) map.set(ref, trimRecord(cls, record));
    maps[cls] = map;
  };
  await Promise.all(WATCHED_CLASSES.filter((cls) => cls !== 'VDI').map(load));
  await load('VDI');
  return { records: new PoolRecords(maps), token };
}
