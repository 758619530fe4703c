/**
 * Edge cases of the engine beyond §12, each expected value produced by OpenTSDB 2.4.1's own classes
 * (AggregationIterator, Downsampler, FillingDownsampler, RateSpan) on the same points.
 */
import { dpsOf, post, series } from './fixtures';

const S = 1356998400;
const E = 1356998520;

describe('integer arithmetic follows Java longs', () => {
  it.each([
    ['sum beyond 2^53 stays exact', 'sum', [[[400, '5000000000000000']], [[400, '5000000000000001']]], '{"1356998400":10000000000000001}'],
    ['squareSum beyond 2^53', 'squareSum', [[[400, '100000000']], [[400, '3']]], '{"1356998400":10000000000000009}'],
    ['mult wraps around', 'mult', [[[400, '3037000500']], [[400, '3037000500']]], '{"1356998400":-9223372036709301616}'],
    ['avg truncates toward zero', 'avg', [[[400, '-1']], [[400, '-2']]], '{"1356998400":-1}'],
    ['dev is truncated', 'dev', [[[400, '1']], [[400, '2']], [[400, '4']]], '{"1356998400":1}'],
    ['diff beyond 2^53', 'diff', [[[400, '-9000000000000000']], [[400, '9000000000000000']]], '{"1356998400":18000000000000000}'],
    ['percentiles are cast to long', 'p99', [[[400, '1']], [[400, '2']], [[400, '3']]], '{"1356998400":3}'],
    ['mimmin ignores its MAX sentinel', 'mimmin', [[[400, '10'], [460, '20']], [[430, '5'], [490, '50']]],
      '{"1356998400":10,"1356998430":5,"1356998460":20,"1356998490":50}'],
  ] as const)('%s', (_name, agg, lists, expected) => {
    expect(dpsOf(`${agg}:m`, S, E, series(...(lists as unknown as Array<Array<[number, string]>>)))).toEqual([expected]);
  });

  it('LERP multiplies in 64 bits, so a long gap can wrap (as OpenTSDB does)', () => {
    const spans = series([[400, '0'], [1356998400 + 3599, '9000000000000000']], [[402, '5']]);
    expect(dpsOf('sum:m', S, 1357001999, spans)).toEqual([
      '{"1356998400":0,"1356998402":-124130056596,"1357001999":9000000000000000}',
    ]);
  });

  it('a double sum reaching Infinity fails the query', () => {
    const spans = series([[400, '1.7976931348623157e308']], [[400, '1.7976931348623157e308']]);
    expect(() => dpsOf('sum:m', S, E, spans)).toThrow(/^Got Infinity: Infinity/);
  });

  it('none keeps each series typed on its own', () => {
    expect(dpsOf('none:m', S, E, series([[400, '1'], [430, '2.5']], [[400, '3']]))).toEqual([
      '{"1356998400":1.0,"1356998430":2.5}',
      '{"1356998400":3}',
    ]);
  });
});

describe('rate', () => {
  const comeAndGo = series([[400, '10'], [430, '20'], [460, '30']], [[460, '100'], [490, '200']]);
  it.each([
    ['sum', '{"1356998430":0.3333334070253845,"1356998460":0.3333334070253845,"1356998490":3.3333333333333335}'],
    ['avg', '{"1356998430":0.16666670351269225,"1356998460":0.16666670351269225,"1356998490":3.3333333333333335}'],
    ['count', '{"1356998430":2.0,"1356998460":2.0,"1356998490":1.0}'],
  ])('%s counts a later series from the start with its rate from t=0 (issue #1892)', (agg, expected) => {
    expect(dpsOf(`${agg}:rate:m`, S, 1356998640, comeAndGo)).toEqual([expected]);
  });

  it('a counter falling below zero rolls over at Long.MAX_VALUE', () => {
    expect(dpsOf('sum:rate{counter}:m', S, E, series([[400, '-5'], [430, '-10']]))).toEqual([
      '{"1356998430":3.0744573456182586E17}',
    ]);
  });

  it('a single point has no rate', () => {
    expect(dpsOf('sum:rate:m', S, E, series([[400, '5']]))).toEqual(['{}']);
  });

  it('drops resets after downsampling', () => {
    const spans = series([[400, '900'], [430, '950'], [470, '10'], [530, '100'], [590, '200']]);
    expect(dpsOf('sum:rate{dropcounter,1000}:1m-max:m', S, 1356998640, spans)).toEqual([
      '{"1356998520":1.5,"1356998580":1.6666666666666667}',
    ]);
  });
});

