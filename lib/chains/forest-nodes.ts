/**
 * `Forest.nodes`: a read-only Map over the forest's positional arrays that makes each
 * `ForestNode` when first asked for it. The analyses read the arrays; building 100,000 node
 * objects, their child lists and a Map of them would cost more than the whole analysis, for
 * callers that look up a handful.
 */
import type { RecordTable } from './record-table';
import type { ForestNode } from './types';

/** The forest's per-position arrays a node is read from. */
export interface NodeLayout {
  parentAt: Int32Array;
  firstChildAt: Int32Array;
  childCount: Int32Array;
  depthAt: Int32Array;
  rootAt: Int32Array;
  heightAt: Int32Array;
}

export class ForestNodeMap extends Map<string, ForestNode> {
  /** Nodes made so far, by position: asking twice gives the same object. */
  private made: (ForestNode | undefined)[] | null = null;

  /**
   * `table` numbers the kept records in input order; `positionOf` maps those numbers to
   * positions, and iteration follows input order, as a Map filled record by record would.
   */
  constructor(
    private readonly table: RecordTable,
    private readonly positionOf: Int32Array,
    private readonly numberAt: Int32Array,
    private readonly layout: NodeLayout,
  ) {
    super();
  }

  /** The id at position `k`. */
  idAt(k: number): string {
    return this.table.idAt(this.numberAt[k]);
  }

  /** The node at position `k`. */
  nodeAt(k: number): ForestNode {
    this.made ??= new Array<ForestNode | undefined>(this.positionOf.length);
    const known = this.made[k];
    if (known !== undefined) return known;
    const { parentAt, firstChildAt, childCount, depthAt, rootAt, heightAt } = this.layout;
    const p = parentAt[k];
    // A node's children sit side by side in the breadth-first order.
    const first = firstChildAt[k];
    const node: ForestNode = {
      record: this.table.recordAt(this.numberAt[k]),
      index: k,
      parentId: p === -1 ? null : this.idAt(p),
      childIds: first === -1 ? [] : Array.from({ length: childCount[k] }, (_, c) => this.idAt(first + c)),
      depth: depthAt[k],
      rootId: this.idAt(rootAt[k]),
      chainLength: depthAt[k] + 1,
      height: heightAt[k],
    };
    this.made[k] = node;
    return node;
  }

  /** Position in `order` of `id`, or -1 when the forest has no such VHD. */
  positionOfId(id: string): number {
    const number = this.table.find(id);
    return number === -1 ? -1 : this.positionOf[number];
  }

  override get size(): number {
    return this.positionOf.length;
  }

  override get(id: string): ForestNode | undefined {
    const k = this.positionOfId(id);
    return k === -1 ? undefined : this.nodeAt(k);
  }

  override has(id: string): boolean {
    return this.table.find(id) !== -1;
  }

  override *entries(): MapIterator<[string, ForestNode]> {
    for (let number = 0; number < this.positionOf.length; number++) {
      const k = this.positionOf[number];
      yield [this.idAt(k), this.nodeAt(k)];
    }
  }

  override *keys(): MapIterator<string> {
    for (let number = 0; number < this.positionOf.length; number++) yield this.table.idAt(number);
  }

  override *values(): MapIterator<ForestNode> {
    for (let number = 0; number < this.positionOf.length; number++) yield this.nodeAt(this.positionOf[number]);
  }

  override [Symbol.iterator](): MapIterator<[string, ForestNode]> {
    return this.entries();
  }

  override forEach(callback: (value: ForestNode, key: string, map: Map<string, ForestNode>) => void, thisArg?: unknown): void {
    for (const [id, node] of this.entries()) callback.call(thisArg, node, id, this);
  }

  override set(): this {
    throw new TypeError('A forest is read-only: build a new one from the records');
  }

  override delete(): boolean {
    throw new TypeError('A forest is read-only: build a new one from the records');
  }

  override clear(): void {
    throw new TypeError('A forest is read-only: build a new one from the records');
  }
}
