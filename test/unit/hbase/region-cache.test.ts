import { RegionCache } from '../../../src/storage/hbase/regions/region-cache';
import type { RegionLocation } from '../../../src/storage/hbase/regions/region-info';
import { checkLookup, metaSearchKey, metaStopKey } from '../../../src/storage/hbase/regions/meta-lookup';
import { TableNotFoundError } from '../../../src/storage/errors';
import { RetryLaterError } from '../../../src/storage/hbase/rpc/hbase-errors';

const k = (s: string): Buffer => Buffer.from(s, 'latin1');
function region(table: string, start: string, end: string, id = 1, host = 'rs1', over: Partial<RegionLocation> = {}): RegionLocation {
  return { name: k(`${table},${start},${id}.x.`), table, startKey: k(start), endKey: k(end), regionId: id, host, port: 16020, offline: false, split: false, ...over };
}

describe('RegionCache', () => {
  it('finds the region holding a row, by start key, with an empty end key meaning the end', () => {
    const c = new RegionCache();
    c.add(region('t', 'm', ''));
    c.add(region('t', '', 'g'));
    c.add(region('t', 'g', 'm'));
    expect(c.find('t', k(''))?.startKey.toString()).toBe('');
    expect(c.find('t', k('f\xff'))?.startKey.toString()).toBe('');
    expect(c.find('t', k('g'))?.startKey.toString()).toBe('g');
    expect(c.find('t', k('\xff\xff'))?.startKey.toString()).toBe('m');
    expect(c.find('other', k('a'))).toBeUndefined();
  });

  it('finds the region below a key for reverse scans, and the last region for an empty key', () => {
    const c = new RegionCache();
    [region('t', '', 'g'), region('t', 'g', 'm'), region('t', 'm', '')].forEach((r) => c.add(r));
    expect(c.findBefore('t', k('m'))?.startKey.toString()).toBe('g');
    expect(c.findBefore('t', k('g'))?.startKey.toString()).toBe('');
    expect(c.findBefore('t', k(''))?.startKey.toString()).toBe('m');
    expect(c.findBefore('t', k('h'))).toBeUndefined();
  });

  it('replaces a split parent by its daughters and leaves gaps unanswered', () => {
    const c = new RegionCache();
    c.add(region('t', '', ''));
    c.add(region('t', '', 'k', 2));
    expect(c.regions('t').map((r) => r.startKey.toString())).toEqual(['']);
    expect(c.find('t', k('z'))).toBeUndefined();
    c.add(region('t', 'k', '', 2));
    expect(c.regions('t').map((r) => `${r.startKey}-${r.endKey}`)).toEqual(['-k', 'k-']);
  });

  it('evicts one region, a whole server, or a table', () => {
    const c = new RegionCache();
    const a = region('t', '', 'g', 1, 'rs1');
    c.add(a);
    c.add(region('t', 'g', '', 1, 'rs2'));
    c.add(region('u', '', '', 1, 'rs2'));
    c.evict(a);
    expect(c.find('t', k('a'))).toBeUndefined();
    c.evictServer('rs2', 16020);
    expect(c.regions('t')).toHaveLength(0);
    expect(c.regions('u')).toHaveLength(0);
    c.add(a);
    c.evictTable('t');
    expect(c.find('t', k('a'))).toBeUndefined();
  });
});

describe('meta lookup', () => {
  it('builds search keys as HBase 2 does: nines to find, zeroes to find the region below, table+0x00 for the last', () => {
    expect(metaSearchKey('tsdb', k('\x00\x01'), false).toString('latin1')).toBe('tsdb,\x00\x01,99999999999999');
    expect(metaSearchKey('tsdb', k('abc'), true).toString('latin1')).toBe('tsdb,abc,00000000000000');
    expect(metaSearchKey('tsdb', k(''), true).toString('hex')).toBe(Buffer.from('tsdb\x00', 'latin1').toString('hex'));
    expect(metaStopKey('ns:t').toString()).toBe('ns:t,,');
  });

  it.each([
    ['no row', null, false, TableNotFoundError],
    ['a row of another table', region('tsdb-uid', '', ''), false, TableNotFoundError],
    ['a region that does not hold the row', region('tsdb', '', 'b'), false, RetryLaterError],
    ['an offline split parent', region('tsdb', '', '', 1, 'rs1', { offline: true, split: true }), false, RetryLaterError],
    ['an unassigned region', region('tsdb', '', '', 1, ''), false, RetryLaterError],
    ['a region above the key, looking below', region('tsdb', 'c', ''), true, RetryLaterError],
  ])('refuses %s', (_name, r, before, error) => {
    expect(() => checkLookup('tsdb', k('c'), before, r)).toThrow(error);
  });

  it('accepts the region holding the row, or ending at the key when looking below', () => {
    expect(checkLookup('tsdb', k('c'), false, region('tsdb', 'b', 'd')).startKey.toString()).toBe('b');
    expect(checkLookup('tsdb', k('c'), true, region('tsdb', 'a', 'c')).startKey.toString()).toBe('a');
    expect(checkLookup('tsdb', k(''), true, region('tsdb', 'x', '')).startKey.toString()).toBe('x');
  });
});
