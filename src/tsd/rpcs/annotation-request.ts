/**
 * Annotation requests as AnnotationRpc reads them: one annotation from a JSON body or the query
 * string (`start_time`, `end_time` in any OpenTSDB time format, stored in seconds), a JSON list for
 * bulk edits, and the bulk-delete settings.
 */
import { TsdError } from '../../errors/tsd-error';
import type { Annotation } from '../../meta/annotation';
import type { AnnotationKey } from '../../meta/annotation-store';
import { setField, type MetaEdit } from '../../meta/meta-edit';
import type { HttpQuery } from '../http/http-query';
import { booleanField, integerField, parseJsonBody, stringListField, stringMapField, textField, unparseable, type JsonObject } from '../json/json-body';

/** DateTime.parseDateTimeString: ms since the epoch, -1 for an empty string; throws with OpenTSDB's text. */
export type TimeParser = (text: string) => number;

export interface AnnotationRequest {
  readonly key: AnnotationKey;
  readonly edit: MetaEdit<Annotation>;
  /** The parsed description, for OpenTSDB's Annotation.toString in bulk errors. */
  readonly description: string;
}

/** Annotation.toString, which bulk errors quote. */
export function describeAnnotation(r: AnnotationRequest): string {
  return `TSUID: ${r.key.tsuid} Start: ${r.key.startTime}  Description: ${r.description}`;
}

function parseTime(parse: TimeParser, text: string): number {
  try {
    return parse(text);
  } catch (e) {
    throw new TsdError((e as Error).message, 400, (e as Error).message);
  }
}

/** AnnotationRpc.parseQS; a start time under 1 ms is "Missing start time". */
function fromQueryString(q: HttpQuery, parse: TimeParser): AnnotationRequest {
  const startMs = parseTime(parse, q.param('start_time') ?? '');
  if (startMs < 1) throw new TsdError('Missing start time', 400);
  const edit: MetaEdit<Annotation> = {};
  // Java's long division: -1 ms (no end time) becomes 0 s.
  setField(edit, 'endTime', Math.trunc(parseTime(parse, q.param('end_time') ?? '') / 1000) || 0, 0);
  const description = q.param('description');
  if (description !== undefined) setField(edit, 'description', description, '');
  const notes = q.param('notes');
  if (notes !== undefined) setField(edit, 'notes', notes, '');
  return { key: { tsuid: q.param('tsuid') ?? '', startTime: Math.trunc(startMs / 1000) }, edit, description: description ?? '' };
}

/** One Annotation bean from JSON (setters mark only real changes). */
export function annotationFromJson(o: JsonObject): AnnotationRequest {
  const edit: MetaEdit<Annotation> = {};
  if ('endTime' in o) setField(edit, 'endTime', integerField(o, 'endTime'), 0);
  const description = textField(o, 'description');
  if (description !== null) setField(edit, 'description', description, '');
  const notes = textField(o, 'notes');
  if (notes !== null) setField(edit, 'notes', notes, '');
  const custom = stringMapField(o, 'custom');
  if (custom !== null) edit.custom = custom;
  return { key: { tsuid: textField(o, 'tsuid') ?? '', startTime: integerField(o, 'startTime') }, edit, description: description ?? '' };
}

export function annotationRequest(q: HttpQuery, parse: TimeParser): AnnotationRequest {
  if (!q.hasContent()) return fromQueryString(q, parse);
  const o = parseJsonBody(q);
  if (o === null || typeof o !== 'object' || Array.isArray(o)) throw unparseable('Expected a JSON object for an annotation');
  return annotationFromJson(o as JsonObject);
}

export function annotationList(q: HttpQuery): AnnotationRequest[] {
  const list = parseJsonBody(q);
  if (!Array.isArray(list)) throw unparseable('Expected a JSON array of annotations');
  return list.map((o: unknown) => {
    if (o === null || typeof o !== 'object' || Array.isArray(o)) throw unparseable('Expected a JSON array of annotations');
    return annotationFromJson(o as JsonObject);
  });
}

export interface BulkDelete {
  readonly startTime: string | null;
  readonly endTime: string | null;
  readonly tsuids: readonly string[] | null;
  readonly global: boolean;
}

/** AnnotationBulkDelete from JSON or from the query string (`global` is a presence flag). */
export function bulkDeleteRequest(q: HttpQuery): BulkDelete {
  if (q.hasContent()) {
    const o = parseJsonBody(q);
    if (o === null || typeof o !== 'object' || Array.isArray(o)) throw unparseable('Expected a JSON object for a bulk delete');
    const b = o as JsonObject;
    return { startTime: textField(b, 'startTime'), endTime: textField(b, 'endTime'), tsuids: stringListField(b, 'tsuids'), global: booleanField(b, 'global') };
  }
  const tsuids = q.hasParam('tsuids') ? (q.param('tsuids') ?? '').split(',').map((t) => t.trim()) : null;
  return { startTime: q.requiredParam('start_time'), endTime: q.param('end_time') ?? null, tsuids, global: q.hasParam('global') };
}
