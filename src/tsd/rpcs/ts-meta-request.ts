/**
 * What a `/api/uid/tsmeta` edit asks for: a TSUID and the changed fields, from a JSON TSMeta body or
 * the query string (UniqueIdRpc.parseTSMetaQS, whose `max`/`min` are Java floats); and the
 * `m=metric{k=v,...}` form resolved to UIDs (Tags.parseWithMetric, exact pairs).
 */
import { javaMapToString } from '../../core/java-text';
import type { Uids } from '../../core/series-resolver';
import { TsdError } from '../../errors/tsd-error';
import { setField, type MetaEdit } from '../../meta/meta-edit';
import type { TsMeta } from '../../meta/ts-meta';
import type { UidWidths } from '../../meta/series-index';
import { NoSuchUniqueName } from '../../uid/errors';
import type { HttpQuery } from '../http/http-query';
import { integerField, numberField, parseJavaInt, parseJsonObject, stringMapField, textField } from '../json/json-body';
import { parseMetricAndPairs } from './lookup-request';

export interface TsMetaRequest {
  readonly tsuid: string;
  readonly edit: MetaEdit<TsMeta>;
}

const TEXT_FIELDS = [
  ['display_name', 'displayName'],
  ['description', 'description'],
  ['notes', 'notes'],
  ['units', 'units'],
  ['data_type', 'dataType'],
] as const;

/** Float.parseFloat: Java's float syntax, rounded to float precision. */
function javaFloat(text: string): number | null {
  const t = text.trim();
  if (!/^[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?)$/.test(t)) return null;
  return Math.fround(Number(t.replace(/[fFdD]$/, '')));
}

function fromQueryString(q: HttpQuery): TsMetaRequest {
  const edit: MetaEdit<TsMeta> = {};
  for (const [param, field] of TEXT_FIELDS) {
    const v = q.param(param);
    if (v !== undefined) setField(edit, field, v, '');
  }
  const retention = q.param('retention');
  if (retention !== undefined && retention !== '') {
    const n = parseJavaInt(retention);
    if (n === null) throw new TsdError("Unable to parse 'retention' value", 400);
    setField(edit, 'retention', n, 0);
  }
  for (const field of ['max', 'min'] as const) {
    const v = q.param(field);
    if (v === undefined || v === '') continue;
    const n = javaFloat(v);
    if (n === null) throw new TsdError(`Unable to parse '${field}' value`, 400);
    setField(edit, field, n, NaN);
  }
  return { tsuid: q.param('tsuid') ?? '', edit };
}

function fromBody(q: HttpQuery): TsMetaRequest {
  const o = parseJsonObject(q, 'a TSMeta');
  const edit: MetaEdit<TsMeta> = {};
  for (const [, field] of TEXT_FIELDS) {
    const v = textField(o, field);
    if (v !== null) setField(edit, field, v, '');
  }
  if ('created' in o) setField(edit, 'created', integerField(o, 'created'), 0);
  if ('retention' in o) setField(edit, 'retention', integerField(o, 'retention'), 0);
  for (const field of ['max', 'min'] as const) if (field in o) setField(edit, field, numberField(o, field, NaN), NaN);
  const custom = stringMapField(o, 'custom');
  if (custom !== null) edit.custom = custom;
  return { tsuid: textField(o, 'tsuid') ?? '', edit };
}

export function tsMetaRequest(q: HttpQuery): TsMetaRequest {
  return q.hasContent() ? fromBody(q) : fromQueryString(q);
}

export interface SeriesSpec {
  readonly metricUid: Buffer;
  /** tagk UID + tagv UID per tag, sorted as in a TSUID. */
  readonly pairs: Buffer[];
}

/** `metric{k=v,...}` (exact values only) to UIDs; NoSuchUniqueName for an unknown name. */
export async function parseSeriesSpec(deps: { uids: Uids; widths: UidWidths }, m: string): Promise<SeriesSpec> {
  let metric: string | null;
  const tags = new Map<string, string>();
  try {
    const parsed = parseMetricAndPairs(m);
    metric = parsed.metric;
    for (const { key, value } of parsed.tags) {
      const tag = `${key ?? ''}=${value ?? ''}`;
      if (key === null || value === null) throw new Error(`When parsing tag '${tag}': invalid tag: ${tag}`);
      const known = tags.get(key);
      if (known !== undefined && known !== value) {
        throw new Error(`When parsing tag '${tag}': duplicate tag: ${tag}, tags=${javaMapToString(Object.fromEntries(tags))}`);
      }
      tags.set(key, value);
    }
  } catch (e) {
    throw new TsdError((e as Error).message, 400, (e as Error).message);
  }
  if (metric === null || metric === '') throw new TsdError('Metric cannot be null or empty', 400, 'Metric cannot be null or empty');
  if (metric === '*') throw new NoSuchUniqueName('metrics', metric);
  const metricUid = await deps.uids.metrics.getId(metric);
  const pairs = await Promise.all([...tags].map(async ([k, v]) => Buffer.concat([await deps.uids.tagk.getId(k), await deps.uids.tagv.getId(v)])));
  return { metricUid, pairs: pairs.sort(Buffer.compare) };
}
