/**
 * GET and POST parsing and validation: fields, de-duplication, and every failure's status, message and
 * details. Expected results were produced by OpenTSDB 2.4.1's QueryRpc/TSQuery/Jackson classes (the
 * `query` echo of `showQuery` is compared as data: Java does not fix the order of its getters).
 * The cases live in request-cases.json: [name, request, expected].
 */
import { parseQueryBody, parseQueryString, QueryError, type TSQuery } from '../../../src/query';
import { showQueryJson } from '../../../src/query/output/show-query-json';
import requestCases from './request-cases.json';

const NOW = 1400000000000;

interface Request {
  readonly get?: { start: string; end?: string; m: string[]; tsuid?: string[] };
  readonly body?: string;
}

interface Expected {
  readonly status?: number;
  readonly message?: string;
  readonly details?: string;
  readonly detailsClass?: string;
  readonly start?: number;
  readonly end?: number | null;
  readonly queries?: unknown[];
  readonly ds?: Array<unknown[] | null>;
}

function parse(req: Request): TSQuery {
  if (req.body !== undefined) return parseQueryBody(req.body, { nowMs: NOW });
  const g = req.get as NonNullable<Request['get']>;
  const params = new URLSearchParams({ start: g.start });
  if (g.end !== undefined) params.append('end', g.end);
  for (const t of g.tsuid ?? []) params.append('tsuid', t);
  for (const m of g.m) params.append('m', m);
  return parseQueryString(params, { nowMs: NOW });
}

const CASES = requestCases as unknown as Array<[string, Request, Expected]>;

describe('request parsing and validation', () => {
  it.each(CASES)('%s', (_name, req, expected) => {
    if (expected.message !== undefined) {
      let error: unknown;
      try {
        parse(req);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(QueryError);
      const qe = error as QueryError;
      expect([qe.status, qe.message]).toEqual([expected.status, expected.message]);
      if (expected.details !== undefined) expect(qe.details).toBe(expected.details);
      if (expected.detailsClass !== undefined) expect(qe.details.split(':')[0]).toBe(expected.detailsClass);
      return;
    }
    const q = parse(req);
    expect(q.startTime).toBe(expected.start);
    expect(q.endTime).toBe(expected.end ?? NOW);
    expect(q.queries.map((s) => JSON.parse(showQueryJson(s)))).toEqual(expected.queries);
    const ds = q.queries.map((s) =>
      s.downsampler === null
        ? null
        : [s.downsampler.interval, s.downsampler.fn.name, s.downsampler.fillPolicy, s.downsampler.stringInterval,
            s.downsampler.useCalendar, s.downsampler.timezone.id],
    );
    expect(ds).toEqual(expected.ds);
  });
});

describe('query string flags', () => {
  const base = 'start=1356998400&m=sum:m';
  it('flags count by presence, even with a false value', () => {
    const q = parseQueryString(new URLSearchParams(`${base}&ms=false&show_tsuids&show_query&no_annotations&global_annotations&show_stats&show_summary&padding`), { nowMs: NOW });
    expect([q.msResolution, q.showTSUIDs, q.showQuery, q.noAnnotations, q.globalAnnotations, q.showStats, q.showSummary, q.padding])
      .toEqual([true, true, true, true, true, true, true, true]);
  });

  it('single-valued parameters take the last value; timezone and use_calendar are not read', () => {
    const q = parseQueryString(new URLSearchParams(`${base}&start=1356998460&timezone=America/Denver&use_calendar`), { nowMs: NOW });
    expect(q.startTime).toBe(1356998460000);
    expect(q.timezone).toBeNull();
    expect(q.useCalendar).toBe(false);
  });

  it('a missing or empty start and a missing sub-query fail with OpenTSDB texts', () => {
    const fail = (qs: string): unknown => {
      try {
        return parseQueryString(new URLSearchParams(qs), { nowMs: NOW });
      } catch (e) {
        return [(e as QueryError).status, (e as QueryError).message];
      }
    };
    expect(fail('m=sum:m')).toEqual([400, 'Missing parameter <code>start</code>']);
    expect(fail('start=&m=sum:m')).toEqual([400, 'Missing parameter <code>start</code>']);
    expect(fail('start=1h-ago')).toEqual([400, 'Missing sub queries']);
  });

  it('delete comes from the HTTP face', () => {
    expect(parseQueryString(new URLSearchParams(base), { nowMs: NOW, deleteRequested: true }).delete).toBe(true);
  });

  it('an empty body asks for content', () => {
    expect(() => parseQueryBody('', { nowMs: NOW })).toThrow('Missing message content');
  });
});
