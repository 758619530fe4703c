import { parseCliQuery } from '../../../src/cli/query/cli-query';
import { javaFormatF } from '../../../src/cli/query/java-format';

const NOW = 1357000000123;
const parse = (...args: string[]) => parseCliQuery(args, { nowMs: NOW });

describe('parseCliQuery', () => {
  test('START and END are cut to seconds; END needs a date shape or a positive integer', () => {
    const q = parse('1356998400500', '2013/01/01-01:00', 'sum', 'm');
    expect([q.startTime, q.endTime]).toEqual([1356998400000, 1357002000000]);
    const noEnd = parse('1h-ago', 'sum', 'm', 'host=a');
    expect([noEnd.startTime, noEnd.endTime]).toEqual([1356996400000, NOW]);
    expect(noEnd.queries).toHaveLength(1);
    expect(() => parse('1356998400', 'now', 'sum', 'm')).toThrow('No such aggregator: now');
  });

  test('rate, counter options, downsample and tags become the sub-query', () => {
    const [a, b] = parse('1356998400', '+title=x', 'max', 'rate', 'counter,1000,5', 'downsample', '60000', 'avg', 'm', 'host=*', 'dc=a|b', 'sum', 'n').queries;
    expect(a).toMatchObject({ aggregator: 'max', metric: 'm', rate: true, rateOptions: { counter: true, counterMax: 1000n, resetValue: 5n } });
    expect(a.downsampler?.interval).toBe(60000);
    expect(a.filters.map((f) => [f.tagk, f.groupBy])).toEqual(expect.arrayContaining([['host', true], ['dc', true]]));
    expect(b).toMatchObject({ aggregator: 'sum', metric: 'n', rate: false, filters: [] });
  });

  it.each([
    [['1356998400', 'sum'], 'Not enough arguments: missing the metric'],
    [['1356998400', 'sum', 'downsample', 'x', 'avg', 'm'], 'Invalid downsample interval: x'],
    [['1356998400', 'sum', 'm', 'host=a=b'], 'invalid tag: host=a=b'],
  ])('refuses %j', (args, message) => {
    expect(() => parse(...args)).toThrow(message);
  });
});

describe('javaFormatF', () => {
  it.each([
    [0, '0.000000'],
    [42.5, '42.500000'],
    [-0.0000004, '-0.000000'],
    [1.0000005, '1.000001'],
    [0.9999996, '1.000000'],
    [1e21, '1000000000000000000000.000000'],
    [NaN, 'NaN'],
    [-Infinity, '-Infinity'],
  ])('formats %p as %p', (v, text) => {
    expect(javaFormatF(v)).toBe(text);
  });
});
