/** UIDMeta JSON (`name:<type>_meta` in tsdb-uid): Jackson's field order; uid and name are not stored. */
import type { UidKind } from '../uid/uid-kind';
import { customMap, hashMapJson, jsonString } from './json';

export interface UidMeta {
  readonly type: 'METRIC' | 'TAGK' | 'TAGV';
  readonly displayName: string;
  readonly description: string;
  readonly notes: string;
  readonly created: number;
  readonly custom: Readonly<Record<string, string>> | null;
}

export function uidMetaType(kind: UidKind): UidMeta['type'] {
  return kind === 'metrics' ? 'METRIC' : kind === 'tagk' ? 'TAGK' : 'TAGV';
}

export function newUidMeta(kind: UidKind, createdSeconds: number): UidMeta {
  return { type: uidMetaType(kind), displayName: '', description: '', notes: '', created: createdSeconds, custom: null };
}

export function uidMetaJson(m: UidMeta): string {
  return (
    `{"type":"${m.type}","displayName":${jsonString(m.displayName)},"description":${jsonString(m.description)},` +
    `"notes":${jsonString(m.notes)},"created":${m.created},"custom":${hashMapJson(m.custom)}}`
  );
}

/** UniqueId.stringToUniqueIdType: `metric`/`metrics`, `tagk`, `tagv` in any case. */
export function uidKindOf(type: string): UidKind {
  const t = type.toLowerCase();
  if (t === 'metric' || t === 'metrics') return 'metrics';
  if (t === 'tagk' || t === 'tagv') return t;
  throw new RangeError(`Invalid type requested: ${type}`);
}

/** Stored UIDMeta JSON back into an object; a missing type comes from the cell's kind. */
export function parseUidMetaJson(text: string, kind: UidKind): UidMeta {
  const o = JSON.parse(text) as Record<string, unknown>;
  const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
  let type = uidMetaType(kind);
  if (typeof o.type === 'string' && o.type !== '') type = uidMetaType(uidKindOf(o.type));
  return {
    type,
    displayName: str(o.displayName),
    description: str(o.description),
    notes: str(o.notes),
    created: typeof o.created === 'number' ? Math.trunc(o.created) : Number(o.created ?? 0) || 0,
    custom: customMap(o.custom),
  };
}


/** UIDMeta as the HTTP API shows it (Jackson's bean order: displayName last, custom in HashMap order). */
export function uidMetaApiJson(m: UidMeta, uid: string, name: string): string {
  return (
    `{"uid":${jsonString(uid)},"type":"${m.type}","name":${jsonString(name)},"description":${jsonString(m.description)},` +
    `"notes":${jsonString(m.notes)},"created":${m.created},"custom":${hashMapJson(m.custom)},"displayName":${jsonString(m.displayName)}}`
  );
}
