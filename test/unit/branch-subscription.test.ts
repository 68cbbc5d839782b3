import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../src/platform/viewer-scope.js';
import { TlpLabel } from '../../src/modules/alert/alert.enums.js';
import type { SecurityAlert } from '../../src/modules/alert/security-alert.entity.js';
import { ContactRole } from '../../src/platform/contact-role.js';
import { BranchSubscription, type Delivery } from '../../src/realtime/delivery-hub.js';

const BRANCH = 'b0000000-0000-4000-8000-000000000001';
const operator: Viewer = {
  contactId: 'c0000000-0000-4000-8000-000000000001', role: ContactRole.BRANCH_OPERATOR, agencyId: BRANCH,
  agencyLineage: [BRANCH], email: 'op@postwatch.test',
};

/** A delivery to the branch, reached through an ancestor unless `direct`, labelled `tlp`. */
function delivery(seq: number, tlp = TlpLabel.AMBER, direct = false): Delivery {
  return {
    seq: BigInt(seq),
    snapshot: {
      alert: { deliverySeq: String(seq) } as SecurityAlert,
      audience: { tlp, issuerAgencyId: 'police', recipients: [{ branchId: BRANCH, branchPath: `/${BRANCH}/`, direct }] },
    },
  };
}

async function drain(subscription: BranchSubscription, count: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < count; i++) {
    const next = await subscription.next();
    if (next.done) break;
    seen.push((next.value as SecurityAlert).deliverySeq);
  }
  return seen;
}

describe('hand-over from replay to live delivery', () => {
  it('passes the replay, then what was held, once each and in order, skipping what the replay already covered', async () => {
    const subscription = new BranchSubscription(operator, () => undefined);
    // Offered while the replay was being read: overlapping with it, out of order, with a repeat.
    for (const seq of [12, 10, 11, 13, 12]) subscription.offer(delivery(seq));
    subscription.goLive([delivery(9), delivery(10), delivery(11)], 11n);
    subscription.offer(delivery(13));
    subscription.offer(delivery(14));
    expect(await drain(subscription, 5)).toEqual(['9', '10', '11', '12', '13']);
    expect(await drain(subscription, 1)).toEqual(['14']);
  });

  it('starts a subscription without `after` at the sequence number committed when it began', async () => {
    const subscription = new BranchSubscription(operator, () => undefined);
    subscription.offer(delivery(5));
    subscription.offer(delivery(7));
    subscription.goLive([], 6n);
    subscription.offer(delivery(8));
    expect(await drain(subscription, 2)).toEqual(['7', '8']);
  });

  it('skips what the viewer may not see without stalling what follows', async () => {
    const subscription = new BranchSubscription(operator, () => undefined);
    subscription.goLive([], 0n);
    subscription.offer(delivery(1, TlpLabel.RED, false));
    subscription.offer(delivery(2, TlpLabel.RED, true));
    subscription.offer(delivery(3));
    expect(await drain(subscription, 2)).toEqual(['2', '3']);
  });

  it('ends a waiting reader when the subscription ends, and tells the hub once', async () => {
    let ended = 0;
    const subscription = new BranchSubscription(operator, () => ended++);
    subscription.goLive([], 0n);
    const pending = subscription.next();
    await subscription.return();
    await subscription.return();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(ended).toBe(1);
  });
});
