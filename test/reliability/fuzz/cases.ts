/**
 * Fuzz cases for each face of the TSD: telnet `put` lines, `/api/put` bodies, `/api/query` and
 * `/api/search/lookup` requests, generated from the protocol's shape and then mutated. Hostile points
 * always use metrics of their own (`fz.bad.*`), so a hostile line that happens to be valid can never
 * add a point to the good series the fuzzer checks.
 */
import type { Random } from '../random';
import { HOSTILE_NAMES, HOSTILE_NUMBERS, hostileJson, mutate } from './hostile';

export const BASE = 1356998400;

export interface HttpCase {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: string | Buffer;
  readonly headers?: Record<string, string>;
  /** Points of good series this request carries, kept whenever the body is valid JSON. */
  readonly good: readonly GoodPoint[];
}

export interface GoodPoint {
  readonly series: string;
  readonly ts: number;
  readonly value: number;
}

/** One telnet line of a hostile kind, without its newline (newlines inside become spaces). */
export function hostileTelnetLine(rng: Random): string {
  const ts = rng.chance(0.5) ? String(BASE + rng.int(0, 86_400)) : rng.pick(HOSTILE_NUMBERS);
  const value = rng.chance(0.5) ? String(rng.int(-1000, 1000)) : rng.pick(HOSTILE_NUMBERS);
  const tags: string[] = [];
  for (let n = rng.int(0, 12); n > 0; n--) {
    tags.push(rng.chance(0.7) ? `k${rng.int(0, 20)}=v${rng.int(0, 50)}` : `${rng.pick(HOSTILE_NAMES)}=${rng.pick(HOSTILE_NAMES)}`);
  }
  let line: string;
  switch (rng.int(0, 3)) {
    case 0:
      line = `put fz.bad.t ${ts} ${value} ${tags.join(' ')}`;
      break;
    case 1:
      line = mutate(`put fz.bad.t ${BASE + rng.int(0, 3600)} ${rng.int(0, 99)} host=h${rng.int(0, 9)} dc=x`, rng);
      break;
    case 2:
      line = `put ${rng.pick(HOSTILE_NAMES)} ${ts} ${value} ${tags.join(' ')}`;
      break;
    default:
      line = Array.from({ length: rng.int(0, 120) }, () => String.fromCharCode(rng.int(0, 255))).join('');
  }
  // A line never starts the connection, so an upper-case first byte cannot switch it to HTTP.
  return line.replace(/\n/g, ' ').slice(0, 1000);
}

function hostilePoint(rng: Random): Record<string, unknown> {
  const p: Record<string, unknown> = { metric: `fz.bad.h${rng.int(0, 3)}`, timestamp: BASE + rng.int(0, 86_400), value: rng.int(0, 100), tags: { host: `h${rng.int(0, 9)}` } };
  for (let n = rng.int(1, 3); n > 0; n--) {
    const field = rng.pick(['metric', 'timestamp', 'value', 'tags', 'tags', 'extra']);
    if (field === 'tags') p.tags = hostileTags(rng);
    else if (field === 'metric') p.metric = rng.chance(0.5) ? `fz.bad.${rng.pick(HOSTILE_NAMES)}` : hostileJson(rng);
    else p[field] = hostileJson(rng);
  }
  if (rng.chance(0.05)) delete p[rng.pick(['metric', 'timestamp', 'value', 'tags'])];
  return p;
}

function hostileTags(rng: Random): unknown {
  if (rng.chance(0.2)) return hostileJson(rng);
  const tags: Record<string, unknown> = {};
  if (rng.chance(0.02)) {
    for (let i = rng.int(1000, 5000); i > 0; i--) tags[`k${i}`] = `v${i}`;
    return tags;
  }
  for (let i = rng.int(0, 10); i > 0; i--) tags[rng.chance(0.8) ? `k${i}` : rng.pick(HOSTILE_NAMES)] = rng.chance(0.8) ? `v${i}` : hostileJson(rng);
  return tags;
}

const PUT_PARAMS = ['', '?details', '?summary', '?sync', '?sync&sync_timeout=1', '?details&sync'];

/** A /api/put request: good points beside hostile ones, or a broken body of hostile points only. */
export function putCase(rng: Random, worker: number, nextTs: () => number): HttpCase {
  const path = `/api/put${rng.pick(PUT_PARAMS)}`;
  const kind = rng.int(0, 19);
  if (kind === 0) return { method: 'POST', path, body: mutate(JSON.stringify([hostilePoint(rng), hostilePoint(rng)]), rng), good: [] };
  if (kind === 1) return { method: 'POST', path, body: rng.pick(['', '[]', '{}', 'null', '[null]', '[[[]]]', '"x"', '{"metric":', '['.repeat(10_000), '{"a":'.repeat(5000)]), good: [] };
  if (kind === 2) return { method: 'POST', path, body: Buffer.from(mutate('\u001f\u008b\u0008 garbage', rng), 'latin1'), headers: { 'Content-Encoding': 'gzip' }, good: [] };
  const good: GoodPoint[] = [];
  const items: unknown[] = [];
  for (let n = rng.int(1, 20); n > 0; n--) {
    if (rng.chance(0.5)) {
      const ts = nextTs();
      good.push({ series: `w${worker}`, ts, value: ts - BASE });
      items.push({ metric: 'fz.good.h', timestamp: ts, value: ts - BASE, tags: { w: `w${worker}` } });
    } else items.push(rng.chance(0.1) ? null : hostilePoint(rng));
  }
  return { method: 'POST', path, body: JSON.stringify(items.length === 1 && rng.chance(0.5) ? items[0] : items), good };
}

