/**
 * Every worked example of spec/query.md §12 (produced by running OpenTSDB 2.4.1's own classes), as a
 * table of tests that runs against any driver: the pure engine in memory (test/unit/query) or a real
 * TSD over HTTP with the points written through /api/put (test/tsd).
 */
import type { Pt } from '../unit/query/fixtures';

/** Series A, B, … of metric `m` told apart by tag `s`, as the drivers write them. */
export type SeriesSet = ReadonlyArray<{ readonly tags: Record<string, string>; readonly points: readonly Pt[] }>;

export interface VectorDriver {
  series(...lists: ReadonlyArray<readonly Pt[]>): SeriesSet;
  /** The `dps` texts of `m=<m>` from `start` to `end` (epoch seconds). */
  dpsOf(m: string, start: number, end: number, spans: SeriesSet, extraQs?: string): Promise<string[]>;
  /** The `dps` texts of a GET query string. */
  dps(qs: string, spans: SeriesSet): Promise<string[]>;
  /** The whole body of a POST query. */
  post(body: object, spans: SeriesSet): Promise<string>;
}

export function seriesSet(...lists: ReadonlyArray<readonly Pt[]>): SeriesSet {
  return lists.map((points, i) => ({ tags: { s: String.fromCharCode(65 + i) }, points }));
}

