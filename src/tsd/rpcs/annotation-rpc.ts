/**
 * `/api/annotation`, `/api/annotations` and `/api/annotation/bulk` (AnnotationRpc): read, edit and
 * delete one annotation; list global annotations in a time range; edit many, or delete by range.
 * Grafana reads annotations through `/api/query`; these endpoints are how they get there.
 */
import { fromHex } from '../../core/row-key';
import { TsdError } from '../../errors/tsd-error';
import {
  AnnotationError,
  deleteAnnotation,
  deleteAnnotationRange,
  getAnnotation,
  globalAnnotations,
  syncAnnotation,
  type AnnotationDeps,
} from '../../meta/annotation-store';
import { NoChangesError } from '../../meta/meta-edit';
import { annotationJson } from '../../query/output/annotation-json';
import type { HttpQuery } from '../http/http-query';
import type { HttpRpc } from '../http/http-rpc';
import { annotationList, annotationRequest, bulkDeleteRequest, describeAnnotation, type AnnotationRequest, type TimeParser } from './annotation-request';

export interface AnnotationRpcDeps extends AnnotationDeps {
  readonly parseTime: TimeParser;
  readonly nowMs: () => number;
}

function notAllowed(method: string): TsdError {
  return new TsdError('Method not allowed', 405, `The HTTP method [${method}] is not permitted for this endpoint`);
}

/** The client's own mistakes (a missing start, an inverted range, a bad TSUID) are 400s. */
function asBadRequest(e: unknown, message?: string): never {
  if (e instanceof AnnotationError || e instanceof RangeError) throw new TsdError(message ?? e.message, 400, e.message);
  throw e;
}

/** Stores one annotation; false when unchanged (OpenTSDB skips it, or answers 304). */
async function save(deps: AnnotationRpcDeps, r: AnnotationRequest, overwrite: boolean, failed: () => TsdError): Promise<boolean> {
  try {
    if (!(await syncAnnotation(deps, r.key, r.edit, overwrite))) throw failed();
    return true;
  } catch (e) {
    if (e instanceof NoChangesError) return false;
    throw e;
  }
}

async function reread(deps: AnnotationRpcDeps, r: AnnotationRequest): Promise<string> {
  const stored = await getAnnotation(deps, r.key);
  if (stored === null) throw new TsdError('Unable to locate annotation in storage', 404);
  return annotationJson(stored);
}

async function handleOne(deps: AnnotationRpcDeps, q: HttpQuery, method: string): Promise<void> {
  const r = annotationRequest(q, deps.parseTime);
  if (method === 'GET') {
    if (q.segments[0] === 'annotations') {
      // 2.4 defaults the end to now in ms against a start in seconds; the end meant is now.
      const endSec = r.edit.endTime ?? Math.floor(deps.nowMs() / 1000);
      const list = await globalAnnotations(deps, r.key.startTime, endSec).catch((e: unknown) => asBadRequest(e));
      return q.sendJsonText(200, `[${list.map(annotationJson).join(',')}]`);
    }
    const stored = await getAnnotation(deps, r.key).catch((e: unknown) => asBadRequest(e));
    if (stored === null) throw new TsdError('Unable to locate annotation in storage', 404);
    return q.sendJsonText(200, annotationJson(stored));
  }
  if (method === 'POST' || method === 'PUT') {
    const failed = (): TsdError => new TsdError('Failed to save the Annotation to storage', 500, 'This may be caused by another process modifying storage data');
    const saved = await save(deps, r, method === 'PUT', failed).catch((e: unknown) => asBadRequest(e));
    if (!saved) return q.sendStatusOnly(304);
    return q.sendJsonText(200, await reread(deps, r));
  }
  if (method === 'DELETE') {
    await deleteAnnotation(deps, r.key).catch((e: unknown) => asBadRequest(e, 'Unable to delete Annotation information'));
    return q.sendStatusOnly(204);
  }
  throw notAllowed(method);
}

async function handleBulkUpdate(deps: AnnotationRpcDeps, q: HttpQuery, overwrite: boolean): Promise<void> {
  const saved: AnnotationRequest[] = [];
  for (const r of annotationList(q)) {
    const failed = (): TsdError =>
      new TsdError('Failed to save an Annotation to storage', 500, `This may be caused by another process modifying storage data: ${describeAnnotation(r)}`);
    try {
      if (await save(deps, r, overwrite, failed)) saved.push(r);
    } catch (e) {
      if (e instanceof AnnotationError || e instanceof RangeError) throw new TsdError(e.message, 400, `Annotation error: ${describeAnnotation(r)}`);
      throw e;
    }
  }
  const json = await Promise.all(saved.map((r) => reread(deps, r)));
  q.sendJsonText(200, `[${json.join(',')}]`);
}

async function handleBulkDelete(deps: AnnotationRpcDeps, q: HttpQuery): Promise<void> {
  const b = bulkDeleteRequest(q);
  if (b.startTime === null || b.startTime === '') throw new TsdError('Missing the start time value', 400);
  if (!b.global && (b.tsuids === null || b.tsuids.length === 0)) throw new TsdError('Missing the TSUIDs or global annotations flag', 400);
  const time = (text: string): number => {
    try {
      return deps.parseTime(text);
    } catch (e) {
      throw new TsdError((e as Error).message, 400, (e as Error).message);
    }
  };
  const startMs = time(b.startTime);
  const endMs = b.endTime === null || b.endTime === '' ? deps.nowMs() : time(b.endTime);
  let total = 0;
  try {
    if (b.global) total += await deleteAnnotationRange(deps, null, startMs, endMs);
    for (const tsuid of b.tsuids ?? []) total += await deleteAnnotationRange(deps, fromHex(tsuid), startMs, endMs);
  } catch (e) {
    asBadRequest(e);
  }
  q.sendJson(200, { tsuids: b.tsuids, global: b.global, startTime: startMs, endTime: endMs, totalDeleted: total });
}

export function annotationRpc(deps: AnnotationRpcDeps): HttpRpc {
  return {
    availability: 'write',
    handle(q) {
      const method = q.apiMethod();
      if ((q.subPath ?? '').endsWith('bulk')) {
        if (method === 'POST' || method === 'PUT') return handleBulkUpdate(deps, q, method === 'PUT');
        if (method === 'DELETE') return handleBulkDelete(deps, q);
        throw notAllowed(q.method);
      }
      return handleOne(deps, q, method);
    },
  };
}
