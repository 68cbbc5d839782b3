import type { Ack, Alert } from '../api/operations.js';

/** The messages of one alert (the first, its updates, its cancellation), newest first. */
export interface Thread {
  id: string;
  versions: Alert[];
  /** The newest message: what the branch acts on. */
  current: Alert;
  /** The newest message that is not a cancellation: what the alert said. */
  content: Alert;
  cancelled: boolean;
}

const bySeqDesc = (a: Alert, b: Alert): number => (BigInt(b.deliverySeq) > BigInt(a.deliverySeq) ? 1 : BigInt(b.deliverySeq) < BigInt(a.deliverySeq) ? -1 : 0);

/** Groups messages into threads by `threadId`, each newest first. */
export function threadsOf(messages: Iterable<Alert>): Thread[] {
  const groups = new Map<string, Alert[]>();
  for (const message of messages) {
    const list = groups.get(message.threadId) ?? [];
    list.push(message);
    groups.set(message.threadId, list);
  }
  return [...groups.entries()].map(([id, versions]) => {
    versions.sort(bySeqDesc);
    const current = versions[0]!;
    const content = versions.find((v) => v.msgType !== 'CANCEL') ?? current;
    return { id, versions, current, content, cancelled: current.msgType === 'CANCEL' };
  });
}

/**
 * True while a message is active (CAP 1.2): the server said so when it sent it, and `expires` has not passed
 * since (a feed stays open for hours).
 */
export function isActive(alert: Alert, now = Date.now()): boolean {
  return alert.active && (!alert.expires || Date.parse(alert.expires) > now);
}

/** How long a cancelled alert stays among the active ones, so that the branch sees why it was cancelled. */
export const CANCELLED_SHOWN_MS = 24 * 3600_000;

/** True for the "active only" filter: an active alert, or one cancelled in the last 24 hours. */
export function isShownAsActive(thread: Thread, now = Date.now()): boolean {
  if (thread.cancelled) return now - Date.parse(thread.current.sent) < CANCELLED_SHOWN_MS;
  return isActive(thread.current, now);
}

/** The branch's answer to an earlier version of the thread, when the current one has none yet (after an update). */
export function earlierAnswer(thread: Thread, branchId: string) {
  for (const version of thread.versions.slice(1)) {
    const ack = version.acknowledgements.find((a) => a.branch.id === branchId);
    if (ack) return { version, ack };
  }
  return null;
}

/** True when the branch still has to answer the thread: its current version is active and unacknowledged. */
export function needsAnswer(thread: Thread, branchId: string): boolean {
  return isActive(thread.current) && !thread.current.acknowledgements.some((a) => a.branch.id === branchId);
}

/** Unanswered first, then newest first. */
export function sortThreads(threads: Thread[], branchId: string): Thread[] {
  return [...threads].sort((a, b) => {
    const pa = needsAnswer(a, branchId) ? 0 : 1;
    const pb = needsAnswer(b, branchId) ? 0 : 1;
    return pa - pb || bySeqDesc(a.current, b.current);
  });
}

/** Immediate and severe or extreme: the kind that keeps ringing until answered. */
export function isUrgent(alert: Alert): boolean {
  return alert.urgency === 'IMMEDIATE' && (alert.severity === 'SEVERE' || alert.severity === 'EXTREME');
}

/** `alert` with `ack` as branch `branchId`'s current acknowledgement (the one the server just recorded). */
export function withAcknowledgement(alert: Alert, branchId: string, ack: Ack): Alert {
  return { ...alert, acknowledgements: [...alert.acknowledgements.filter((a) => a.branch.id !== branchId), ack] };
}