export function defineSpecVectors(d: VectorDriver): void {
  const S = 1356998400;

  describe('§12 A: aggregation and interpolation', () => {
    const a2 = d.series(
      [[400, '10'], [460, '20'], [520, '30']],
      [[430, '100'], [490, '200']],
    );

    it('A1 aligned sum', async () => {
      const spans = d.series([[400, '1'], [430, '2'], [460, '3']], [[400, '10'], [430, '20'], [460, '30']]);
      expect(await d.dpsOf('sum:m', S, 1356998520, spans)).toEqual(['{"1356998400":11,"1356998430":22,"1356998460":33}']);
    });

    it('A2 integer lerp', async () => {
      expect(await d.dpsOf('sum:m', S, 1356998520, a2)).toEqual([
        '{"1356998400":10,"1356998430":115,"1356998460":170,"1356998490":225,"1356998520":30}',
      ]);
    });

    it('A3 one float switches neighbours to double', async () => {
      const spans = d.series([[400, '10'], [460, '20'], [520, '30']], [[430, '100.0'], [490, '200']]);
      expect(await d.dpsOf('sum:m', S, 1356998520, spans)).toEqual([
        '{"1356998400":10.0,"1356998430":115.0,"1356998460":170.0,"1356998490":225,"1356998520":30}',
      ]);
    });

    it('A4 zimsum', async () => {
      expect(await d.dpsOf('zimsum:m', S, 1356998520, a2)).toEqual([
        '{"1356998400":10,"1356998430":100,"1356998460":20,"1356998490":200,"1356998520":30}',
      ]);
    });

    it('A5 docs aggregation example (the docs table says 25 at t0+30s; 15+15=30)', async () => {
      const spans = d.series([[410, '5'], [430, '15'], [450, '5']], [[400, '10'], [420, '20'], [440, '10'], [460, '20']]);
      expect(await d.dpsOf('sum:m', S, 1356998460, spans)).toEqual([
        '{"1356998400":10,"1356998410":20,"1356998420":30,"1356998430":30,"1356998440":20,"1356998450":20,"1356998460":20}',
      ]);
    });

    describe('A6 issue #977', () => {
      const spans = d.series([[1288900000, '42'], [1288900030, '40']], [[1288900015, '100'], [1288900045, '200']]);
      it.each([
        ['count', '{"1288900000":1,"1288900015":2,"1288900030":2,"1288900045":1}'],
        ['sum', '{"1288900000":42,"1288900015":141,"1288900030":190,"1288900045":200}'],
        ['zimsum', '{"1288900000":42,"1288900015":100,"1288900030":40,"1288900045":200}'],
      ])('%s', async (agg, expected) => {
        expect(await d.dpsOf(`${agg}:m`, 1288900000, 1288900060, spans)).toEqual([expected]);
      });
    });

    it('A7a avg truncates in integer mode', async () => {
      expect(await d.dpsOf('avg:m', S, 1356998520, d.series([[400, '1']], [[400, '2']]))).toEqual(['{"1356998400":1}']);
    });

    it('A7b the type is decided per timestamp', async () => {
      const spans = d.series([[400, '1'], [460, '2']], [[400, '2.5'], [460, '3']]);
      expect(await d.dpsOf('avg:m', S, 1356998520, spans)).toEqual(['{"1356998400":1.75,"1356998460":2}']);
    });

    describe('A9 order-sensitive group aggregators', () => {
      const spans = d.series([[400, '1'], [460, '3']], [[400, '10'], [430, '20'], [460, '30']]);
      it.each([
        ['first', '{"1356998400":1,"1356998430":0,"1356998460":3}'],
        ['last', '{"1356998400":10,"1356998430":20,"1356998460":30}'],
        ['diff', '{"1356998400":9,"1356998430":18,"1356998460":27}'],
      ])('%s', async (agg, expected) => {
        expect(await d.dpsOf(`${agg}:m`, S, 1356998520, spans)).toEqual([expected]);
      });
      it('mult', async () => {
        const m = d.series([[400, '2'], [460, '4']], [[400, '10'], [430, '20'], [460, '30']]);
        expect(await d.dpsOf('mult:m', S, 1356998520, m)).toEqual(['{"1356998400":20,"1356998430":60,"1356998460":120}']);
      });
    });

    describe('A10 distribution aggregators', () => {
      const five = d.series([[400, '1']], [[400, '2']], [[400, '3']], [[400, '4']], [[400, '10']]);
      const fiveFloat = d.series([[400, '1.0']], [[400, '2']], [[400, '3']], [[400, '4']], [[400, '10']]);
      it.each([
        ['p50', '3'], ['ep50r3', '2'], ['ep50r7', '3'], ['p75', '7'], ['ep75r3', '4'], ['ep75r7', '4'],
        ['p90', '10'], ['ep90r3', '4'], ['ep90r7', '7'], ['p99', '10'], ['ep99r7', '9'], ['p999', '10'],
      ])('%s over 1,2,3,4,10 is %s', async (agg, v) => {
        expect(await d.dpsOf(`${agg}:m`, S, 1356998520, five)).toEqual([`{"1356998400":${v}}`]);
      });
      it.each([
        ['p50', '3.0'], ['ep50r3', '3.0'], ['ep50r7', '3.0'], ['p75', '7.0'], ['ep75r3', '7.0'], ['ep90r7', '10.0'],
        ['ep99r7', '10.0'],
      ])('%s with a float input is %s (estimation ignored in double mode)', async (agg, v) => {
        expect(await d.dpsOf(`${agg}:m`, S, 1356998520, fiveFloat)).toEqual([`{"1356998400":${v}}`]);
      });
      it('median is the upper median; dev is the population deviation', async () => {
        const four = d.series([[400, '1']], [[400, '2']], [[400, '3']], [[400, '4']]);
        expect(await d.dpsOf('median:m', S, 1356998520, four)).toEqual(['{"1356998400":3}']);
        expect(await d.dpsOf('dev:m', S, 1356998520, four)).toEqual(['{"1356998400":1}']);
        const fourFloat = d.series([[400, '1.0']], [[400, '2']], [[400, '3']], [[400, '4']]);
        expect(await d.dpsOf('dev:m', S, 1356998520, fourFloat)).toEqual(['{"1356998400":1.118033988749895}']);
        expect(await d.dpsOf('dev:m', S, 1356998520, d.series([[400, '5'], [460, '7']]))).toEqual(['{"1356998400":0,"1356998460":0}']);
      });
    });

    describe('A11 sentinel and PREV interpolation', () => {
      const spans = d.series([[400, '10'], [460, '20']], [[430, '5'], [490, '50']]);
      it.each([
        ['mimmin', '{"1356998400":10,"1356998430":5,"1356998460":20,"1356998490":50}'],
        ['mimmax', '{"1356998400":10,"1356998430":5,"1356998460":20,"1356998490":50}'],
        ['pfsum', '{"1356998400":10,"1356998430":15,"1356998460":25,"1356998490":50}'],
        ['count', '{"1356998400":1,"1356998430":2,"1356998460":2,"1356998490":1}'],
        ['squareSum', '{"1356998400":100,"1356998430":25,"1356998460":400,"1356998490":2500}'],
      ])('%s', async (agg, expected) => {
        expect(await d.dpsOf(`${agg}:m`, S, 1356998520, spans)).toEqual([expected]);
      });
      it('none: one entry per series', async () => {
        expect(await d.dpsOf('none:m', S, 1356998520, spans)).toEqual([
          '{"1356998400":10,"1356998460":20}',
          '{"1356998430":5,"1356998490":50}',
        ]);
      });
      it('floats and negative floats (mimmax sentinel is -Double.MAX_VALUE in 2.4.1)', async () => {
        const floats = d.series([[400, '10.5'], [460, '20.5']], [[430, '5.5'], [490, '50.5']]);
        const expected = '{"1356998400":10.5,"1356998430":5.5,"1356998460":20.5,"1356998490":50.5}';
        expect(await d.dpsOf('mimmin:m', S, 1356998520, floats)).toEqual([expected]);
        expect(await d.dpsOf('zimsum:m', S, 1356998520, floats)).toEqual([expected]);
        const negative = d.series([[400, '-10.5'], [460, '-20.5']], [[430, '-5.5'], [490, '-50.5']]);
        expect(await d.dpsOf('mimmax:m', S, 1356998520, negative)).toEqual([
          '{"1356998400":-10.5,"1356998430":-5.5,"1356998460":-20.5,"1356998490":-50.5}',
        ]);
      });
      it('count in double mode, max with a zero', async () => {
        const c = d.series([[400, '1.5'], [460, '2.5']], [[430, '3']]);
        expect(await d.dpsOf('count:m', S, 1356998520, c)).toEqual(['{"1356998400":1.0,"1356998430":2.0,"1356998460":1.0}']);
        const mx = d.series([[400, '0'], [460, '3']], [[420, '1']]);
        expect(await d.dpsOf('max:m', S, 1356998520, mx)).toEqual(['{"1356998400":0,"1356998420":1,"1356998460":3}']);
      });
    });
  });

  describe('§12 D: downsampling', () => {
    const dd = d.series([[400, '1'], [410, '2'], [470, '3'], [590, '5'], [650, '6']], [[400, '10'], [530, '20']]);
    const E = 1356998700;
    it.each([
      ['1m-avg', '{"1356998400":11.5,"1356998460":18.0,"1356998520":24.0,"1356998580":5.0,"1356998640":6.0}'],
      ['1m-avg-nan', '{"1356998400":11.5,"1356998460":3.0,"1356998520":20.0,"1356998580":5.0,"1356998640":6.0,"1356998700":"NaN"}'],
      ['1m-avg-null', '{"1356998400":11.5,"1356998460":3.0,"1356998520":20.0,"1356998580":5.0,"1356998640":6.0,"1356998700":null}'],
      ['1m-avg-zero', '{"1356998400":11.5,"1356998460":3.0,"1356998520":20.0,"1356998580":5.0,"1356998640":6.0,"1356998700":0.0}'],
    ])('D1-D4 sum:%s', async (ds, expected) => {
      expect(await d.dpsOf(`sum:${ds}:m`, S, E, dd)).toEqual([expected]);
    });

    it('D5 the scalar fill policy fails on the first empty bucket', async () => {
      await expect(d.dpsOf('sum:1m-avg-scalar:m', S, E, d.series([[400, '1'], [530, '20']]))).rejects.toThrow('unhandled fill policy');
    });

    it('D7 docs downsampling example', async () => {
      const spans = d.series(
        [[400, '5'], [410, '5'], [420, '10'], [430, '15'], [440, '20'], [450, '5'], [460, '1']],
        [[400, '10'], [410, '5'], [420, '20'], [430, '15'], [440, '10'], [450, '0'], [460, '5']],
      );
      expect(await d.dpsOf('sum:30s-sum:m', S, 1356998460, spans)).toEqual(['{"1356998400":55.0,"1356998430":65.0,"1356998460":6.0}']);
    });

    it('D8 docs fill example', async () => {
      const spans = d.series([[430, '15'], [450, '5']], [[400, '10'], [420, '20'], [460, '20']]);
      expect(await d.dpsOf('sum:10s-sum-nan:m', S, 1356998460, spans)).toEqual([
        '{"1356998400":10.0,"1356998410":"NaN","1356998420":20.0,"1356998430":15.0,"1356998440":"NaN","1356998450":5.0,"1356998460":20.0}',
      ]);
    });

    it('D10 ms output', async () => {
      const spans = d.series([[1356998400500, '1'], [1356998459999, '2'], [1356998460000, '4']]);
      expect(await d.dps(`start=${S}&end=1356998520&m=sum:1m-sum:m&ms`, spans)).toEqual(['{"1356998400000":3.0,"1356998460000":4.0}']);
    });

    describe('D11 calendar days', () => {
      const spans = d.series([[1483228800, '1'], [1483272000, '2'], [1483315200, '4'], [1483401600, '8'], [1483480000, '16']]);
      const body = (downsample: string, timezone: string, useCalendar = false): object => ({
        start: '2017/01/01-00:00:00',
        end: '2017/01/03-23:59:59',
        timezone,
        useCalendar,
        queries: [{ aggregator: 'sum', metric: 'm', downsample }],
      });
      const dpsText = (out: string): string => (/"dps":(\{[^}]*\})/.exec(out) as RegExpExecArray)[1];
      it.each([
        ['1dc-sum', 'UTC', false, '{"1483228800":3.0,"1483315200":4.0,"1483401600":24.0}'],
        ['1dc-sum', 'America/Denver', false, '{"1483254000":6.0,"1483340400":8.0,"1483426800":16.0}'],
        ['1d-sum', 'America/Denver', false, '{"1483315200":4.0,"1483401600":24.0}'],
        ['1d-sum', 'America/Denver', true, '{"1483254000":6.0,"1483340400":8.0,"1483426800":16.0}'],
      ])('%s in %s (useCalendar %s)', async (ds, tz, cal, expected) => {
        expect(dpsText(await d.post(body(ds, tz, cal), spans))).toEqual(expected);
      });
    });

    describe('D12 months and weeks (UTC)', () => {
      const months = d.series([[1483228800, '1'], [1485907200, '2'], [1486000000, '3'], [1488326400, '4'], [1490000000, '5'], [1491004800, '6']]);
      const weeks = d.series([[1483228800, '1'], [1483660800, '2'], [1483747200, '4'], [1484352000, '8']]);
      it.each([
        ['1nc-sum', '2017/04/01', months, '{"1483228800":1.0,"1485907200":5.0,"1488326400":9.0,"1491004800":6.0}'],
        ['1n-sum', '2017/04/01', months, '{"1485216000":5.0,"1487808000":9.0,"1490400000":6.0}'],
        ['1wc-sum', '2017/01/31', weeks, '{"1483228800":7.0,"1483833600":8.0}'],
        ['1w-sum', '2017/01/31', weeks, '{"1483574400":6.0,"1484179200":8.0}'],
      ])('%s', async (ds, end, spans, expected) => {
        expect(await d.dps(`start=2017/01/01&end=${end}&m=sum:${ds}:m`, spans)).toEqual([expected]);
      });
    });

    it('D13 calendar fill', async () => {
      const spans = d.series([[1483228800, '1'], [1483236000, '2']]);
      expect(await d.dps('start=2017/01/01-00:00:00&end=2017/01/01-04:00:00&m=sum:1hc-sum-nan:m', spans)).toEqual([
        '{"1483228800":1.0,"1483232400":"NaN","1483236000":2.0,"1483239600":"NaN","1483243200":"NaN"}',
      ]);
    });
  });

  describe('§12 R: rate', () => {
    const r1 = d.series([[400, '10'], [430, '40'], [460, '100']]);
    it('R1 and R2 (a start after the first point still sees it)', async () => {
      expect(await d.dpsOf('sum:rate:m', S, 1356998520, r1)).toEqual(['{"1356998430":1.0,"1356998460":2.0}']);
      expect(await d.dpsOf('sum:rate:m', 1356998430, 1356998520, r1)).toEqual(['{"1356998430":1.0,"1356998460":2.0}']);
    });

    it('R3 negative rates without counter', async () => {
      expect(await d.dpsOf('sum:rate:m', S, 1356998520, d.series([[400, '100'], [430, '40'], [460, '100']]))).toEqual([
        '{"1356998430":-2.0,"1356998460":2.0}',
      ]);
    });

    describe('R4 counters', () => {
      const c = d.series([[400, '90'], [430, '10'], [460, '40']]);
      it.each([
        ['rate{counter,100}', '{"1356998430":0.6666666666666666,"1356998460":1.0}'],
        ['rate{counter}', '{"1356998430":3.0744573456182586E17,"1356998460":1.0}'],
        ['rate{dropcounter}', '{"1356998460":1.0}'],
      ])('%s', async (r, expected) => {
        expect(await d.dpsOf(`sum:${r}:m`, S, 1356998520, c)).toEqual([expected]);
      });
      it('floats roll over the same way', async () => {
        const f = d.series([[400, '90.5'], [430, '10.5'], [460, '40.5']]);
        expect(await d.dpsOf('sum:rate{counter,100}:m', S, 1356998520, f)).toEqual(['{"1356998430":0.6666666666666666,"1356998460":1.0}']);
      });
    });

    describe('R4b reset values', () => {
      const c = d.series([[400, '9990'], [430, '10'], [460, '40'], [490, '20']]);
      it.each([
        ['rate{counter,10000}', '{"1356998430":0.6666666666666666,"1356998460":1.0,"1356998490":332.6666666666667}'],
        ['rate{counter,10000,35}', '{"1356998430":0.6666666666666666,"1356998460":1.0,"1356998490":0.0}'],
        ['rate{dropcounter}', '{"1356998460":1.0}'],
      ])('%s', async (r, expected) => {
        expect(await d.dpsOf(`sum:${r}:m`, S, 1356998520, c)).toEqual([expected]);
      });
    });

    it('R7 millisecond rates are per second', async () => {
      const spans = d.series([[1356998400000, '0'], [1356998400250, '1'], [1356998400500, '3']]);
      expect(await d.dps(`start=${S}&end=1356998520&m=sum:rate:m&ms`, spans)).toEqual(['{"1356998400250":4.0,"1356998400500":8.0}']);
    });

    describe('R8 downsample then rate', () => {
      const spans = d.series([[400, '10'], [430, '20'], [460, '40'], [490, '60'], [580, '100']]);
      it.each([
        ['1m-avg', '{"1356998460":0.5833333333333334,"1356998580":0.4166666666666667}'],
        ['1m-avg-nan', '{"1356998460":0.5833333333333334,"1356998520":"NaN","1356998580":"NaN","1356998640":"NaN"}'],
        ['1m-avg-zero', '{"1356998460":0.5833333333333334,"1356998520":-0.8333333333333334,"1356998580":1.6666666666666667,"1356998640":-1.6666666666666667}'],
      ])('sum:rate:%s', async (ds, expected) => {
        expect(await d.dpsOf(`sum:rate:${ds}:m`, S, 1356998640, spans)).toEqual([expected]);
      });
    });
  });

  describe('§12 F: formatting', () => {
    it('F1 several points in one second give duplicate keys unless ms', async () => {
      const spans = d.series([[1356998400100, '1'], [1356998400900, '2'], [1356998401000, '3']]);
      expect(await d.dpsOf('sum:m', S, 1356998460, spans)).toEqual(['{"1356998400":1,"1356998400":2,"1356998401":3}']);
      expect(await d.dps(`start=${S}&end=1356998460&m=sum:m&ms`, spans)).toEqual([
        '{"1356998400100":1,"1356998400900":2,"1356998401000":3}',
      ]);
    });

    it('F2 scientific notation from 1e7', async () => {
      const spans = d.series([[400, '6000000'], [460, '6000000']]);
      expect(await d.dpsOf('sum:1h-sum:m', S, 1357001999, spans)).toEqual(['{"1356998400":1.2E7}']);
    });

    it('F3 scientific notation below 1e-3', async () => {
      expect(await d.dpsOf('sum:m', S, 1356998520, d.series([[400, '0.0001'], [460, '0.5']]))).toEqual([
        '{"1356998400":1.0E-4,"1356998460":0.5}',
      ]);
    });
  });
}
