/**
 * Tags.validateString: names may hold a-z, A-Z, 0-9, '-', '_', '.', '/', any Unicode letter, and the
 * characters of tsd.core.tag.allow_specialchars. The messages are OpenTSDB's, word for word.
 */
const LETTER = /\p{L}/u;

export class InvalidNameError extends Error {
  override name = 'InvalidNameError';
}

function isAllowed(c: string, special: string): boolean {
  const code = c.charCodeAt(0);
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)) return true;
  if (c === '-' || c === '_' || c === '.' || c === '/') return true;
  if (code > 0x7f && LETTER.test(c)) return true;
  return special.includes(c);
}

/** Validates one name; `what` is OpenTSDB's description ("metric name", "tag name with value [v]", …). */
export function validateName(what: string, s: string | null, special = ''): void {
  // A JSON null tag value of /api/put reaches here as Java's null.
  if (s === null) throw new InvalidNameError(`Invalid ${what}: null`);
  if (s.length === 0) throw new InvalidNameError(`Invalid ${what}: empty string`);
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (!isAllowed(c, special)) throw new InvalidNameError(`Invalid ${what} ("${s}"): illegal character: ${c}`);
  }
}

/** Validates a data point's metric and tags as IncomingDataPoints.checkMetricAndTags words it. */
export function validateSeriesNames(metric: string, tags: Readonly<Record<string, string | null>>, special = ''): void {
  validateName('metric name', metric, special);
  for (const [k, v] of Object.entries(tags)) {
    validateName(`tag name with value [${v}]`, k, special);
    validateName(`tag value with key [${k}]`, v, special);
  }
}
