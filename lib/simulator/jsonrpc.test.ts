import { describe, expect, it } from 'vitest';
import { RecordsResult, rpcResult, rpcResultPieces, type RpcRequest } from './jsonrpc';

function records(count: number): Map<string, Record<string, unknown>> {
  const map = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < count; i++) {
    map.set(`OpaqueRef:${i}`, { uuid: `u-${i}`, name_label: `disk "${i}" <b>é 😀`, virtual_size: i * 1024, sm_config: { 'vhd-parent': `p-${i}` }, tags: [] });
  }
  return map;
}

describe('rpcResultPieces', () => {
  for (const version of ['2.0', '1.0'] as const) {
    it(`answers, in pieces, exactly the text of the whole answer and its length (JSON-RPC ${version})`, () => {
      const request: RpcRequest = { version, id: 'x"1', method: 'VDI.get_all_records', params: [] };
      const entries = records(5_000);
      const { pieces, bytes } = rpcResultPieces(request, new RecordsResult(entries));
      const text = rpcResult(request, Object.fromEntries(entries));
      expect(Buffer.concat(pieces).toString('utf8')).toBe(text);
      expect(bytes).toBe(Buffer.byteLength(text));
      // A second answer of the same records comes from the cached bytes, and is the same.
      const again = rpcResultPieces(request, new RecordsResult(entries));
      expect(Buffer.concat(again.pieces)).toEqual(Buffer.concat(pieces));
      expect(again.pieces[1]).toBe(pieces[1]);
    });
  }

  it('answers a record object held under two refs with each ref (the cache is per record and ref)', () => {
    const request: RpcRequest = { version: '2.0', id: 1, method: 'VDI.get_all_records', params: [] };
    const shared = { uuid: 'u', name_label: 'disk' };
    const entries = new Map<string, unknown>([
      ['OpaqueRef:a', shared],
      ['OpaqueRef:b', shared],
    ]);
    const text = Buffer.concat(rpcResultPieces(request, new RecordsResult(entries)).pieces).toString('utf8');
    expect(text).toBe(rpcResult(request, Object.fromEntries(entries)));
    expect(Buffer.concat(rpcResultPieces(request, new RecordsResult(entries)).pieces).toString('utf8')).toBe(text);
  });

  it('answers an empty table as an empty object', () => {
    const request: RpcRequest = { version: '2.0', id: 3, method: 'task.get_all_records', params: [] };
    const { pieces } = rpcResultPieces(request, new RecordsResult(new Map()));
    expect(JSON.parse(Buffer.concat(pieces).toString('utf8'))).toEqual({ jsonrpc: '2.0', result: {}, id: 3 });
  });
});
