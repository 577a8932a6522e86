import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorld, waitFor, type TestWorld } from './test-world';
import { eventToken } from './xapi-events';
import { startXapiServer, type XapiServer } from './xapi-server';
import { login, newVdi, rawCall, rpc } from './xapi-test-helpers';

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function serve(world: TestWorld): Promise<XapiServer> {
  const server = await startXapiServer({ world });
  cleanups.push(() => server.stop());
  return server;
}

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
    const answer = await rawCall(server.url(), { method: 'session.logout', params: ['OpaqueRef:x'], id: 1 });
    expect(answer.body).toEqual({ result: null, error: ['SESSION_INVALID', 'OpaqueRef:x'], id: 1 });
  });

  it('survives malformed and oversized bodies and unknown paths', async () => {
    const world = createTestWorld();
    const server = await serve(world);
    const malformed = await rawCall(server.url(), '{"method": ');
    expect(malformed.body).toEqual({ jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null });
    const oversized = await rawCall(server.url(), 'x'.repeat(2 * 1024 * 1024));
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

  it('sends a large get_all_records whole with its length, and survives a client that leaves halfway', async () => {
    const world = createTestWorld();
    for (let n = 0; n < 20_000; n++) newVdi(world, n);
    const server = await serve(world);
    const session = await login(server.url(), world);
    const all = await rpc(server.url(), 'VDI.get_all_records', [session]);
    expect(all.contentType).toBe('application/json');
    expect(all.body!.result).toEqual(Object.fromEntries(world.allRecords('VDI')));

    // Sent with its length, as one body: no chunked framing, and the length is the bytes sent.
    const whole = await fetch(`${server.url()}/jsonrpc`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'VDI.get_all_records', params: [session], id: 9 }),
    });
    expect(whole.headers.get('transfer-encoding')).toBeNull();
    const bytes = Buffer.from(await whole.arrayBuffer());
    expect(Number(whole.headers.get('content-length'))).toBe(bytes.length);
    expect(bytes.length).toBeGreaterThan(8 * 1024 * 1024);

    const leaving = new AbortController();
    const response = await fetch(`${server.url()}/jsonrpc`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'VDI.get_all_records', params: [session], id: 8 }),
      signal: leaving.signal,
    });
    await response.body!.getReader().read();
    leaving.abort();
    await waitFor(() => server.pendingCalls() === 0, 'the abandoned answer to end');
    expect((await rpc(server.url(), 'SR.get_by_uuid', [session, world.srUuid])).body!.result).toBe(world.srRef);
  });

  it('answers get_all_records_where with the records the expression selects', async () => {
    const world = createTestWorld();
    for (let n = 0; n < 3; n++) newVdi(world, n);
    const server = await serve(world);
    const session = await login(server.url(), world);
    const onSr = await rpc(server.url(), 'VDI.get_all_records_where', [session, `field "SR"="${world.srRef}"`]);
    const expected = [...world.allRecords('VDI')].filter(([, vdi]) => vdi.SR === world.srRef);
    expect(expected.length).toBeGreaterThan(3);
    expect(onSr.body!.result).toEqual(Object.fromEntries(expected));
    const none = await rpc(server.url(), 'VDI.get_all_records_where', [session, 'field "SR"="OpaqueRef:NULL"']);
    expect(none.body!.result).toEqual({});
    const bad = await rpc(server.url(), 'VDI.get_all_records_where', [session, 'field "SR" =']);
    expect(bad.body!.error).toMatchObject({ message: 'INTERNAL_ERROR' });
  });
});
