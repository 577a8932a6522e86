import { describe, expect, it } from 'vitest';
import { collectionStatus, type CollectionFacts } from './collection-status';

const NOW = 1_000_000_000;
const facts = (over: Partial<CollectionFacts>): CollectionFacts => ({
  lastRunAtMs: NOW - 30_000,
  lastOutcome: 'ok',
  lastError: null,
  lastGoodRunAtMs: NOW - 30_000,
  ...over,
});
const SILENCE = 5 * 60_000;

describe('collectionStatus', () => {
  it('says when the pool was collected', () => {
    expect(collectionStatus(facts({}), NOW, SILENCE)).toEqual({ health: 'ok', sentence: 'Collected 30 s ago.' });
  });

  it('waits for a first collection', () => {
    expect(collectionStatus(facts({ lastRunAtMs: null, lastOutcome: null }), NOW, SILENCE).health).toBe('never');
  });

  it('shows a failed run with its error and the age of the data', () => {
    const status = collectionStatus(facts({ lastOutcome: 'failed', lastError: 'XAPI login failed', lastGoodRunAtMs: NOW - 3_600_000 }), NOW, SILENCE);
    expect(status.health).toBe('failed');
    expect(status.sentence).toBe('The last collection failed 30 s ago: XAPI login failed. The data shown is from 1 h 00 m ago.');
  });

  it('shows a partial run', () => {
    const status = collectionStatus(facts({ lastOutcome: 'partial', lastError: 'SSH unavailable' }), NOW, SILENCE);
    expect(status).toEqual({ health: 'partial', sentence: 'Collected 30 s ago, but only in part: SSH unavailable.' });
  });

  it('calls a silent collector late, whatever its last outcome', () => {
    const status = collectionStatus(facts({ lastRunAtMs: NOW - 20 * 60_000, lastGoodRunAtMs: NOW - 20 * 60_000 }), NOW, SILENCE);
    expect(status.health).toBe('late');
    expect(status.sentence).toContain('No collection for 20 m');
  });
});
