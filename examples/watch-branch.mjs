// Branch dashboard in a terminal: logs in as the demo branch operator and prints every alert delivered to
// their branch, as it arrives, over the graphql-ws protocol.
//   node examples/watch-branch.mjs [http://localhost:4000]
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { graphql, login } from './client.mjs';

const base = process.argv[2] ?? 'http://localhost:4000';
const token = await login(base, 'branch@postwatch.demo', 'postwatch-demo'); // demo account only
const { me } = await graphql(base, '{ me { fullName agency { id name } } }', {}, token);
console.log(`${me.fullName} watching ${me.agency.name} (branch id ${me.agency.id})`);

const client = createClient({
  url: `${base.replace(/^http/, 'ws')}/graphql`,
  webSocketImpl: WebSocket,
  connectionParams: { authorization: `Bearer ${token}` },
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
