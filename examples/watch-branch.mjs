// Branch dashboard in a terminal: logs in as the demo branch operator and prints every alert delivered to
// their branch, as it arrives, over the graphql-ws protocol.
//   node examples/watch-branch.mjs [http://localhost:4000]
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const base = process.argv[2] ?? 'http://localhost:4000';
const email = process.env.POSTWATCH_EMAIL ?? 'branch@postwatch.demo';
const password = process.env.POSTWATCH_PASSWORD ?? 'postwatch-demo'; // demo account only

async function graphql(query, variables, token) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const result = await response.json();
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

const { login } = await graphql(
  'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
  { email, password },
);
const { me } = await graphql('{ me { fullName agency { id name } } }', {}, login.token);
console.log(`${me.fullName} watching ${me.agency.name} (branch id ${me.agency.id})`);

const client = createClient({
  url: `${base.replace(/^http/, 'ws')}/graphql`,
  webSocketImpl: WebSocket,
  connectionParams: { authorization: `Bearer ${login.token}` },
});
client.subscribe(
  {
    query: `subscription ($branchId: ID!) {
      alertPosted(branchId: $branchId) {
        identifier deliverySeq sent severity urgency headline instruction tlp
        shipment { trackingNumber declaredContents }
        issuerAgency { name }
      }
    }`,
    variables: { branchId: me.agency.id },
  },
  {
    next: ({ data, errors }) => console.log(JSON.stringify(errors ?? data.alertPosted, null, 2)),
    error: (error) => console.error('subscription ended:', error),
    complete: () => console.log('subscription complete'),
  },
);
