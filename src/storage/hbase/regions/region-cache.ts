/**
 * Known region locations, per table, sorted by start key. A new location replaces every cached
 * region it overlaps (after a split the daughters replace the parent). Evicted on errors: one
 * region on NotServingRegion/RegionMoved, every region of a server when its connection dies.
 */
import { type RegionLocation, compareBytes, regionContains } from './region-info';

export class RegionCache {
  readonly #tables = new Map<string, RegionLocation[]>();

  /** The cached region holding `row`. */
  find(table: string, row: Uint8Array): RegionLocation | undefined {
    const regions = this.#tables.get(table);
    if (!regions) return undefined;
    const i = this.#lastStartingAtOrBefore(regions, row);
    return i >= 0 && regionContains(regions[i], row) ? regions[i] : undefined;
  }

  /**
   * The cached region holding the rows just below `key` (a reverse scan's next region): its end key
   * equals `key`. An empty `key` asks for the table's last region.
   */
  findBefore(table: string, key: Uint8Array): RegionLocation | undefined {
    const regions = this.#tables.get(table);
    if (!regions || regions.length === 0) return undefined;
    if (key.length === 0) {
      const last = regions[regions.length - 1];
      return last.endKey.length === 0 ? last : undefined;
    }
    return regions.find((r) => r.endKey.length > 0 && compareBytes(r.endKey, key) === 0 && compareBytes(r.startKey, key) < 0);
  }

  add(region: RegionLocation): void {
    const regions = this.#tables.get(region.table) ?? [];
    const kept = regions.filter((r) => !overlaps(r, region));
    const at = kept.findIndex((r) => compareBytes(r.startKey, region.startKey) > 0);
    if (at < 0) kept.push(region);
    else kept.splice(at, 0, region);
    this.#tables.set(region.table, kept);
  }

  evict(region: RegionLocation): void {
    const regions = this.#tables.get(region.table);
    if (regions) this.#tables.set(region.table, regions.filter((r) => !r.name.equals(region.name)));
  }

  /** Forgets every region served by `host:port`. */
  evictServer(host: string, port: number): void {
    for (const [t, regions] of this.#tables) this.#tables.set(t, regions.filter((r) => r.host !== host || r.port !== port));
  }

  evictTable(table: string): void {
    this.#tables.delete(table);
  }

  /** Every cached region of a table, in key order. */
  regions(table: string): readonly RegionLocation[] {
    return this.#tables.get(table) ?? [];
  }

  #lastStartingAtOrBefore(regions: readonly RegionLocation[], row: Uint8Array): number {
    let lo = 0;
    let hi = regions.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (compareBytes(regions[mid].startKey, row) <= 0) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
}

function overlaps(a: RegionLocation, b: RegionLocation): boolean {
  const aEndsBeforeB = a.endKey.length > 0 && compareBytes(a.endKey, b.startKey) <= 0;
  const bEndsBeforeA = b.endKey.length > 0 && compareBytes(b.endKey, a.startKey) <= 0;
  return !aEndsBeforeB && !bEndsBeforeA;
}
