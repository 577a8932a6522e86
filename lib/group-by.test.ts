import { describe, expect, it } from 'vitest';
import { groupBy } from './group-by';

describe('groupBy', () => {
  it('groups by key, each group in the order of the items, undefined a key like any other', () => {
    const items = [
      { sr: 'b', id: 1 },
      { sr: 'a', id: 2 },
      { sr: undefined, id: 3 },
      { sr: 'b', id: 4 },
    ];
    const groups = groupBy(items, (item) => item.sr);
    expect([...groups.keys()]).toEqual(['b', 'a', undefined]);
    expect(groups.get('b')!.map((item) => item.id)).toEqual([1, 4]);
    expect(groups.get(undefined)!.map((item) => item.id)).toEqual([3]);
    expect(groupBy(items, (item) => item.sr, (item) => item.id)).toEqual(new Map([['b', [1, 4]], ['a', [2]], [undefined, [3]]]));
  });
});
