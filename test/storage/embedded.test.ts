import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedStore } from '../../src/storage/embedded/embedded-store';
import { describeStoreConformance } from './conformance';

const dir = mkdtempSync(join(tmpdir(), 'tsd-ts-conformance-'));

describeStoreConformance('embedded (LevelDB)', {
  open: () => EmbeddedStore.open({ path: dir }),
  dispose: async () => rmSync(dir, { recursive: true, force: true }),
});
