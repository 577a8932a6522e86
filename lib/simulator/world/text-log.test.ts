import { describe, expect, it } from 'vitest';
import { TextLog } from './text-log';

describe('TextLog', () => {
  it('reads from a byte offset, across multi-byte characters', () => {
    const log = new TextLog(1024);
    log.append('héllo');
    log.append('world');
    expect(log.size()).toBe(Buffer.byteLength('héllo\nworld\n'));
    expect(log.since(0)).toEqual({ text: 'héllo\nworld\n', nextOffset: log.size(), rotated: false });
    expect(log.since(Buffer.byteLength('héllo\n')).text).toBe('world\n');
    expect(log.since(3).text).toBe('llo\nworld\n');
    expect(log.since(log.size())).toEqual({ text: '', nextOffset: log.size(), rotated: false });
  });

  it('drops its head past the cap but keeps offsets counting from the first byte', () => {
    const log = new TextLog(100);
    for (let i = 0; i < 50; i++) log.append(`line ${String(i).padStart(3, '0')}`);
    expect(log.size()).toBe(50 * 9);
    expect(Buffer.byteLength(log.text())).toBeLessThanOrEqual(125);
    expect(log.text().endsWith('line 049\n')).toBe(true);
    const old = log.since(0);
    expect(old.rotated).toBe(true);
    expect(old.text).toBe(log.text());
    expect(log.since(49 * 9).text).toBe('line 049\n');
    expect(log.since(10_000).rotated).toBe(true);
  });
});
