/**
 * Annotations as OpenTSDB 2.4.1 writes them in query results: Jackson's Annotation bean (null fields
 * left out, `custom` in HashMap order), sorted by start time and limited to the query's [start, end].
 */
import { JavaHashMap } from '../../java/java-hash-map';
import type { Annotation } from '../types';

const str = JSON.stringify;

export function annotationJson(a: Annotation): string {
  let custom = '';
  if (a.custom !== null) {
    const map = new JavaHashMap<string>();
    for (const [k, v] of Object.entries(a.custom)) map.put(k, v);
    custom = `"custom":{${map.orderedEntries().map(([k, v]) => `${str(k)}:${str(v)}`).join(',')}},`;
  }
  return (
    `{"tsuid":${str(a.tsuid)},"description":${str(a.description)},"notes":${str(a.notes)},${custom}` +
    `"startTime":${a.startTime},"endTime":${a.endTime}}`
  );
}

/** The `annotations`/`globalAnnotations` array: stable sort by raw start time, then the range filter. */
export function annotationsArrayJson(list: readonly Annotation[], startMs: number, endMs: number): string {
  const sorted = [...list].sort((x, y) => x.startTime - y.startTime);
  const kept = sorted.filter((a) => {
    const ts = a.startTime < 4294967296 ? a.startTime * 1000 : a.startTime;
    return ts >= startMs && ts <= endMs;
  });
  return `[${kept.map(annotationJson).join(',')}]`;
}
