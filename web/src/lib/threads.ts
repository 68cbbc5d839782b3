import type { Alert } from '../api/operations';

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

/** True when the branch still has to answer the thread: its current version is active and unacknowledged. */
export function needsAnswer(thread: Thread, branchId: string): boolean {
  return thread.current.active && !thread.current.acknowledgements.some((a) => a.branch.id === branchId);
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
