/**
 * Which live positions may enter the live picture. Besides the physical bounds every position
 * meets (ingest/positions/plausible.ts), a live position's time must agree with the clocks that
 * saw it, within `maxSkewSeconds` (default 5 minutes):
 *
 * - the receiver's clock: an SBS-1 message carries the time the receiver logged it next to the
 *   time it was generated, and an aircraft.json snapshot its `now`; a position whose time is
 *   further than that from its receiver's stamp is a corrupt or misdated message;
 * - this machine's clock: nothing heard can be from the future. A position (or a receiver)
 *   dated ahead of it by more than the skew is refused; a recording replayed later is in the
 *   past, and passes.
 * - and, as for files, nothing before 1990-01-01.
 *
 * A rejected position is counted, kept aside with its reason, and never reaches the detector
 * (so it never becomes an aircraft's latest point) nor the store (so a restart never primes from it).
 */
import { EARLIEST_TIME, REASON, valueProblem } from '../ingest/positions/plausible.ts';
import type { PositionRow } from '../ingest/positions/stage.ts';

import { DEFAULT_MAX_CLOCK_SKEW_SECONDS } from './limits.ts';

export { DEFAULT_MAX_CLOCK_SKEW_SECONDS };

/** The reasons, fixed texts for a given skew. */
export const aheadReason = (skew: number) => `time more than ${skew} s ahead of this machine's clock`;
export const offReceiverReason = (skew: number) => `time more than ${skew} s off the receiver's clock`;

/**
 * Why a live position cannot be used, or null. `receiverTime` is the receiver's own stamp of the
 * message (null when it has none); `now` this machine's clock, epoch seconds.
 */
export function liveProblem(p: PositionRow, receiverTime: number | null, now: number, skew = DEFAULT_MAX_CLOCK_SKEW_SECONDS): string | null {
  if (p.time < EARLIEST_TIME) return REASON.tooEarly;
  if (p.time > now + skew) return aheadReason(skew);
  if (receiverTime !== null && Math.abs(p.time - receiverTime) > skew) return offReceiverReason(skew);
  return valueProblem(p);
}
