import { describe, expect, it } from 'vitest';
import { RecordsResult, rpcResult, rpcResultParts, type RpcRequest } from './jsonrpc';

function records(count: number): Map<string, Record<string, unknown>> {
  const map = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < count; i++) {
    map.set(`OpaqueRef:${i}`, { uuid: `u-${i}`, name_label: `disk "${i}" <b>é 😀`, virtual_size: i * 1024, sm_config: { 'vhd-parent': `p-${i}` }, tags: [] });
  }
  return map;
}

describe('rpcResultParts', () => {
  for (const version of ['2.0', '1.0'] as const) {
    it(`sends, in parts, exactly the text of the whole answer (JSON-RPC ${version})`, () => {
      const request: RpcRequest = { version, id: 'x"1', method: 'VDI.get_all_records', params: [] };
      const entries = records(5_000);
      const parts = [...rpcResultParts(request, new RecordsResult(entries))];
      expect(parts.length).toBeGreaterThan(3);
      // A second answer of the same records comes from the cached bytes, and is the same.
      expect(Buffer.concat([...rpcResultParts(request, new RecordsResult(entries))])).toEqual(Buffer.concat(parts));
      expect(Buffer.concat(parts).toString('utf8')).toBe(rpcResult(request, Object.fromEntries(entries)));
    });
  }

  it('sends an empty table as an empty object', () => {
    const request: RpcRequest = { version: '2.0', id: 3, method: 'task.get_all_records', params: [] };
    const text = Buffer.concat([...rpcResultParts(request, new RecordsResult(new Map()))]).toString('utf8');
    expect(JSON.parse(text)).toEqual({ jsonrpc: '2.0', result: {}, id: 3 });
  });
});
