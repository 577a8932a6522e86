import { describe, expect, it } from 'vitest';
import type { XapiConnectOptions, XapiSession } from '../xapi/session';
import { XapiFailure } from '../xapi/xapi-error';
import type { XapiRecord } from '../xapi/record-fields';
import { candidateUrls, loadPool, onSrsExpression, openFirstReachable, urlWithHost, vdiReadGroups } from './xapi-connection';

const base: XapiConnectOptions = { poolName: 'p', url: '', user: 'root', password: 'pw', callTimeoutMs: 1000, eventWaitMs: 1000 };

describe('candidateUrls', () => {
  it('tries the redirected master first, then the configured URL, then known hosts', () => {
    expect(candidateUrls('http://127.0.0.1:8080', '127.0.0.2', ['127.0.0.1', '127.0.0.3'])).toEqual([
      'http://127.0.0.2:8080',
      'http://127.0.0.1:8080',
      'http://127.0.0.3:8080',
    ]);
    expect(urlWithHost('xcp.example', '10.0.0.5')).toBe('https://10.0.0.5');
  });
});

describe('openFirstReachable', () => {
  const session = { poolRef: 'OpaqueRef:p' } as XapiSession;

  it('moves on past unreachable hosts', async () => {
    const tried: string[] = [];
    const opened = await openFirstReachable(
      async (options) => {
        tried.push(options.url);
        if (options.url.includes('.1')) throw new XapiFailure('unreachable', 'down');
        return session;
      },
      base,
      ['http://127.0.0.1', 'http://127.0.0.2'],
    );
    expect(opened).toBe(session);
    expect(tried).toEqual(['http://127.0.0.1', 'http://127.0.0.2']);
  });

  it('stops at a login failure and otherwise reports the first error', async () => {
    const auth = new XapiFailure('auth', 'XAPI login failed for pool p: check the user and password');
    await expect(openFirstReachable(async () => Promise.reject(auth), base, ['a', 'b'])).rejects.toBe(auth);
    const down = new XapiFailure('unreachable', 'first');
    let calls = 0;
    const failing = async () => Promise.reject(calls++ === 0 ? down : new XapiFailure('timeout', 'second'));
    await expect(openFirstReachable(failing, base, ['a', 'b'])).rejects.toBe(down);
  });
});

describe('vdiReadGroups', () => {
  const sr = (vdis: number): XapiRecord => ({ VDIs: Array.from({ length: vdis }, (_, i) => `OpaqueRef:v${i}`) });

  it('packs SRs into reads of about the asked size, a big SR alone, none left out', () => {
    const srs = { 'OpaqueRef:a': sr(400), 'OpaqueRef:b': sr(500), 'OpaqueRef:c': sr(2000), 'OpaqueRef:d': sr(0), 'OpaqueRef:e': sr(900) };
    expect(vdiReadGroups(srs, 1000)).toEqual([['OpaqueRef:a', 'OpaqueRef:b'], ['OpaqueRef:c'], ['OpaqueRef:d', 'OpaqueRef:e']]);
    expect(vdiReadGroups({}, 1000)).toEqual([]);
  });

  it('gives up on a ref it could not quote safely in an expression', () => {
    expect(vdiReadGroups({ 'OpaqueRef:a': sr(1), 'OpaqueRef:x" or true or "': sr(1) }, 1000)).toBeNull();
  });
});

describe('onSrsExpression', () => {
  it('selects the records on any of the SRs', () => {
    expect(onSrsExpression(['OpaqueRef:a', 'OpaqueRef:b'])).toBe('field "SR"="OpaqueRef:a" or field "SR"="OpaqueRef:b"');
  });
});

describe('loadPool', () => {
  const srs: Record<string, XapiRecord> = {
    'OpaqueRef:sr1': { uuid: 's1', VDIs: ['OpaqueRef:v1'] },
    'OpaqueRef:sr2': { uuid: 's2', VDIs: ['OpaqueRef:v2'] },
  };
  const vdis: Record<string, XapiRecord> = {
    'OpaqueRef:v1': { uuid: 'u1', SR: 'OpaqueRef:sr1', sm_config: {} },
    'OpaqueRef:v2': { uuid: 'u2', SR: 'OpaqueRef:sr2', sm_config: {} },
  };
  const fakeSession = (where: (expr: string) => Promise<Record<string, XapiRecord>>) => {
    const calls: string[] = [];
    const session = {
      poolRef: 'OpaqueRef:p',
      eventToken: async () => 'token-1',
      getAllRecords: async (cls: string) => {
        calls.push(cls);
        if (cls === 'SR') return srs;
        if (cls === 'VDI') return vdis;
        return {};
      },
      getAllRecordsWhere: async (cls: string, expr: string) => {
        calls.push(`${cls} where ${expr}`);
        return where(expr);
      },
    } as unknown as XapiSession;
    return { session, calls };
  };
  const onlyMatching = async (expr: string) =>
    Object.fromEntries(Object.entries(vdis).filter(([, vdi]) => expr.includes(`"${String(vdi.SR)}"`)));

  it('reads VDIs by SR and indexes every one under its SR', async () => {
    const { session, calls } = fakeSession(onlyMatching);
    const loaded = await loadPool(session);
    expect(loaded.token).toBe('token-1');
    expect(calls).toContain('VDI where field "SR"="OpaqueRef:sr1" or field "SR"="OpaqueRef:sr2"');
    expect(calls).not.toContain('VDI');
    expect([...loaded.records.vdiRefsOf('OpaqueRef:sr1')]).toEqual(['OpaqueRef:v1']);
    expect([...loaded.records.vdiRefsOf('OpaqueRef:sr2')]).toEqual(['OpaqueRef:v2']);
  });

  it('hands over the pool, hosts and SRs before the VDIs are in', async () => {
    const { session } = fakeSession(onlyMatching);
    const seen: { srs: number; vdis: number; withVdis: string[] }[] = [];
    await loadPool(session, (topology) => {
      seen.push({ srs: topology.records.maps.SR.size, vdis: topology.records.maps.VDI.size, withVdis: [...topology.srsWithVdis] });
    });
    expect(seen).toEqual([{ srs: 2, vdis: 0, withVdis: ['OpaqueRef:sr1', 'OpaqueRef:sr2'] }]);
  });

  it('falls back to one get_all_records on a host without get_all_records_where', async () => {
    const unknown = new XapiFailure('other', 'no such method', 'MESSAGE_METHOD_UNKNOWN', ['VDI.get_all_records_where']);
    const { session, calls } = fakeSession(async () => Promise.reject(unknown));
    const loaded = await loadPool(session);
    expect(calls).toContain('VDI');
    expect(loaded.records.maps.VDI.size).toBe(2);
  });

  it('passes on any other failure', async () => {
    const down = new XapiFailure('timeout', 'hung');
    const { session } = fakeSession(async () => Promise.reject(down));
    await expect(loadPool(session)).rejects.toBe(down);
  });
});
