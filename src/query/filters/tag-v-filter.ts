/**
 * Tag value filters (`net.opentsdb.query.filter.TagVFilter` and its 2.4.1 subclasses): the shared shape.
 * A filter matches a series by its resolved tag names. `equals` mirrors the Java classes' equals, which
 * ignores `groupBy` (so `{host=a}` and `{}{host=a}` are equal sub-queries, as in OpenTSDB).
 */

/** The seven filter types OpenTSDB 2.4.1 registers (`not_key` is commented out there). */
export type FilterType =
  | 'literal_or'
  | 'iliteral_or'
  | 'not_literal_or'
  | 'not_iliteral_or'
  | 'regexp'
  | 'wildcard'
  | 'iwildcard';

export type TagMap = Readonly<Record<string, string>>;

export abstract class TagVFilter {
  /** Whether series are grouped by this filter's tag key. */
  groupBy = false;

  constructor(
    readonly tagk: string,
    readonly filter: string,
  ) {}

  /** The registry name (`getType()`). The `k=web*` shortcut reports 'wildcard' though it ignores case. */
  abstract get type(): FilterType;

  /** Whether the filter must run on the resolved names of each scanned series (`postScan()`). */
  get postScan(): boolean {
    return true;
  }

  abstract match(tags: TagMap): boolean;

  abstract equals(other: TagVFilter): boolean;

  /** `debugInfo()`, for error details. */
  abstract debugInfo(): string;

  /** `TagVFilter.toString()`; the tagk UID is never resolved when OpenTSDB prints it in errors. */
  toString(): string {
    return (
      `filter_name=${this.type}, tagk=${this.tagk}, group_by=${this.groupBy}, ` +
      `tagk_bytes=null, config=${this.debugInfo()}`
    );
  }
}
