/**
 * XAPI's JSON-RPC envelope. xapi answers version 2.0 calls with
 * `{"jsonrpc":"2.0","result":...,"id":<id>}` or, for an API failure,
 * `{"jsonrpc":"2.0","error":{"code":1,"message":"<CODE>","data":[<params>]},"id":<id>}` (code is
 * always 1: "some JSON-RPC clients consider error.code 0 as no error"); version 1.0 calls
 * (no `jsonrpc` field) get `{"result":...,"error":null,"id":...}` with the error as
 * `["<CODE>", <params>...]`. The xen-api client reads `error.message` and `error.data`.
 */

/** A XAPI failure: `code` such as `SESSION_INVALID`, with string parameters. */
export class XapiError extends Error {
  constructor(
    readonly code: string,
    readonly params: string[] = [],
  ) {
    super(`${code}(${params.join(', ')})`);
  }
}

export interface RpcRequest {
  version: '1.0' | '2.0';
  id: string | number;
  method: string;
  params: unknown[];
}

export type ParsedRpcRequest = { ok: true; request: RpcRequest } | { ok: false; response: string };

const XAPI_ERROR_CODE = 1;
const PARSE_ERROR = -32700;
const INVALID_REQUEST = -32600;

function protocolError(code: number, message: string): string {
  return JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function paramsOf(value: unknown, version: RpcRequest['version']): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (version === '1.0') return null;
  if (value === undefined || value === null) return [];
  return isPlainObject(value) ? [value] : null;
}

export function parseRpcRequest(body: string): ParsedRpcRequest {
  let message: unknown;
  try {
    message = JSON.parse(body);
  } catch {
    return { ok: false, response: protocolError(PARSE_ERROR, 'Parse error') };
  }
  const invalid = { ok: false as const, response: protocolError(INVALID_REQUEST, 'Invalid Request') };
  if (!isPlainObject(message) || typeof message.method !== 'string') return invalid;
  if (message.jsonrpc !== undefined && message.jsonrpc !== '2.0') return invalid;
  const version = message.jsonrpc === '2.0' ? '2.0' : '1.0';
  const { id } = message;
  if (typeof id !== 'string' && typeof id !== 'number') return invalid;
  const params = paramsOf(message.params, version);
  if (params === null) return invalid;
  return { ok: true, request: { version, id, method: message.method, params } };
}

/**
 * A result that is a JSON object of many entries (`get_all_records`: ~20 MB for 20,000 VDIs),
 * answered from the bytes of its entries as they are cached, never joined into one text.
 */
export class RecordsResult {
  constructor(readonly entries: ReadonlyMap<string, unknown>) {}
}

/**
 * The UTF-8 bytes of each entry already sent (`"<ref>":<record>`). Once the world is served a
 * record is never changed in place (a change replaces it, see record-store.ts), so its text is
 * fixed: reading 20,000 VDIs again costs neither a serialization nor a copy. The simulator
 * shares the machine with the collector in tests and benchmarks (Node measures each string it
 * writes, and joining parts faults in fresh pages: ~0.4 s of its CPU for a full sync of
 * `large`); real xapi runs on the pool's own host.
 */
const entryBytes = new WeakMap<object, { key: string; bytes: Buffer }>();

/**
 * Text as bytes of its own: Buffer.from carves short texts out of a shared 8 KiB block, and
 * a cached entry would keep the whole block alive (~3× the memory once records change).
 */
function ownBytes(text: string): Buffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text);
  return bytes;
}

const entryText = (key: string, value: unknown): string => `${JSON.stringify(key)}:${JSON.stringify(value)}`;

function entryJson(key: string, value: unknown): Buffer {
  if (value === null || typeof value !== 'object') return Buffer.from(entryText(key, value));
  let cached = entryBytes.get(value);
  if (cached?.key !== key) entryBytes.set(value, (cached = { key, bytes: ownBytes(entryText(key, value)) }));
  return cached.bytes;
}

const COMMA = Buffer.from(',');

/** An answer as pieces to write one after the other, and their total length (its Content-Length). */
export interface AnswerPieces {
  pieces: Buffer[];
  bytes: number;
}

/** The answer to `request`: its pieces join into exactly what `rpcResult` sends for the same entries as a plain object. */
export function rpcResultPieces(request: RpcRequest, result: RecordsResult): AnswerPieces {
  const pieces: Buffer[] = [Buffer.from(request.version === '2.0' ? '{"jsonrpc":"2.0","result":{' : '{"result":{')];
  for (const [key, value] of result.entries) {
    if (pieces.length > 1) pieces.push(COMMA);
    pieces.push(entryJson(key, value));
  }
  const id = JSON.stringify(request.id);
  pieces.push(Buffer.from(`}${request.version === '2.0' ? `,"id":${id}}` : `,"error":null,"id":${id}}`}`));
  let bytes = 0;
  for (const piece of pieces) bytes += piece.length;
  return { pieces, bytes };
}

export function rpcResult(request: RpcRequest, result: unknown): string {
  return request.version === '2.0'
    ? JSON.stringify({ jsonrpc: '2.0', result, id: request.id })
    : JSON.stringify({ result, error: null, id: request.id });
}

export function rpcFailure(request: RpcRequest, error: XapiError): string {
  return request.version === '2.0'
    ? JSON.stringify({
        jsonrpc: '2.0',
        error: { code: XAPI_ERROR_CODE, message: error.code, data: error.params },
        id: request.id,
      })
    : JSON.stringify({ result: null, error: [error.code, ...error.params], id: request.id });
}
