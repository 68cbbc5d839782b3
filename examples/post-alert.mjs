// Liaison tool in a terminal: logs in as the demo police liaison and posts an alert targeting the East
// District Post Office, i.e. every branch under it (the demo branch operator's branch among them).
//   node examples/post-alert.mjs [http://localhost:4000]
const base = process.argv[2] ?? 'http://localhost:4000';
const email = process.env.POSTWATCH_EMAIL ?? 'liaison@postwatch.demo';
const password = process.env.POSTWATCH_PASSWORD ?? 'postwatch-demo'; // demo account only

async function graphql(query, variables, token) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const result = await response.json();
  if (result.errors) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.data;
}

const { login } = await graphql(
  'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
  { email, password },
);
const { agencies } = await graphql('{ agencies(sector: POSTAL, level: DISTRICT) { id code name } }', {}, login.token);
const district = agencies.find((agency) => agency.code === 'PPO-EAST');

const { postAlert } = await graphql(
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
  login.token,
);
console.log(JSON.stringify(postAlert, null, 2));
