/**
 * A seeded pseudo-random generator (mulberry32), so a failing fault or fuzz run can be replayed from
 * the seed it prints. `TSD_TEST_SEED` overrides the seed a test picks.
 */
export class Random {
  #state: number;

  constructor(readonly seed: number) {
    this.#state = seed >>> 0;
  }

  /** The seed from TSD_TEST_SEED, else `fallback`. */
  static fromEnv(fallback: number): Random {
    const s = Number(process.env.TSD_TEST_SEED);
    return new Random(Number.isInteger(s) ? s : fallback);
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Math.min/Math.max over arrays too long to spread as arguments (the soak runs hold millions). */
export function minOf(xs: readonly number[], floor = Infinity): number {
  let m = floor;
  for (const x of xs) if (x < m) m = x;
  return m;
}

export function maxOf(xs: readonly number[], floor = -Infinity): number {
  let m = floor;
  for (const x of xs) if (x > m) m = x;
  return m;
}
