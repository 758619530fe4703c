/** The UID errors OpenTSDB raises, with its texts (NoSuchUniqueName, NoSuchUniqueId, …). */
import type { UidKind } from './uid-kind';

export class NoSuchUniqueName extends Error {
  override name = 'NoSuchUniqueName';
  constructor(readonly kind: UidKind, readonly uidName: string) {
    super(`No such name for '${kind}': '${uidName}'`);
  }
}

/** Arrays.toString of Java's signed bytes, as OpenTSDB prints UIDs in messages and `tsdb uid`. */
export function javaByteArray(bytes: Buffer): string {
  return `[${[...bytes].map((b) => (b << 24) >> 24).join(', ')}]`;
}

export class NoSuchUniqueId extends Error {
  override name = 'NoSuchUniqueId';
  constructor(readonly kind: UidKind, readonly uid: Buffer) {
    super(`No such unique ID for '${kind}': ${javaByteArray(uid)}`);
  }
}

export class UidsExhaustedError extends Error {
  override name = 'UidsExhaustedError';
  constructor(readonly kind: UidKind, width: number) {
    super(`All Unique IDs for ${kind} on ${width} bytes are already assigned!`);
  }
}

export class FailedToAssignUniqueIdError extends Error {
  override name = 'FailedToAssignUniqueIdError';
  constructor(readonly kind: UidKind, readonly uidName: string, attempts: number, cause?: unknown) {
    super(`Failed to assign an ID for kind='${kind}' name='${uidName}' after ${attempts} attempts`, { cause });
  }
}

/** UniqueId.rename's refusal when the new name already has a UID (OpenTSDB's text). */
export class RenameConflictError extends Error {
  override name = 'RenameConflictError';
}
