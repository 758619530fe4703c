/**
 * Serializes the Store's ScanFilter union into HBase Filter messages: {name = Java class name,
 * serialized_filter = the filter's own message} (spec/hbase.md §2.9), exactly as asynchbase sends
 * OpenTSDB's filters.
 */
import type { ScanFilter } from '../../store';
import { encodeMessage } from '../proto/hbase-proto';

const PKG = 'org.apache.hadoop.hbase.filter.';
const COMPARE_EQUAL = 2;
const MUST_PASS_ALL = 1;
const MUST_PASS_ONE = 2;

export interface FilterProto {
  readonly name: string;
  readonly serialized_filter: Uint8Array;
}

const filter = (cls: string, message: string, value: object): FilterProto => ({
  name: PKG + cls,
  serialized_filter: encodeMessage(message, value),
});

const comparator = (cls: string, message: string, value: object): object => ({
  name: PKG + cls,
  serialized_comparator: encodeMessage(message, value),
});

/**
 * RegexStringComparator as asynchbase's KeyRegexpFilter builds it: the pattern holds one char per
 * key byte and travels as UTF-8 text; the server decodes keys as ISO-8859-1 and runs
 * java.util.regex find() with flags 0.
 */
function keyRegexp(pattern: string): FilterProto {
  const cmp = comparator('RegexStringComparator', 'RegexStringComparator', {
    pattern,
    pattern_flags: 0,
    charset: 'ISO-8859-1',
  });
  return filter('RowFilter', 'RowFilter', { compare_filter: { compare_op: COMPARE_EQUAL, comparator: cmp } });
}

/**
 * FuzzyRowFilter pairs. HBase 2.6's server reads a raw mask with 0 = fixed byte and 1 = any byte
 * (FuzzyRowFilter.preprocessMask turns 0 into -1 and 1 into its wildcard marker), which is the
 * ScanFilter convention, so masks pass unchanged; is_mask_v2 is left unset as it only describes
 * masks that were already preprocessed.
 */
function fuzzyRow(pairs: readonly { key: Buffer; mask: Buffer }[]): FilterProto {
  for (const p of pairs) {
    if (p.key.length !== p.mask.length) {
      throw new RangeError(`Cannot build a FuzzyRowFilter: key of ${p.key.length} bytes and mask of ${p.mask.length} bytes`);
    }
  }
  const fuzzy_keys_data = pairs.map((p) => ({ first: Buffer.from(p.key), second: Buffer.from(p.mask) }));
  return filter('FuzzyRowFilter', 'FuzzyRowFilter', { fuzzy_keys_data });
}

function qualifierPrefix(prefix: Buffer): FilterProto {
  const cmp = comparator('BinaryPrefixComparator', 'BinaryPrefixComparator', { comparable: { value: Buffer.from(prefix) } });
  return filter('QualifierFilter', 'QualifierFilter', { compare_filter: { compare_op: COMPARE_EQUAL, comparator: cmp } });
}

/** The Filter message of a ScanFilter tree. */
export function filterProto(f: ScanFilter): FilterProto {
  switch (f.type) {
    case 'keyRegexp':
      return keyRegexp(f.pattern);
    case 'fuzzyRow':
      return fuzzyRow(f.pairs);
    case 'qualifierPrefix':
      return qualifierPrefix(f.prefix);
    case 'keyOnly':
      return filter('KeyOnlyFilter', 'KeyOnlyFilter', { len_as_val: false });
    case 'all':
    case 'any':
      return filter('FilterList', 'FilterList', {
        operator: f.type === 'all' ? MUST_PASS_ALL : MUST_PASS_ONE,
        filters: f.filters.map(filterProto),
      });
  }
}
