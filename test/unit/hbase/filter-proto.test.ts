import { filterProto } from '../../../src/storage/hbase/filters/filter-proto';
import { decodeMessage } from '../../../src/storage/hbase/proto/hbase-proto';

type Cmp = { name: string; serialized_comparator: Buffer };
type CompareFilter = { compare_filter: { compare_op: number; comparator: Cmp } };
const PKG = 'org.apache.hadoop.hbase.filter.';

describe('filterProto', () => {
  it('sends a key regexp as RowFilter(EQUAL, RegexStringComparator) with ISO-8859-1 and flags 0, as asynchbase', () => {
    const pattern = '(?s)^\\Q\u0000\u00ff\\E.{2}$';
    const f = filterProto({ type: 'keyRegexp', pattern });
    expect(f.name).toBe(`${PKG}RowFilter`);
    const row = decodeMessage<CompareFilter>('RowFilter', f.serialized_filter);
    expect(row.compare_filter.compare_op).toBe(2);
    expect(row.compare_filter.comparator.name).toBe(`${PKG}RegexStringComparator`);
    const cmp = decodeMessage<{ pattern: string; pattern_flags: number; charset: string }>(
      'RegexStringComparator',
      row.compare_filter.comparator.serialized_comparator,
    );
    expect(cmp).toMatchObject({ pattern, pattern_flags: 0, charset: 'ISO-8859-1' });
    // The pattern travels as UTF-8 text of one char per key byte: 0xFF becomes C3 BF on the wire.
    expect(Buffer.from(row.compare_filter.comparator.serialized_comparator).includes(Buffer.from([0x5c, 0x51, 0x00, 0xc3, 0xbf]))).toBe(true);
  });

  it('sends fuzzy pairs with the mask unchanged (0 = fixed, 1 = any), without is_mask_v2', () => {
    const key = Buffer.from('0000020000', 'hex');
    const mask = Buffer.from('0000000101', 'hex');
    const f = filterProto({ type: 'fuzzyRow', pairs: [{ key, mask }] });
    expect(f.name).toBe(`${PKG}FuzzyRowFilter`);
    const m = decodeMessage<{ fuzzy_keys_data: { first: Buffer; second: Buffer }[] }>('FuzzyRowFilter', f.serialized_filter);
    expect(m.fuzzy_keys_data.map((p) => [Buffer.from(p.first).toString('hex'), Buffer.from(p.second).toString('hex')])).toEqual([
      ['0000020000', '0000000101'],
    ]);
    expect(Object.prototype.hasOwnProperty.call(m, 'is_mask_v2')).toBe(false);
  });

  it('refuses a fuzzy pair whose key and mask differ in length', () => {
    expect(() => filterProto({ type: 'fuzzyRow', pairs: [{ key: Buffer.alloc(3), mask: Buffer.alloc(2) }] })).toThrow(RangeError);
  });

  it('sends a qualifier prefix as QualifierFilter(EQUAL, BinaryPrefixComparator)', () => {
    const f = filterProto({ type: 'qualifierPrefix', prefix: Buffer.from([1, 0]) });
    const q = decodeMessage<CompareFilter>('QualifierFilter', f.serialized_filter);
    expect(q.compare_filter.comparator.name).toBe(`${PKG}BinaryPrefixComparator`);
    const cmp = decodeMessage<{ comparable: { value: Buffer } }>('BinaryPrefixComparator', q.compare_filter.comparator.serialized_comparator);
    expect(Buffer.from(cmp.comparable.value).toString('hex')).toBe('0100');
  });

  it('nests filter lists with MUST_PASS_ALL = 1 and MUST_PASS_ONE = 2, and key-only with len_as_val false', () => {
    const f = filterProto({ type: 'all', filters: [{ type: 'keyOnly' }, { type: 'any', filters: [] }] });
    const list = decodeMessage<{ operator: number; filters: { name: string; serialized_filter: Buffer }[] }>('FilterList', f.serialized_filter);
    expect(list.operator).toBe(1);
    expect(list.filters.map((x) => x.name)).toEqual([`${PKG}KeyOnlyFilter`, `${PKG}FilterList`]);
    expect(decodeMessage<{ len_as_val: boolean }>('KeyOnlyFilter', list.filters[0].serialized_filter).len_as_val).toBe(false);
    expect(decodeMessage<{ operator: number }>('FilterList', list.filters[1].serialized_filter).operator).toBe(2);
  });
});
