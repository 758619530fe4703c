/**
 * The query corpus: requests to /api/query (and /api/query/last) over the data set of
 * corpus-data.ts, sent unchanged to tsd-ts and to OpenTSDB 2.4.1. Grouped by what they exercise;
 * every aggregator, downsampler, fill policy, rate option, filter type, group-by, explicit tags,
 * output option, annotations, TSUID queries, time formats and malformed requests.
 */
import { HOUR, T0, T_END } from './corpus-data';
import type { HttpCall } from './reply-diff';

export interface CorpusCase {
  readonly name: string;
  readonly call: HttpCall;
}

/** The 35 names of 2.4.1's /api/aggregators (Aggregators.java). */
export const AGGREGATORS = [
  'sum', 'min', 'max', 'avg', 'none', 'median', 'mult', 'dev', 'diff', 'count', 'zimsum', 'mimmin', 'mimmax',
  'first', 'last', 'pfsum', 'squareSum', 'p999', 'p99', 'p95', 'p90', 'p75', 'p50', 'ep999r3', 'ep99r3',
  'ep95r3', 'ep90r3', 'ep75r3', 'ep50r3', 'ep999r7', 'ep99r7', 'ep95r7', 'ep90r7', 'ep75r7', 'ep50r7',
] as const;

/** TSUIDs of series in the data set, known only once it is written. */
export interface CorpusTsuids {
  readonly cpuWeb01: string;
  readonly cpuWeb02: string;
}

const RANGE = `start=${T0}&end=${T_END}`;
const enc = (m: string): string => encodeURIComponent(m);

/** GET /api/query over the whole data set with the given sub-queries and extra parameters. */
const get = (name: string, ms: readonly string[], extra = '', range = RANGE): CorpusCase => ({
  name,
  call: { path: `/api/query?${range}${ms.map((m) => `&m=${enc(m)}`).join('')}${extra}` },
});
const raw = (name: string, path: string, method: HttpCall['method'] = 'GET'): CorpusCase => ({ name, call: { method, path } });
const post = (name: string, body: unknown, path = '/api/query'): CorpusCase => ({
  name,
  call: { method: 'POST', path, body: typeof body === 'string' ? body : JSON.stringify(body) },
});
/** A POST body over the whole data set with one sub-query. */
const sub = (q: Record<string, unknown>, top: Record<string, unknown> = {}): Record<string, unknown> =>
  ({ start: T0, end: T_END, queries: [{ aggregator: 'sum', metric: 'cc.cpu', ...q }], ...top });

function aggregators(): CorpusCase[] {
  return [
    ...AGGREGATORS.map((a) => get(`aggregator ${a} over integers, unaligned series`, [`${a}:cc.cpu`])),
    ...AGGREGATORS.map((a) => get(`aggregator ${a} over floats, grouped by dc`, [`${a}:cc.load{dc=*}`])),
  ];
}

function downsamplers(): CorpusCase[] {
  const out = AGGREGATORS.filter((a) => a !== 'none').map((a) => get(`downsampler 15m-${a} over floats`, [`sum:15m-${a}:cc.load`]));
  out.push(get('downsampler none is refused', ['sum:15m-none:cc.load']));
  return out;
}

function fills(): CorpusCase[] {
  const out: CorpusCase[] = [];
  for (const p of ['none', 'zero', 'nan', 'null']) {
    out.push(get(`fill ${p} over a 15-minute gap`, [`sum:5m-avg-${p}:cc.cpu{host=web03}`]));
    out.push(get(`fill ${p} on a sparse series`, [`sum:10m-sum-${p}:cc.sparse`]));
    out.push(get(`fill ${p} across series with different gaps`, [`avg:10m-max-${p}:cc.cpu{host=*}`], '', `start=${T0 + HOUR - 600}&end=${T0 + 2 * HOUR}`));
  }
  out.push(get('fill scalar without a value', ['sum:5m-avg-scalar:cc.cpu']), get('fill policy unknown', ['sum:5m-avg-foo:cc.cpu']));
  const intervals = ['1m-avg', '30s-avg', '1h-avg', '2h-max', '1d-sum', '1dc-sum', '1w-sum', '1n-sum', '1y-sum', '0all-sum', '0all-avg', '1hc-count'];
  for (const i of intervals) out.push(get(`interval ${i}`, [`sum:${i}:cc.cpu`]));
  for (const i of ['500ms-avg', '1000ms-count', '1s-avg', '3s-last']) out.push(get(`interval ${i} on ms points`, [`sum:${i}:cc.ms`], '&ms'));
  out.push(
    post('calendar hours in New York', sub({ downsample: '1h-sum' }, { useCalendar: true, timezone: 'America/New_York' })),
    post('calendar days in Kolkata (half-hour offset)', sub({ downsample: '1d-sum' }, { useCalendar: true, timezone: 'Asia/Kolkata' })),
    post('1dc in Kolkata', sub({ downsample: '1dc-avg' }, { timezone: 'Asia/Kolkata' })),
    post('calendar with an unknown time zone', sub({ downsample: '1h-sum' }, { useCalendar: true, timezone: 'Mars/Olympus' })),
    post('fill zero through POST', sub({ metric: 'cc.sparse', downsample: '10m-sum-zero' })),
  );
  return out;
}

