/**
 * Evaluates ScanFilters in process, with HBase's meaning, for backends that have no server to do it
 * (the embedded store). A compiled filter answers per row and per cell; row-level results are computed
 * once per row key.
 */
import { compileJavaRegex, latin1 } from '../java/java-regex';
import type { ScanFilter } from './store';

/** Per-scan evaluator of one filter tree. */
export interface CompiledFilter {
  /** Whether cells come back without values (KeyOnlyFilter anywhere in the tree). */
  readonly keyOnly: boolean;
  /**
   * Decides a row from its key alone: true/false when the key settles it, undefined when the answer
   * depends on the cells (a qualifier filter inside a MUST_PASS_ONE list).
   */
  row(key: Buffer): boolean | undefined;
  /** Whether one cell of a row whose key is `key` passes. */
  cell(key: Buffer, qualifier: Buffer): boolean;
}

/** A FuzzyRowFilter pair matches when every mask-0 byte equals the key's byte. */
export function fuzzyMatches(key: Buffer, pattern: Buffer, mask: Buffer): boolean {
  if (key.length < pattern.length) return false;
  for (let i = 0; i < pattern.length; i++) {
    if (mask[i] === 0 && key[i] !== pattern[i]) return false;
  }
  return true;
}

type Node = {
  row(key: Buffer, cache: RowCache): boolean | undefined;
  cell(key: Buffer, qualifier: Buffer, cache: RowCache): boolean;
};

interface RowCache {
  key: Buffer | null;
  latin1: string;
  results: Map<Node, boolean>;
}

/** A row-level node whose answer is computed once per row key. */
function rowNode(evaluate: (key: Buffer, cache: RowCache) => boolean): Node {
  const self: Node = {
    row: (key, cache) => {
      if (cache.key !== key) {
        cache.key = key;
        cache.latin1 = '';
        cache.results.clear();
      }
      let r = cache.results.get(self);
      if (r === undefined) {
        r = evaluate(key, cache);
        cache.results.set(self, r);
      }
      return r;
    },
    cell: (key, _q, cache) => self.row(key, cache) === true,
  };
  return self;
}

function build(f: ScanFilter, keyOnly: { value: boolean }): Node {
  switch (f.type) {
    case 'keyRegexp': {
      const re = compileJavaRegex(f.pattern);
      return rowNode((key, cache) => {
        if (cache.latin1 === '') cache.latin1 = latin1(key);
        return re.test(cache.latin1);
      });
    }
    case 'fuzzyRow': {
      const pairs = f.pairs.map((p) => ({ key: Buffer.from(p.key), mask: Buffer.from(p.mask) }));
      return rowNode((key) => pairs.some((p) => fuzzyMatches(key, p.key, p.mask)));
    }
    case 'qualifierPrefix': {
      const prefix = Buffer.from(f.prefix);
      return {
        row: () => undefined,
        cell: (_k, q) => q.length >= prefix.length && prefix.equals(q.subarray(0, prefix.length)),
      };
    }
    case 'keyOnly':
      keyOnly.value = true;
      return { row: () => true, cell: () => true };
    case 'all': {
      const parts = f.filters.map((x) => build(x, keyOnly));
      return {
        row: (key, cache) => {
          let unknown = false;
          for (const p of parts) {
            const r = p.row(key, cache);
            if (r === false) return false;
            if (r === undefined) unknown = true;
          }
          return unknown ? undefined : true;
        },
        cell: (key, q, cache) => parts.every((p) => p.cell(key, q, cache)),
      };
    }
    case 'any': {
      const parts = f.filters.map((x) => build(x, keyOnly));
      // An empty MUST_PASS_ONE list filters nothing out, as in HBase's FilterListWithOR.
      if (parts.length === 0) return { row: () => true, cell: () => true };
      return {
        row: (key, cache) => {
          let unknown = false;
          for (const p of parts) {
            const r = p.row(key, cache);
            if (r === true) return true;
            if (r === undefined) unknown = true;
          }
          return unknown ? undefined : false;
        },
        cell: (key, q, cache) => parts.some((p) => p.cell(key, q, cache)),
      };
    }
  }
}

/** Compiles a filter tree once per scan; throws on a bad regular expression. */
export function compileFilter(filter: ScanFilter | undefined): CompiledFilter {
  if (!filter) return { keyOnly: false, row: () => true, cell: () => true };
  const keyOnly = { value: false };
  const root = build(filter, keyOnly);
  const cache: RowCache = { key: null, latin1: '', results: new Map() };
  return {
    keyOnly: keyOnly.value,
    row: (key) => root.row(key, cache),
    cell: (key, q) => root.cell(key, q, cache),
  };
}
