import type { Acknowledgement } from '../modules/alert/acknowledgement.entity.js';
import type { AcknowledgementService } from '../modules/alert/acknowledgement.service.js';
import type { AcknowledgementSignal } from './event-bus.js';

/**
 * Turns acknowledgement signals into the acknowledgements the subscriber may see (one query per signal and
 * subscriber: these subscribers are the issuing side's few liaisons, not the branches' many dashboards).
 * Returning the iterator ends the bus subscription.
 */
export function visibleAcknowledgements(
  signals: AsyncIterableIterator<AcknowledgementSignal>,
  acknowledgements: AcknowledgementService,
): AsyncIterableIterator<Acknowledgement> {
  return {
    async next() {
      for (;;) {
        const signal = await signals.next();
        if (signal.done) return { done: true, value: undefined };
        const acknowledgement = await acknowledgements.findVisible(signal.value.acknowledgementId);
        if (acknowledgement) return { done: false, value: acknowledgement };
      }
    },
    async return() {
      await signals.return?.();
      return { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      await signals.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
