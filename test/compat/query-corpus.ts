/**
 * The query corpus: requests to /api/query (and /api/query/last) over the data set of
 * corpus-data.ts, sent unchanged to tsd-ts and to OpenTSDB 2.4.1. Grouped by what they exercise;
 * every aggregator, downsampler, fill policy, rate option, filter type, group-by, explicit tags,
 * output option, annotations, TSUID queries, time formats and malformed requests.
 */
import { HOUR, T0, T_END } from './corpus-data';
import { AGGREGATORS, enc, get, post, RANGE, raw, sub, type CorpusCase, type CorpusTsuids } from './corpus-requests';
import { malformedGets, malformedPosts, otherRoutes } from './query-corpus-errors';

export type { CorpusCase, CorpusTsuids };

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

/** Every case of the corpus. */
export function queryCorpus(t: CorpusTsuids): CorpusCase[] {
  return [
    ...aggregators(), ...downsamplers(), ...fills(), ...rates(), ...filters(), ...grouping(), ...explicitTags(),
    ...outputOptions(t), ...annotations(), ...tsuidQueries(t), ...times(), ...subQueries(t), ...malformedGets(),
    ...malformedPosts(), ...otherRoutes(t),
  ];
}
