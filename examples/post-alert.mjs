// Liaison tool in a terminal: logs in as the demo police liaison and posts an alert targeting the East
// District Post Office, i.e. every branch under it (the demo branch operator's branch among them).
//   node examples/post-alert.mjs [http://localhost:4000]
import { graphql, login } from './client.mjs';

const base = process.argv[2] ?? 'http://localhost:4000';
const token = await login(base, 'liaison@postwatch.demo', 'postwatch-demo'); // demo account only
const { agencies } = await graphql(base, '{ agencies(sector: POSTAL, level: DISTRICT) { id code name } }', {}, token);
const district = agencies.find((agency) => agency.code === 'PPO-EAST');

const { postAlert } = await graphql(
  base,
  `mutation ($input: PostAlertInput!) {
    postAlert(input: $input) { identifier deliverySeq sent targets { name } }
  }`,
  {
    input: {
      targetIds: [district.id],
      headline: 'Parcel suspected to contain narcotics',
      description: 'Declared as dried tea; the sender used a false address twice this month.',
      instruction: 'Hold the item and call the provincial police duty officer.',
      urgency: 'IMMEDIATE',
      severity: 'SEVERE',
      certainty: 'LIKELY',
      suspicionReason: 'NARCOTICS',
      tlp: 'AMBER',
      shipment: { trackingNumber: 'RR123456785VN', declaredContents: 'Dried tea, 2 kg' },
    },
  },
  token,
);
console.log(JSON.stringify(postAlert, null, 2));
