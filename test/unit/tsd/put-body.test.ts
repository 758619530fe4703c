/**
 * /api/put bodies as OpenTSDB's Jackson mapping reads them (differences found by test/compat):
 * the first JSON value only, Jackson's number grammar, shapes that fail the whole body.
 */
import { parseLenientJson } from '../../../src/tsd/json/lenient-json';
import { readIncomingPoint, UnmappableBodyError } from '../../../src/tsd/put/incoming-data-point';

const point = (o: Record<string, unknown>): unknown => parseLenientJson(JSON.stringify({ metric: 'm', timestamp: 1356998400, value: 1, tags: { h: 'a' }, ...o }));

describe('parseLenientJson', () => {
  it('reads the first value and ignores what follows it', () => {
    expect(parseLenientJson('{"a":1} trailing')).toEqual({ a: '1' });
    expect(parseLenientJson('[{"a":"]"}]] [')).toEqual([{ a: ']' }]);
  });

  it.each(['01', '1.', '+1', '.5', '01.5'])('refuses the number %s, as Jackson does', (n) => {
    expect(() => parseLenientJson(`{"value":${n}}`)).toThrow();
  });

  it.each(['-0', '1e5', '1E+2', 'NaN', '-Infinity', '+Infinity'])('keeps the text of %s', (n) => {
    expect(parseLenientJson(`{"value":${n}}`)).toEqual({ value: n });
  });
});

describe('readIncomingPoint', () => {
  it('maps scalars to text and truncates numeric timestamps', () => {
    expect(readIncomingPoint(point({ metric: true, timestamp: 1356998400.7, tags: { h: 1.5 } }))).toEqual({
      metric: 'true', timestamp: 1356998400, value: '1', tags: { h: '1.5' },
    });
    expect(readIncomingPoint(point({ tags: { h: null }, timestamp: ' 1356998400' }))).toMatchObject({ tags: { h: null }, timestamp: 1356998400 });
  });

  it.each([
    ['an object for a text field', { value: {} }],
    ['an array for a text field', { metric: ['a'] }],
    ['a non-numeric timestamp', { timestamp: 'abc' }],
    ['a boolean timestamp', { timestamp: true }],
    ['a timestamp beyond a long', { timestamp: '9223372036854775808' }],
    ['tags that are not an object', { tags: 'h=a' }],
    ['a tag value that is an object', { tags: { h: {} } }],
  ])('fails the whole body for %s', (_what, o) => {
    expect(() => readIncomingPoint(point(o))).toThrow(UnmappableBodyError);
  });

  it.each([[1], ['x'], [true], [[]]])('fails the whole body for the element %j', (raw) => {
    expect(() => readIncomingPoint(raw)).toThrow(UnmappableBodyError);
  });
});
