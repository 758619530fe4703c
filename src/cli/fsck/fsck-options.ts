/** FsckOptions: what `tsdb fsck` may repair. Nothing is written unless `fix`. */
export interface FsckOptions {
  readonly fix: boolean;
  /** Rewrite every checked row as one compacted cell. */
  readonly compact: boolean;
  readonly resolveDupes: boolean;
  /** Keep the newest of duplicates (by cell timestamp) instead of the oldest. */
  readonly lastWriteWins: boolean;
  readonly deleteOrphans: boolean;
  readonly deleteUnknownColumns: boolean;
  readonly deleteBadValues: boolean;
  readonly deleteBadRows: boolean;
  readonly deleteBadCompacts: boolean;
}
