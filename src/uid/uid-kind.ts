/** The three kinds of UIDs and their fixed qualifiers in tsdb-uid (note the plural `metrics`). */
export type UidKind = 'metrics' | 'tagk' | 'tagv';

export const UID_KINDS: readonly UidKind[] = ['metrics', 'tagk', 'tagv'];

export const ID_FAMILY = 'id';
export const NAME_FAMILY = 'name';
/** The MAXID counters live in row 0x00 (UniqueId.MAXID_ROW). */
export const MAXID_ROW = Buffer.from([0]);

export function kindQualifier(kind: UidKind): Buffer {
  return Buffer.from(kind, 'latin1');
}

/** UIDMeta's qualifier: the lower-case type name plus `_meta` (metric_meta, not metrics_meta). */
export function metaQualifier(kind: UidKind): Buffer {
  return Buffer.from(`${kind === 'metrics' ? 'metric' : kind}_meta`, 'latin1');
}

export function isUidKind(s: string): s is UidKind {
  return s === 'metrics' || s === 'tagk' || s === 'tagv';
}
