/** The corpus's malformed requests, other methods and routes, and /api/query/last. */
import { T0, T_END } from './corpus-data';
import { enc, get, post, RANGE, raw, sub, type CorpusCase, type CorpusTsuids } from './corpus-requests';

export function malformedGets(): CorpusCase[] {
  return [
    raw('no start', `/api/query?m=${enc('sum:cc.cpu')}`),
    raw('no sub-query', `/api/query?${RANGE}`),
    get('m without a metric', ['sum']),
    get('m with too many parts', ['sum:1h-avg:rate:pre-agg:explicit_tags:cc.cpu']),
    get('unknown aggregator', ['foo:cc.cpu']),
    get('aggregator in capitals', ['SUM:cc.cpu']),
    get('unknown metric', ['sum:cc.nosuchmetric']),
    get('unknown tag value', ['sum:cc.cpu{host=nosuchhost}']),
    get('empty metric', ['sum:']),
    get('interval without a unit', ['sum:1-avg:cc.cpu']),
    get('interval with an unknown unit', ['sum:1x-avg:cc.cpu']),
    get('downsampler without a function', ['sum:1m:cc.cpu']),
    get('unknown downsampling function', ['sum:1m-foo:cc.cpu']),
    get('zero interval', ['sum:0m-avg:cc.cpu']),
    get('two downsamplers', ['sum:1m-avg:1h-sum:cc.cpu']),
    get('pre-agg modifier', ['sum:pre-agg:cc.cpu']),
    get('rollup modifier', ['sum:rollup_raw:cc.cpu']),
    get('percentiles on a non-histogram metric', ['sum:percentiles[50,90]:cc.cpu']),
    get('an unknown modifier is ignored', ['sum:foo:cc.cpu']),
    get('a space in the metric', ['sum:cc cpu']),
    raw('m twice empty', `/api/query?${RANGE}&m=&m=`),
    raw('start twice: the last one counts', `/api/query?start=${T_END}&start=${T0}&end=${T_END}&m=${enc('sum:1h-sum:cc.cpu')}`),
  ];
}

export function malformedPosts(): CorpusCase[] {
  return [
    post('empty body', ''),
    post('not JSON', 'x'),
    post('empty object', '{}'),
    post('no queries', { start: T0 }),
    post('empty queries', { start: T0, queries: [] }),
    post('queries not an array', { start: T0, queries: { aggregator: 'sum' } }),
    post('no start in POST', { queries: [{ aggregator: 'sum', metric: 'cc.cpu' }] }),
    post('no aggregator', { start: T0, queries: [{ metric: 'cc.cpu' }] }),
    post('no metric', { start: T0, queries: [{ aggregator: 'sum' }] }),
    post('aggregator a number', { start: T0, queries: [{ aggregator: 5, metric: 'cc.cpu' }] }),
    post('start a boolean', { start: true, queries: [{ aggregator: 'sum', metric: 'cc.cpu' }] }),
    post('unknown top-level field', sub({}, { foo: 1 })),
    post('unknown sub-query field', sub({ foo: 1 })),
    post('unknown filter type', sub({ filters: [{ type: 'nosuch', tagk: 'host', filter: 'x' }] })),
    post('downsample not a string', sub({ downsample: 5 })),
    post('explicitTags a string', sub({ explicitTags: 'yes' })),
    post('trailing content after the JSON', `${JSON.stringify(sub({ downsample: '1h-sum' }))} trailing`),
    post('array instead of an object', [sub({})]),
    post('msResolution through POST', sub({ metric: 'cc.ms' }, { msResolution: true, end: T0 + 60 })),
    post('showTSUIDs through POST', sub({}, { showTSUIDs: true })),
    post('end before start in POST', sub({}, { start: T_END, end: T0 })),
    post('unknown metric in POST', sub({ metric: 'cc.nosuchmetric' })),
    post('unknown tag key in a filter', sub({ filters: [{ type: 'wildcard', tagk: 'nokey', filter: '*' }] })),
    post('percentiles through POST', sub({ percentiles: [50, 99] })),
  ];
}

export function otherRoutes(t: CorpusTsuids): CorpusCase[] {
  const m = `${RANGE}&m=${enc('sum:1h-sum:cc.cpu')}`;
  return [
    raw('PUT /api/query', `/api/query?${m}`, 'PUT'),
    raw('DELETE /api/query while deletion is off', `/api/query?${m}`, 'DELETE'),
    raw('/api/v1/query', `/api/v1/query?${m}`),
    raw('/api/QUERY in capitals', `/api/QUERY?${m}`),
    raw('/api/query/ with a trailing slash', `/api/query/?${m}`),
    raw('/api/query/foo is a plain query', `/api/query/foo?${m}`),
    raw('method_override=delete on GET while deletion is off', `/api/query?${m}&method_override=delete`),
    raw('last point without a sub-query', '/api/query/last'),
    raw('last point, back_scan too short for 2024', `/api/query/last?timeseries=${enc('cc.cpu{host=web01,dc=lga}')}&back_scan=24`),
    raw('last point, back_scan not a number', `/api/query/last?timeseries=${enc('cc.cpu{host=web01,dc=lga}')}&back_scan=abc`),
    raw('last point of an unknown metric', `/api/query/last?timeseries=${enc('cc.nosuchmetric{host=web01}')}&back_scan=1`),
    raw('last point without back_scan', `/api/query/last?timeseries=${enc('cc.cpu{host=web01,dc=lga}')}`),
    raw('last point without back_scan, names resolved', `/api/query/last?timeseries=${enc('cc.sparse{host=web01,dc=lga}')}&resolve`),
    raw('last point of a TSUID', `/api/query/last?tsuids=${t.cpuWeb01}`),
    raw('last point of a series that does not exist', `/api/query/last?timeseries=${enc('cc.cpu{host=web01}')}`),
    post('last point through POST, nothing recent', { queries: [{ metric: 'cc.cpu', tags: { host: 'web01', dc: 'lga' } }], backScan: 2, resolveNames: true }, '/api/query/last'),
  ];
}
