import { describe, expect, it } from 'vitest';
import type { Alert } from '../../web/src/api/operations.js';
import { buildTree, reach } from '../../web/src/lib/agency-tree.js';
import { formatDateTime, formatNumber, fromProvinceLocalInput, toProvinceLocalInput } from '../../web/src/lib/format.js';
import { normaliseTrackingNumber, s10ProblemOf } from '../../web/src/lib/s10.js';
import { isActive, needsAnswer, sortThreads, threadsOf } from '../../web/src/lib/threads.js';
import { foldForSearch } from '../../web/src/lib/search.js';

describe('the web app\'s dates and numbers', () => {
  it('shows instants as dd/MM/yyyy HH:mm in Vietnam time (UTC+7, no daylight saving)', () => {
    expect(formatDateTime('2026-12-03T16:05:00Z')).toBe('03/12/2026 23:05');
    expect(formatDateTime('2026-12-31T17:00:00Z')).toBe('01/01/2027 00:00');
    expect(formatDateTime('2026-12-03T16:05:07Z', { seconds: true })).toBe('03/12/2026 23:05:07');
    expect(formatDateTime('2026-07-01T00:00:00Z')).toBe('01/07/2026 07:00');
    expect(formatDateTime(null)).toBe('');
  });

  it('reads a datetime-local value as province time, and back', () => {
    expect(fromProvinceLocalInput('2026-12-03T23:05')).toBe('2026-12-03T16:05:00.000Z');
    expect(toProvinceLocalInput('2026-12-03T16:05:00.000Z')).toBe('2026-12-03T23:05');
    expect(fromProvinceLocalInput('03/12/2026')).toBeNull();
  });

  it('groups thousands with dots, as Vietnamese does', () => {
    expect(formatNumber(319342)).toBe('319.342');
  });
});

describe('the tracking number check while typing', () => {
  it('normalises and checks the S10 check digit like the server', () => {
    expect(normaliseTrackingNumber(' rr 1234-5678 5vn ')).toBe('RR123456785VN');
    expect(s10ProblemOf('RR123456785VN')).toBeNull();
    // Serial 12345678: 1·8+2·6+3·4+4·2+5·3+6·5+7·9+8·7 = 204; 204 mod 11 = 6; 11 − 6 = 5.
    expect(s10ProblemOf('RR123456784VN')).toEqual({ kind: 'checkDigit', given: '4', expected: 5, serial: '12345678' });
    expect(s10ProblemOf('RR12345678VN')).toEqual({ kind: 'shape' });
  });
});

describe('targets from the agency tree', () => {
  const agencies = [
    { id: 'p', name: 'Province', code: 'P', level: 'PROVINCIAL', parent: null },
    { id: 'd', name: 'District', code: 'D', level: 'DISTRICT', parent: { id: 'p' } },
    { id: 'b1', name: 'Branch one', code: 'B1', level: 'BRANCH', parent: { id: 'd' } },
    { id: 'b2', name: 'Branch two', code: 'B2', level: 'BRANCH', parent: { id: 'd' } },
    { id: 'b3', name: 'Branch three', code: 'B3', level: 'BRANCH', parent: { id: 'p' } },
  ];
  const tree = buildTree(agencies);

  it('counts the branches at or under each agency', () => {
    expect(tree.map((n) => [n.agency.id, n.branchIds.length])).toEqual([['p', 3]]);
    const district = tree[0]!.children.find((n) => n.agency.id === 'd')!;
    expect(district.branchIds.sort()).toEqual(['b1', 'b2']);
  });

  it('reaches every branch under a target, but under TLP:RED only branches named themselves', () => {
    expect([...reach(tree, new Set(['d', 'b3']), false)].sort()).toEqual(['b1', 'b2', 'b3']);
    expect([...reach(tree, new Set(['d', 'b3']), true)]).toEqual(['b3']);
  });
});

describe('alert threads on the dashboard', () => {
  const message = (over: Partial<Alert>): Alert => ({
    id: over.deliverySeq!, threadId: 't', identifier: 'PW', deliverySeq: '1', msgType: 'ALERT', status: 'ACTUAL', active: true,
    sent: '2026-12-03T00:00:00Z', expires: null, urgency: 'IMMEDIATE', severity: 'SEVERE', certainty: 'LIKELY', tlp: 'AMBER',
    headline: 'h', description: 'd', instruction: null, suspicionReason: 'OTHER', shipment: null,
    issuerAgency: { id: 'i', name: 'Police' }, issuer: { id: 'c', fullName: 'Liaison' }, references: null, acknowledgements: [],
    ...over,
  }) as Alert;

  it('puts an update on top of its thread and a cancellation over the content it cancels', () => {
    const [thread] = threadsOf([
      message({ deliverySeq: '9', headline: 'first', active: false }),
      message({ deliverySeq: '12', msgType: 'CANCEL', headline: 'first', description: 'false alarm', active: false }),
      message({ deliverySeq: '10', msgType: 'UPDATE', headline: 'updated', active: false }),
    ]);
    expect(thread!.versions.map((v) => v.deliverySeq)).toEqual(['12', '10', '9']);
    expect(thread!.cancelled).toBe(true);
    expect(thread!.content.headline).toBe('updated');
  });

  it('lists unanswered threads first, newest first, and treats an expired alert as answered', () => {
    const ack = { id: 'a', deliverySeq: '5', outcome: 'RECEIVED', note: null, at: '', revision: 1, branch: { id: 'b' }, acknowledgedBy: null };
    const threads = threadsOf([
      message({ threadId: 'old', deliverySeq: '2' }),
      message({ threadId: 'answered', deliverySeq: '8', acknowledgements: [ack as never] }),
      message({ threadId: 'new', deliverySeq: '7' }),
      message({ threadId: 'expired', deliverySeq: '9', expires: '2020-01-01T00:00:00Z' }),
    ]);
    expect(sortThreads(threads, 'b').map((t) => t.id)).toEqual(['new', 'old', 'expired', 'answered']);
    expect(isActive(threads.find((t) => t.id === 'expired')!.current)).toBe(false);
    expect(needsAnswer(threads.find((t) => t.id === 'answered')!, 'b')).toBe(false);
  });
});

describe('the dashboard search', () => {
  it('finds Vietnamese text typed without tone marks, in either tone placement or Unicode form', () => {
    const headline = foldForSearch('Bưu gửi chứa hóa chất độc hại');
    for (const typed of ['hoa chat', 'hoá chất', 'hóa chất'.normalize('NFD'), 'HÓA CHẤT', 'doc hai']) expect(headline).toContain(foldForSearch(typed));
    expect(foldForSearch('RR 1234-5678 5VN')).toBe('rr123456785vn');
  });
});
