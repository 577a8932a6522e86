/**
 * Raw JSON-RPC calls for the XAPI server's tests (used by tests only): what goes over the
 * wire, without the xen-api client's retries and interpretation.
 */
import { testRef, testUuid, vdiRecord, type TestWorld } from './test-world';

export interface RawAnswer {
  status: number;
  contentType: string | null;
  body: Record<string, unknown> | null;
}

export async function rawCall(url: string, payload: unknown): Promise<RawAnswer> {
  const response = await fetch(`${url}/jsonrpc`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type');
  return { status: response.status, contentType, body: contentType === 'application/json' ? JSON.parse(text) : null };
}

export function rpc(url: string, method: string, params: unknown[]): Promise<RawAnswer> {
  return rawCall(url, { jsonrpc: '2.0', method, params, id: 7 });
}

export async function login(url: string, world: TestWorld): Promise<string> {
  const { body } = await rpc(url, 'session.login_with_password', [world.credentials.user, world.credentials.password]);
  return body!.result as string;
}

/** Adds VDI number `n` to the world's SR and returns its ref. */
export function newVdi(world: TestWorld, n: number): string {
  const uuid = testUuid('0d150000', n);
  world.put('VDI', testRef(uuid), vdiRecord(uuid, world.srRef, { name_label: `new ${n}` }));
  return testRef(uuid);
}
