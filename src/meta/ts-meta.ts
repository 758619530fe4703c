/**
 * TSMeta and its counter in tsdb-meta (storage spec §9): the row is the TSUID; `ts_ctr` is an 8-byte
 * counter whose cell timestamp tells when the series was last written; `ts_meta` is JSON in Jackson's
 * field order with NaN min/max written as strings.
 */
import { jacksonDouble, jsonString, jsonStringMap } from './json';

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
    `"notes":${jsonString(m.notes)},"created":${m.created},"custom":${jsonStringMap(m.custom, false)},` +
    `"units":${jsonString(m.units)},"dataType":${jsonString(m.dataType)},"retention":${m.retention},` +
    `"max":${jacksonDouble(m.max)},"min":${jacksonDouble(m.min)}}`
  );
}
