/** The §12 vectors through the pure engine in memory: parse → plan → scan window → run → serialize. */
import { defineSpecVectors, seriesSet, type SeriesSet } from '../../query-vectors/spec-vectors';
import { dps, dpsOf, makeSpan, post, UidRegistry } from './fixtures';
import type { Span } from '../../../src/query';

function spansOf(set: SeriesSet): Span[] {
  const reg = new UidRegistry();
  return set.map((s) => makeSpan(reg, 'm', s.tags, s.points));
}

defineSpecVectors({
  series: seriesSet,
  dpsOf: async (m, start, end, set, extraQs) => dpsOf(m, start, end, spansOf(set), extraQs),
  dps: async (qs, set) => dps(qs, spansOf(set)),
  post: async (body, set) => post(body, spansOf(set)),
});
