/**
 * `wildcard` and `iwildcard` (TagVWildcardFilter), bug-compatible: leading/trailing `*` only set
 * "ends with"/"starts with" checks, interior parts are found in order with a cursor that advances by
 * the part's length (not past the match), so interior-only patterns are unanchored.
 */
import { IllegalArgumentError } from '../query-error';
import { TagVFilter, type FilterType, type TagMap } from './tag-v-filter';

export class WildcardFilter extends TagVFilter {
  /** Pattern starts with `*`: the value must end with the last component. */
  private readonly hasPostfix: boolean;
  /** Pattern ends with `*`: the value must start with the first component. */
  private readonly hasPrefix: boolean;
  readonly components: readonly string[];

  /**
   * @param reportsWildcard true for the `k=web*` shortcut, which ignores case but reports 'wildcard'.
   */
  constructor(
    tagk: string,
    filter: string,
    readonly caseInsensitive: boolean,
    private readonly reportsWildcard = false,
  ) {
    super(tagk, filter);
    if (filter.length === 0) throw new IllegalArgumentError('Filter cannot be null or empty');
    let actual = caseInsensitive ? filter.toLowerCase() : filter;
    if (!actual.includes('*')) throw new IllegalArgumentError('Filter must contain an asterisk');
    this.hasPostfix = actual[0] === '*';
    while (actual[0] === '*' && actual.length >= 2) actual = actual.slice(1);
    this.hasPrefix = actual[actual.length - 1] === '*';
    while (actual[actual.length - 1] === '*' && actual.length >= 2) actual = actual.slice(0, -1);
    this.components = actual.indexOf('*') > 0 ? actual.split('*') : [actual];
  }

  get type(): FilterType {
    return this.caseInsensitive && !this.reportsWildcard ? 'iwildcard' : 'wildcard';
  }

  /** A lone `*` only needs the key to exist, which the row-key regex already ensures. */
  override get postScan(): boolean {
    return !this.matchesAll;
  }

  get matchesAll(): boolean {
    return this.components.length === 1 && this.components[0] === '*';
  }

  match(tags: TagMap): boolean {
    const raw = tags[this.tagk];
    if (raw === undefined) return false;
    if (this.matchesAll) return true;
    const tagv = this.caseInsensitive ? raw.toLowerCase() : raw;
    const comps = this.components;
    if (this.hasPostfix && !this.hasPrefix && !tagv.endsWith(comps[comps.length - 1])) return false;
    if (this.hasPrefix && !this.hasPostfix && !tagv.startsWith(comps[0])) return false;
    let idx = 0;
    for (const c of comps) {
      if (tagv.indexOf(c, idx) < 0) return false;
      idx += c.length;
    }
    return true;
  }

  equals(other: TagVFilter): boolean {
    return (
      other instanceof WildcardFilter &&
      other.tagk === this.tagk &&
      other.caseInsensitive === this.caseInsensitive &&
      other.components.length === this.components.length &&
      other.components.every((c, i) => c === this.components[i])
    );
  }

  debugInfo(): string {
    return `{components=[${this.components.join(', ')}], case=${this.caseInsensitive}}`;
  }
}
