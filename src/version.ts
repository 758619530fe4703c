/**
 * What `version` (telnet), `/api/version` and `tsdb version` report. The `version` field names the
 * OpenTSDB API level tsd-ts implements, so clients that branch on it treat us as 2.4.1; the other
 * fields say that this is tsd-ts.
 */
import { hostname, userInfo } from 'node:os';

export const TSD_TS_VERSION = '0.1.0';
export const OPENTSDB_API_VERSION = '2.4.1';

export interface VersionInfo {
  readonly version: string;
  readonly short_revision: string;
  readonly full_revision: string;
  readonly timestamp: string;
  readonly repo_status: string;
  readonly user: string;
  readonly host: string;
  readonly repo: string;
  readonly branch: string;
}

const STARTED_AT = Math.floor(Date.now() / 1000);

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** The version object, keys in the order 2.4's HashMap serializes them. */
export function versionInfo(): VersionInfo {
  return {
    short_revision: `tsd-ts-${TSD_TS_VERSION}`,
    repo: 'tsd-ts',
    host: hostname(),
    version: OPENTSDB_API_VERSION,
    full_revision: `tsd-ts ${TSD_TS_VERSION}`,
    repo_status: 'MINT',
    user: currentUser(),
    branch: 'main',
    timestamp: String(STARTED_AT),
  };
}

/** The two lines of telnet `version` and `tsdb version`, in OpenTSDB's layout. */
export function versionLines(): string[] {
  const v = versionInfo();
  const built = new Date(Number(v.timestamp) * 1000).toISOString().replace('T', ' ').replace(/-/g, '/').slice(0, 19);
  return [
    `net.opentsdb.tools ${v.version} built at revision ${v.short_revision} (${v.repo_status})`,
    `Built on ${built} +0000 by ${v.user}@${v.host}:${v.repo} ${TSD_TS_VERSION}`,
  ];
}
