/**
 * Table administration through MasterService (spec/hbase.md §2.4): DDL calls answer with a
 * procedure id, polled with GetProcedureResult until the procedure finishes.
 */
import { randomBytes } from 'node:crypto';
import type { TableSpec } from '../../store';
import type { HBaseClient } from '../client';
import { decodeMessage, encodeMessage } from '../proto/hbase-proto';
import { fromLong, randomLong, toLong } from '../proto/long';
import type { GetProcedureResultResponse, ProcedureResponse, TableSchemaProto } from '../proto/messages';
import { type RegionLocation, tableNameProto, tableNameString } from '../regions/region-info';
import { HBaseRemoteError, RetryLaterError } from '../rpc/hbase-errors';
import { withRetries } from '../retry';
import { tableSchemaProto } from './table-schema';

const PROCEDURE_RUNNING = 1;
const PROCEDURE_FINISHED = 2;

export class Admin {
  constructor(private readonly client: HBaseClient) {}

  async createTable(spec: TableSpec): Promise<void> {
    await this.#runProcedure('CreateTable', {
      table_schema: tableSchemaProto(spec),
      split_keys: (spec.splitKeys ?? []).map((k) => Buffer.from(k)),
      ...this.#nonce(),
    });
    this.client.regions.evictTable(spec.name);
  }

  /** Disables (when enabled) and deletes a table. */
  async deleteTable(name: string): Promise<void> {
    try {
      await this.#runProcedure('DisableTable', { table_name: tableNameProto(name), ...this.#nonce() });
    } catch (err) {
      if (!(err instanceof HBaseRemoteError && err.simpleName === 'TableNotEnabledException')) throw err;
    }
    await this.#runProcedure('DeleteTable', { table_name: tableNameProto(name), ...this.#nonce() });
    this.client.regions.evictTable(name);
  }

  /** User tables (no system tables), `ns:table` outside the default namespace. */
  async listTables(): Promise<string[]> {
    const reply = await this.client.masterCall('GetTableNames', encodeMessage('GetTableNamesRequest', { include_sys_tables: false }));
    const res = decodeMessage<{ table_names: { namespace: Buffer; qualifier: Buffer }[] }>('GetTableNamesResponse', reply.body);
    return res.table_names.map(tableNameString);
  }

  /** The table's schema, or null when it does not exist. */
  async describe(name: string): Promise<TableSchemaProto | null> {
    const param = encodeMessage('GetTableDescriptorsRequest', { table_names: [tableNameProto(name)] });
    const reply = await this.client.masterCall('GetTableDescriptors', param);
    const res = decodeMessage<{ table_schema: TableSchemaProto[] }>('GetTableDescriptorsResponse', reply.body);
    return res.table_schema.find((s) => tableNameString(s.table_name) === name) ?? null;
  }

  /** Splits a region at `splitRow` (or where HBase picks without it) and waits for the split. */
  async splitRegion(region: RegionLocation, splitRow?: Buffer): Promise<void> {
    const region_info = {
      region_id: toLong(BigInt(region.regionId), true),
      table_name: tableNameProto(region.table),
      start_key: region.startKey,
      end_key: region.endKey,
    };
    await this.#runProcedure('SplitRegion', { region_info, ...(splitRow ? { split_row: splitRow } : {}), ...this.#nonce() }, 'SplitTableRegion');
    this.client.regions.evictTable(region.table);
  }

  #nonce(): { nonce_group: object; nonce: object } {
    return { nonce_group: this.client.nonceGroup, nonce: randomLong(randomBytes) };
  }

  async #runProcedure(method: string, request: object, messagePrefix = method): Promise<void> {
    const reply = await this.client.masterCall(method, encodeMessage(`${messagePrefix}Request`, request));
    const procId = decodeMessage<ProcedureResponse>(`${messagePrefix}Response`, reply.body).proc_id;
    await this.#waitProcedure(method, fromLong(procId));
  }

  /** Polls until the procedure finishes; its failure is thrown as the remote exception it carries. */
  async #waitProcedure(what: string, procId: bigint): Promise<void> {
    const param = encodeMessage('GetProcedureResultRequest', { proc_id: toLong(procId, true) });
    await withRetries(
      `wait for ${what} (procedure ${procId})`,
      async () => {
        const reply = await this.client.masterCall('getProcedureResult', param) // lower-case g, as MasterService declares it;
        const res = decodeMessage<GetProcedureResultResponse>('GetProcedureResultResponse', reply.body);
        if (res.state === PROCEDURE_RUNNING) throw new RetryLaterError(`${what} is still running`);
        if (res.state !== PROCEDURE_FINISHED) throw new HBaseRemoteError('ProcedureNotFound', `procedure ${procId} of ${what} is unknown to the master`);
        const ex = res.exception?.generic_exception;
        if (ex) throw new HBaseRemoteError(ex.class_name ?? 'unknown', ex.message ?? '');
      },
      { ...this.client.retryOptions(), timeoutMs: Math.max(this.client.options.operationTimeoutMs, 120_000) },
    );
  }
}
