import { afterEach, describe, expect, it, vi } from 'vitest';
import { consoleLogger } from './collector/clock';
import { printable } from './printable';

afterEach(() => vi.restoreAllMocks());

describe('printable', () => {
  it('shows control characters and bidirectional overrides as ?, and keeps the rest (emoji, quotes, HTML)', () => {
    expect(printable('a\nb\r\tc\u001b[2J\u0007\u009b')).toBe('a?b??c?[2J??');
    expect(printable('invoice\u202Egpj.exe')).toBe('invoice?gpj.exe');
    expect(printable('<b>"db-01"</b> =cmd| 💾')).toBe('<b>"db-01"</b> =cmd| 💾');
  });

  it('keeps a pool’s text from forging a line of the collector’s log', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const info = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    consoleLogger.warn('host evil\n[chainwatch collector] pool lab: all good\u001b[2J');
    consoleLogger.info('line\r');
    expect(warn).toHaveBeenCalledWith('[chainwatch collector] host evil?[chainwatch collector] pool lab: all good?[2J');
    expect(info).toHaveBeenCalledWith('[chainwatch collector] line?');
  });
});
