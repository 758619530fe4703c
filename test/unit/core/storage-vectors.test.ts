/** The byte vectors of shared/spec/storage.md §14, each a test. */
import { buildQualifier } from '../../../src/core/qualifier';
import { DEFAULT_LAYOUT, RowKeyCodec, toHex } from '../../../src/core/row-key';
import { mergeRow } from '../../../src/core/row-merge';
import { parseValue } from '../../../src/core/value-parser';
import { baseTimeOf } from '../../../src/core/const';
import type { Cell } from '../../../src/storage/store';

const h = (hex: string): Buffer => Buffer.from(hex.replace(/\s+/g, ''), 'hex');
const METRIC = h('000001');
const HOST_WEB01 = h('000001 000001');
const DC_LGA = h('000002 000002');
const BASE = 1356998400;

describe('§14.1 single cells (unsalted)', () => {
  const codec = new RowKeyCodec(DEFAULT_LAYOUT);

  test('row key of S at 1356998400, tags sorted by tagk UID whatever the input order', () => {
    expect(toHex(codec.build(METRIC, [DC_LGA, HOST_WEB01], BASE))).toBe('00000150E22700000001000001000002000002');
  });

  it.each([
    [1, 1356998430, '42', 'telnet', '01E0', '2A'],
    [2, 1356998430, '-1', 'telnet', '01E0', 'FF'],
    [3, 1356998430, '300', 'telnet', '01E1', '012C'],
    [4, 1356998430, '-129', 'telnet', '01E1', 'FF7F'],
    [5, 1356998430, '70000', 'telnet', '01E3', '00011170'],
    [6, 1356998430, '5000000000', 'telnet', '01E7', '000000012A05F200'],
    [7, 1356998430, '42.5', 'telnet', '01EB', '422A0000'],
    [8, 1356998430, '42.5', 'http', '01EF', '4045400000000000'],
    [9, 1356998430, '0.1', 'telnet', '01EF', '3FB999999999999A'],
    [10, 1356998400, '1', 'telnet', '0000', '01'],
    [11, 1357001999, '1', 'telnet', 'E0F0', '01'],
    [12, 1357002000, '1', 'telnet', '0000', '01'],
    [13, 1356998430500, '42', 'telnet', 'F01DC900', '2A'],
    [14, 1356998400001, '42.5', 'http', 'F000004F', '4045400000000000'],
    [15, 1357001999999, '1', 'telnet', 'FDBB9FC0', '01'],
    [16, 1356998430000, '42', 'telnet', 'F01D4C00', '2A'],
  ] as const)('vector #%i: %i = %s (%s) → qualifier %s value %s', (_n, ts, text, style, qHex, vHex) => {
    const v = parseValue(text, style);
    const base = baseTimeOf(ts);
    expect(toHex(buildQualifier(ts, base, v.encoded.flags))).toBe(qHex);
    expect(toHex(v.encoded.bytes)).toBe(vHex);
  });

  test('vector #12 moves to the next hour row', () => {
    expect(toHex(codec.build(METRIC, [HOST_WEB01, DC_LGA], baseTimeOf(1357002000)))).toBe('00000150E23510000001000001000002000002');
  });
});

describe('§14.2 salted row keys (Java Arrays.hashCode with signed bytes)', () => {
  it.each([
    [1, 20, '04'],
    [2, 20, '0004'],
    [1, 256, '80'],
  ])('salt width %i, %i buckets → prefix %s', (width, buckets, prefix) => {
    const codec = new RowKeyCodec({ ...DEFAULT_LAYOUT, saltWidth: width, saltBuckets: buckets });
    expect(toHex(codec.build(METRIC, [HOST_WEB01, DC_LGA], BASE))).toBe(`${prefix}00000150E22700000001000001000002000002`);
  });

  test('sys.cpu.user{host=web01} lands in bucket 8', () => {
    const codec = new RowKeyCodec({ ...DEFAULT_LAYOUT, saltWidth: 1, saltBuckets: 20 });
    expect(toHex(codec.build(METRIC, [HOST_WEB01], BASE))).toBe('0800000150E22700000001000001');
  });

  test('signed-byte check: metric 00A1B2, tags 0000FF 00F00D → bucket 18', () => {
    const codec = new RowKeyCodec({ ...DEFAULT_LAYOUT, saltWidth: 1, saltBuckets: 20 });
    expect(codec.build(h('00A1B2'), [h('0000FF 00F00D')], BASE)[0]).toBe(18);
  });

  test('TSUID round trip and global-annotation keys stay unsalted', () => {
    const codec = new RowKeyCodec({ ...DEFAULT_LAYOUT, saltWidth: 1, saltBuckets: 20 });
    const key = codec.build(METRIC, [HOST_WEB01, DC_LGA], BASE);
    expect(toHex(codec.tsuid(key))).toBe('000001000001000001000002000002');
    expect(codec.fromTsuid(codec.tsuid(key), BASE).equals(key)).toBe(true);
    const global = h('00 000000 50E22700');
    expect(toHex(codec.prefixKeyWithSalt(Buffer.from(global)))).toBe('0000000050E22700');
  });
});

