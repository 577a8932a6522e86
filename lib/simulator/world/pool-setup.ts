import type { SimHost, SimSr, SrType, WorldContext } from './model';
import { makeHostRecord } from './records/host-record';
import { makeVmRecord } from './records/vm-record';
import { makePbdRecord } from './records/pbd-record';
import { makeSrRecord } from './records/sr-record';
import { NULL_REF, opaqueRef, type StringMap } from './records/xapi-values';
import { TextLog } from './text-log';
import { GiB, MiB } from './vhd-sizes';

/** SMlog kept in memory per host; older text is dropped but byte offsets keep counting. */
const SMLOG_CAP_BYTES = 4 * MiB;

/** Add the pool's next host (`index` = hosts so far): loopback address 127.0.0.<index+1> and its control domain. */
export function addHost(ctx: WorldContext, uuid: string = ctx.rng.uuid()): SimHost {
  const index = ctx.hosts.length;
  const ref = opaqueRef(uuid);
  const hostname = `xcp-ng-${String(index + 1).padStart(2, '0')}`;
  const controlDomainRef = opaqueRef(ctx.rng.uuid());
  const host: SimHost = {
    ref,
    uuid,
    hostname,
    address: `127.0.0.${index + 1}`,
    controlDomainRef,
    smlog: new TextLog(SMLOG_CAP_BYTES),
    nextPid: ctx.rng.int(1000, 30000),
  };
  ctx.hosts.push(host);
  const bootSec = Math.floor(ctx.nowMs() / 1000) - ctx.rng.int(10, 40) * 86_400;
  ctx.store.add(
    'VM',
    controlDomainRef,
    makeVmRecord({
      uuid: ctx.rng.uuid(),
      nameLabel: `Control domain on host: ${hostname}`,
      nameDescription: 'The domain which manages physical devices and manages other domains',
      kind: 'control-domain',
      powerState: 'Running',
      residentOnRef: ref,
      vbdRefs: [],
      memoryBytes: 4 * GiB,
      vcpus: 8,
      snapshotRefs: [],
      snapshotOfRef: NULL_REF,
      snapshotTimeMs: null,
      otherConfig: { storage_driver_domain: controlDomainRef, is_system_domain: 'true' },
      domid: 0,
    }),
  );
  ctx.store.add(
    'host',
    ref,
    makeHostRecord({
      uuid,
      nameLabel: hostname,
      hostname,
      address: host.address,
      controlDomainRef,
      residentVmRefs: [controlDomainRef],
      pbdRefs: [],
      localSrRef: NULL_REF,
      bootTimeSec: bootSec,
      agentStartTimeSec: bootSec + 95,
    }),
  );
  return host;
}

export interface SrSpec {
  nameLabel: string;
  nameDescription?: string;
  type: SrType;
  /** Host of a local SR (lvm, ext); shared SRs (lvmoiscsi, nfs) are plugged on every host. */
  host?: SimHost;
  physicalSizeBytes: number;
  coalesceBytesPerSec: number;
  speedJitter?: number;
  otherConfig?: StringMap;
}

const SHARED_TYPES: ReadonlySet<SrType> = new Set(['lvmoiscsi', 'nfs']);

export function addSr(ctx: WorldContext, spec: SrSpec): SimSr {
  const uuid = ctx.rng.uuid();
  const shared = SHARED_TYPES.has(spec.type);
  const host = spec.host ?? ctx.hosts[0];
  const plugged = shared ? ctx.hosts : [host];
  const sr: SimSr = {
    ref: opaqueRef(uuid),
    uuid,
    type: spec.type,
    shared,
    hostRef: host.ref,
    pbdRefs: plugged.map(() => opaqueRef(ctx.rng.uuid())),
    physicalSizeBytes: spec.physicalSizeBytes,
    coalesceBytesPerSec: spec.coalesceBytesPerSec,
    speedJitter: spec.speedJitter ?? 0.05,
    speedLog: null,
    vhds: new Map(),
    gcActive: false,
    gcInitDone: true,
    staleParentOnRelink: new Set(),
  };
  ctx.srs.set(uuid, sr);
  ctx.store.add(
    'SR',
    sr.ref,
    makeSrRecord({
      uuid,
      nameLabel: spec.nameLabel,
      nameDescription: spec.nameDescription ?? '',
      type: spec.type,
      shared,
      vdiRefs: [],
      pbdRefs: sr.pbdRefs,
      physicalSizeBytes: spec.physicalSizeBytes,
      physicalUtilisationBytes: 0,
      virtualAllocationBytes: 0,
      otherConfig: spec.otherConfig,
    }),
  );
  plugged.forEach((h, i) => {
    const pbdRef = sr.pbdRefs[i];
    ctx.store.add('PBD', pbdRef, makePbdRecord({ uuid: pbdRef.slice('OpaqueRef:'.length), hostRef: h.ref, srRef: sr.ref, srType: spec.type, srUuid: uuid }));
    ctx.store.addToSet('host', h.ref, 'PBDs', pbdRef);
  });
  if (ctx.store.get('pool', ctx.poolRef)?.default_SR === NULL_REF) ctx.store.patch('pool', ctx.poolRef, { default_SR: sr.ref });
  return sr;
}
