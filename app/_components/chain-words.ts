/** Chain states and XO's verdict in words (states as the collector's chain-state.ts defines them). */
import type { ChainSummary } from '@/lib/db/read/chains';

const STATE: Record<string, { label: string; tone: string; hint: string }> = {
  clean: { label: 'Clean', tone: 'ok', hint: 'Nothing for the GC to merge on this chain.' },
  coalescing: { label: 'GC merging', tone: 'work', hint: 'The GC has work on this chain and nothing stops it.' },
  blocked: {
    label: 'Blocked',
    tone: 'crit',
    hint: 'The GC has work here but cannot do it: switched off, no space, or leaf-coalesce set to offline (the VM must be shut down).',
  },
  'unknown-parent': { label: 'Parent unknown', tone: 'warn', hint: 'A parent link could not be confirmed (stale vhd-parent): the real chain may differ.' },
  garbage: { label: 'Garbage', tone: 'muted', hint: 'A hidden VHD nothing uses: the GC deletes it first.' },
  removed: { label: 'Removed', tone: 'muted', hint: 'The leaf is gone.' },
};

export function chainStateWords(state: string) {
  return STATE[state] ?? { label: state, tone: 'muted', hint: '' };
}

export function xoVerdictWords(chain: Pick<ChainSummary, 'isSnapshot' | 'xoUnhealthy'>): { label: string; tone: string } {
  if (chain.isSnapshot) return { label: 'Snapshot (not backed up)', tone: 'muted' };
  return chain.xoUnhealthy ? { label: 'Backup skipped: chain protection', tone: 'crit' } : { label: 'Backup runs', tone: 'ok' };
}
