/**
 * `regexp` (TagVRegexFilter): a java.util.regex pattern run with `find()`, so a substring match is
 * enough unless the user anchors it with `^…$`.
 */
import { compileJavaRegex } from '../../java/java-regex';
import { IllegalArgumentError } from '../query-error';
import { TagVFilter, type FilterType, type TagMap } from './tag-v-filter';

export class RegexpFilter extends TagVFilter {
  private readonly pattern: RegExp;

  constructor(tagk: string, filter: string) {
    super(tagk, filter);
    if (filter.length === 0) throw new IllegalArgumentError('Filter cannot be null or empty');
    try {
      this.pattern = compileJavaRegex(filter);
    } catch (e) {
      // Java raises a PatternSyntaxException (an IllegalArgumentException) here.
      throw new IllegalArgumentError((e as Error).message);
    }
  }

  get type(): FilterType {
    return 'regexp';
  }

  match(tags: TagMap): boolean {
    const tagv = tags[this.tagk];
    return tagv !== undefined && this.pattern.test(tagv);
  }

  equals(other: TagVFilter): boolean {
    return other instanceof RegexpFilter && other.tagk === this.tagk && other.filter === this.filter;
  }

  debugInfo(): string {
    return `{pattern=${this.filter}}`;
  }
}
