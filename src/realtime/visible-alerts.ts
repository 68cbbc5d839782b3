import type { Viewer } from '../graphql/context.js';
import { canSeeAlert } from '../modules/access/alert-visibility.js';
import type { SecurityAlert } from '../modules/alert/security-alert.entity.js';
import type { AlertPostedEvent } from './event-bus.js';
import type { AlertSnapshots } from './alert-snapshots.js';

/**
 * Turns a branch's bus signals into the alerts `viewer` may see, in order: each signal's alert is loaded once
 * per instance (shared snapshot) and checked in memory, so a subscriber costs no query of its own.
 * Returning the iterator ends the bus subscription.
 */
export function visibleAlerts(
  signals: AsyncIterableIterator<AlertPostedEvent>,
  viewer: Viewer,
  snapshots: AlertSnapshots,
): AsyncIterableIterator<SecurityAlert> {
  return {
    async next() {
      for (;;) {
        const signal = await signals.next();
        if (signal.done) return { done: true, value: undefined };
        const snapshot = await snapshots.load(signal.value.alertId);
        if (snapshot && canSeeAlert(viewer, snapshot.audience)) return { done: false, value: snapshot.alert };
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
