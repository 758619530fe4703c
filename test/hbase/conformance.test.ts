import { describeStoreConformance } from '../storage/conformance';
import { openTestStore } from './hbase-env';

describeStoreConformance('hbase', { open: openTestStore });
