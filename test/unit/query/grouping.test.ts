/**
 * Series selection and grouping end to end (spec/query.md §12 G, the docs' filter examples): the
 * "key must exist" rule, explicit tags, the literal-OR quirk, group order by tag value UID, and how
 * `tags`/`aggregateTags` come out.
 */
import { get, makeSpan, UidRegistry } from './fixtures';
import type { Span } from '../../../src/query';

const T1 = 1356998400;

/** The docs' seven series of sys.cpu.system; UIDs assigned in this order (dc, host, owner; dal, web01 …). */
function docsSeries(): Span[] {
  const reg = new UidRegistry();
  const rows: Array<[Record<string, string>, string]> = [
    [{ dc: 'dal', host: 'web01' }, '3'],
    [{ dc: 'dal', host: 'web02' }, '2'],
    [{ dc: 'dal', host: 'web03' }, '10'],
    [{ host: 'web01' }, '1'],
    [{ host: 'web01', owner: 'jdoe' }, '4'],
    [{ dc: 'lax', host: 'web01' }, '8'],
    [{ dc: 'lax', host: 'web02' }, '4'],
  ];
  return rows.map(([tags, v]) => makeSpan(reg, 'sys.cpu.system', tags, [[T1, v]]));
}

const run = (m: string): string => get(`start=${T1}&end=${T1 + 60}&m=${encodeURIComponent(m)}`, docsSeries());

describe('§12 G: filters and grouping', () => {
  it('{host=web01}: keys present in some series stay in tags, differing ones are aggregated', () => {
    expect(run('sum:sys.cpu.system{host=web01}')).toBe(
      '[{"metric":"sys.cpu.system","tags":{"host":"web01","owner":"jdoe"},"aggregateTags":["dc"],"dps":{"1356998400":16}}]',
    );
  });

  it('{dc=dal|lax}: one group per value, ordered by tag value UID', () => {
    expect(run('sum:sys.cpu.system{dc=dal|lax}')).toBe(
      '[{"metric":"sys.cpu.system","tags":{"dc":"dal"},"aggregateTags":["host"],"dps":{"1356998400":15}},' +
        '{"metric":"sys.cpu.system","tags":{"dc":"lax"},"aggregateTags":["host"],"dps":{"1356998400":12}}]',
    );
  });

  it('explicit_tags keeps series whose keys are exactly the filtered ones', () => {
    expect(run('sum:explicit_tags:sys.cpu.system{host=*}{dc=*}')).toBe(
      '[{"metric":"sys.cpu.system","tags":{"host":"web01"},"aggregateTags":["dc"],"dps":{"1356998400":11}},' +
        '{"metric":"sys.cpu.system","tags":{"host":"web02"},"aggregateTags":["dc"],"dps":{"1356998400":6}},' +
        '{"metric":"sys.cpu.system","tags":{"host":"web03","dc":"dal"},"aggregateTags":[],"dps":{"1356998400":10}}]',
    );
  });

  it('two literal filters on one key act as OR (the row-key regex unions them)', () => {
    expect(run('sum:sys.cpu.system{host=literal_or(web01)}{host=literal_or(web02)}')).toBe(
      '[{"metric":"sys.cpu.system","tags":{"host":"web01","owner":"jdoe"},"aggregateTags":["dc"],"dps":{"1356998400":16}},' +
        '{"metric":"sys.cpu.system","tags":{"host":"web02"},"aggregateTags":["dc"],"dps":{"1356998400":6}}]',
    );
  });

  it.each([
    ['sum:sys.cpu.system{}{host=wildcard(web*)}', '32'],
    ['sum:sys.cpu.system{}{host=web*}', '32'],
    ['sum:sys.cpu.system{}{host=regexp(eb0)}', '32'],
    ['sum:sys.cpu.system{}{owner=not_literal_or(x)}', '4'],
    ['sum:sys.cpu.system{}{host=iliteral_or(WEB03)}', '10'],
    ['sum:sys.cpu.system{}{dc=not_iliteral_or(DAL)}', '12'],
  ])('%s sums %s', (m, value) => {
    expect(run(m)).toContain(`"dps":{"1356998400":${value}}`);
  });

  it('no matching series gives []', () => {
    expect(run('sum:sys.cpu.system{host=web09}')).toBe('[]');
    expect(run('sum:other.metric')).toBe('[]');
  });

  it('none returns each series on its own in row-key order', () => {
    const out = run('none:sys.cpu.system{dc=dal}');
    expect([...out.matchAll(/"host":"(web\d+)"/g)].map((m) => m[1])).toEqual(['web01', 'web02', 'web03']);
  });

  it('a group whose series only have points outside [start, end] still appears with empty dps (issue #672)', () => {
    const reg = new UidRegistry();
    const spans = [
      makeSpan(reg, 'm', { host: 'a' }, [[T1 + 10, '1']]),
      makeSpan(reg, 'm', { host: 'b' }, [[T1 + 1000, '2']]),
    ];
    expect(get(`start=${T1}&end=${T1 + 60}&m=sum:m{host=*}`, spans)).toBe(
      '[{"metric":"m","tags":{"host":"a"},"aggregateTags":[],"dps":{"1356998410":1}},' +
        '{"metric":"m","tags":{"host":"b"},"aggregateTags":[],"dps":{}}]',
    );
  });
});

describe('explicit tags and the extra row at the scan end', () => {
  const reg = new UidRegistry();
  const spans = [
    makeSpan(reg, 'm', { host: 'a' }, [[T1 + 100, '10'], [T1 + 3700, '30']]),
    makeSpan(reg, 'm', { host: 'b' }, [[T1 + 1000, '5']]),
  ];

  it('the point after the scan end becomes the next neighbour for interpolation', () => {
    expect(get(`start=${T1}&end=${T1 + 3000}&m=sum:explicit_tags:m{}{host=*}`, spans)).toContain(
      '"dps":{"1356998500":10,"1356999400":20}',
    );
    expect(get(`start=${T1}&end=${T1 + 3000}&m=sum:m{}{host=*}`, spans)).toContain('"dps":{"1356998500":10,"1356999400":5}');
  });
});

describe('salted series (found by test/compat against OpenTSDB on salted tables)', () => {
  const reg = new UidRegistry();
  const [a, b] = [makeSpan(reg, 'm', { host: 'a' }, [[T1, '1']]), makeSpan(reg, 'm', { host: 'b' }, [[T1, '2']])];

  it('come in salt bucket order before row-key order (SpanCmp compares the salt first)', () => {
    const salted = [{ ...a, salt: '\u0003' }, { ...b, salt: '\u0001' }];
    expect(get(`start=${T1}&end=${T1 + 60}&m=none:m`, salted)).toBe(
      '[{"metric":"m","tags":{"host":"b"},"aggregateTags":[],"dps":{"1356998400":2}},' +
        '{"metric":"m","tags":{"host":"a"},"aggregateTags":[],"dps":{"1356998400":1}}]',
    );
    expect(get(`start=${T1}&end=${T1 + 60}&m=first:m`, salted)).toContain('"dps":{"1356998400":2}');
    expect(get(`start=${T1}&end=${T1 + 60}&m=first:m`, [a, b])).toContain('"dps":{"1356998400":1}');
  });
});
