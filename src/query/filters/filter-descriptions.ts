/**
 * The data behind `/api/config/filters` (`TagVFilter.loadedFilters()`): each loaded filter's
 * description and examples, keyed and ordered as OpenTSDB 2.4.1's HashMaps iterate them.
 */
import { JavaHashMap } from '../../java/java-hash-map';
import type { FilterType } from './tag-v-filter';

const LITERAL =
  'Accepts one or more exact values and matches if the series contains any of them. Multiple values ' +
  'can be included and must be separated by the | (pipe) character. The filter is case %s and will ' +
  'not allow characters that TSDB does not allow at write time.';
const NOT_LITERAL =
  'Accepts one or more exact values and matches if the series does NOT contain any of them. Multiple ' +
  'values can be included and must be separated by the | (pipe) character. The filter is case %s and ' +
  'will not allow characters that TSDB does not allow at write time.';
const WILDCARD =
  'Performs pre, post and in-fix glob matching of values. The globs are case %s and multiple ' +
  'wildcards can be used. The wildcard character is the * (asterisk). %sAt least one wildcard must be ' +
  'present in the filter value. A wildcard by itself can be used as well to match on any value for ' +
  'the tag key.';
const REGEXP =
  'Provides full, POSIX compliant regular expression using the built in Java Pattern class. Note that ' +
  'an expression containing curly braces {} will not parse properly in URLs. If the pattern is not a ' +
  'valid regular expression then an exception will be raised.';

function literalExamples(name: string): string {
  return (
    `host=${name}(web01),  host=${name}(web01|web02|web03)  ` +
    `{"type":"${name}","tagk":"host","filter":"web01|web02|web03","groupBy":false}`
  );
}

function wildcardExamples(name: string): string {
  return (
    `host=${name}(web*),  host=${name}(web*.tsdb.net)  ` +
    `{"type":"${name}","tagk":"host","filter":"web*.tsdb.net","groupBy":false}`
  );
}

const sensitive = (text: string): string => text.replace('%s', 'sensitive').replace('%s', '');
const insensitive = (text: string, extra = ''): string => text.replace('%s', 'insensitive').replace('%s', extra);

/** In the order the registry was filled (`TagVFilter`'s static block). */
const REGISTRY: ReadonlyArray<readonly [FilterType, string, string]> = [
  ['literal_or', sensitive(LITERAL), literalExamples('literal_or')],
  ['iliteral_or', insensitive(LITERAL), literalExamples('iliteral_or')],
  ['not_literal_or', sensitive(NOT_LITERAL), literalExamples('not_literal_or')],
  ['not_iliteral_or', insensitive(NOT_LITERAL), literalExamples('not_iliteral_or')],
  ['regexp', REGEXP, 'host=regexp(.*)  {"type":"regexp","tagk":"host","filter":".*","groupBy":false}'],
  ['wildcard', sensitive(WILDCARD), wildcardExamples('wildcard')],
  [
    'iwildcard',
    insensitive(WILDCARD, 'Case insensitivity is achieved by dropping all values to lower case. '),
    wildcardExamples('iwildcard'),
  ],
];

export interface FilterDescription {
  readonly description: string;
  readonly examples: string;
}

/** Entries of `/api/config/filters`; each value's fields are also listed in Java's HashMap order. */
export function loadedFilters(): Array<[FilterType, Array<[keyof FilterDescription, string]>]> {
  const registry = new JavaHashMap<readonly [FilterType, string, string]>();
  for (const entry of REGISTRY) registry.put(entry[0], entry);
  const out = new JavaHashMap<Array<[keyof FilterDescription, string]>>(REGISTRY.length);
  for (const [, [name, description, examples]] of registry.orderedEntries()) {
    const meta = new JavaHashMap<string>(1);
    meta.put('description', description);
    meta.put('examples', examples);
    out.put(name, meta.orderedEntries() as Array<[keyof FilterDescription, string]>);
  }
  return out.orderedEntries() as Array<[FilterType, Array<[keyof FilterDescription, string]>]>;
}
