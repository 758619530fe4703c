/**
 * TableSpec ↔ HBase's TableSchema: column family settings travel as string attributes, named as in
 * the HBase shell (VERSIONS, TTL, BLOOMFILTER, COMPRESSION, DATA_BLOCK_ENCODING).
 */
import type { FamilySpec, TableSpec } from '../../store';
import type { TableSchemaProto } from '../proto/messages';
import { tableNameProto } from '../regions/region-info';

const attr = (name: string, value: string | number): { first: Buffer; second: Buffer } => ({
  first: Buffer.from(name, 'latin1'),
  second: Buffer.from(String(value), 'latin1'),
});

function familyAttributes(f: FamilySpec): object[] {
  const out: object[] = [];
  if (f.versions !== undefined) out.push(attr('VERSIONS', f.versions));
  if (f.ttlSeconds !== undefined) out.push(attr('TTL', f.ttlSeconds));
  if (f.bloomFilter !== undefined) out.push(attr('BLOOMFILTER', f.bloomFilter.toUpperCase()));
  if (f.compression !== undefined) out.push(attr('COMPRESSION', f.compression.toUpperCase()));
  if (f.dataBlockEncoding !== undefined) out.push(attr('DATA_BLOCK_ENCODING', f.dataBlockEncoding.toUpperCase()));
  return out;
}

/** The TableSchema message of a table to create. */
export function tableSchemaProto(spec: TableSpec): object {
  if (spec.families.length === 0) throw new RangeError(`Cannot create table '${spec.name}': it needs at least one column family`);
  return {
    table_name: tableNameProto(spec.name),
    column_families: spec.families.map((f) => ({ name: Buffer.from(f.name, 'utf8'), attributes: familyAttributes(f) })),
  };
}

/** The family names of a described table. */
export function familyNames(schema: TableSchemaProto): string[] {
  return schema.column_families.map((f) => Buffer.from(f.name).toString('utf8'));
}
