// The data set of the query benchmark, made through the API as users would make it (nothing written behind the
// server's back): on top of the demo data, 60 alerts posted by the demo liaison in every TLP, to the demo
// branch directly or through the agency above it (so that visibility rules have something to refuse), some
// updated, about half acknowledged by the branch (some twice); and one alert to every branch, acknowledged by
// every branch and sighted at three of them: the liaison's board.
import { graphqlData as data, login } from './lib.mjs';

const PASSWORD = 'bench-password-0123';
const TLPS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'];
const SEVERITIES = ['EXTREME', 'SEVERE', 'MODERATE', 'MINOR'];
const OUTCOMES = ['RECEIVED', 'ITEM_HELD', 'NOT_FOUND', 'HANDED_TO_POLICE'];
/** Valid UPU S10 numbers (check digit included). */
const TRACKING = ['RR123456785VN', 'EE123456785VN', 'CP123456785VN'];

/** The data on the server at `http`; returns the tokens and ids the benchmark's queries need. */
export async function prepareQueryData(http) {
  const coordinator = await login(http, 'coordinator@postwatch.demo');
  const liaison = await login(http, 'liaison@postwatch.demo');
  const operator = await login(http, 'branch@postwatch.demo');
  const { me } = await data(http, '{ me { agency { id parent { id } } } }', {}, operator);
  const branchId = me.agency.id;
  const parentId = me.agency.parent.id;
  const { agencies } = await data(http, '{ agencies(sector: POSTAL, level: BRANCH) { id code } }', {}, coordinator);

  // One operator per branch (the demo branch keeps its own).
  const operators = new Map([[branchId, operator]]);
  for (const [i, branch] of agencies.entries()) {
    if (branch.id === branchId) continue;
    const email = `bench.query.${i}@postwatch.test`;
    await data(http, 'mutation ($input: CreateContactInput!) { createContact(input: $input) { id } }', {
      input: { agencyId: branch.id, fullName: `Nhân viên bưu cục ${i}`, position: 'Giao dịch viên', role: 'BRANCH_OPERATOR', email, password: PASSWORD },
    }, coordinator);
    operators.set(branch.id, await login(http, email, PASSWORD));
  }

  for (let i = 0; i < 60; i++) {
    const tlp = TLPS[i % TLPS.length];
    const direct = i % 3 !== 0;
    const alert = await post(http, liaison, {
      targetIds: direct ? [branchId] : [parentId],
      headline: `Bưu gửi nghi vấn số ${i}: "ma túy" giấu trong hộp quà`,
      description: `Mô tả ${i}: hàng khai là quà tặng, nghi chứa chất cấm.\nDòng thứ hai.`,
      instruction: i % 2 ? 'Giữ bưu gửi và báo công an' : null,
      urgency: 'IMMEDIATE', severity: SEVERITIES[i % SEVERITIES.length], certainty: 'LIKELY', suspicionReason: 'NARCOTICS', tlp,
      shipment: { trackingNumber: TRACKING[i % TRACKING.length], declaredContents: 'Quà tặng', origin: 'Hà Nội', destination: 'Tây Ninh', senderDescription: null, recipientDescription: 'Nguyễn Văn A' },
    });
    let current = alert;
    if (i % 7 === 0) {
      const { updateAlert } = await data(http, 'mutation ($id: ID!, $input: UpdateAlertInput!) { updateAlert(id: $id, input: $input) { id } }', { id: alert.id, input: { headline: `Cập nhật ${i}` } }, liaison);
      current = updateAlert;
    }
    const visibleToBranch = tlp !== 'RED' || direct;
    if (visibleToBranch && i % 2 === 0) {
      await acknowledge(http, operator, current.id, OUTCOMES[i % OUTCOMES.length], i % 4 ? null : `Ghi chú ${i}`);
      if (i % 6 === 0) await acknowledge(http, operator, current.id, 'ITEM_HELD', `Đã giữ bưu gửi ${i}`);
    }
  }

  // The board: one alert to every branch, named directly, acknowledged by each, sighted at three.
  const board = await post(http, liaison, {
    targetIds: agencies.map((a) => a.id),
    headline: 'Cảnh báo toàn tỉnh: bưu gửi chứa vũ khí', description: 'Mọi bưu cục kiểm tra.', instruction: 'Giữ và báo ngay',
    urgency: 'IMMEDIATE', severity: 'EXTREME', certainty: 'OBSERVED', suspicionReason: 'WEAPONS', tlp: 'AMBER',
    shipment: { trackingNumber: 'RB987654312VN', declaredContents: 'Phụ tùng' },
  });
  let n = 0;
  for (const [id, token] of operators) {
    await acknowledge(http, token, board.id, OUTCOMES[n % OUTCOMES.length], n % 2 ? `Bưu cục ${n} đã kiểm tra` : null);
    if (n < 3) {
      await data(http, 'mutation ($t: String!, $b: ID) { shipmentCheck(trackingNumber: $t, branchId: $b, method: TYPED) { trackingNumber } }', { t: 'RB987654312VN', b: id }, token);
    }
    n++;
  }
  return { coordinator, liaison, operator, branchId, boardAlertId: board.id, branches: agencies.length };
}

async function post(http, token, input) {
  const { postAlert } = await data(http, 'mutation ($input: PostAlertInput!) { postAlert(input: $input) { id } }', { input }, token);
  return postAlert;
}

function acknowledge(http, token, alertId, outcome, note) {
  return data(http, 'mutation ($a: ID!, $o: AckOutcome!, $n: String) { acknowledgeAlert(alertId: $a, outcome: $o, note: $n) { id } }', { a: alertId, o: outcome, n: note }, token);
}
