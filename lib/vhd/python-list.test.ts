import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatPythonStringList, parsePythonStringList } from './python-list';

describe('parsePythonStringList', () => {
  it('reads a command as SM logs it (forum fixture)', () => {
    const text =
      "['/sbin/lvcreate', '-n', 'coalesce_734e9652-b66b-41e1-a6b4-16796a732a69_1', '-L', '4', 'VG_XenStorage-f951f048-dfcb-8bab-8339-463e9c9b708c', '--addtag', 'journaler', '-W', 'n']";
    expect(parsePythonStringList(text)).toEqual([
      '/sbin/lvcreate',
      '-n',
      'coalesce_734e9652-b66b-41e1-a6b4-16796a732a69_1',
      '-L',
      '4',
      'VG_XenStorage-f951f048-dfcb-8bab-8339-463e9c9b708c',
      '--addtag',
      'journaler',
      '-W',
      'n',
    ]);
  });

  it.each([
    ['[]', []],
    [' [ ] ', []],
    ["['a']", ['a']],
    ["['a',]", ['a']],
    [`["it's", 'x']`, ["it's", 'x']],
    [String.raw`['it\'s "q"']`, [`it's "q"`]],
    [String.raw`['a\\b', 'tab\there', 'nl\n', 'cr\r']`, ['a\\b', 'tab\there', 'nl\n', 'cr\r']],
    [String.raw`['\x00\x1b\x7f', '\u00e9\U0001F600', '\101\0']`, ['\x00\x1b\x7f', 'é😀', 'A\0']],
    [String.raw`[u'unicode', b'bytes', r'raw\n', Rb'\d']`, ['unicode', 'bytes', String.raw`raw\n`, String.raw`\d`]],
    [String.raw`['keep \d and \N{x}']`, [String.raw`keep \d and \N{x}`]],
    ["['/usr/bin/vhd-util', 'coalesce', '--debug', '-n', '/dev/VG_XenStorage-f951/VHD-e25e01be']", ['/usr/bin/vhd-util', 'coalesce', '--debug', '-n', '/dev/VG_XenStorage-f951/VHD-e25e01be']],
  ])('reads %s', (text, items) => {
    expect(parsePythonStringList(text)).toEqual(items);
  });

  it.each([
    '',
    'a',
    '[',
    "['a'",
    "['a' 'b']",
    "['a'] x",
    '[1, 2]',
    "['a', None]",
    "['unterminated]",
    String.raw`['\x4']`,
    String.raw`['\U00110000']`,
    String.raw`['ends with \']`,
    "('a', 'b')",
    "['a',, 'b']",
  ])('rejects %j', (text) => {
    expect(parsePythonStringList(text)).toBeNull();
  });
});

/** Quotes, backslashes and control characters more often than chance; any code point, lone surrogates included. */
const pythonSensitiveChar = fc.oneof(
  fc.constantFrom("'", '"', '\\', '\n', '\r', '\t', '\x00', '\x7f', '\xa0', 'é'),
  fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code)),
);

describe('formatPythonStringList', () => {
  it.each([
    [[], '[]'],
    [['/sbin/lvremove', '-f'], "['/sbin/lvremove', '-f']"],
    [["it's"], `["it's"]`],
    [[`it's "q"`], String.raw`['it\'s "q"']`],
    [['a\\b\n\t\r\x01'], String.raw`['a\\b\n\t\r\x01']`],
    [['é'], "['é']"],
  ])('prints %j as Python does', (items, text) => {
    expect(formatPythonStringList(items)).toBe(text);
  });

  it('reads back what it prints', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: pythonSensitiveChar })), (items) =>
        isDeepStrictEqual(parsePythonStringList(formatPythonStringList(items)), items),
      ),
      { numRuns: 300 },
    );
  });
});
