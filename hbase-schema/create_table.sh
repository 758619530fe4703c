#!/bin/sh
# Creates OpenTSDB 2.4's tables in HBase through the HBase shell, with the same environment variables
# as OpenTSDB's own create_table.sh, so operators can use either. tsd-ts can do the same through the
# HBase Admin API: `tsdb create-tables` (it also pre-splits salted data tables by bucket).
#
#   env COMPRESSION=NONE HBASE_HOME=/opt/hbase ./create_table.sh
set -e
test -n "$HBASE_HOME" || { echo >&2 'The environment variable HBASE_HOME must be set'; exit 1; }
test -d "$HBASE_HOME" || { echo >&2 "No such directory: HBASE_HOME=$HBASE_HOME"; exit 1; }

TSDB_TABLE=${TSDB_TABLE-'tsdb'}
UID_TABLE=${UID_TABLE-'tsdb-uid'}
TREE_TABLE=${TREE_TABLE-'tsdb-tree'}
META_TABLE=${META_TABLE-'tsdb-meta'}
BLOOMFILTER=${BLOOMFILTER-'ROW'}
# LZO is OpenTSDB's default and needs native libraries; NONE, GZIP and SNAPPY are the others it accepts.
COMPRESSION=${COMPRESSION-'LZO'}
DATA_BLOCK_ENCODING=${DATA_BLOCK_ENCODING-'DIFF'}
TSDB_TTL=${TSDB_TTL-'FOREVER'}

case $COMPRESSION in
  (NONE|LZO|GZIP|SNAPPY) : ;;
  (*) echo >&2 "warning: compression codec '$COMPRESSION' might not be supported.";;
esac
case $DATA_BLOCK_ENCODING in
  (NONE|PREFIX|DIFF|FAST_DIFF|ROW_INDEX_V1) : ;;
  (*) echo >&2 "warning: encoding '$DATA_BLOCK_ENCODING' might not be supported.";;
esac

# HBase shell statements, one table each.
exec "$HBASE_HOME/bin/hbase" shell <<EOS
create '$UID_TABLE',
  {NAME => 'id', COMPRESSION => '$COMPRESSION', BLOOMFILTER => '$BLOOMFILTER', DATA_BLOCK_ENCODING => '$DATA_BLOCK_ENCODING'},
  {NAME => 'name', COMPRESSION => '$COMPRESSION', BLOOMFILTER => '$BLOOMFILTER', DATA_BLOCK_ENCODING => '$DATA_BLOCK_ENCODING'}

create '$TSDB_TABLE',
  {NAME => 't', VERSIONS => 1, COMPRESSION => '$COMPRESSION', BLOOMFILTER => '$BLOOMFILTER', DATA_BLOCK_ENCODING => '$DATA_BLOCK_ENCODING', TTL => '$TSDB_TTL'}

create '$TREE_TABLE',
  {NAME => 't', VERSIONS => 1, COMPRESSION => '$COMPRESSION', BLOOMFILTER => '$BLOOMFILTER', DATA_BLOCK_ENCODING => '$DATA_BLOCK_ENCODING'}

create '$META_TABLE',
  {NAME => 'name', COMPRESSION => '$COMPRESSION', BLOOMFILTER => '$BLOOMFILTER', DATA_BLOCK_ENCODING => '$DATA_BLOCK_ENCODING'}
EOS
