/**
 * Java renderings that OpenTSDB puts into texts clients see: the iteration order and toString of a
 * java.util.HashMap<String, String> filled in a given order (`new HashMap<>()`, then puts).
 */
import { JavaHashMap, javaStringHash } from './java-hash-map';

export { javaStringHash };

/** The keys of a HashMap built by inserting `keys` in order, in the map's iteration order. */
export function javaHashMapOrder(keys: readonly string[]): string[] {
  const map = new JavaHashMap<true>();
  for (const k of keys) map.put(k, true);
  return map.keys();
}

/** HashMap.toString: `{k1=v1, k2=v2}` in iteration order. */
export function javaMapToString(map: Readonly<Record<string, string | null>>): string {
  return `{${javaHashMapOrder(Object.keys(map)).map((k) => `${k}=${map[k]}`).join(', ')}}`;
}
