/**
 * Tag value filters: every 2.4.1 type, built by name and from `k=v` pairs, matched against tag maps.
 * Expected matches and error texts come from OpenTSDB 2.4.1's filter classes.
 */
import { loadedFilters } from '../../../src/query';
import { buildFilter, filterFromTagValue, mapToFilters } from '../../../src/query/filters/filter-registry';
import type { TagMap, TagVFilter } from '../../../src/query/filters/tag-v-filter';

const matches = (f: TagVFilter, tags: TagMap[]): boolean[] => tags.map((t) => f.match(t));

describe('filters built by type', () => {
  it.each([
    ['literal_or', 'web01|web02', [{ host: 'web01' }, { host: 'web03' }, { host: 'WEB01' }, { dc: 'x' }], [true, false, false, false]],
    ['iliteral_or', 'Web01|web02', [{ host: 'web01' }, { host: 'WEB02' }, { host: 'web03' }, { dc: 'x' }], [true, true, false, false]],
    ['not_literal_or', 'web01', [{ host: 'web01' }, { host: 'web03' }, { dc: 'x' }], [false, true, true]],
    ['not_iliteral_or', 'WEB01', [{ host: 'web01' }, { host: 'web03' }, { dc: 'x' }], [false, true, true]],
    ['literal_or', '|a', [{ host: '' }, { host: 'a' }], [true, true]],
    ['literal_or', '||', [{ host: '' }, { host: 'a' }], [false, false]],
    ['regexp', 'eb0', [{ host: 'web01' }, { host: 'wx' }, { dc: 'x' }], [true, false, false]],
    ['regexp', '^web0[12]$', [{ host: 'web01' }, { host: 'web013' }, { host: 'web03' }], [true, false, false]],
    ['wildcard', 'web*', [{ host: 'web01' }, { host: 'Web01' }, { host: 'xweb' }, { dc: 'x' }], [true, false, false, false]],
    ['wildcard', '*.net', [{ host: 'a.net' }, { host: 'a.netx' }], [true, false]],
    ['wildcard', 'web*.net', [{ host: 'web01.net' }, { host: 'xweb01.netfoo' }, { host: 'netweb' }, { host: 'web.ne' }], [true, true, false, false]],
    ['wildcard', '*', [{ host: 'x' }, { dc: 'y' }], [true, false]],
    ['wildcard', '**', [{ host: 'x' }], [true]],
    ['wildcard', '*b*', [{ host: 'abc' }, { host: 'ac' }], [true, false]],
    ['wildcard', 'a**c', [{ host: 'abc' }, { host: 'ac' }, { host: 'ca' }], [true, true, false]],
    ['iwildcard', 'WEB*', [{ host: 'web01' }, { host: 'Web01' }, { host: 'xweb' }], [true, true, false]],
  ] as const)('%s(%s)', (type, expr, tags, expected) => {
    const f = buildFilter(type, 'host', expr, false);
    expect(f.type).toBe(type);
    expect(matches(f, tags as unknown as TagMap[])).toEqual(expected);
  });

  it('a lone * only needs the key and is never run after the scan', () => {
    expect(buildFilter('wildcard', 'host', '*', false).postScan).toBe(false);
    expect(buildFilter('wildcard', 'host', '**', false).postScan).toBe(false);
    expect(buildFilter('wildcard', 'host', 'web*', false).postScan).toBe(true);
  });

  it.each([
    ['literal_or', 'host', '|', 'Filter must contain more than just a pipe'],
    ['literal_or', 'host', '', 'Filter cannot be null or empty'],
    ['regexp', 'host', '(', /^Cannot compile regular expression/],
    ['wildcard', 'host', 'web', 'Filter must contain an asterisk'],
    ['not_key', 'host', 'x', 'Could not find a tag value filter of the type: not_key'],
    ['Literal_or', 'host', 'x', 'Could not find a tag value filter of the type: Literal_or'],
    ['literal_or', '', 'x', 'The tagk cannot be null or empty'],
    ['', 'host', 'x', 'The filter type cannot be null or empty'],
  ] as const)('%s(%s=%s) fails: %s', (type, tagk, expr, message) => {
    expect(() => buildFilter(type, tagk, expr, false)).toThrow(message);
  });
});

describe('filters from k=v (URI braces, JSON tags)', () => {
  it('web* is a case-insensitive wildcard that reports type wildcard', () => {
    const f = filterFromTagValue('host', 'web*');
    expect(f.type).toBe('wildcard');
    expect(matches(f, [{ host: 'WEB01' }, { host: 'web01' }])).toEqual([true, true]);
  });

  it('* is a case-insensitive wildcard(*) and type(expr) is built by its lower-cased name', () => {
    expect(filterFromTagValue('host', '*').type).toBe('wildcard');
    const f = filterFromTagValue('host', 'Regexp(w.*)');
    expect(f.type).toBe('regexp');
    expect(f.filter).toBe('w.*');
    expect(f.match({ host: 'web01' })).toBe(true);
  });

  it('a|b is a literal_or and a missing closing parenthesis fails', () => {
    expect(filterFromTagValue('host', 'web01|web02').type).toBe('literal_or');
    expect(() => filterFromTagValue('host', 'regexp(w.*')).toThrow("Filter must end with a ')': regexp(w.*");
  });

  it('group-by entries equal to an existing filter only flag it (equality ignores group-by)', () => {
    const filters: TagVFilter[] = [];
    mapToFilters([['host', 'a']], filters, false);
    mapToFilters([['host', 'a'], ['dc', '*']], filters, true);
    expect(filters.map((f) => `${f.type}:${f.tagk}:${f.filter}:${f.groupBy}`)).toEqual([
      'literal_or:host:a:true',
      'wildcard:dc:*:true',
    ]);
  });
});

describe('/api/config/filters', () => {
  const all = Object.fromEntries(loadedFilters().map(([name, fields]) => [name, Object.fromEntries(fields)]));

  it('lists the seven 2.4.1 filters', () => {
    expect(Object.keys(all).sort()).toEqual(
      ['iliteral_or', 'iwildcard', 'literal_or', 'not_iliteral_or', 'not_literal_or', 'regexp', 'wildcard'],
    );
  });

  it('uses OpenTSDB texts', () => {
    expect(all.literal_or.examples).toBe(
      'host=literal_or(web01),  host=literal_or(web01|web02|web03)  {"type":"literal_or","tagk":"host","filter":"web01|web02|web03","groupBy":false}',
    );
    expect(all.iwildcard.description).toBe(
      'Performs pre, post and in-fix glob matching of values. The globs are case insensitive and multiple wildcards ' +
        'can be used. The wildcard character is the * (asterisk). Case insensitivity is achieved by dropping all ' +
        'values to lower case. At least one wildcard must be present in the filter value. A wildcard by itself can ' +
        'be used as well to match on any value for the tag key.',
    );
    expect(all.not_literal_or.description).toContain('does NOT contain any of them');
    expect(all.regexp.examples).toBe('host=regexp(.*)  {"type":"regexp","tagk":"host","filter":".*","groupBy":false}');
  });
});
