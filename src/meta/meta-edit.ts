/**
 * The edit rules OpenTSDB's UIDMeta, TSMeta and Annotation share: a field counts as changed only when
 * a request set it to something other than its current (default) value (`custom` whenever a map is
 * given); an edit without changes is refused (HTTP 304); POST merges the changed fields into what is
 * stored, PUT replaces every user field; `created` keeps the earliest known non-zero value.
 */

/** The fields a request changed, with their new values. */
export type MetaEdit<T> = { -readonly [K in keyof T]?: T[K] };

export class NoChangesError extends Error {
  override name = 'NoChangesError';
}

/**
 * Records `value` as a change of `field` when it differs from `current` (Java's `!equals`, so NaN
 * always counts as a change of a double, as `this.max != max` does).
 */
export function setField<T, K extends keyof T>(edit: MetaEdit<T>, field: K, value: T[K], current: T[K]): void {
  if (typeof value === 'number' && Number.isNaN(value)) edit[field] = value;
  else if (value !== current) edit[field] = value;
}

export function hasChanges<T>(edit: MetaEdit<T>): boolean {
  return Object.keys(edit).length > 0;
}

/**
 * The object to store: the request's values over the defaults, then (when something is stored) the
 * stored user fields the request left alone (POST) and the earliest creation time.
 */
export function mergeEdit<T extends object>(
  defaults: T,
  edit: MetaEdit<T>,
  stored: T | null,
  overwrite: boolean,
  userFields: readonly (keyof T)[],
): T {
  const local: T = { ...defaults, ...edit };
  if (stored === null) return local;
  if ('created' in stored && 'created' in local) {
    const s = stored.created as number;
    const l = local.created as number;
    if (s > 0 && (s < l || l === 0)) (local as { created: number }).created = s;
  }
  if (!overwrite) {
    for (const f of userFields) if (!(f in edit)) local[f] = stored[f];
  }
  return local;
}
