/**
 * TSMeta and its counter in tsdb-meta (storage spec §9): the row is the TSUID; `ts_ctr` is an 8-byte
 * counter whose cell timestamp tells when the series was last written; `ts_meta` is JSON in Jackson's
 * field order with NaN min/max written as strings.
 */
import { customMap, hashMapJson, jacksonDouble, jsonString } from './json';

export const META_FAMILY = 'name';
export const TS_COUNTER_QUALIFIER = Buffer.from('ts_ctr', 'latin1');
export const TS_META_QUALIFIER = Buffer.from('ts_meta', 'latin1');

export interface TsMeta {
  readonly tsuid: string;
  readonly displayName: string;
  readonly description: string;
  readonly notes: string;
  readonly created: number;
  readonly custom: Readonly<Record<string, string>> | null;
  readonly units: string;
  readonly dataType: string;
  readonly retention: number;
  readonly max: number;
  readonly min: number;
}

export function newTsMeta(tsuid: string, createdSeconds: number): TsMeta {
  return { tsuid, displayName: '', description: '', notes: '', created: createdSeconds, custom: null, units: '', dataType: '', retention: 0, max: NaN, min: NaN };
}

export function tsMetaJson(m: TsMeta): string {
  return (
    `{"tsuid":${jsonString(m.tsuid)},"displayName":${jsonString(m.displayName)},"description":${jsonString(m.description)},` +
    `"notes":${jsonString(m.notes)},"created":${m.created},"custom":${hashMapJson(m.custom)},` +
    `"units":${jsonString(m.units)},"dataType":${jsonString(m.dataType)},"retention":${m.retention},` +
    `"max":${jacksonDouble(m.max)},"min":${jacksonDouble(m.min)}}`
  );
}

/** A stored TSMeta with what its counter cell tells: points written and when (seconds). */
export interface StoredTsMeta {
  readonly meta: TsMeta;
  readonly totalDatapoints: bigint;
  readonly lastReceived: number;
}

const num = (v: unknown, absent: number): number => {
  if (v === undefined || v === null || v === '') return absent;
  const n = Number(v);
  return Number.isNaN(n) ? NaN : n;
};

/** Stored TSMeta JSON back into an object (Jackson's defaults for absent fields). */
export function parseTsMetaJson(text: string): TsMeta {
  const o = JSON.parse(text) as Record<string, unknown>;
  const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
  return {
    tsuid: str(o.tsuid),
    displayName: str(o.displayName),
    description: str(o.description),
    notes: str(o.notes),
    created: Math.trunc(num(o.created, 0)) || 0,
    custom: customMap(o.custom),
    units: str(o.units),
    dataType: str(o.dataType),
    retention: Math.trunc(num(o.retention, 0)) || 0,
    max: num(o.max, NaN),
    min: num(o.min, NaN),
  };
}

/**
 * TSMeta as the HTTP API shows it: Jackson's bean order with null fields left out (`custom`), the
 * metric and tag UIDMeta objects already rendered, NaN as "NaN".
 */
export function tsMetaApiJson(s: StoredTsMeta, metricJson: string | null, tagsJson: readonly string[] | null): string {
  const m = s.meta;
  const parts = [`"tsuid":${jsonString(m.tsuid)}`];
  if (metricJson !== null) parts.push(`"metric":${metricJson}`);
  if (tagsJson !== null) parts.push(`"tags":[${tagsJson.join(',')}]`);
  parts.push(`"description":${jsonString(m.description)}`, `"notes":${jsonString(m.notes)}`, `"created":${m.created}`);
  if (m.custom !== null) parts.push(`"custom":${hashMapJson(m.custom)}`);
  parts.push(
    `"units":${jsonString(m.units)}`,
    `"retention":${m.retention}`,
    `"max":${jacksonDouble(m.max)}`,
    `"min":${jacksonDouble(m.min)}`,
    `"displayName":${jsonString(m.displayName)}`,
    `"dataType":${jsonString(m.dataType)}`,
    `"lastReceived":${s.lastReceived}`,
    `"totalDatapoints":${s.totalDatapoints}`,
  );
  return `{${parts.join(',')}}`;
}
