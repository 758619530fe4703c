/**
 * The Java behaviours the JSON text depends on: Double.toString (JDK 8-18), HashMap iteration order,
 * and the scan window arithmetic of TsdbQuery. Expected texts were printed by the JVM.
 */
import { aggregatorNames, javaDoubleToString, scanWindow } from '../../../src/query';
import { JavaHashMap, javaStringHash } from '../../../src/java/java-hash-map';
import { javaFloatToString } from '../../../src/query/java-float';

describe('javaDoubleToString', () => {
  it.each([
    [1, '1.0'],
    [0.5, '0.5'],
    [11.5, '11.5'],
    [-0.6666666666666666, '-0.6666666666666666'],
    [0.001, '0.001'],
    [0.0001, '1.0E-4'],
    [9999999, '9999999.0'],
    [1e7, '1.0E7'],
    [1.2e7, '1.2E7'],
    [3.0744573456182586e17, '3.0744573456182586E17'],
    [1.5372286728091293e17, '1.53722867280912928E17'],
    [-48540896772117504, '-4.8540896772117504E16'],
    [1.0e300, '1.0E300'],
    [0, '0.0'],
    [-0, '-0.0'],
    [Math.fround(0.1), '0.10000000149011612'],
    [NaN, 'NaN'],
  ])('%p prints as %s', (value, text) => {
    expect(javaDoubleToString(value)).toBe(text);
  });

  it('Float.toString for percentiles', () => {
    expect(javaFloatToString(99.9)).toBe('99.9');
    expect(javaFloatToString(50)).toBe('50.0');
  });
});

describe('JavaHashMap iteration order', () => {
  it('String.hashCode', () => {
    expect(javaStringHash('host')).toBe(3208616);
    expect(javaStringHash('')).toBe(0);
  });

  it.each([
    [['host', 'dc', 'owner'], ['host', 'owner', 'dc']],
    [['cpu', 'host'], ['host', 'cpu']],
    [['type', 'host', 'dc', 'rack', 'env'], ['host', 'rack', 'type', 'env', 'dc']],
  ])('a group tags map of %p iterates as %p', (keys, expected) => {
    const src = new JavaHashMap<string>(keys.length);
    for (const k of keys) src.put(k, 'v');
    const copy = new JavaHashMap<string>();
    copy.putAll(src);
    expect(copy.keys()).toEqual(expected);
  });

  it('/api/aggregators lists the names as Java 8+ HashMap does', () => {
    expect(aggregatorNames()).toEqual([
      'mult', 'p90', 'zimsum', 'mimmax', 'sum', 'p50', 'none', 'p95', 'ep99r7', 'pfsum', 'p75', 'p99', 'ep99r3',
      'ep95r7', 'min', 'avg', 'ep75r7', 'dev', 'ep95r3', 'ep75r3', 'ep50r7', 'ep90r7', 'mimmin', 'p999', 'ep50r3',
      'ep90r3', 'ep999r7', 'last', 'max', 'count', 'diff', 'median', 'squareSum', 'ep999r3', 'first',
    ]);
  });
});

describe('scanWindow (TsdbQuery.getScanStart/EndTimeSeconds)', () => {
  it.each([
    // start ms, end ms, interval ms → [scanStart, scanEnd)
    [1356998400000, 1356998520000, 0, 1356998400, 1357002000],
    [1356998430000, 1356998590000, 60000, 1356998400, 1357002000],
    [1356998400000, 1357001999000, 3600000, 1356998400, 1357005600],
    [1356998400000, 1357002000000, 0, 1356998400, 1357005600],
    [1356999900000, 1357000000000, 86400000, 1356998400, 1357084800],
    [1356998460500, 1356998470999, 0, 1356998400, 1357002000],
    // Below 2^32 OpenTSDB takes the times as seconds, and adds no second to the end.
    [1000, 5000, 0, 0, 7200],
  ])('[%i, %i] every %i ms scans [%i, %i)', (start, end, interval, scanStart, scanEnd) => {
    expect(scanWindow(start, end, interval)).toEqual({ scanStartSec: scanStart, scanEndSec: scanEnd });
  });
});