function rates(): CorpusCase[] {
  const mods = ['rate', 'rate{counter}', 'rate{counter,65535}', 'rate{counter,65535,1000}', 'rate{dropcounter}',
    'rate{counter,,1000}', 'rate{dropcounter,65535}', 'RATE{counter}'];
  const out = mods.map((r) => get(`${r} over counters`, [`sum:${r}:cc.net.bytes{host=*}`]));
  out.push(
    get('rate of integers, averaged', ['avg:rate:cc.cpu{host=*}']),
    get('rate after downsampling', ['sum:5m-avg:rate:cc.net.bytes']),
    get('rate on millisecond points', ['sum:rate:cc.ms{host=web02}'], '&ms'),
    get('rate of floats', ['max:rate:cc.load']),
    post('rate with options through POST', sub({ metric: 'cc.net.bytes', rate: true, rateOptions: { counter: true, counterMax: 65535, resetValue: 0, dropResets: true } })),
    post('rate "true" as a string', sub({ metric: 'cc.net.bytes', rate: 'true' })),
    post('rateOptions with an unknown key', sub({ metric: 'cc.net.bytes', rate: true, rateOptions: { counter: true, foo: 1 } })),
  );
  for (const bad of ['rate{', 'rate{counter,abc}', 'rate{counter,1,abc}', 'rate{counter,1,2,3}', 'rate{}', 'rate{foo}']) {
    out.push(get(`malformed ${bad}`, [`sum:${bad}:cc.net.bytes`]));
  }
  return out;
}

function filters(): CorpusCase[] {
  const tagSets = ['{host=web01}', '{host=web01|web02}', '{host=*}', '{host=web0*}', '{host=*01}', '{host=w*b*1}',
    '{host=literal_or(web01|web03)}', '{host=iliteral_or(WEB01)}', '{host=not_literal_or(web01)}',
    '{host=not_iliteral_or(WEB01|web02)}', '{host=wildcard(web*)}', '{host=iwildcard(WEB*)}', '{host=regexp(web0[12])}',
    '{host=regexp(.*)}', '{host=regexp(^web0[1-2]$)}', '{}{host=wildcard(web*)}', '{host=*}{dc=lga}',
    '{dc=*}{host=regexp(web0[13])}', '{host=*,dc=*}', '{dc=lga,host=web01}', '{host=web01,host=web02}',
    '{host=foo(bar)}', '{host=regexp(web}', '{host=regexp([)}', '{nokey=*}', '{host=web99}', '{host=web01|web99}',
    '{host=}', '{=web01}', '{host=web01', '{host}', '{host=WEB01}', '{host=literal_or(web01)}{host=wildcard(*)}'];
  const out = tagSets.map((t) => get(`filter ${t}`, [`sum:cc.cpu${t}`]));
  const f = (filter: Record<string, unknown>[]): Record<string, unknown> => sub({ filters: filter });
  out.push(
    post('POST literal_or grouped', f([{ type: 'literal_or', tagk: 'host', filter: 'web01|web02', groupBy: true }])),
    post('POST literal_or not grouped', f([{ type: 'literal_or', tagk: 'host', filter: 'web01|web02', groupBy: false }])),
    post('POST two filters on one key', f([{ type: 'wildcard', tagk: 'host', filter: 'web*', groupBy: true }, { type: 'not_literal_or', tagk: 'host', filter: 'web02' }])),
    post('POST filter type in capitals', f([{ type: 'Wildcard', tagk: 'host', filter: 'web*' }])),
    post('POST filter without tagk', f([{ type: 'wildcard', filter: 'web*' }])),
    post('POST filter without filter', f([{ type: 'wildcard', tagk: 'host' }])),
    post('POST group_by spelled with an underscore', f([{ type: 'wildcard', tagk: 'dc', filter: '*', group_by: true }])),
    post('POST tags map (deprecated)', sub({ tags: { host: 'web01|web03' } })),
    post('POST tags and filters together', sub({ tags: { host: '*' }, filters: [{ type: 'literal_or', tagk: 'dc', filter: 'sjc' }] })),
  );
  return out;
}

