import type { SimSr, WorldContext } from './model';
import { indexTree, childrenOf, type TreeIndex } from './vhd-tree';
import type { VhdNode } from './model';
import { openVhds, sm, vdiToken, type SmProcess } from './sm-log';
import { formatVdiToken } from '../../vhd/vdi-token';

/**
 * SMGC's `LogFilter`: after each scan it dumps the VHD trees of the SR, the first time all of
 * them, then only the trees whose text changed ("Tree <uuid> gone" for vanished roots).
 */
export class LogFilter {
  private previous = new Map<string, string>();
  private logged = false;

  constructor(private readonly ctx: WorldContext, private readonly sr: SimSr, private readonly srName: string) {}

  logState(proc: SmProcess): void {
    const index = indexTree(this.sr);
    const open = openVhds(this.sr);
    const current = new Map<string, string>();
    let changes = '';
    for (const root of index.roots) {
      const text = this.treeText(index, root, open, 0);
      current.set(root.uuid, text);
      if (this.previous.get(root.uuid) !== text) changes += text;
    }
    for (const uuid of this.previous.keys()) {
      if (!current.has(uuid)) changes += `Tree ${uuid} gone\n`;
    }
    const state = changes.length === 0 ? 'none' : this.logged ? 'changed' : 'first';
    const header = sm.treeHeader({ uuid: this.sr.uuid, name: this.srName }, this.sr.vhds.size, index.roots.length, state);
    proc.gc(changes.length > 0 ? `${header}\n${changes}` : header);
    this.previous = current;
    this.logged = true;
  }

  private treeText(index: TreeIndex, node: VhdNode, open: ReadonlySet<string>, depth: number): string {
    const token = vdiToken(this.sr, node, this.ctx.nowMs(), open);
    let text = `${' '.repeat(8 + 4 * depth)}${formatVdiToken(token)}\n`;
    for (const child of childrenOf(index, node.uuid)) text += this.treeText(index, child, open, depth + 1);
    return text;
  }
}
