/** UIDMeta JSON (`name:<type>_meta` in tsdb-uid): Jackson's field order; uid and name are not stored. */
import type { UidKind } from '../uid/uid-kind';
import { jsonString, jsonStringMap } from './json';

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
    `"notes":${jsonString(m.notes)},"created":${m.created},"custom":${jsonStringMap(m.custom, false)}}`
  );
}
