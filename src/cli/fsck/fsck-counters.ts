/**
 * What `tsdb fsck` found and fixed (Fsck's counters), and its closing report: the same lines, in the
 * same order and words, as OpenTSDB's Fsck.logResults, so scripts that grep them keep working.
 */
export class FsckCounters {
  kvsProcessed = 0;
  rowsProcessed = 0;
  validDatapoints = 0;
  annotations = 0;
  appendDatapoints = 0;
  badKey = 0;
  badKeyFixed = 0;
  duplicates = 0;
  duplicatesFixed = 0;
  /** Duplicates that the row's rewrite (compaction) resolves; counted as fixed once it is written. */
  duplicatesFixedByCompaction = 0;
  orphans = 0;
  orphansFixed = 0;
  future = 0;
  unknown = 0;
  unknownFixed = 0;
  badValues = 0;
  badValuesDeleted = 0;
  valueEncoding = 0;
  valueEncodingFixed = 0;
  fixableCompactedColumns = 0;
  badCompactedColumns = 0;
  badCompactedColumnsDeleted = 0;
  vle = 0;
  vleBytes = 0;
  vleFixed = 0;

  totalErrors(): number {
    return (
      this.badKey + this.duplicates + this.orphans + this.unknown + this.badValues + this.badCompactedColumns +
      this.fixableCompactedColumns + this.valueEncoding
    );
  }

  /** Fsck.correctable: the same sum as totalErrors in 2.4.1. */
  correctable(): number {
    return this.totalErrors();
  }

  totalFixed(): number {
    return this.badKeyFixed + this.duplicatesFixed + this.orphansFixed + this.unknownFixed + this.valueEncodingFixed + this.badValuesDeleted;
  }

  reportLines(): string[] {
    return [
      `Key Values Processed: ${this.kvsProcessed}`,
      `Rows Processed: ${this.rowsProcessed}`,
      `Valid Datapoints: ${this.validDatapoints}`,
      `Annotations: ${this.annotations}`,
      `Invalid Row Keys Found: ${this.badKey}`,
      `Invalid Rows Deleted: ${this.badKeyFixed}`,
      `Duplicate Datapoints: ${this.duplicates}`,
      `Duplicate Datapoints Resolved: ${this.duplicatesFixed}`,
      `Orphaned UID Rows: ${this.orphans}`,
      `Orphaned UID Rows Deleted: ${this.orphansFixed}`,
      `Possible Future Objects: ${this.future}`,
      `Unknown Objects: ${this.unknown}`,
      `Unknown Objects Deleted: ${this.unknownFixed}`,
      `Unparseable Datapoint Values: ${this.badValues}`,
      `Unparseable Datapoint Values Deleted: ${this.badValuesDeleted}`,
      `Improperly Encoded Floating Point Values: ${this.valueEncoding}`,
      `Improperly Encoded Floating Point Values Fixed: ${this.valueEncodingFixed}`,
      `Unparseable Compacted Columns: ${this.badCompactedColumns}`,
      `Unparseable Compacted Columns Deleted: ${this.badCompactedColumnsDeleted}`,
      `Datapoints Qualified for VLE : ${this.vle}`,
      `Datapoints Compressed with VLE: ${this.vleFixed}`,
      `Bytes Saved with VLE: ${this.vleBytes}`,
      `Total Errors: ${this.totalErrors()}`,
      `Total Correctable Errors: ${this.correctable()}`,
      `Total Errors Fixed: ${this.totalFixed()}`,
    ];
  }
}
