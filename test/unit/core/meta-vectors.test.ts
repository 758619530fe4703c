/** §14.5 annotation cells and §14.8 meta JSON, plus Java number and map renderings. */
import { DEFAULT_LAYOUT, RowKeyCodec, toHex } from '../../../src/core/row-key';
import { javaHashMapOrder, javaMapToString, javaStringHash } from '../../../src/java/java-text';
import { annotationBaseTime, annotationJson, annotationQualifier, globalAnnotationRow, parseAnnotationJson } from '../../../src/meta/annotation';
import { javaDoubleToString } from '../../../src/java/java-double';
import { newTsMeta, tsMetaJson } from '../../../src/meta/ts-meta';
import { newUidMeta, uidMetaJson } from '../../../src/meta/uid-meta';

describe('§14.5 annotations', () => {
  it.each([
    [1356998430, '01001E'],
    [1356998430500, '0100007724'],
    [1356999000, '010D47'], // the divide-by-1000 quirk
    [1356998430000, '01001E'],
  ])('start time %i → qualifier %s', (start, q) => {
    expect(toHex(annotationQualifier(start))).toBe(q);
  });

  test('the quirk row still uses the undivided time', () => {
    expect(annotationBaseTime(1356999000)).toBe(1356998400);
  });

  test('global annotation rows: zero metric, base time, salt bytes zero and never computed', () => {
    expect(toHex(globalAnnotationRow(new RowKeyCodec(DEFAULT_LAYOUT), 1356998430))).toBe('00000050E22700');
    expect(toHex(globalAnnotationRow(new RowKeyCodec({ ...DEFAULT_LAYOUT, saltWidth: 1 }), 1356998430))).toBe('0000000050E22700');
  });

  test('storage JSON in OpenTSDB field order, tsuid left out when empty, custom keys sorted', () => {
    const a = { tsuid: '000001000001000001000002000002', startTime: 1356998430, endTime: 0, description: 'deploy', notes: '', custom: null };
    expect(annotationJson(a)).toBe('{"tsuid":"000001000001000001000002000002","startTime":1356998430,"endTime":0,"description":"deploy","notes":"","custom":null}');
    expect(annotationJson({ ...a, tsuid: '', custom: { z: '1', a: '2' } })).toBe('{"startTime":1356998430,"endTime":0,"description":"deploy","notes":"","custom":{"a":"2","z":"1"}}');
    expect(parseAnnotationJson(annotationJson(a))).toEqual(a);
  });
});

describe('§14.8 and §3.7 meta JSON', () => {
  test('TSMeta with NaN min and max as strings', () => {
    expect(tsMetaJson(newTsMeta('000001000001000001000002000002', 1356998400))).toBe(
      '{"tsuid":"000001000001000001000002000002","displayName":"","description":"","notes":"","created":1356998400,"custom":null,"units":"","dataType":"","retention":0,"max":"NaN","min":"NaN"}',
    );
  });

  test('UIDMeta', () => {
    expect(uidMetaJson(newUidMeta('metrics', 1356998400))).toBe('{"type":"METRIC","displayName":"","description":"","notes":"","created":1356998400,"custom":null}');
  });

  it.each([
    [1, '1.0'],
    [0.1, '0.1'],
    [1e10, '1.0E10'],
    [1.5e-5, '1.5E-5'],
    [12345678, '1.2345678E7'],
    [1234567, '1234567.0'],
    [0.001, '0.001'],
    [-0, '-0.0'],
    [NaN, 'NaN'],
  ])('Double.toString(%p) = %s', (v, s) => {
    expect(javaDoubleToString(v)).toBe(s);
  });
});

describe('Java text', () => {
  test('String.hashCode', () => {
    expect(javaStringHash('host')).toBe(3208616);
    expect(javaStringHash('')).toBe(0);
  });

  test('HashMap iteration order and toString', () => {
    // Buckets of a 16-slot table: "a" → 1, "host" → 8 (0x30F5A8 spread), "dc" → 15.
    expect(javaHashMapOrder(['host', 'dc', 'a'])).toEqual(['a', 'host', 'dc']);
    expect(javaMapToString({ dc: 'lga', host: 'web01' })).toBe('{host=web01, dc=lga}');
    expect(javaMapToString({})).toBe('{}');
    expect(javaMapToString({ host: 'web01' })).toBe('{host=web01}');
  });
});
