/**
 * Java's renderings that OpenTSDB puts into error texts clients see: String.hashCode, and the
 * iteration order and toString of a java.util.HashMap<String, String> filled in a given order
 * (bucket by spread hash, insertion order within a bucket, capacity doubling past 3/4 full).
 */

export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** The keys of a HashMap built by inserting `keys` in order, in the map's iteration order. */
export function javaHashMapOrder(keys: readonly string[]): string[] {
  let capacity = 16;
  while (keys.length > capacity * 0.75) capacity *= 2;
  const buckets = new Map<number, string[]>();
  for (const k of keys) {
    const h = javaStringHash(k);
    const index = (h ^ (h >>> 16)) & (capacity - 1);
    const list = buckets.get(index) ?? [];
    if (!list.includes(k)) list.push(k);
    buckets.set(index, list);
  }
  return [...buckets.entries()].sort((a, b) => a[0] - b[0]).flatMap(([, list]) => list);
}

/** HashMap.toString: `{k1=v1, k2=v2}` in iteration order. */
export function javaMapToString(map: Readonly<Record<string, string | null>>): string {
  return `{${javaHashMapOrder(Object.keys(map)).map((k) => `${k}=${map[k]}`).join(', ')}}`;
}
