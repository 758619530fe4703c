/**
 * Java's `Float.toString` for the float percentiles of a sub-query: the shortest decimal that reads
 * back as the same float, in `Double.toString`'s layout.
 */
import { javaDoubleToString } from '../java/java-double';

export function javaFloatToString(f: number): string {
  const value = Math.fround(f);
  if (!Number.isFinite(value) || value === 0) return javaDoubleToString(value);
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return javaDoubleToString(candidate);
  }
  return javaDoubleToString(value);
}
