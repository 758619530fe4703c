/**
 * The storage seam: what a sub-query scans (`planSubQuery`), which literals go into the row-key regex
 * (`pushDownLiterals`), and the complete series predicate (`seriesFilter`).
 */
import { NOW } from './fixtures';
import {
  parseQueryBody,
  parseQueryString,
  planSubQuery,
  pushDownLiterals,
  QueryError,
  seriesFilter,
  type TSQuery,
} from '../../../src/query';

const q = (m: string, extra = ''): TSQuery =>
  parseQueryString(new URLSearchParams(`start=1356998430&end=1356998590&m=${encodeURIComponent(m)}${extra}`), { nowMs: NOW });

describe('planSubQuery', () => {
  it('scans whole hours around the downsample-aligned range', () => {
    const plan = planSubQuery(q('sum:1h-avg:m'), 0);
    expect([plan.metric, plan.scanStartSec, plan.scanEndSec, plan.scanRowAtEnd]).toEqual(['m', 1356998400, 1357002000, false]);
  });

  it('lists each filtered key once with its resolvable literals and group-by flag', () => {
    const plan = planSubQuery(q('sum:m{host=a|b,dc=*}{host=literal_or(c),env=iliteral_or(PROD),rack=regexp(r1)}'), 0);
    expect(plan.tagKeys).toEqual([
      { tagk: 'host', literals: ['c', 'a', 'b'], groupBy: true },
      { tagk: 'env', literals: [], groupBy: false },
      { tagk: 'rack', literals: [], groupBy: false },
      { tagk: 'dc', literals: [], groupBy: true },
    ]);
  });

  it('a literal_or longer than the expansion limit resolves nothing', () => {
    const plan = planSubQuery(q('sum:m{host=a|b|c}'), 0, { expansionLimit: 2 });
    expect(plan.tagKeys[0].literals).toEqual([]);
  });

  it('explicit tags with filters also read the row at the scan end (fuzzy filter stop key)', () => {
    expect(planSubQuery(q('sum:explicit_tags:m{host=*}'), 0).scanRowAtEnd).toBe(true);
    expect(planSubQuery(q('sum:explicit_tags:m{host=*}'), 0, { enableFuzzyFilter: false }).scanRowAtEnd).toBe(false);
    expect(planSubQuery(q('sum:explicit_tags:m'), 0).scanRowAtEnd).toBe(false);
  });

  it('TSUID sub-queries must share one metric', () => {
    const ok = parseQueryString(new URLSearchParams('start=1356998400&tsuid=sum:000001000002000042,000001000002000043'), { nowMs: NOW });
    expect(planSubQuery(ok, 0)).toMatchObject({ metric: null, tsuids: ['000001000002000042', '000001000002000043'] });
    const bad = parseQueryString(new URLSearchParams('start=1356998400&tsuid=sum:000001000002000042,000002000002000043'), { nowMs: NOW });
    expect(() => planSubQuery(bad, 0)).toThrow(new QueryError('One or more TSUIDs did not share the same metric [000001] [000002]', 500));
  });
});

describe('pushDownLiterals', () => {
  it('walks keys in tagk UID order and stops adding once the running total would pass the limit', () => {
    const keys = [
      { tagk: 'dc', resolved: new Set(['a', 'b']) },
      { tagk: 'host', resolved: new Set(['x', 'y', 'z']) },
      { tagk: 'env', resolved: new Set(['p']) },
      { tagk: 'rack', resolved: new Set<string>() },
    ];
    expect([...pushDownLiterals(keys, 3).keys()]).toEqual(['dc', 'env']);
    expect([...pushDownLiterals(keys).keys()]).toEqual(['dc', 'host', 'env']);
  });
});

describe('seriesFilter', () => {
  const sub = (m: string): TSQuery['queries'][number] => q(m).queries[0];

  it('every filtered key must exist, even for not_literal_or', () => {
    const keep = seriesFilter(sub('sum:m{}{owner=not_literal_or(x)}'), new Map());
    expect([keep({ owner: 'y' }), keep({ owner: 'x' }), keep({ host: 'a' })]).toEqual([true, false, false]);
  });

  it('pushed literal filters act as OR, others as AND', () => {
    const s = sub('sum:m{host=literal_or(a)}{host=literal_or(b)}');
    const pushed = seriesFilter(s, new Map([['host', new Set(['a', 'b'])]]));
    expect([pushed({ host: 'a' }), pushed({ host: 'b' }), pushed({ host: 'c' })]).toEqual([true, true, false]);
    const notPushed = seriesFilter(s, new Map());
    expect([notPushed({ host: 'a' }), notPushed({ host: 'b' })]).toEqual([false, false]);
  });

  it('explicit tags require exactly the filtered keys', () => {
    const keep = seriesFilter(sub('sum:explicit_tags:m{host=*}{dc=*}'), new Map());
    expect([keep({ host: 'a', dc: 'x' }), keep({ host: 'a' }), keep({ host: 'a', dc: 'x', rack: 'r' })]).toEqual([true, false, false]);
  });

  it('no filters keeps every series; TSUID sub-queries ignore filters', () => {
    expect(seriesFilter(sub('sum:m'), new Map())({ any: 'thing' })).toBe(true);
    const body = { start: 1356998400, queries: [{ aggregator: 'sum', tsuids: ['000001'], tags: { host: 'a' } }] };
    expect(seriesFilter(parseQueryBody(JSON.stringify(body), { nowMs: NOW }).queries[0], new Map())({})).toBe(true);
  });
});