function grouping(): CorpusCase[] {
  return [
    get('group by a key every series has', ['sum:cc.tags{t1=*}']),
    get('group by a key some series lack', ['sum:cc.tags{t3=*}']),
    get('group by the key only one series has', ['avg:cc.tags{t8=*}']),
    get('literal on a key some series lack', ['sum:cc.tags{t2=v2}']),
    get('none over series with 1 to 8 tags', ['none:cc.tags']),
    get('group by two keys', ['count:cc.tags{t1=*,t2=*}']),
    get('aggregate tags across all series', ['max:cc.tags']),
    get('group by host and dc', ['sum:cc.cpu{host=*,dc=*}']),
  ];
}

function explicitTags(): CorpusCase[] {
  const f = (tagks: string[], extra: Record<string, unknown> = {}): Record<string, unknown> =>
    sub({ metric: 'cc.tags', explicitTags: true, filters: tagks.map((k) => ({ type: 'wildcard', tagk: k, filter: '*', groupBy: false })), ...extra });
  return [
    post('explicit tags: only the one-tag series', f(['t1'])),
    post('explicit tags: only the two-tag series', f(['t1', 't2'])),
    post('explicit tags with none', f(['t1', 't2', 't3'], { aggregator: 'none' })),
    post('explicit tags without filters', sub({ metric: 'cc.tags', explicitTags: true })),
    get('explicit_tags in m', ['sum:explicit_tags:cc.cpu{host=*,dc=*}']),
    get('explicit_tags in m, one key of two', ['sum:explicit_tags:cc.cpu{host=*}']),
  ];
}

function outputOptions(t: CorpusTsuids): CorpusCase[] {
  return [
    get('ms output of ms points', ['sum:cc.ms{host=web02}'], '&ms'),
    get('second output of ms points', ['sum:cc.ms{host=web02}']),
    get('arrays', ['sum:cc.cpu{host=*}'], '&arrays'),
    get('arrays with ms', ['avg:1m-avg:cc.ms'], '&arrays&ms'),
    get('show_tsuids of a group', ['sum:cc.cpu'], '&show_tsuids'),
    get('show_tsuids with none', ['none:cc.cpu{dc=lga}'], '&show_tsuids'),
    get('show_query', ['sum:1h-avg:rate{counter,100,1}:cc.cpu{host=*}{dc=literal_or(lga)}'], '&show_query'),
    post('showQuery through POST', sub({ downsample: '1h-sum-zero', filters: [{ type: 'regexp', tagk: 'host', filter: 'web0[12]', groupBy: true }] }, { showQuery: true })),
    get('no_annotations', ['sum:cc.cpu{host=web01}'], '&no_annotations'),
    get('global_annotations', ['sum:cc.cpu{host=web02}'], '&global_annotations'),
    get('global_annotations and no_annotations', ['sum:cc.cpu'], '&global_annotations&no_annotations'),
    get('padding', ['sum:1h-avg:cc.cpu'], '&padding'),
    get('show_stats', ['sum:1h-avg:cc.cpu{dc=*}'], '&show_stats'),
    get('show_summary', ['sum:1h-avg:cc.cpu', 'max:cc.load'], '&show_summary'),
    post('showStats and showSummary through POST', sub({ downsample: '1h-max' }, { showStats: true, showSummary: true })),
    get('jsonp', ['sum:1h-avg:cc.cpu'], '&jsonp=callback'),
    get('jsonp of an error', ['sum:cc.nosuchmetric'], '&jsonp=callback'),
    get('show_tsuids and arrays', ['sum:1h-sum:cc.cpu{host=*}'], '&show_tsuids&arrays'),
    raw('show_tsuids of a TSUID query', `/api/query?${RANGE}&tsuid=sum:${t.cpuWeb01}&show_tsuids`),
  ];
}

function annotations(): CorpusCase[] {
  return [
    get('series annotation inside the range', ['sum:cc.cpu{host=web01}']),
    get('series annotation outside the range', ['sum:cc.cpu{host=web01}'], '', `start=${T0 + HOUR}&end=${T_END}`),
    get('annotations of a group of series', ['sum:cc.cpu{dc=*}']),
    get('annotations with none', ['none:cc.cpu{dc=lga}']),
    get('global annotations outside the range', ['sum:cc.cpu'], '&global_annotations', `start=${T0 + 2 * HOUR}&end=${T_END}`),
    post('annotation flags through POST', sub({}, { globalAnnotations: true, noAnnotations: false })),
  ];
}

