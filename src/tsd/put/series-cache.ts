/**
 * Resolved series by the text that named them (metric and tag words exactly as the client sent
 * them), so a put for a known series skips tag parsing, validation and UID lookups. Bounded: when
 * full it starts over (clients repeat their series, so it refills at once). `dropcaches` clears it.
 */
import type { SeriesId } from '../../core/series-resolver';

export class SeriesCache {
  #map = new Map<string, SeriesId>();
  /** Resolutions under way, so every line of a new series waits on one lookup. */
  readonly pending = new Map<string, Promise<SeriesId>>();
  hits = 0;
  misses = 0;

  constructor(private readonly maxEntries: number) {}

  get(key: string): SeriesId | undefined {
    const s = this.#map.get(key);
    if (s) this.hits++;
    else this.misses++;
    return s;
  }

  set(key: string, series: SeriesId): void {
    if (this.#map.size >= this.maxEntries) this.#map = new Map();
    this.#map.set(key, series);
  }

  clear(): void {
    this.#map = new Map();
    this.pending.clear();
  }

  get size(): number {
    return this.#map.size;
  }
}
