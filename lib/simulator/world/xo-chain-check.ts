import type { WorldContext } from './model';
import { buildForest } from '../../chains/forest';
import { recordsFromXapi, type XapiVdiLike } from '../../chains/from-xapi';
import { xoChainVerdict, type XoChainVerdict } from '../../chains/xo-chain-rule';
import { vmDisks } from './vm-ops';

/**
 * Xen Orchestra's VDI chain protection for one VM, judged as XO judges it: from the XAPI VDI
 * records of the SRs holding the VM's disks (their `vhd-parent` links, stale or not).
 */
export function xoChainCheck(ctx: WorldContext, vmRef: string, tolerance: number): XoChainVerdict {
  const disks = vmDisks(ctx, vmRef);
  const srRefs = new Set(disks.map((disk) => disk.sr.ref));
  const vdis: Record<string, XapiVdiLike> = {};
  for (const srRef of srRefs) {
    for (const vdiRef of ctx.store.get('SR', srRef)?.VDIs as string[]) {
      const record = ctx.store.get('VDI', vdiRef);
      if (record) vdis[vdiRef] = record as unknown as XapiVdiLike;
    }
  }
  const forest = buildForest(recordsFromXapi({ vdis }));
  return xoChainVerdict(forest, disks.map((disk) => disk.node.uuid), tolerance);
}
