/**
 * Test fixtures for the query engine: series written as in spec/query.md §12 and a miniature storage
 * reader (row window, filters, UIDs assigned in order of first use) feeding the real engine.
 */
import {
  parseQueryBody,
  parseQueryString,
  planSubQuery,
  pushDownLiterals,
  runSubQuery,
  serializeQueryResponse,
  seriesFilter,
  type Annotation,
  type SerializeInput,
  type Span,
  type TSQuery,
} from '../../../src/query';

/** §12 shorthand: a 3-digit time NNN is 1356998NNN s; 10 digits are seconds; 13 digits are ms. */
export function ms(t: number): number {
  if (t < 1000) return (1356998000 + t) * 1000;
  return t < 1e11 ? t * 1000 : t;
}

/** A point: value as text, integer unless it contains '.', 'e' or 'E' (as OpenTSDB stores puts). */
export type Pt = readonly [number, string];

/** UIDs in order of first use, like a fresh OpenTSDB: A's tags sort before B's. */
export class UidRegistry {
  private readonly ids = { metric: new Map<string, number>(), tagk: new Map<string, number>(), tagv: new Map<string, number>() };

  uid(kind: 'metric' | 'tagk' | 'tagv', name: string): string {
    const map = this.ids[kind];
    let id = map.get(name);
    if (id === undefined) map.set(name, (id = map.size + 1));
    return String.fromCharCode(0, id >> 8, id & 0xff);
  }
}

export function makeSpan(
  reg: UidRegistry,
  metric: string,
  tags: Record<string, string>,
  points: readonly Pt[],
  annotations: Annotation[] = [],
): Span {
  const pairs = Object.keys(tags)
    .map((k) => ({ k, ku: reg.uid('tagk', k), vu: reg.uid('tagv', tags[k]) }))
    .sort((a, b) => (a.ku < b.ku ? -1 : 1));
  const sortKey = reg.uid('metric', metric) + pairs.map((p) => p.ku + p.vu).join('');
  const sorted = [...points].sort((a, b) => ms(a[0]) - ms(b[0]));
  return {
    tsuid: Buffer.from(sortKey, 'latin1').toString('hex').toUpperCase(),
    metric,
    tags,
    tagkOrder: pairs.map((p) => p.k),
    sortKey,
    timestamps: Float64Array.from(sorted, (p) => ms(p[0])),
    values: Float64Array.from(sorted, (p) => Number(p[1])),
    isInteger: Uint8Array.from(sorted, (p) => (/[.eE]/.test(p[1]) ? 0 : 1)),
    annotations,
  };
}

/** Series A, B, … of metric `m` told apart by tag `s` (so none is grouped). */
export function series(...lists: ReadonlyArray<readonly Pt[]>): Span[] {
  const reg = new UidRegistry();
  return lists.map((points, i) => makeSpan(reg, 'm', { s: String.fromCharCode(65 + i) }, points));
}

/** What a storage reader hands over: the plan's rows and the series the predicate keeps. */
export function scanFor(query: TSQuery, index: number, all: readonly Span[]): Span[] {
  const plan = planSubQuery(query, index);
  const sub = query.queries[index];
  const pushed = pushDownLiterals(plan.tagKeys.map((k) => ({ tagk: k.tagk, resolved: new Set(k.literals) })));
  const keep = seriesFilter(sub, pushed);
  const lastRow = plan.scanRowAtEnd ? plan.scanEndSec + 3600 : plan.scanEndSec;
  return all
    .filter((s) => (plan.metric === null ? plan.tsuids?.includes(s.tsuid) : s.metric === plan.metric && keep(s.tags)))
    .map((s) => {
      const idx: number[] = [];
      s.timestamps.forEach((t, i) => {
        const sec = Math.floor(t / 1000);
        if (sec >= plan.scanStartSec && sec < lastRow) idx.push(i);
      });
      return {
        ...s,
        timestamps: Float64Array.from(idx, (i) => s.timestamps[i]),
        values: Float64Array.from(idx, (i) => s.values[i]),
        isInteger: Uint8Array.from(idx, (i) => s.isInteger[i]),
      };
    })
    .filter((s) => s.timestamps.length > 0 || s.annotations.length > 0);
}

export const NOW = 1400000000000;

/** Runs a GET query string (`start=…&m=…`) end to end and returns the response body. */
export function get(qs: string, spans: readonly Span[], extra: Partial<SerializeInput> = {}): string {
  const params = new URLSearchParams(qs);
  const query = parseQueryString(params, { nowMs: NOW });
  return serialize(query, spans, { arrays: params.has('arrays'), ...extra });
}

/** Runs a POST body end to end and returns the response body. */
export function post(body: object | string, spans: readonly Span[], extra: Partial<SerializeInput> = {}): string {
  const query = parseQueryBody(typeof body === 'string' ? body : JSON.stringify(body), { nowMs: NOW });
  return serialize(query, spans, extra);
}

function serialize(query: TSQuery, spans: readonly Span[], extra: Partial<SerializeInput>): string {
  const results = query.queries.map((_, i) => runSubQuery(query, i, scanFor(query, i, spans)));
  return serializeQueryResponse({ query, results, ...extra });
}

/** The `dps` texts of a GET query, one per output group, exactly as serialized. */
export function dps(qs: string, spans: readonly Span[]): string[] {
  const body = get(qs, spans);
  return [...body.matchAll(/"dps":(\{[^}]*\}|\[(?:\[[^\]]*\],?)*\])/g)].map((m) => m[1]);
}

/** §12 convention: `m=<agg>:<metric>` with start/end in epoch seconds. */
export function dpsOf(m: string, start: number, end: number, spans: readonly Span[], extraQs = ''): string[] {
  return dps(`start=${start}&end=${end}&m=${encodeURIComponent(m)}${extraQs}`, spans);
}
