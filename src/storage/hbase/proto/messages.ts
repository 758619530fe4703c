/**
 * TypeScript shapes of the decoded HBase messages we read (field names as in the .proto files).
 * Only the fields tsd-ts looks at are listed; protobufjs fills absent optional fields with defaults.
 */
import type { WireLong } from './long';

export interface ExceptionResponse {
  exception_class_name: string;
  stack_trace: string;
  hostname: string;
  port: number;
  do_not_retry: boolean;
  server_overloaded?: boolean;
}

export interface ResponseHeader {
  call_id: number;
  exception?: ExceptionResponse;
  cell_block_meta?: { length: number };
}

export interface NameBytesPair {
  name: string;
  value: Buffer;
}

export interface BytesBytesPair {
  first: Buffer;
  second: Buffer;
}

export interface TableNameProto {
  namespace: Buffer;
  qualifier: Buffer;
}

export interface ServerNameProto {
  host_name: string;
  port: number;
  start_code: WireLong;
}

export interface RegionInfoProto {
  region_id: WireLong;
  table_name: TableNameProto;
  start_key: Buffer;
  end_key: Buffer;
  offline: boolean;
  split: boolean;
  replica_id: number;
}

export interface CellProto {
  row: Buffer;
  family: Buffer;
  qualifier: Buffer;
  timestamp: WireLong;
  cell_type: number;
  value: Buffer;
}

export interface ResultProto {
  cell: CellProto[];
  associated_cell_count: number;
  exists: boolean;
  partial: boolean;
}

export interface GetResponse {
  result?: ResultProto;
}

export interface MutateResponse {
  result?: ResultProto;
  processed: boolean;
}

export interface ScanResponse {
  cells_per_result: number[];
  scanner_id: WireLong;
  more_results: boolean;
  ttl: number;
  results: ResultProto[];
  more_results_in_region: boolean;
  heartbeat_message: boolean;
}

export interface ResultOrException {
  index: number;
  result?: ResultProto;
  exception?: NameBytesPair;
}

export interface RegionActionResult {
  resultOrException: ResultOrException[];
  exception?: NameBytesPair;
}

export interface MultiResponse {
  regionActionResult: RegionActionResult[];
}

export interface ColumnFamilySchemaProto {
  name: Buffer;
  attributes: BytesBytesPair[];
}

export interface TableSchemaProto {
  table_name: TableNameProto;
  column_families: ColumnFamilySchemaProto[];
}

export interface ProcedureResponse {
  proc_id: WireLong;
}

export interface GetProcedureResultResponse {
  state: number;
  exception?: {
    source: string;
    generic_exception?: { class_name: string; message: string };
  };
}

export interface MetaRegionServerProto {
  server: ServerNameProto;
}

export interface MasterProto {
  master: ServerNameProto;
}
