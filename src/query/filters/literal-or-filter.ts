/**
 * `literal_or`, `iliteral_or`, `not_literal_or`, `not_iliteral_or` (TagVLiteralOrFilter,
 * TagVNotLiteralOrFilter): a `|`-separated set of exact values, split like Java's `split("\\|")`
 * (trailing empty parts dropped). A missing key never matches the positive forms and always matches
 * the negated ones (storage still requires the key to exist, see `series-filter.ts`).
 */
import { JavaHashMap } from '../../java/java-hash-map';
import { IllegalArgumentError } from '../query-error';
import { TagVFilter, type FilterType, type TagMap } from './tag-v-filter';

export class LiteralOrFilter extends TagVFilter {
  /** The literal values, lower-cased when case-insensitive, in `split` order. */
  readonly values: readonly string[];
  readonly literals: ReadonlySet<string>;

  constructor(
    tagk: string,
    filter: string,
    readonly caseInsensitive: boolean,
    readonly negated: boolean,
  ) {
    super(tagk, filter);
    if (filter.length === 0) throw new IllegalArgumentError('Filter cannot be null or empty');
    if (filter === '|') throw new IllegalArgumentError('Filter must contain more than just a pipe');
    const parts = filter.split('|');
    while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
    this.values = caseInsensitive ? parts.map((p) => p.toLowerCase()) : parts;
    this.literals = new Set(this.values);
  }

  get type(): FilterType {
    if (this.negated) return this.caseInsensitive ? 'not_iliteral_or' : 'not_literal_or';
    return this.caseInsensitive ? 'iliteral_or' : 'literal_or';
  }

  /** Whether the storage may turn this filter's values into row-key UIDs (case-sensitive `literal_or`). */
  get resolvesLiterals(): boolean {
    return !this.negated && !this.caseInsensitive;
  }

  match(tags: TagMap): boolean {
    const tagv = tags[this.tagk];
    if (tagv === undefined) return this.negated;
    const found = this.literals.has(this.caseInsensitive ? tagv.toLowerCase() : tagv);
    return this.negated ? !found : found;
  }

  equals(other: TagVFilter): boolean {
    if (!(other instanceof LiteralOrFilter) || other.negated !== this.negated) return false;
    if (other.tagk !== this.tagk || other.caseInsensitive !== this.caseInsensitive) return false;
    if (other.literals.size !== this.literals.size) return false;
    for (const v of this.literals) if (!other.literals.has(v)) return false;
    return true;
  }

  debugInfo(): string {
    // HashSet(Collection) sizes its table as max(n / .75 + 1, 16), which sets the print order.
    const set = new JavaHashMap<true>(Math.max(Math.floor(this.values.length / 0.75) + 1, 16));
    for (const v of this.values) set.put(v, true);
    return `{literals=[${set.keys().join(', ')}], case=${this.caseInsensitive}}`;
  }
}