function tsuidQueries(t: CorpusTsuids): CorpusCase[] {
  return [
    raw('tsuid of one series', `/api/query?${RANGE}&tsuid=sum:${t.cpuWeb01}`),
    raw('tsuids of two series', `/api/query?${RANGE}&tsuid=sum:${t.cpuWeb01},${t.cpuWeb02}`),
    raw('tsuids with none', `/api/query?${RANGE}&tsuid=none:${t.cpuWeb01},${t.cpuWeb02}`),
    raw('tsuid with a downsampler', `/api/query?${RANGE}&tsuid=avg:1h-max:${t.cpuWeb02}`),
    post('tsuids through POST', { start: T0, end: T_END, queries: [{ aggregator: 'max', tsuids: [t.cpuWeb01, t.cpuWeb02] }] }),
    raw('tsuid not hex', `/api/query?${RANGE}&tsuid=sum:zz`),
    raw('tsuid of no series', `/api/query?${RANGE}&tsuid=sum:${t.cpuWeb01.slice(0, 6)}FFFFFFFFFFFF`),
  ];
}

function times(): CorpusCase[] {
  const m = `&m=${enc('sum:1h-sum:cc.cpu')}`;
  const q = (name: string, range: string): CorpusCase => raw(name, `/api/query?${range}${m}`);
  return [
    q('relative start, nothing that recent', 'start=1h-ago'),
    q('start and end in ms', `start=${T0 * 1000}&end=${T_END * 1000}`),
    q('start in ms with a fraction of a second', `start=${T0 * 1000 + 500}&end=${T0 * 1000 + HOUR * 1000}`),
    q('absolute date and time', 'start=2024/01/01-00:00:00&end=2024/01/01-02:00:00'),
    q('absolute date with a space', `start=${enc('2024/01/01 00:30')}&end=${enc('2024/01/01 01:30:00')}`),
    q('absolute date only', 'start=2024/01/01&end=2024/01/02'),
    q('end before start', `start=${T_END}&end=${T0}`),
    q('end equal to start', `start=${T0}&end=${T0}`),
    q('start not a time', 'start=yesterday'),
    q('negative start', 'start=-1'),
    q('start in the future', 'start=1h-ago&end=2h-ago'),
    q('relative end', `start=${T0}&end=1h-ago`),
    q('start as seconds with a dot', `start=${T0}.5&end=${T_END}`),
    post('start and end as strings in POST', { start: String(T0), end: '2024/01/01-03:00:00', queries: [{ aggregator: 'sum', metric: 'cc.cpu', downsample: '1h-avg' }] }),
    post('absolute dates in a POST time zone', { start: '2024/01/01-00:00:00', end: '2024/01/01-02:00:00', timezone: 'Asia/Tokyo', queries: [{ aggregator: 'sum', metric: 'cc.cpu', downsample: '30m-sum' }] }),
  ];
}

function subQueries(t: CorpusTsuids): CorpusCase[] {
  return [
    get('two sub-queries', ['sum:cc.cpu', 'avg:1h-avg:cc.load{dc=*}']),
    get('the same sub-query twice', ['sum:1h-sum:cc.cpu', 'sum:1h-sum:cc.cpu']),
    raw('a metric and a TSUID sub-query', `/api/query?${RANGE}&m=${enc('max:cc.cpu')}&tsuid=sum:${t.cpuWeb02}`),
    post('three sub-queries through POST', { start: T0, end: T_END, queries: [
      { aggregator: 'sum', metric: 'cc.cpu', downsample: '1h-avg' },
      { aggregator: 'min', metric: 'cc.mixed', filters: [{ type: 'wildcard', tagk: 'host', filter: '*', groupBy: true }] },
      { aggregator: 'dev', metric: 'cc.neg', downsample: '1h-sum' },
    ] }),
    get('mixed integers and floats', ['sum:cc.mixed']),
    get('mixed integers and floats, downsampled', ['avg:10m-avg:cc.mixed{host=*}']),
    get('negative and large values', ['none:cc.neg']),
    get('negative and large values summed', ['sum:cc.neg']),
    get('large values, multiplied', ['mult:cc.neg']),
    get('integers beyond 2^53', ['none:cc.huge{host=web01}']),
    get('integers beyond 2^53, summed', ['sum:cc.huge']),
  ];
}

function malformedGets(): CorpusCase[] {
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

function malformedPosts(): CorpusCase[] {
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

function otherRoutes(t: CorpusTsuids): CorpusCase[] {
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

/** Every case of the corpus. */
export function queryCorpus(t: CorpusTsuids): CorpusCase[] {
  return [
    ...aggregators(), ...downsamplers(), ...fills(), ...rates(), ...filters(), ...grouping(), ...explicitTags(),
    ...outputOptions(t), ...annotations(), ...tsuidQueries(t), ...times(), ...subQueries(t), ...malformedGets(),
    ...malformedPosts(), ...otherRoutes(t),
  ];
}
