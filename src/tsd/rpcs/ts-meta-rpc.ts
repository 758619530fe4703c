/**
 * `/api/uid/tsmeta` (UniqueIdRpc.handleTSMeta): GET by `tsuid` or by `m=metric{k=v}`, POST/PUT edits
 * (with `m=` and `create=true` a missing meta is created), DELETE removes the meta cell. Answers
 * carry the metric and tag UIDMeta objects as OpenTSDB's LoadUIDs fills them in.
 */
import { fromHex, toHex } from '../../core/row-key';
import { TsdError } from '../../errors/tsd-error';
import { NoChangesError } from '../../meta/meta-edit';
import { tsMetaApiJson, type StoredTsMeta } from '../../meta/ts-meta';
import { createTsMeta, deleteTsMeta, listTsMetas, MissingTsMetaError, readTsMeta, syncTsMeta, tsMetaExists, type TsMetaDeps } from '../../meta/ts-meta-store';
import { uidMetaApiJson } from '../../meta/uid-meta';
import { getUidMeta } from '../../meta/uid-meta-store';
import { NoSuchUniqueId, NoSuchUniqueName } from '../../uid/errors';
import type { HttpQuery } from '../http/http-query';
import type { HttpRpc } from '../http/http-rpc';
import { parseSeriesSpec, tsMetaRequest } from './ts-meta-request';

export interface TsMetaRpcDeps extends TsMetaDeps {
  /** tsdb-uid, for the UIDMeta of each UID. */
  readonly uidTable: string;
}

/** TSMeta plus its UIDMetas, as LoadUIDs completes it. */
async function renderTsMeta(deps: TsMetaRpcDeps, s: StoredTsMeta): Promise<string> {
  const tsuid = fromHex(s.meta.tsuid);
  const { metricWidth, tagkWidth, tagvWidth } = deps.widths;
  const uidDeps = { store: deps.store, table: deps.uidTable, uids: deps.uids };
  const render = async (kind: 'metrics' | 'tagk' | 'tagv', uid: Buffer): Promise<string> => {
    const { meta, name } = await getUidMeta(uidDeps, kind, uid);
    return uidMetaApiJson(meta, toHex(uid), name);
  };
  const tags: Promise<string>[] = [];
  for (let at = metricWidth; at + tagkWidth + tagvWidth <= tsuid.length; at += tagkWidth + tagvWidth) {
    tags.push(render('tagk', tsuid.subarray(at, at + tagkWidth)), render('tagv', tsuid.subarray(at + tagkWidth, at + tagkWidth + tagvWidth)));
  }
  const [metric, tagJson] = await Promise.all([render('metrics', tsuid.subarray(0, metricWidth)), Promise.all(tags)]);
  return tsMetaApiJson(s, metric, tagJson);
}

/** A TSUID text as OpenTSDB checks it before use (getTagsFromTSUID's messages). */
function parseTsuid(deps: TsMetaDeps, hex: string): Buffer {
  const { metricWidth, tagkWidth, tagvWidth } = deps.widths;
  if (hex === '') throw new TsdError('Missing TSUID', 400, 'Missing TSUID');
  if (hex.length <= metricWidth * 2) throw new TsdError('TSUID is too short, may be missing tags', 400, 'TSUID is too short, may be missing tags');
  if ((hex.length - metricWidth * 2) % ((tagkWidth + tagvWidth) * 2) !== 0) {
    const why = 'The TSUID appears to be malformed, improper tag width';
    throw new TsdError(why, 400, why);
  }
  try {
    return fromHex(hex);
  } catch (e) {
    throw new TsdError((e as Error).message, 400, (e as Error).message);
  }
}

async function handleGet(deps: TsMetaRpcDeps, q: HttpQuery): Promise<void> {
  try {
    if (q.hasParam('tsuid')) {
      const stored = await readTsMeta(deps, parseTsuid(deps, q.param('tsuid') ?? ''));
      if (stored === null) throw new TsdError('Could not find Timeseries meta data', 404);
      return q.sendJsonText(200, await renderTsMeta(deps, stored));
    }
    const { metricUid, pairs } = await parseSeriesSpec(deps, q.requiredParam('m'));
    const list = await listTsMetas(deps, metricUid, pairs);
    q.sendJsonText(200, `[${(await Promise.all(list.map((s) => renderTsMeta(deps, s)))).join(',')}]`);
  } catch (e) {
    if (e instanceof NoSuchUniqueName || e instanceof NoSuchUniqueId) throw new TsdError('Unable to find one of the UIDs', 404, e.message);
    throw e;
  }
}

async function handleUpdate(deps: TsMetaRpcDeps, q: HttpQuery, overwrite: boolean): Promise<void> {
  const r = tsMetaRequest(q);
  let tsuid: Buffer;
  try {
    if (r.tsuid !== '') {
      tsuid = parseTsuid(deps, r.tsuid);
      if (!(await syncTsMeta(deps, tsuid, r.edit, overwrite))) throw saveFailed();
    } else {
      const spec = await parseSeriesSpec(deps, q.requiredParam('m'));
      tsuid = Buffer.concat([spec.metricUid, ...spec.pairs]);
      const exists = await tsMetaExists(deps, tsuid);
      if (!exists && q.param('create') === 'true') await createTsMeta(deps, tsuid, r.edit);
      else if (exists) {
        if (!(await syncTsMeta(deps, tsuid, r.edit, overwrite))) throw saveFailed();
      } else throw new TsdError('Could not find TSMeta, specify "create=true" to create a new one.', 400);
    }
  } catch (e) {
    if (e instanceof NoChangesError) return q.sendStatusOnly(304);
    if (e instanceof MissingTsMetaError) throw new TsdError(e.message, 400, e.message);
    if (e instanceof NoSuchUniqueName || e instanceof NoSuchUniqueId) throw new TsdError('Unable to find one or more UIDs', 404, e.message);
    throw e;
  }
  const stored = await readTsMeta(deps, tsuid);
  if (stored === null) throw saveFailed();
  q.sendJsonText(200, await renderTsMeta(deps, stored));
}

function saveFailed(): TsdError {
  return new TsdError('Failed to save the TSMeta to storage', 500, 'This may be caused by another process modifying storage data');
}

export function tsMetaRpc(deps: TsMetaRpcDeps): HttpRpc {
  return {
    availability: 'write',
    async handle(q) {
      const method = q.apiMethod();
      if (method === 'GET') return handleGet(deps, q);
      if (method === 'POST' || method === 'PUT') return handleUpdate(deps, q, method === 'PUT');
      if (method === 'DELETE') {
        const r = tsMetaRequest(q);
        if (r.tsuid === '') throw new TsdError('Unable to delete TSMeta information', 400, 'Missing UID');
        await deleteTsMeta(deps, parseTsuid(deps, r.tsuid));
        return q.sendNoContent();
      }
      throw new TsdError('Method not allowed', 405, `The HTTP method [${method}] is not permitted for this endpoint`);
    },
  };
}