describe('downsampling', () => {
  const three = series([[400, '1'], [410, '3'], [530, '7']]);
  it.each([
    ['1m-dev-zero', '{"1356998400":1.0,"1356998460":0.0,"1356998520":0.0,"1356998580":0.0,"1356998640":0.0}'],
    ['1m-count-null', '{"1356998400":2.0,"1356998460":null,"1356998520":1.0,"1356998580":null,"1356998640":null}'],
  ])('fills %s', (ds, expected) => {
    expect(dpsOf(`sum:${ds}:m`, S, 1356998640, three)).toEqual([expected]);
  });

  it('0all covers [start, end) and is stamped with the start', () => {
    const spans = series([[300, '100'], [400, '1'], [410, '3'], [520, '7'], [530, '9']], [[430, '2']]);
    expect(dpsOf('sum:0all-avg:m', S, E, spans)).toEqual(['{"1356998400":4.0}']);
  });

  it('odd intervals stay epoch-aligned', () => {
    const spans = series([[100, '1'], [400, '2'], [600, '3'], [900, '4']]);
    expect(dpsOf('sum:7m-sum:m', 1356998160, 1356999000, spans)).toEqual(['{"1356998160":2.0,"1356998580":7.0}']);
  });

  it('drops the bucket holding an unaligned start and keeps points after end in the last one', () => {
    const spans = series([[400, '1'], [430, '2'], [470, '3'], [590, '4'], [600, '5'], [640, '6']]);
    expect(dpsOf('sum:1m-sum:m', 1356998430, 1356998590, spans)).toEqual(['{"1356998460":3.0,"1356998580":9.0}']);
  });

  it('several ms buckets in one second give duplicate keys', () => {
    const spans = series([[1356998400100, '1'], [1356998400200, '5'], [1356998400300, '2'], [1356998400900, '7']]);
    expect(dpsOf('sum:250ms-max:m', S, 1356998401, spans)).toEqual(['{"1356998400":5.0,"1356998400":2.0,"1356998400":7.0}']);
  });

  const calendar = (ds: string, tz: string, start: number, end: number, points: Array<[number, string]>): string => {
    const out = post({ start, end, timezone: tz, queries: [{ aggregator: 'sum', metric: 'm', downsample: ds }] }, series(points));
    return (/"dps":(\{[^}]*\})/.exec(out) as RegExpExecArray)[1];
  };

  it('calendar days follow the wall clock across a DST change', () => {
    const points: Array<[number, string]> = [[1489132800, '1'], [1489219200, '2'], [1489305600, '4'], [1489392000, '8']];
    expect(calendar('1dc-sum', 'America/Denver', 1489100000, 1489500000, points)).toEqual(
      '{"1489129200":1.0,"1489215600":2.0,"1489302000":4.0,"1489384800":8.0}',
    );
  });

  it('2-week buckets are anchored on the seek, which can skip the first week', () => {
    const points: Array<[number, string]> = [[1483228800, '1'], [1483833600, '2'], [1484438400, '4'], [1485043200, '8']];
    expect(calendar('2wc-sum', 'UTC', 1483228800, 1485388800, points)).toEqual('{"1483833600":6.0,"1485043200":8.0}');
  });

  it('5-hour buckets start at the month in a half-hour zone', () => {
    const points: Array<[number, string]> = [[1483228800, '1'], [1483240000, '2'], [1483260000, '4']];
    expect(calendar('5hc-count-zero', 'Asia/Kolkata', 1483228800, 1483270000, points)).toEqual('{"1483245000":1.0}');
  });

  it('a fractional calendar interval fails when the downsampler is built', () => {
    const body = { start: S, end: E, useCalendar: true, queries: [{ aggregator: 'sum', metric: 'm', downsample: '1.5h-sum' }] };
    expect(() => post(body, series([[400, '1']]))).toThrow('For input string: "1.5"');
  });
});

describe('NaN through group aggregators', () => {
  const spans = series([[460, '2'], [520, '3']], [[400, '5'], [460, '7']]);
  it.each([
    ['mult', '{"1356998400":"NaN","1356998460":14.0,"1356998520":"NaN","1356998580":"NaN"}'],
    ['first', '{"1356998400":"NaN","1356998460":2.0,"1356998520":3.0,"1356998580":"NaN"}'],
    ['diff', '{"1356998400":0.0,"1356998460":5.0,"1356998520":"NaN","1356998580":"NaN"}'],
  ])('%s', (agg, expected) => {
    expect(dpsOf(`${agg}:1m-sum-nan:m`, S, 1356998580, spans)).toEqual([expected]);
  });
});

describe('guards', () => {
  it('refuses to fill millions of empty buckets per series instead of exhausting memory', () => {
    expect(() => dpsOf('sum:1ms-sum-nan:m', S, S + 86400, series([[400, '1']]))).toThrow(
      /^Cannot fill 90000000 buckets of '1ms' per series \(limit 5000000\)/,
    );
  });
});

it('histogram sub-queries are refused with a clear error', () => {
  expect(() => dpsOf('sum:percentiles[50]:m', S, E, series([[400, '1']]))).toThrow(/^Histogram queries .* are not supported$/);
});
