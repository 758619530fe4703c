/**
 * The one error the Java harnesses throw: its message is a single line a person can act on
 * (what is missing or what failed), followed by any log tail on the next lines.
 */
export class HarnessError extends Error {
  override name = 'HarnessError';
}