describe('§14.3 compacted cells', () => {
  const cell = (q: string, v: string, ts = 1000): Cell => ({ family: 't', qualifier: h(q), value: h(v), timestamp: ts });

  test('three points of mixed types pack with a 0x00 meta byte', () => {
    const m = mergeRow([cell('0000', '01'), cell('01E1', '012C'), cell('03CB', '422A0000')], { fixDuplicates: false });
    expect(toHex(m.qualifier)).toBe('000001E103CB');
    expect(toHex(m.value)).toBe('01012C422A000000');
    expect(m.needsRewrite).toBe(true);
  });

  test('mixed seconds and milliseconds set MS_MIXED_COMPACT', () => {
    const m = mergeRow([cell('F0007D00', '02'), cell('0000', '01')], { fixDuplicates: false });
    expect(toHex(m.qualifier)).toBe('0000F0007D00');
    expect(toHex(m.value)).toBe('010201');
  });

  test('a differing duplicate fails without fix_duplicates and keeps the newest with it', () => {
    const compacted = cell('000001E103CB', '01012C422A000000', 1000);
    const newer = cell('01E0', '2A', 2000);
    expect(() => mergeRow([compacted, newer], { fixDuplicates: false })).toThrow(/Duplicate timestamp/);
    const fixed = mergeRow([compacted, newer], { fixDuplicates: true });
    expect(toHex(fixed.qualifier)).toBe('000001E003CB');
    expect(toHex(fixed.value)).toBe('012A422A000000');
    expect(fixed.duplicatesFixed).toBe(1);
  });

  test('identical duplicates (seconds vs ms qualifiers, same value) merge silently', () => {
    const m = mergeRow([cell('01E0', '2A', 1), cell('F01D4C00', '2A', 2)], { fixDuplicates: false });
    expect(m.pointCount).toBe(1);
    expect(m.value.length).toBe(1);
  });

  test('a single clean cell needs no rewrite and has no meta byte', () => {
    const m = mergeRow([cell('01E0', '2A')], { fixDuplicates: false });
    expect(m.needsRewrite).toBe(false);
    expect(toHex(m.value)).toBe('2A');
  });

  test('legacy fix-ups: 8-byte float flagged as 4 bytes, and wrong length bits', () => {
    const m = mergeRow([cell('01EB', '00000000422A0000')], { fixDuplicates: false });
    expect(toHex(m.qualifier)).toBe('01EB');
    expect(toHex(m.value)).toBe('422A0000');
    expect(m.needsRewrite).toBe(true);
    expect(toHex(mergeRow([cell('01E7', '2A')], { fixDuplicates: false }).qualifier)).toBe('01E0');
    expect(() => mergeRow([cell('01EB', '00000001422A0000')], { fixDuplicates: false })).toThrow(/Corrupted floating point/);
  });
});

describe('§14.4 append column', () => {
  test('pairs in arrival order read back sorted; the row is never rewritten', () => {
    const m = mergeRow([{ family: 't', qualifier: h('050000'), value: h('01E02A03C1012CF01DC90007'), timestamp: 5 }], { fixDuplicates: false });
    expect(toHex(m.qualifier)).toBe('01E0F01DC90003C1');
    expect(toHex(m.value)).toBe('2A07012C01');
    expect(m.hasAppend).toBe(true);
  });

  test('a later pair replaces an earlier one at the same offset', () => {
    const m = mergeRow([{ family: 't', qualifier: h('050000'), value: h('01E02A01E02B'), timestamp: 5 }], { fixDuplicates: false });
    expect(toHex(m.value)).toBe('2B');
  });
});
