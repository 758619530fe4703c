/**
 * Resolved series by the bytes that named them — the metric and the tag words exactly as the client
 * sent them — so a put for a known series skips tag parsing, validation, UID lookups and even the
 * making of strings: the telnet fast path looks a line up by its bytes. Bounded: when full it starts
 * over (clients repeat their series, so it refills at once). `dropcaches` clears it.
 */
import type { SeriesId } from '../../core/series-resolver';

interface Entry {
  readonly metric: Buffer;
  readonly tags: Buffer;
  readonly series: SeriesId;
}

/** FNV-1a over two byte ranges, with a separator between them. */
function hashRanges(buf: Buffer, ms: number, me: number, tagsBuf: Buffer, ts: number, te: number): number {
  let h = 0x811c9dc5;
  for (let i = ms; i < me; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  h = Math.imul(h ^ 0x20, 0x01000193);
  for (let i = ts; i < te; i++) h = Math.imul(h ^ tagsBuf[i], 0x01000193);
  return h >>> 0;
}

/** Whether `b` starting at `at` holds exactly the bytes of `a` (short keys: a loop beats Buffer.compare). */
function sameBytes(a: Buffer, b: Buffer, at: number): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[at + i]) return false;
  return true;
}

export class SeriesCache {
  #table = new Map<number, Entry | Entry[]>();
  /** The same series by text, for paths that already hold strings (HTTP, the telnet slow path). */
  #byText = new Map<string, SeriesId>();
  #size = 0;
  hits = 0;
  misses = 0;
  /** Resolutions under way, so every line of a new series waits on one lookup. */
  readonly pending = new Map<string, Promise<SeriesId>>();

  constructor(private readonly maxEntries: number) {}

  get size(): number {
    return this.#size;
  }

  /** Looks up the series whose metric is buf[ms, me) and tag text tagsBuf[ts, te). */
  lookup(buf: Buffer, ms: number, me: number, tagsBuf: Buffer, ts: number, te: number): SeriesId | undefined {
    const slot = this.#table.get(hashRanges(buf, ms, me, tagsBuf, ts, te));
    if (slot) {
      const entries = Array.isArray(slot) ? slot : [slot];
      for (const e of entries) {
        if (e.metric.length === me - ms && e.tags.length === te - ts && sameBytes(e.metric, buf, ms) && sameBytes(e.tags, tagsBuf, ts)) {
          this.hits++;
          return e.series;
        }
      }
    }
    this.misses++;
    return undefined;
  }

  /** Looks up by a text key that names the series (the caller's own form). */
  getText(key: string): SeriesId | undefined {
    const s = this.#byText.get(key);
    if (s) this.hits++;
    else this.misses++;
    return s;
  }

  setText(key: string, series: SeriesId): void {
    if (this.#size >= this.maxEntries) this.clear();
    this.#byText.set(key, series);
    this.#size++;
  }

  /** Caches a telnet series under its exact bytes (fast path) and its text (slow path). */
  set(metric: string, tagText: string, series: SeriesId): void {
    this.setText(`${metric}\u0000${tagText}`, series);
    const entry: Entry = { metric: Buffer.from(metric, 'latin1'), tags: Buffer.from(tagText, 'latin1'), series };
    const h = hashRanges(entry.metric, 0, entry.metric.length, entry.tags, 0, entry.tags.length);
    const slot = this.#table.get(h);
    if (!slot) this.#table.set(h, entry);
    else if (Array.isArray(slot)) slot.push(entry);
    else this.#table.set(h, [slot, entry]);
  }

  clear(): void {
    this.#table = new Map();
    this.#byText = new Map();
    this.#size = 0;
    this.pending.clear();
  }
}
