import type { ScenarioDefinition } from './scenario';
import { DAY_MS } from './scenario';
import { GiB, KiB, MiB, TiB, dataBytesForLv } from '../world/vhd-sizes';
import { toXoDateTime } from '../world/xapi-datetime';
import type { VhdNode } from '../world/model';

/**
 * The tree pasted in the forum thread (test/fixtures/forum-lvm-sr-tree.vhd-util-scan.txt), rebuilt
 * VHD for VHD: [base copy uuid, its LV size, the uuid of the 8 MiB snapshot leaf pinning it], root
 * first. Every base copy has two children, so the GC has nothing it may coalesce.
 */
const FORUM_TREE: readonly (readonly [string, number, string])[] = [
  ['036594ed-6814-4afa-a063-c702d575316e', 11580473344, '0bf17661-b95f-4b5f-adf6-ef5b2ff0a039'],
  ['40df70e3-25b9-4875-a995-0f7497924afd', 901775360, '8b409ba8-77f4-4270-a36d-6d4c0091ed3c'],
  ['5ec35406-34c0-4c9c-b92d-80df45f5e6c1', 1094713344, 'e039102b-ac33-487a-b38b-ccd60cf83573'],
  ['ccdfe0c5-6044-4131-8ce5-3b2129f083c2', 843055104, '26560aef-677c-498f-81e0-91cd791ec2ee'],
  ['91abb814-214b-4fe7-aac6-20f0177348cb', 977272832, '78cac789-3a46-4d79-87ff-0e8d28c17916'],
  ['aab84809-2165-4af3-9f47-a1b1ff4044f8', 1019215872, 'cdb89a9e-a583-461c-adc6-7b68c0e88556'],
  ['78d28f42-9327-440c-bd72-46b0716252a8', 268435456, '76360be2-10b7-4be1-8cb6-b2595ed8f5df'],
  ['492d0a9f-8a1d-469d-8bbc-9bbdd910a83e', 994050048, '9276a1dc-185b-4299-b958-415dc52ee2f8'],
  ['c5017f51-309a-4e49-bf42-ce6a838212d2', 1111490560, '22a8f4fb-11ca-4caa-8439-ac8082482ca3'],
  ['b0151f77-e694-437b-8ff2-f352871ad37d', 243269632, '25fffec1-fb4d-4717-8bff-c2050eb49aa2'],
  ['a0e6091b-3560-40bd-85ec-eb251e47366c', 918552576, 'c40b1169-7d28-464c-9a6f-5309c7e2382d'],
  ['1038bb56-d4d9-49ef-b2fb-10319423cbd1', 264241152, '85b6bd0c-da46-41ab-8483-a831beeb0a0a'],
  ['52b51deb-1c26-4101-a6b0-c2fde959c66b', 830472192, '4aa2d7d6-cf34-449d-8ee1-98e9b6a19bf5'],
  ['57304603-4a25-4723-93cf-24564d3e96f3', 264241152, 'e28412b8-af76-4a72-85af-7780a97c7ae4'],
  ['dedb2e9b-78e3-4067-92c9-42e3266c72cd', 1946157056, '4b697f4c-2169-4d7c-a41a-718fd427745b'],
];
const FORUM_LEAF_UUID = '9ffc4f7c-c27a-4976-8c93-b1522822fab4';
const FORUM_VIRTUAL_BYTES = 20 * GiB;

/** The forum's 16-deep tree: 15 base copies, each pinned by a snapshot a replication job left behind. */
export const pinnedBySnapshots: ScenarioDefinition = {
  description: "The forum's 16-deep LVM-over-iSCSI tree: 15 base copies each pinned by an 8 MiB snapshot leaf.",
  build(b) {
    const sr = b.addSr({
      nameLabel: 'EqualLogic PS6000',
      nameDescription: 'LVM over iSCSI, replicated to two other datacenters',
      type: 'lvmoiscsi',
      physicalSizeBytes: 4 * TiB,
      coalesceBytesPerSec: 45 * MiB,
    });
    const bases: VhdNode[] = [];
    for (const [baseUuid, lvBytes] of FORUM_TREE) {
      const parentUuid = bases.length > 0 ? bases[bases.length - 1].uuid : null;
      bases.push(b.addVhd(sr, { uuid: baseUuid, parentUuid, hidden: true, virtualSizeBytes: FORUM_VIRTUAL_BYTES, dataBytes: dataBytesForLv(lvBytes) }));
    }
    const vm = b.addVm({
      nameLabel: 'legacy-app',
      nameDescription: 'Replicated by continuous replication from two XO appliances',
      host: b.host(0),
      disks: [{ sr, parent: bases[bases.length - 1], uuid: FORUM_LEAF_UUID, virtualSizeBytes: FORUM_VIRTUAL_BYTES, leafBytes: 6 * GiB, writeBytesPerSec: 64 * KiB, writeSetBytes: 2 * GiB }],
    });
    const [leafRef] = b.diskVdiRefs(vm);
    const job = { id: b.ctx.rng.uuid(), scheduleId: b.ctx.rng.uuid(), targetSrUuid: b.ctx.rng.uuid() };
    FORUM_TREE.forEach(([, , snapshotUuid], i) => {
      const takenMs = b.startMs - (FORUM_TREE.length - i) * DAY_MS;
      const snapshot = b.addVhd(sr, {
        uuid: snapshotUuid,
        parentUuid: bases[i].uuid,
        hidden: false,
        virtualSizeBytes: FORUM_VIRTUAL_BYTES,
        dataBytes: 0,
        meta: { nameLabel: 'legacy-app system', isSnapshot: true, snapshotOfRef: leafRef, snapshotTimeMs: takenMs },
      });
      b.addSnapshotVm(vm, [snapshot], '[XO Backup CR to DC2] legacy-app', {
        'xo:backup:job': job.id,
        'xo:backup:schedule': job.scheduleId,
        'xo:backup:vm': b.vmUuids[b.vmUuids.length - 1],
        'xo:backup:datetime': toXoDateTime(takenMs),
        'xo:backup:sr': job.targetSrUuid,
      }, takenMs);
    });
    return {
      expectations: [
        'vhd-util scan of the SR prints the forum tree: 31 VHDs, 15 hidden, one tree, longest chain 16.',
        'The GC finds nothing to coalesce: each base copy keeps two children until its snapshot is deleted.',
      ],
    };
  },
};
