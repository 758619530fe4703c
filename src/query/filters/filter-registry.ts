/**
 * Building filters the ways OpenTSDB 2.4.1 does: by registry name (`TagVFilter.Builder`, JSON
 * `filters`), and from a `k=v` pair of a URI brace or a JSON `tags` map (`TagVFilter.getFilter`,
 * `mapToFilters`).
 */
import { IllegalArgumentError } from '../query-error';
import { LiteralOrFilter } from './literal-or-filter';
import { RegexpFilter } from './regexp-filter';
import type { FilterType, TagVFilter } from './tag-v-filter';
import { WildcardFilter } from './wildcard-filter';

const FACTORIES: Readonly<Record<FilterType, (tagk: string, filter: string) => TagVFilter>> = {
  literal_or: (k, f) => new LiteralOrFilter(k, f, false, false),
  iliteral_or: (k, f) => new LiteralOrFilter(k, f, true, false),
  not_literal_or: (k, f) => new LiteralOrFilter(k, f, false, true),
  not_iliteral_or: (k, f) => new LiteralOrFilter(k, f, true, true),
  regexp: (k, f) => new RegexpFilter(k, f),
  wildcard: (k, f) => new WildcardFilter(k, f, false),
  iwildcard: (k, f) => new WildcardFilter(k, f, true),
};

export function isFilterType(type: string): type is FilterType {
  return Object.prototype.hasOwnProperty.call(FACTORIES, type);
}

/** `TagVFilter.Builder.build()`: type (exact, case-sensitive), tagk and expression. */
export function buildFilter(
  type: string | null,
  tagk: string | null,
  filter: string | null,
  groupBy: boolean,
): TagVFilter {
  if (type === null || type.length === 0) {
    throw new IllegalArgumentError('The filter type cannot be null or empty');
  }
  if (tagk === null || tagk.length === 0) throw new IllegalArgumentError('The tagk cannot be null or empty');
  if (!isFilterType(type)) {
    throw new IllegalArgumentError(`Could not find a tag value filter of the type: ${type}`);
  }
  if (filter === null) throw new IllegalArgumentError('Filter cannot be null or empty');
  const built = FACTORIES[type](tagk, filter);
  built.groupBy = groupBy;
  return built;
}

/**
 * `TagVFilter.getFilter` plus `mapToFilters`' defaults: `*` → wildcard(*), `type(expr)` → that type,
 * a value holding `*` → case-insensitive wildcard reported as 'wildcard', else literal_or.
 */
export function filterFromTagValue(tagk: string, value: string | null): TagVFilter {
  if (tagk.length === 0) throw new IllegalArgumentError('Tagk cannot be null or empty');
  if (value === null || value.length === 0) throw new IllegalArgumentError('Filter cannot be null or empty');
  if (value === '*') return new WildcardFilter(tagk, '*', true, true);
  const paren = value.indexOf('(');
  if (paren > -1) {
    if (value[value.length - 1] !== ')') {
      throw new IllegalArgumentError(`Filter must end with a ')': ${value}`);
    }
    return buildFilter(value.slice(0, paren).toLowerCase(), tagk, value.slice(paren + 1, -1), false);
  }
  if (value.includes('*')) return new WildcardFilter(tagk, value, true, true);
  return new LiteralOrFilter(tagk, value, false, false);
}

/**
 * `TagVFilter.mapToFilters`: appends one filter per entry. Group-by entries (the first braces of `m=`,
 * JSON `tags`) that equal an existing filter only flag it as group-by.
 */
export function mapToFilters(
  entries: ReadonlyArray<readonly [string, string | null]>,
  filters: TagVFilter[],
  groupBy: boolean,
): void {
  for (const [tagk, value] of entries) {
    const filter = filterFromTagValue(tagk, value);
    if (!groupBy) {
      filters.push(filter);
      continue;
    }
    filter.groupBy = true;
    const existing = filters.find((f) => filter.equals(f));
    if (existing !== undefined) existing.groupBy = true;
    else filters.push(filter);
  }
}
