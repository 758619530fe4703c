/**
 * The `/api/query` response body, as OpenTSDB 2.4.1's `HttpJsonSerializer.formatQueryAsyncV1` writes
 * it: a JSON array with one object per group (`metric`, `tags`, `aggregateTags`, then `query`,
 * `tsuids`, `annotations`, `globalAnnotations` when asked for, `dps`, `stats`), plus a trailing
 * `statsSummary` object. Produced as chunks so the HTTP face can stream large answers.
 */
import { annotationsArrayJson } from './annotation-json';
import { showQueryJson } from './show-query-json';
import { javaDoubleToString } from '../../java/java-double';
import type { TSQuery } from '../model';
import type { SubQueryResult } from '../run-sub-query';
import type { Annotation, GroupResult } from '../types';

export interface SerializeInput {
  readonly query: TSQuery;
  /** One result per sub-query, in sub-query order. */
  readonly results: readonly SubQueryResult[];
  /** The `arrays` query-string flag: `dps` as `[[ts, value], …]`. */
  readonly arrays?: boolean;
  /** Global annotations fetched for [start, end] when `globalAnnotations` was asked for. */
  readonly globalAnnotations?: readonly Annotation[];
  /** Per sub-query, the resolved tagk UIDs of its filters (`filterTagKs` of the `query` echo). */
  readonly filterTagkUids?: ReadonlyArray<readonly Uint8Array[]>;
  /** Per sub-query `stats` (showStats) and the `statsSummary` (showSummary), as numbers by name. */
  readonly stats?: ReadonlyArray<Readonly<Record<string, number>>>;
  readonly statsSummary?: Readonly<Record<string, number>>;
}

const CHUNK = 64 * 1024;
const str = JSON.stringify;

/** The whole body as one string. */
export function serializeQueryResponse(input: SerializeInput): string {
  let out = '';
  for (const chunk of serializeQueryResponseChunks(input)) out += chunk;
  return out;
}

/** The body in pieces of roughly 64 KiB. */
export function* serializeQueryResponseChunks(input: SerializeInput): Generator<string> {
  let buf = '[';
  let first = true;
  for (const result of input.results) {
    for (const group of result.groups) {
      if (!first) buf += ',';
      first = false;
      buf += groupHead(input, result.index, group);
      for (const piece of dps(input, group)) {
        buf += piece;
        if (buf.length >= CHUNK) {
          yield buf;
          buf = '';
        }
      }
      buf += groupTail(input, result.index);
    }
  }
  if (input.query.showSummary) buf += `${first ? '' : ','}{"statsSummary":${statsJson(input.statsSummary ?? {})}}`;
  yield `${buf}]`;
}

function groupHead(input: SerializeInput, index: number, g: GroupResult): string {
  const q = input.query;
  let head =
    `{"metric":${str(g.metric)},"tags":{${g.tags.map(([k, v]) => `${str(k)}:${str(v)}`).join(',')}},` +
    `"aggregateTags":[${g.aggregateTags.map((t) => str(t)).join(',')}]`;
  if (q.showQuery) head += `,"query":${showQueryJson(q.queries[index], input.filterTagkUids?.[index])}`;
  if (q.showTSUIDs) head += `,"tsuids":[${g.tsuids.map((t) => str(t)).join(',')}]`;
  if (!q.noAnnotations) {
    if (g.annotations !== null) head += `,"annotations":${annotationsArrayJson(g.annotations, q.startTime, q.endTime)}`;
    const globals = input.globalAnnotations ?? [];
    if (globals.length > 0) head += `,"globalAnnotations":${annotationsArrayJson(globals, q.startTime, q.endTime)}`;
  }
  return `${head},"dps":`;
}

function groupTail(input: SerializeInput, index: number): string {
  if (!input.query.showStats) return '}';
  const stats = input.stats?.[index];
  return stats === undefined ? ',"stats":{"ERROR":"NO STATS FOUND"}}' : `,"stats":${statsJson({ queryIndex: index, ...stats })}}`;
}

/** Java TreeMap order; integers as longs, other numbers as doubles. */
function statsJson(stats: Readonly<Record<string, number>>): string {
  const keys = Object.keys(stats).sort();
  return `{${keys.map((k) => `${str(k)}:${Number.isInteger(stats[k]) ? stats[k] : javaDoubleToString(stats[k])}`).join(',')}}`;
}

/** The `dps` member, in slices of 1024 points. */
function* dps(input: SerializeInput, g: GroupResult): Generator<string> {
  const arrays = input.arrays === true;
  const ms = input.query.msResolution;
  const nullNaN = input.query.queries[g.queryIndex].downsampler?.fillPolicy === 'null';
  yield arrays ? '[' : '{';
  for (let from = 0; from < g.size; from += 1024) {
    let s = '';
    const to = Math.min(g.size, from + 1024);
    for (let i = from; i < to; i++) {
      const t = g.timestamps[i];
      const key = ms ? String(t) : String(Math.floor(t / 1000));
      const value = valueText(g, i, nullNaN);
      if (i > 0) s += ',';
      s += arrays ? `[${key},${value}]` : `"${key}":${value}`;
    }
    yield s;
  }
  yield arrays ? ']' : '}';
}

function valueText(g: GroupResult, i: number, nullNaN: boolean): string {
  const v = g.values[i];
  if (g.isInteger[i] === 1) {
    const big = g.bigValues?.get(i);
    return big !== undefined ? big.toString() : String(v);
  }
  if (v !== v) return nullNaN ? 'null' : '"NaN"';
  return javaDoubleToString(v);
}
