/**
 * UIDMeta in tsdb-uid (`name:<type>_meta` of the UID's row), read, edited and deleted as OpenTSDB's
 * UIDMeta does: every read and edit first checks that the UID still has a name (NoSuchUniqueId
 * otherwise); an edit merges into the stored JSON and writes with compare-and-set against the raw
 * stored bytes, so concurrent editors cannot overwrite each other silently.
 */
import type { Uids } from '../core/series-resolver';
import type { Store } from '../storage/store';
import { metaQualifier, NAME_FAMILY, type UidKind } from '../uid/uid-kind';
import { hasChanges, mergeEdit, NoChangesError, type MetaEdit } from './meta-edit';
import { newUidMeta, parseUidMetaJson, uidMetaJson, type UidMeta } from './uid-meta';

export interface UidMetaDeps {
  readonly store: Store;
  readonly table: string;
  readonly uids: Uids;
}

export interface NamedUidMeta {
  readonly meta: UidMeta;
  readonly name: string;
}

const USER_FIELDS: readonly (keyof UidMeta)[] = ['displayName', 'description', 'notes', 'custom'];

async function readStored(deps: UidMetaDeps, kind: UidKind, uid: Buffer): Promise<{ raw: Buffer; meta: UidMeta } | null> {
  const row = await deps.store.get(deps.table, uid, { columns: [{ family: NAME_FAMILY, qualifiers: [metaQualifier(kind)] }] });
  const raw = row?.cells[0]?.value;
  if (!raw || raw.length === 0) return null;
  return { raw, meta: parseUidMetaJson(raw.toString('utf8'), kind) };
}

/** UIDMeta.getUIDMeta: the stored meta, or a default one (created 0) when none is stored. */
export async function getUidMeta(deps: UidMetaDeps, kind: UidKind, uid: Buffer): Promise<NamedUidMeta> {
  const name = await deps.uids[kind].getName(uid);
  const stored = await readStored(deps, kind, uid);
  return { name, meta: stored?.meta ?? newUidMeta(kind, 0) };
}

/**
 * UIDMeta.syncToStorage: POST (`overwrite` false) keeps stored fields the edit leaves alone, PUT
 * resets them. Returns false when another writer changed the cell meanwhile.
 */
export async function syncUidMeta(deps: UidMetaDeps, kind: UidKind, uid: Buffer, edit: MetaEdit<UidMeta>, overwrite: boolean): Promise<boolean> {
  if (!hasChanges(edit)) throw new NoChangesError('No changes detected in UID meta data');
  await deps.uids[kind].getName(uid);
  const stored = await readStored(deps, kind, uid);
  const meta = mergeEdit(newUidMeta(kind, 0), edit, stored?.meta ?? null, overwrite, USER_FIELDS);
  const value = Buffer.from(uidMetaJson(meta), 'utf8');
  return deps.store.compareAndSet(deps.table, uid, { family: NAME_FAMILY, qualifier: metaQualifier(kind), value }, stored?.raw ?? null);
}

/** UIDMeta.delete: removes the meta cell only (no existence check, as OpenTSDB). */
export async function deleteUidMeta(deps: UidMetaDeps, kind: UidKind, uid: Buffer): Promise<void> {
  await deps.store.delete(deps.table, uid, NAME_FAMILY, [metaQualifier(kind)]);
}
