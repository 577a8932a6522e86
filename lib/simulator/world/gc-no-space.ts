import type { GcRun } from './gc-run';
import { makeMessageRecord } from './records/message-record';
import { opaqueRef, type StringMap } from './records/xapi-values';

const NO_SPACE_KEY = 'gc_no_space';

/**
 * SM (CP-42675) raises `SM_GC_NO_SPACE` once for a VDI it cannot coalesce for lack of space and
 * tags the VDI (and the SR) with the message ref in `sm_config.gc_no_space`; when a GC run ends
 * with no such VDI left, it destroys the message and drops the tags.
 */
export function reportNoSpace(run: GcRun): void {
  const { ctx, sr } = run;
  for (const uuid of run.noSpace) {
    const node = sr.vhds.get(uuid);
    if (!node) continue;
    const smConfig = ctx.store.get('VDI', node.vdiRef)?.sm_config as StringMap | undefined;
    if (smConfig?.[NO_SPACE_KEY] !== undefined) continue;
    const messageRef = opaqueRef(ctx.rng.uuid());
    ctx.store.add(
      'message',
      messageRef,
      makeMessageRecord({
        uuid: ctx.rng.uuid(),
        name: 'SM_GC_NO_SPACE',
        priority: 3,
        cls: 'VDI',
        objUuid: uuid,
        timestampMs: ctx.nowMs(),
        body: `Unable to perform data coalesce due to a lack of space in SR ${sr.uuid}`,
      }),
    );
    ctx.store.patchMap('VDI', node.vdiRef, 'sm_config', { [NO_SPACE_KEY]: messageRef });
    ctx.store.patchMap('SR', sr.ref, 'sm_config', { [NO_SPACE_KEY]: messageRef });
  }
  if (run.noSpace.size > 0) return;
  for (const node of sr.vhds.values()) {
    const smConfig = ctx.store.get('VDI', node.vdiRef)?.sm_config as StringMap | undefined;
    const messageRef = smConfig?.[NO_SPACE_KEY];
    if (messageRef === undefined) continue;
    ctx.store.remove('message', messageRef);
    ctx.store.patchMap('VDI', node.vdiRef, 'sm_config', { [NO_SPACE_KEY]: null });
  }
  const srConfig = ctx.store.get('SR', sr.ref)?.sm_config as StringMap | undefined;
  if (srConfig?.[NO_SPACE_KEY] !== undefined) ctx.store.patchMap('SR', sr.ref, 'sm_config', { [NO_SPACE_KEY]: null });
}
