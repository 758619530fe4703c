/**
 * Reading back UIDMeta and TSMeta JSON as OpenTSDB stored it (Jackson, lenient about missing fields),
 * so metasync can change `created` and write the rest back as it was.
 */
import { newTsMeta, type TsMeta } from '../../../meta/ts-meta';
import { newUidMeta, type UidMeta } from '../../../meta/uid-meta';
import type { UidKind } from '../../../uid/uid-kind';

type Json = Record<string, unknown>;

function object(text: string): Json {
  const v: unknown = JSON.parse(text);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new SyntaxError('Cannot parse meta data: not a JSON object');
  return v as Json;
}

const str = (v: unknown, dflt: string): string => (typeof v === 'string' ? v : v === undefined || v === null ? dflt : String(v));
const num = (v: unknown, dflt: number): number => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v !== '') {
    const n = Number(v);
    return v === 'NaN' || !Number.isNaN(n) ? n : dflt;
  }
  return dflt;
};
const custom = (v: unknown): Record<string, string> | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, str(x, '')])) : null;

export function parseUidMeta(text: string, kind: UidKind): UidMeta {
  const o = object(text);
  const d = newUidMeta(kind, 0);
  return {
    type: d.type,
    displayName: str(o.displayName, ''),
    description: str(o.description, ''),
    notes: str(o.notes, ''),
    created: num(o.created, 0),
    custom: custom(o.custom),
  };
}

export function parseTsMeta(text: string): TsMeta {
  const o = object(text);
  const d = newTsMeta(str(o.tsuid, ''), num(o.created, 0));
  return {
    ...d,
    displayName: str(o.displayName, ''),
    description: str(o.description, ''),
    notes: str(o.notes, ''),
    custom: custom(o.custom),
    units: str(o.units, ''),
    dataType: str(o.dataType, ''),
    retention: num(o.retention, 0),
    max: num(o.max, NaN),
    min: num(o.min, NaN),
  };
}
