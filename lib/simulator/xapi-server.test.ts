import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type Xapi, type XenApiOptions } from 'xen-api';
import { createTestWorld, testRef, testUuid, vdiRecord, waitFor, type TestWorld } from './test-world';
import { startXapiServer, type XapiServer } from './xapi-server';
import { newVdi } from './xapi-test-helpers';

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
