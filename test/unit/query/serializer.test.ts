/**
 * The /api/query response text (HttpJsonSerializer.formatQueryAsyncV1): field order, `arrays`,
 * `show_query`, `show_tsuids`, annotations, global annotations, stats and summary, NaN and null.
 */
import { get, makeSpan, NOW, post, series, UidRegistry } from './fixtures';
import {
  parseQueryString,
  runSubQuery,
  serializeQueryResponse,
  serializeQueryResponseChunks,
  type Annotation,
} from '../../../src/query';

const S = 1356998400;
const note = (startTime: number, description: string, tsuid = '000001000001000001'): Annotation => ({
  tsuid,
  startTime,
  endTime: 0,
  description,
  notes: '',
  custom: null,
});

describe('dps forms', () => {
  const spans = series([[400, '1'], [460, '2.5']]);

  it('arrays', () => {
    expect(get(`start=${S}&end=1356998520&m=sum:m&arrays`, spans)).toBe(
      '[{"metric":"m","tags":{"s":"A"},"aggregateTags":[],"dps":[[1356998400,1.0],[1356998460,2.5]]}]',
    );
  });

  it('an empty group prints {} or []', () => {
    const outside = series([[700, '1']]);
    expect(get(`start=${S}&end=1356998460&m=sum:m`, outside)).toContain('"dps":{}');
    expect(get(`start=${S}&end=1356998460&m=sum:m&arrays`, outside)).toContain('"dps":[]');
  });

  it('NaN is the string "NaN" unless the fill policy is null', () => {
    const gap = series([[400, '1'], [520, '2']]);
    expect(get(`start=${S}&end=1356998520&m=sum:1m-sum-nan:m&arrays`, gap)).toContain('[1356998460,"NaN"]');
    expect(get(`start=${S}&end=1356998520&m=sum:1m-sum-null:m&arrays`, gap)).toContain('[1356998460,null]');
  });
});

describe('optional members', () => {
  const reg = new UidRegistry();
  const spans = [
    makeSpan(reg, 'm', { host: 'b' }, [[400, '1']], [note(1356998500, 'late'), note(1356998410, 'early'), note(1356990000, 'old')]),
    makeSpan(reg, 'm', { host: 'a' }, [[400, '2']]),
  ];

  it('show_query and show_tsuids come after aggregateTags, tsuids sorted', () => {
    const out = get(`start=${S}&end=1356998520&m=sum:m{host=*}&show_query&show_tsuids`, [spans[1]]);
    expect(out).toBe(
      '[{"metric":"m","tags":{"host":"a"},"aggregateTags":[],"query":{"aggregator":"sum","metric":"m","tsuids":null,' +
        '"downsample":null,"rate":false,"filters":[{"tagk":"host","filter":"*","group_by":true,"type":"wildcard"}],' +
        '"percentiles":null,"index":0,"rateOptions":null,' +
        '"filterTagKs":[],"explicitTags":false,"useFuzzyFilter":true,"preAggregate":false,"rollupUsage":null,' +
        '"rollupTable":"raw","showHistogramBuckets":false,"useMultiGets":true,"tags":{"host":"wildcard(*)"},' +
        '"histogramQuery":false},"tsuids":["000001000001000002"],' +
        '"dps":{"1356998400":2}}]',
    );
  });

  it('filterTagKs lists the resolved tagk UIDs in base64', () => {
    const out = get(`start=${S}&end=1356998520&m=sum:m{host=*}&show_query`, [spans[1]], {
      filterTagkUids: [[Uint8Array.of(0, 0, 2), Uint8Array.of(0, 0, 1)]],
    });
    expect(out).toContain('"filterTagKs":["AAAB","AAAC"]');
  });

  it('annotations are sorted by start and limited to [start, end]; no_annotations drops them', () => {
    const out = get(`start=${S}&end=1356998520&m=sum:m`, [spans[0]]);
    expect(out).toContain(
      '"annotations":[{"tsuid":"000001000001000001","description":"early","notes":"","startTime":1356998410,"endTime":0},' +
        '{"tsuid":"000001000001000001","description":"late","notes":"","startTime":1356998500,"endTime":0}],"dps":',
    );
    expect(get(`start=${S}&end=1356998520&m=sum:m&no_annotations`, [spans[0]])).not.toContain('annotations');
  });

  it('custom fields print in HashMap order and global annotations repeat in every entry', () => {
    const global = { ...note(1356998450, 'deploy', ''), custom: { z: '1', a: '2', m: '3' } };
    const out = get(`start=${S}&end=1356998520&m=none:m`, spans, { globalAnnotations: [global] });
    const text = '"globalAnnotations":[{"tsuid":"","description":"deploy","notes":"","custom":{"a":"2","z":"1","m":"3"},' +
      '"startTime":1356998450,"endTime":0}]';
    expect(out.split(text).length - 1).toBe(2);
  });

  it('stats per entry (TreeMap order) and a trailing statsSummary', () => {
    const out = get(`start=${S}&end=1356998520&m=sum:m&show_stats&show_summary`, [spans[1]], {
      stats: [{ hbaseTime: 1.5, emittedDPs: 1 }],
      statsSummary: { processingPreWriteTime: 2.25 },
    });
    expect(out).toBe(
      '[{"metric":"m","tags":{"host":"a"},"aggregateTags":[],"dps":{"1356998400":2},' +
        '"stats":{"emittedDPs":1,"hbaseTime":1.5,"queryIndex":0}},{"statsSummary":{"processingPreWriteTime":2.25}}]',
    );
  });
});

describe('several sub-queries', () => {
  it('answer in request order, after de-duplication', () => {
    const spans = series([[400, '1']]);
    const out = post(
      { start: S, end: 1356998520, queries: [{ aggregator: 'sum', metric: 'm' }, { aggregator: 'max', metric: 'm' }, { aggregator: 'sum', metric: 'm' }] },
      spans,
      {},
    );
    expect(out.match(/"dps"/g)).toHaveLength(2);
  });
});

describe('streaming', () => {
  it('chunks concatenate to the whole body and stay near 64 KiB', () => {
    const points: Array<[number, string]> = [];
    for (let i = 0; i < 20000; i++) points.push([1356998400000 + i, String(i * 0.5)]);
    const query = parseQueryString(new URLSearchParams(`start=${S}&end=${S + 60}&m=sum:m&ms`), { nowMs: NOW });
    const results = [runSubQuery(query, 0, series(points))];
    const chunks = [...serializeQueryResponseChunks({ query, results })];
    expect(chunks.length).toBeGreaterThan(3);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(100 * 1024);
    expect(chunks.join('')).toBe(serializeQueryResponse({ query, results }));
    expect(() => JSON.parse(chunks.join(''))).not.toThrow();
  });
});
