import { describe, expect, it } from 'vitest';
import { serverNodeFlags } from '../../scripts/server-node-flags.mjs';

describe('serverNodeFlags', () => {
  it("gives V8 one background thread per core beyond the first, at most Node's 4", () => {
    expect(serverNodeFlags({}, 1)).toEqual(['--v8-pool-size=1']);
    expect(serverNodeFlags({}, 2)).toEqual(['--v8-pool-size=1']);
    expect(serverNodeFlags({}, 3)).toEqual(['--v8-pool-size=2']);
    expect(serverNodeFlags({}, 64)).toEqual(['--v8-pool-size=4']);
  });

  it('keeps the pool size the operator set in NODE_OPTIONS', () => {
    expect(serverNodeFlags({ NODE_OPTIONS: '--max-old-space-size=512 --v8-pool-size=3' }, 2)).toEqual([]);
    expect(serverNodeFlags({ NODE_OPTIONS: '--v8_pool_size=3' }, 2)).toEqual([]);
    expect(serverNodeFlags({ NODE_OPTIONS: '--v8-pool-size 3' }, 2)).toEqual([]);
    expect(serverNodeFlags({ NODE_OPTIONS: '--max-old-space-size=512' }, 2)).toEqual(['--v8-pool-size=1']);
    expect(serverNodeFlags({ NODE_OPTIONS: '--v8-pool-sizer=3' }, 2)).toEqual(['--v8-pool-size=1']);
  });
});
