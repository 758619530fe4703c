/**
 * The Store: HBase's data model and nothing else. Tables hold rows; a row holds cells addressed by
 * (family, qualifier); every cell keeps one version, its value and a timestamp in milliseconds.
 * Row keys and qualifiers compare as unsigned bytes (0xFF sorts after 0x00) everywhere.
 *
 * Both backends (embedded LevelDB, real HBase) implement this interface and pass the one conformance
 * suite in test/storage/, so the layers above cannot tell them apart. Nothing here knows about
 * metrics, tags or time series.
 */

/** One stored cell. `timestamp` is the HBase cell timestamp in ms (server time unless set on put). */
export interface Cell {
  readonly family: string;
  readonly qualifier: Buffer;
  readonly value: Buffer;
  readonly timestamp: number;
}

/** A row as a get or a scan returns it: cells sorted by family name, then qualifier bytes. */
export interface StoredRow {
  readonly key: Buffer;
  readonly cells: Cell[];
}

/**
 * A cell to write. Without a timestamp the store stamps it with its current time. Each cell keeps one
 * version, the newest by timestamp (HBase with VERSIONS 1): a put with an older explicit timestamp
 * than the stored cell's leaves the stored cell visible.
 */
export interface CellWrite {
  readonly family: string;
  readonly qualifier: Buffer;
  readonly value: Buffer;
  readonly timestamp?: number;
}

/** Puts several cells into one row. Atomic within the row, as an HBase Put. */
export interface PutMutation {
  readonly type: 'put';
  readonly table: string;
  readonly row: Buffer;
  readonly cells: readonly CellWrite[];
}

/**
 * Deletes a whole row (no family), a family of a row, or the given qualifiers of one family
 * (all versions, as asynchbase's DeleteRequest sends them).
 */
export interface DeleteMutation {
  readonly type: 'delete';
  readonly table: string;
  readonly row: Buffer;
  readonly family?: string;
  readonly qualifiers?: readonly Buffer[];
}

export type Mutation = PutMutation | DeleteMutation;

/** Which columns a get or scan returns. No selection means every family of the row. */
export interface ColumnSelection {
  /** Whole families to return. */
  readonly families?: readonly string[];
  /** Single columns to return: the family and the exact qualifiers wanted. */
  readonly columns?: readonly { readonly family: string; readonly qualifiers: readonly Buffer[] }[];
}

/**
 * Server-side filters, as data so each backend can translate them (HBase serializes them into its
 * Filter protobufs; the embedded store evaluates them in process).
 */
export type ScanFilter =
  /**
   * HBase RowFilter(EQUAL, RegexStringComparator(pattern, charset ISO-8859-1)): the row key is read
   * as ISO-8859-1 and the Java regular expression `pattern` (one char per byte) must match somewhere
   * in it (Matcher.find). OpenTSDB's tag filters are built this way (KeyRegexpFilter).
   */
  | { readonly type: 'keyRegexp'; readonly pattern: string }
  /**
   * HBase FuzzyRowFilter: a row passes when, for some pair, every byte whose mask byte is 0 equals the
   * key's byte at that position (mask 1 = any byte), the asynchbase convention OpenTSDB uses.
   * Keys shorter than the pattern do not match.
   */
  | { readonly type: 'fuzzyRow'; readonly pairs: readonly { readonly key: Buffer; readonly mask: Buffer }[] }
  /** QualifierFilter(EQUAL, BinaryPrefixComparator(prefix)): keeps only cells whose qualifier starts with `prefix`. */
  | { readonly type: 'qualifierPrefix'; readonly prefix: Buffer }
  /** KeyOnlyFilter: cells come back with empty values. */
  | { readonly type: 'keyOnly' }
  /** FilterList MUST_PASS_ALL. */
  | { readonly type: 'all'; readonly filters: readonly ScanFilter[] }
  /** FilterList MUST_PASS_ONE. */
  | { readonly type: 'any'; readonly filters: readonly ScanFilter[] };

export interface ScanOptions extends ColumnSelection {
  /**
   * First row (inclusive). Empty or absent = the table's first row. For a reverse scan this is the
   * highest row returned, as in HBase's reversed Scan.
   */
  readonly start?: Buffer;
  /** Stop row (exclusive). Empty or absent = no bound. For a reverse scan, the lower bound. */
  readonly stop?: Buffer;
  readonly filter?: ScanFilter;
  /** Rows per batch handed to the consumer (HBase "caching"). Default 128, OpenTSDB's maxNumRows. */
  readonly batchSize?: number;
  readonly reverse?: boolean;
  /** Stops the scan and releases its resources; the iterator then throws the signal's reason. */
  readonly signal?: AbortSignal;
}

/** Settings of a column family, as HBase's create takes them; backends ignore what they cannot use. */
export interface FamilySpec {
  readonly name: string;
  readonly versions?: number;
  readonly ttlSeconds?: number;
  readonly compression?: string;
  readonly bloomFilter?: string;
  readonly dataBlockEncoding?: string;
}

export interface TableSpec {
  readonly name: string;
  readonly families: readonly FamilySpec[];
  /** Region boundaries to pre-split at (HBase); the embedded store has no regions. */
  readonly splitKeys?: readonly Buffer[];
}

export interface Store {
  /** A short name for logs and errors: `embedded:./data`, `hbase:zk=127.0.0.1:2181`. */
  readonly description: string;

  createTable(spec: TableSpec): Promise<void>;
  /** Disables and deletes a table with all its data. */
  deleteTable(name: string): Promise<void>;
  tableExists(name: string): Promise<boolean>;
  listTables(): Promise<string[]>;
  /** The families a table was created with. */
  tableFamilies(name: string): Promise<string[]>;

  /** Reads one row, or null when it holds no (selected) cell. */
  get(table: string, row: Buffer, select?: ColumnSelection): Promise<StoredRow | null>;
  put(table: string, row: Buffer, cells: readonly CellWrite[]): Promise<void>;
  delete(table: string, row: Buffer, family?: string, qualifiers?: readonly Buffer[]): Promise<void>;
  /**
   * Applies many mutations, across rows and tables. Each mutation is atomic on its row; the batch as
   * a whole is not (as an HBase Multi). Resolves once every mutation is applied.
   */
  batch(mutations: readonly Mutation[]): Promise<void>;

  /**
   * Adds `delta` to an 8-byte big-endian signed counter cell (absent = 0) and returns the new value.
   * A cell of another length fails with NotACounterError.
   */
  atomicIncrement(table: string, row: Buffer, family: string, qualifier: Buffer, delta: bigint): Promise<bigint>;

  /**
   * HBase Append: concatenates `value` to the cell's current value (absent = empty), atomically.
   * OpenTSDB's append mode (tsd.storage.enable_appends) writes every point this way.
   */
  append(table: string, row: Buffer, family: string, qualifier: Buffer, value: Buffer): Promise<void>;

  /**
   * Writes `cell` only if the current value of the same column equals `expected`; `null` (or an empty
   * buffer) means "only if absent". Returns whether it wrote.
   */
  compareAndSet(table: string, row: Buffer, cell: CellWrite, expected: Buffer | null): Promise<boolean>;

  /** Streams rows in batches of at most `batchSize`; never holds the whole result in memory. */
  scan(table: string, options?: ScanOptions): AsyncIterable<StoredRow[]>;

  /** Resolves once every write issued before it is durable (survives a killed process). */
  flush(): Promise<void>;
  close(): Promise<void>;
}