const AGGS = ['sum', 'avg', 'min', 'max', 'none', 'count', 'p99', 'zimsum', 'dev', 'bogus', '', 'SUM'];
const DOWNSAMPLES = ['1m-avg', '0all-sum', '1h-count-zero', '1ms-sum-nan', '10s-max-null', '0s-avg', '-1m-avg', '1n-avg', '99999999999y-sum', '1m-bogus', '1m', '1dc-sum', 'x'];
const METRICS = ['fz.good.h', 'fz.good.t', 'fz.bad.t', 'no.such.metric', '', 'a b', '名前'];
const FILTERS = ['{w=*}', '{w=w1}', '{w=literal_or(w1|w2)}', '{w=regexp(w[0-9]+)}', '{w=regexp((((}', '{w=wildcard(*1*)}', '{w=}', '{=x}', '{w=*,x=y}', '{', '{}{}', '{w=not_literal_or(w1)}', '{}{w=iliteral_or(W1)}'];
const TIMES = [String(BASE), String(BASE + 86_400), '1h-ago', '1000y-ago', '-1', '0', '99999999999999999999', '2013/01/01-00:00:00', '2013/13/45', 'now', 'x', '', String((BASE + 3600) * 1000)];

const GOOD_DOWNSAMPLES = ['1m-avg', '0all-sum', '1h-count-zero', '10s-max-null', '1m-p95-nan', '5m-dev'];

/** An m= sub-query: well-formed on the good metrics half the time, so the engine runs on real data. */
function subQuery(rng: Random): string {
  const wellFormed = rng.chance(0.5);
  const parts = [wellFormed ? rng.pick(AGGS.slice(0, 9)) : rng.pick(AGGS)];
  if (rng.chance(0.4)) parts.push(rng.pick(wellFormed ? GOOD_DOWNSAMPLES : DOWNSAMPLES));
  if (rng.chance(0.2)) parts.push(rng.pick(['rate', 'rate{counter,100,1}', 'rate{counter,,}', 'rate{x}'].slice(0, wellFormed ? 2 : 4)));
  parts.push(wellFormed ? `${rng.pick(METRICS.slice(0, 2))}${rng.pick(FILTERS.slice(0, 3))}` : rng.pick(METRICS) + (rng.chance(0.6) ? rng.pick(FILTERS) : ''));
  return parts.join(':');
}

/** A GET or POST /api/query from the grammar, often mutated. */
export function queryCase(rng: Random): HttpCase {
  if (rng.chance(0.3)) {
    const body: Record<string, unknown> = {
      start: rng.chance(0.7) ? BASE : hostileJson(rng),
      end: rng.chance(0.5) ? BASE + 86_400 : hostileJson(rng),
      queries: rng.chance(0.9) ? [{ aggregator: rng.pick(AGGS), metric: rng.pick(METRICS), downsample: rng.chance(0.5) ? rng.pick(DOWNSAMPLES) : hostileJson(rng), rate: hostileJson(rng), filters: [{ type: rng.pick(['wildcard', 'literal_or', 'regexp', 'bogus']), tagk: 'w', filter: rng.pick(['*', 'w1', '(', '']), groupBy: hostileJson(rng) }] }] : hostileJson(rng),
    };
    const text = JSON.stringify(body);
    return { method: 'POST', path: '/api/query', body: rng.chance(0.4) ? mutate(text, rng) : text, good: [] };
  }
  const params = [`start=${rng.chance(0.5) ? BASE : rng.pick(TIMES)}`];
  if (rng.chance(0.7)) params.push(`end=${rng.chance(0.5) ? BASE + 86_400 : rng.pick(TIMES)}`);
  for (let n = rng.int(1, 2); n > 0; n--) params.push(`m=${subQuery(rng)}`);
  if (rng.chance(0.3)) params.push(rng.pick(['ms', 'arrays', 'show_tsuids', 'no_annotations', 'global_annotations', 'tz=Bogus/Zone', 'tz=Asia/Kolkata', 'show_query', 'tsuid=sum:0000010000010000', 'tsuid=sum:zz', 'padding']));
  let qs = params.join('&');
  if (rng.chance(0.3)) qs = mutate(qs, rng);
  return { method: 'GET', path: `/api/query?${encodeQuery(qs)}`, good: [] };
}

/** A GET or POST /api/search/lookup. */
export function lookupCase(rng: Random): HttpCase {
  if (rng.chance(0.5)) {
    const body = { metric: rng.chance(0.7) ? rng.pick(METRICS) : hostileJson(rng), tags: rng.chance(0.7) ? [{ key: 'w', value: rng.pick(['*', 'w1', '']) }] : hostileJson(rng), limit: rng.chance(0.7) ? rng.int(-5, 100_000) : hostileJson(rng), useMeta: hostileJson(rng) };
    const text = JSON.stringify(body);
    return { method: 'POST', path: '/api/search/lookup', body: rng.chance(0.3) ? mutate(text, rng) : text, good: [] };
  }
  let qs = `m=${rng.pick(METRICS)}${rng.chance(0.5) ? rng.pick(FILTERS) : ''}&limit=${rng.pick(['10', '-1', '0', '99999999999', 'x'])}`;
  if (rng.chance(0.3)) qs = mutate(qs, rng);
  return { method: 'GET', path: `/api/search/lookup?${encodeQuery(qs)}`, good: [] };
}

/**
 * Percent-encodes the UTF-8 bytes of everything but unreserved characters, '&' and '=' (lone
 * surrogates become U+FFFD, which encodeURIComponent would refuse).
 */
function encodeQuery(qs: string): string {
  let out = '';
  for (const b of Buffer.from(qs, 'utf8')) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-_.~&=]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
