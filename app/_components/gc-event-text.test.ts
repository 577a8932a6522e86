import { describe, expect, it } from 'vitest';
import { gcEventView } from '@/lib/db/read/gc-event-view';
import { describeGcEvent, gcEventTone } from './gc-event-text';

const line = (message: string) => gcEventView({ key: '1', atMs: 0, host: 'rigel', pid: 628, message });

describe('describeGcEvent', () => {
  it('names the VDIs of a coalesce, hidden ones starred', () => {
    const e = line('Coalescing *e25e01be[VHD](500.000G//152.000M|ao) -> *43454904[VHD](500.000G//500.949G|ao)');
    expect(describeGcEvent(e)).toBe('Coalescing *e25e01be → *43454904');
    expect(gcEventTone(e)).toBe('work');
  });

  it('says when the GC gives up a live leaf-coalesce', () => {
    const e = line('Max iterations (10) exceeded');
    expect(describeGcEvent(e)).toBe('Gave up leaf-coalesce after 10 iterations');
    expect(gcEventTone(e)).toBe('failure');
    expect(describeGcEvent(line('Set leaf-coalesce = offline for 7ef76d55[VHD](500.000G/270.645M/500.984G|ao)'))).toBe(
      '7ef76d55 needs an offline coalesce (VM shut down): live leaf-coalesce abandoned',
    );
  });

  it('reads sizes in binary units and keeps unknown lines as logged', () => {
    expect(describeGcEvent(line('Coalesced size = 500.949G'))).toBe('Coalesced size will be 500.9 GiB');
    expect(describeGcEvent(line('  Something SM says'))).toBe('Something SM says');
  });

  it('puts numbers in words for the GC round', () => {
    expect(describeGcEvent(line('No progress, attempt: 2'))).toBe('No progress on the leaf-coalesce (attempt 2)');
    expect(describeGcEvent(line("['/usr/bin/vhd-util', 'coalesce', '--debug']"))).toBe('Ran /usr/bin/vhd-util');
    expect(gcEventTone(line('GC process exiting, no work left'))).toBe('success');
  });
});
