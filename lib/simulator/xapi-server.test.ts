import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type Xapi, type XenApiOptions } from 'xen-api';
import { createTestWorld, testRef, testUuid, vdiRecord, waitFor, type TestWorld } from './test-world';
import { eventToken } from './xapi-events';
import { startXapiServer, type XapiServer } from './xapi-server';

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function serve(world: TestWorld): Promise<XapiServer> {
  const server = await startXapiServer({ world });
  cleanups.push(() => server.stop());
  return server;
}

function client(server: XapiServer, world: TestWorld, options: Partial<XenApiOptions> = {}): Xapi {
  const xapi = createClient({
    url: server.url(),
    auth: world.credentials,
    allowUnauthorized: true,
    readOnly: true,
    watchEvents: false,
    ...options,
  });
  cleanups.push(async () => {
    await xapi.disconnect();
    // The logout ends the client's pending event.from with SESSION_INVALID.
    await waitFor(() => server.pendingCalls() === 0, 'pending calls to end');
  });
  return xapi;
}

interface RawAnswer {
  status: number;
  contentType: string | null;
  body: Record<string, unknown> | null;
}

async function raw(url: string, payload: unknown, init: RequestInit = {}): Promise<RawAnswer> {
  const response = await fetch(`${url}/jsonrpc`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
    ...init,
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type');
  return { status: response.status, contentType, body: contentType === 'application/json' ? JSON.parse(text) : null };
}

function rpc(url: string, method: string, params: unknown[]): Promise<RawAnswer> {
  return raw(url, { jsonrpc: '2.0', method, params, id: 7 });
}

async function login(url: string, world: TestWorld): Promise<string> {
  const { body } = await rpc(url, 'session.login_with_password', [world.credentials.user, world.credentials.password]);
  return body!.result as string;
}

function newVdi(world: TestWorld, n: number): string {
  const uuid = testUuid('0d150000', n);
  world.put('VDI', testRef(uuid), vdiRecord(uuid, world.srRef, { name_label: `new ${n}` }));
  return testRef(uuid);
}

describe('XAPI server with the xen-api client', () => {
  it('connects, lists the classes and fills xapi.objects', async () => {
    const world = createTestWorld();
    const server = await serve(world);
    const xapi = client(server, world, { watchEvents: true });
    await xapi.connect();
    await xapi.objectsFetched;
    expect(xapi.pool?.$ref).toBe(world.poolRef);
    expect(xapi.getObjectByRef(world.srRef)?.name_label).toBe('Local LVM');
    const vdis = Object.values(xapi.objects.all).filter((object) => object.$type === 'VDI');
    expect(vdis).toHaveLength(2);
  });

  it('delivers world changes through the event.from long poll', async () => {
    const world = createTestWorld();
    const server = await serve(world);
    const xapi = client(server, world, { watchEvents: true });
    await xapi.connect();
    await xapi.objectsFetched;
    const ref = newVdi(world, 1);
    await waitFor(() => xapi.getObjectByRef(ref, null) !== null, 'the new VDI');
    world.put('VDI', ref, vdiRecord(testUuid('0d150000', 1), world.srRef, { name_label: 'renamed' }));
    await waitFor(() => xapi.getObjectByRef(ref, null)?.name_label === 'renamed', 'the renamed VDI');
    world.remove('VDI', ref);
    await waitFor(() => xapi.getObjectByRef(ref, null) === null, 'the VDI to go');
  });

  it('surfaces a wrong password as SESSION_AUTHENTICATION_FAILED', async () => {
    const world = createTestWorld();
    const server = await serve(world);
    const xapi = client(server, world, { auth: { user: 'root', password: 'wrong' } });
    await expect(xapi.connect()).rejects.toMatchObject({
      code: 'SESSION_AUTHENTICATION_FAILED',
      params: ['root', 'Authentication failure'],
    });
  });

  it('sends the client to the master on 127.0.0.2 with HOST_IS_SLAVE', async () => {
    const world = createTestWorld({ hostCount: 2, masterIndex: 1 });
    const server = await serve(world);
    const xapi = client(server, world);
    await xapi.connect();
    expect((xapi as unknown as { _url: { hostname: string } })._url.hostname).toBe('127.0.0.2');
    expect(await xapi.getAllRecords('host')).toHaveLength(2);
  });

  it('makes the client re-sync after EVENTS_LOST', async () => {
    const world = createTestWorld();
    const server = await serve(world);
    const xapi = client(server, world, { watchEvents: true });
    await xapi.connect();
    await xapi.objectsFetched;
    const injectsBefore = world.injectCount;
    world.faults.eventsLostOnce = true;
    newVdi(world, 1);
    await waitFor(() => world.injectCount > injectsBefore, 'the client to inject a new token');
    expect(world.faults.eventsLostOnce).toBe(false);
    const ref = newVdi(world, 2);
    await waitFor(() => xapi.getObjectByRef(ref, null) !== null, 'a change after the re-sync');
  });

  it('answers an unknown method with MESSAGE_METHOD_UNKNOWN', async () => {
    const world = createTestWorld();
    const server = await serve(world);
    const xapi = client(server, world);
    await xapi.connect();
    await expect(xapi.call('VM.get_nonsense', world.vmRef)).rejects.toMatchObject({
      code: 'MESSAGE_METHOD_UNKNOWN',
      params: ['VM.get_nonsense'],
    });
  });

  it('refuses write methods and leaves the pool as it was', async () => {
    const world = createTestWorld();
    const server = await serve(world);
    const xapi = client(server, world, { readOnly: false });
    await xapi.connect();
    const changeId = world.currentChangeId();
    await expect(xapi.call('VM.start', world.vmRef, false, false)).rejects.toMatchObject({ code: 'MESSAGE_METHOD_UNKNOWN' });
    await expect(xapi.call('VDI.destroy', testRef(testUuid('1eaf0000', 1)))).rejects.toMatchObject({
      code: 'MESSAGE_METHOD_UNKNOWN',
    });
    expect(world.currentChangeId()).toBe(changeId);
  });

  it('gives up on a hung XAPI after the client call timeout', async () => {
    const world = createTestWorld();
    const server = await serve(world);
    world.faults.xapiHang = true;
    const xapi = client(server, world, { callTimeout: 200 });
    await expect(xapi.connect()).rejects.toMatchObject({ name: 'TimeoutError' });
    world.faults.xapiHang = false;
    await server.syncFaults();
    await xapi.connect();
    expect(xapi.status).toBe('connected');
  });
});

describe('XAPI server wire format', () => {
  it('answers with Content-Type application/json exactly and echoes the id', async () => {
    const world = createTestWorld();
    const server = await serve(world);
    const answer = await rpc(server.url(), 'session.login_with_password', ['root', 'password']);
    expect(answer.contentType).toBe('application/json');
    expect(answer.body).toMatchObject({ jsonrpc: '2.0', id: 7 });
    expect(answer.body!.result).toMatch(/^OpaqueRef:[0-9a-f-]{36}$/);
  });

  it('shapes errors as xapi does: code 1, message CODE, data params', async () => {
    const world = createTestWorld();
    const server = await serve(world);
    const answer = await rpc(server.url(), 'VM.get_record', ['OpaqueRef:nope', world.vmRef]);
    expect(answer.body).toEqual({
      jsonrpc: '2.0',
      error: { code: 1, message: 'SESSION_INVALID', data: ['OpaqueRef:nope'] },
      id: 7,
    });
  });

  it('checks arity, handles and uuids', async () => {
    const world = createTestWorld();
    const server = await serve(world);
    const session = await login(server.url(), world);
    const mismatch = await rpc(server.url(), 'VM.get_record', [session]);
    expect(mismatch.body!.error).toMatchObject({ message: 'MESSAGE_PARAMETER_COUNT_MISMATCH', data: ['VM.get_record', '2', '1'] });
    const invalid = await rpc(server.url(), 'VDI.get_record', [session, 'OpaqueRef:gone']);
    expect(invalid.body!.error).toMatchObject({ message: 'HANDLE_INVALID', data: ['VDI', 'OpaqueRef:gone'] });
    const byUuid = await rpc(server.url(), 'SR.get_by_uuid', [session, world.srUuid]);
    expect(byUuid.body!.result).toBe(world.srRef);
  });

  it('speaks JSON-RPC 1.0 to callers that omit the version', async () => {
    const world = createTestWorld();
    const server = await serve(world);
    const answer = await raw(server.url(), { method: 'session.logout', params: ['OpaqueRef:x'], id: 1 });
    expect(answer.body).toEqual({ result: null, error: ['SESSION_INVALID', 'OpaqueRef:x'], id: 1 });
  });

  it('survives malformed and oversized bodies and unknown paths', async () => {
    const world = createTestWorld();
    const server = await serve(world);
    const malformed = await raw(server.url(), '{"method": ');
    expect(malformed.body).toEqual({ jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null });
    const oversized = await raw(server.url(), 'x'.repeat(2 * 1024 * 1024));
    expect(oversized.status).toBe(413);
    const page = await fetch(`${server.url()}/`);
    expect(page.status).toBe(404);
    expect((await rpc(server.url(), 'system.listMethods', [])).body!.result).toContain('VDI.get_all_records');
  });

  it('answers a pending event.from when the world changes', async () => {
    const world = createTestWorld();
    const server = await serve(world);
    const session = await login(server.url(), world);
    const token = (await rpc(server.url(), 'event.inject', [session, 'pool', world.poolRef])).body!.result as string;
    const first = await rpc(server.url(), 'event.from', [session, ['pool'], token, 30]);
    const firstResult = first.body!.result as { events: Array<{ class: string }>; token: string };
    expect(firstResult.events.map((event) => event.class)).toEqual(['pool']);
    const pending = rpc(server.url(), 'event.from', [session, ['VDI', 'VM'], firstResult.token, 30]);
    await waitFor(() => server.pendingCalls() === 1, 'the long poll to wait');
    const ref = newVdi(world, 1);
    const result = (await pending).body!.result as { events: Array<Record<string, unknown>>; valid_ref_counts: object };
    expect(result.events.map((event) => [event.class, event.operation, event.ref])).toEqual([
      ['vdi', 'add', ref],
      ['vdi', 'mod', ref],
    ]);
    expect(result.valid_ref_counts).toMatchObject({ vdi: 3, task: 0 });
  });

  it('returns no events when the timeout passes, and refuses a bad token', async () => {
    const world = createTestWorld();
    const server = await serve(world);
    const session = await login(server.url(), world);
    const token = (await rpc(server.url(), 'event.inject', [session, 'pool', world.poolRef])).body!.result as string;
    const quiet = await rpc(server.url(), 'event.from', [session, ['VDI'], token, 0]);
    expect(quiet.body!.result).toMatchObject({ events: [] });
    const bad = await rpc(server.url(), 'event.from', [session, ['VDI'], 'garbage', 0]);
    expect(bad.body!.error).toMatchObject({ message: 'EVENT_FROM_TOKEN_PARSE_FAILURE', data: ['garbage'] });
  });

  it('answers EVENTS_LOST for a token older than the kept changes', async () => {
    const world = createTestWorld();
    const server = await serve(world);
    const session = await login(server.url(), world);
    world.forgetChangesThrough(world.currentChangeId());
    const lost = await rpc(server.url(), 'event.from', [session, ['VDI'], eventToken(1), 0]);
    expect(lost.body!.error).toMatchObject({ message: 'EVENTS_LOST', data: [] });
  });

  it('ends a pending event.from with HOST_IS_SLAVE when the master moves', async () => {
    const world = createTestWorld({ hostCount: 2 });
    const server = await serve(world);
    const session = await login(server.url(), world);
    const pending = rpc(server.url(), 'event.from', [session, ['VDI'], eventToken(world.currentChangeId()), 30]);
    await waitFor(() => server.pendingCalls() === 1, 'the long poll to wait');
    world.setMaster(world.hosts()[1].ref);
    expect((await pending).body!.error).toMatchObject({ message: 'HOST_IS_SLAVE', data: ['127.0.0.2'] });
    const onNewMaster = await rpc(server.url('127.0.0.2'), 'session.login_with_password', ['root', 'password']);
    expect(onNewMaster.body!.result).toMatch(/^OpaqueRef:/);
  });

  it('ends a pending event.from with SESSION_INVALID on logout', async () => {
    const world = createTestWorld();
    const server = await serve(world);
    const session = await login(server.url(), world);
    const pending = rpc(server.url(), 'event.from', [session, ['VDI'], eventToken(world.currentChangeId()), 30]);
    await waitFor(() => server.pendingCalls() === 1, 'the long poll to wait');
    await rpc(server.url(), 'session.logout', [session]);
    expect((await pending).body!.error).toMatchObject({ message: 'SESSION_INVALID', data: [session] });
  });
});

describe('XAPI server faults', () => {
  it('refuses connections while xapiDown and comes back on the same port', async () => {
    const world = createTestWorld();
    const server = await serve(world);
    world.faults.xapiDown = true;
    await server.syncFaults();
    await expect(rpc(server.url(), 'system.listMethods', [])).rejects.toThrow();
    world.faults.xapiDown = false;
    await server.syncFaults();
    expect((await rpc(server.url(), 'system.listMethods', [])).status).toBe(200);
  });

  it('holds calls while xapiHang and answers them once it clears', async () => {
    const world = createTestWorld();
    const server = await serve(world);
    world.faults.xapiHang = true;
    await server.syncFaults();
    let settled = false;
    const pending = rpc(server.url(), 'session.login_with_password', ['root', 'password']).finally(() => {
      settled = true;
    });
    await waitFor(() => server.pendingCalls() === 1, 'the call to be held');
    expect(settled).toBe(false);
    world.faults.xapiHang = false;
    await server.syncFaults();
    expect((await pending).body!.result).toMatch(/^OpaqueRef:/);
  });

  it('drops held calls when it stops', async () => {
    const world = createTestWorld();
    const server = await startXapiServer({ world });
    world.faults.xapiHang = true;
    const pending = rpc(server.url(), 'system.listMethods', []);
    await waitFor(() => server.pendingCalls() === 1, 'the call to be held');
    await server.stop();
    await expect(pending).rejects.toThrow();
    expect(server.pendingCalls()).toBe(0);
  });
});
