/**
 * The pure parts of /api/query/last: parsing (GET, POST), the rows probed, the response text (as
 * OpenTSDB 2.4.1's Jackson writes IncomingDataPoint lists).
 */
import {
  lastPointRows,
  parseLastQueryBody,
  parseLastQueryString,
  QueryError,
  serializeLastPoints,
} from '../../../src/query';

const failure = (fn: () => unknown): [number, string] | 'ok' => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return [(e as QueryError).status, (e as QueryError).message];
  }
};

describe('parseLastQueryString', () => {
  it('reads timeseries, tsuids, resolve and back_scan', () => {
    const q = parseLastQueryString(new URLSearchParams('timeseries=sys.cpu{host=web01,dc=lga}&tsuids=0001,0002&resolve&back_scan=24'));
    expect(q).toEqual({
      resolveNames: true,
      backScan: 24,
      queries: [
        { metric: 'sys.cpu', tags: [['host', 'web01'], ['dc', 'lga']], tsuids: null },
        { metric: null, tags: null, tsuids: ['0001', '0002'] },
      ],
    });
  });

  it.each([
    ['', [400, 'Missing sub queries']],
    ['timeseries=m&back_scan=x', [400, 'Unable to parse back_scan parameter']],
    ['timeseries=m{host=a', [500, "Missing '}' at the end of: m{host=a"]],
    ['timeseries=m{host}', [500, "When parsing tag 'host': invalid tag: host"]],
  ])('%s fails', (qs, expected) => {
    expect(failure(() => parseLastQueryString(new URLSearchParams(qs)))).toEqual(expected);
  });
});

describe('parseLastQueryBody', () => {
  it('maps the bean', () => {
    const q = parseLastQueryBody('{"queries":[{"metric":"sys.cpu","tags":{"host":"web01"}},{"tsuids":["AB"]}],"resolveNames":true,"backScan":"3"}');
    expect(q).toEqual({
      resolveNames: true,
      backScan: 3,
      queries: [
        { metric: 'sys.cpu', tags: [['host', 'web01']], tsuids: null },
        { metric: null, tags: null, tsuids: ['AB'] },
      ],
    });
  });

  it('has no ignorable fields, needs content and sub-queries', () => {
    expect(failure(() => parseLastQueryBody('{"queries":[],"foo":1}'))).toEqual([400, 'Unable to parse the given JSON']);
    expect(failure(() => parseLastQueryBody(''))).toEqual([400, 'Missing message content']);
    expect(failure(() => parseLastQueryBody('{"queries":[]}'))).toEqual([400, 'Missing sub queries']);
  });
});

describe('lastPointRows', () => {
  it('probes the current hour then back_scan hours before it', () => {
    expect(lastPointRows(1356998400123 + 1800000, 2)).toEqual([1356998400, 1356994800, 1356991200]);
    expect(lastPointRows(1356998400000, 0)).toEqual([1356998400]);
  });
});

describe('serializeLastPoints', () => {
  it('writes values as strings and omits metric and tags unless resolved', () => {
    expect(
      serializeLastPoints([
        { tsuid: '000001000001000001', timestamp: 1356998400123, value: 12.5, isInteger: false },
        { tsuid: 'AB', timestamp: 1356998400000, value: 42, isInteger: true, metric: 'sys.cpu', tags: [['host', 'web01'], ['dc', 'lga']] },
        { tsuid: 'CD', timestamp: 1356998400000, value: 9223372036854775807n, isInteger: true },
      ]),
    ).toBe(
      '[{"timestamp":1356998400123,"value":"12.5","tsuid":"000001000001000001"},' +
        '{"metric":"sys.cpu","timestamp":1356998400000,"value":"42","tags":{"host":"web01","dc":"lga"},"tsuid":"AB"},' +
        '{"timestamp":1356998400000,"value":"9223372036854775807","tsuid":"CD"}]',
    );
  });
});
