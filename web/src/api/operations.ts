import { graphql, type ResultOf } from '../graphql.js';

/** Every GraphQL operation the web app sends (the limits test sends each of them to the server). */

export const AckFields = graphql(`
  fragment AckFields on Acknowledgement {
    id
    deliverySeq
    outcome
    note
    at
    revision
    branch { id name }
    acknowledgedBy { id fullName }
  }
`);

export const AlertFields = graphql(
  `
  fragment AlertFields on SecurityAlert {
    id
    threadId
    identifier
    deliverySeq
    msgType
    status
    active
    sent
    expires
    urgency
    severity
    certainty
    tlp
    headline
    description
    instruction
    suspicionReason
    shipment { trackingNumber declaredContents origin destination senderDescription recipientDescription }
    issuerAgency { id name }
    issuer { id fullName }
    references { id }
    acknowledgements { ...AckFields }
  }
`,
  [AckFields],
);

export type Alert = ResultOf<typeof AlertFields>;
export type Ack = ResultOf<typeof AckFields>;
export type LoginResult = ResultOf<typeof LoginMutation>;

/** What a sign-in gives the app: the token, its expiry and the signed-in contact (login, changePassword). */
export const AuthPayloadFields = graphql(`
  fragment AuthPayloadFields on AuthPayload {
    token
    expiresAt
    contact { id fullName email role agency { id name level sector } }
  }
`);

export const LoginMutation = graphql(
  `
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) { ...AuthPayloadFields }
  }
`,
  [AuthPayloadFields],
);

export const MeQuery = graphql(`
  query Me {
    me { id fullName email role agency { id name level sector } }
  }
`);

export const BranchesQuery = graphql(`
  query Branches {
    agencies(sector: POSTAL, level: BRANCH) { id name code parent { id name } }
  }
`);

export const BranchFeedQuery = graphql(
  `
  query BranchFeed($branchId: ID!, $first: Int!) {
    alerts(first: $first, filter: { branchId: $branchId }) {
      totalCount
      edges { node { ...AlertFields } }
    }
  }
`,
  [AlertFields],
);

export const BranchActiveQuery = graphql(
  `
  query BranchActive($branchId: ID!, $first: Int!, $after: String) {
    alerts(first: $first, after: $after, filter: { branchId: $branchId, activeOnly: true }) {
      edges { node { ...AlertFields } }
      pageInfo { hasNextPage endCursor }
    }
  }
`,
  [AlertFields],
);

export const AlertPostedSubscription = graphql(
  `
  subscription AlertPosted($branchId: ID!, $after: String) {
    alertPosted(branchId: $branchId, after: $after) { ...AlertFields }
  }
`,
  [AlertFields],
);

export const AcknowledgeMutation = graphql(
  `
  mutation Acknowledge($alertId: ID!, $outcome: AckOutcome!, $note: String) {
    acknowledgeAlert(alertId: $alertId, outcome: $outcome, note: $note) { ...AckFields }
  }
`,
  [AckFields],
);

export const AgencyTreeQuery = graphql(`
  query AgencyTree {
    agencies(sector: POSTAL) { id name code level parent { id } }
  }
`);

export const AgreementsQuery = graphql(`
  query ActiveAgreements {
    agreements(status: ACTIVE) { id code title }
  }
`);

export const PostAlertMutation = graphql(
  `
  mutation PostAlert($input: PostAlertInput!) {
    postAlert(input: $input) { ...AlertFields }
  }
`,
  [AlertFields],
);

export const UpdateAlertMutation = graphql(
  `
  mutation UpdateAlert($id: ID!, $input: UpdateAlertInput!) {
    updateAlert(id: $id, input: $input) { ...AlertFields }
  }
`,
  [AlertFields],
);

export const CancelAlertMutation = graphql(
  `
  mutation CancelAlert($id: ID!, $reason: String!) {
    cancelAlert(id: $id, reason: $reason) { ...AlertFields }
  }
`,
  [AlertFields],
);

export const AgencyAlertsQuery = graphql(`
  query AgencyAlerts($agencyId: ID!, $first: Int!, $after: String) {
    alerts(first: $first, after: $after, filter: { issuerAgencyId: $agencyId }) {
      totalCount
      edges {
        node {
          id identifier deliverySeq msgType status active sent urgency severity certainty tlp headline
          shipment { trackingNumber }
          supersededBy { id }
          pendingBranches { id }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const SightingFields = graphql(`
  fragment SightingFields on ShipmentSighting {
    id
    deliverySeq
    method
    sightedAt
    branch { id name }
    contact { id fullName }
  }
`);

export type Sighting = ResultOf<typeof SightingFields>;

export const AlertBoardQuery = graphql(
  `
  query AlertBoard($id: ID!) {
    alert(id: $id) {
      ...AlertFields
      supersededBy { id }
      targets { id name }
      pendingBranches { id name }
      sightings { ...SightingFields }
    }
  }
`,
  [AlertFields, SightingFields],
);

export const AlertSightedSubscription = graphql(
  `
  subscription AlertSighted($alertId: ID!, $after: String) {
    alertSighted(alertId: $alertId, after: $after) { ...SightingFields }
  }
`,
  [SightingFields],
);

export const ShipmentCheckMutation = graphql(
  `
  mutation ShipmentCheck($trackingNumber: String!, $branchId: ID, $method: SightingMethod) {
    shipmentCheck(trackingNumber: $trackingNumber, branchId: $branchId, method: $method) {
      trackingNumber
      checkedAt
      matches { ...AlertFields }
    }
  }
`,
  [AlertFields],
);

export const AlertAcknowledgedSubscription = graphql(
  `
  subscription AlertAcknowledged($alertId: ID!) {
    alertAcknowledged(alertId: $alertId) { ...AckFields alert { id } }
  }
`,
  [AckFields],
);

export const ChangePasswordMutation = graphql(
  `
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) { ...AuthPayloadFields }
  }
`,
  [AuthPayloadFields],
);

export const AckHistoryQuery = graphql(
  `
  query AckHistory($id: ID!) {
    alert(id: $id) { id acknowledgements { ...AckFields history { ...AckFields } } }
  }
`,
  [AckFields],
);

export const JointHistoryQuery = graphql(`
  query JointHistory($filter: JointHistoryFilter, $first: Int!, $after: String) {
    jointHistory(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          kind
          occurredAt
          occurredOn
          subject {
            __typename
            ... on Agreement { id code title status }
            ... on AgreementReview { id title heldOn findings agreement { id code title } }
            ... on JointActivity {
              id
              kind
              title
              startedOn
              endedOn
              participantCount
              documentsDelivered { documentType count }
              agencies { id name }
            }
            ... on SecurityAlert { id identifier headline severity msgType issuerAgency { id name } shipment { trackingNumber } }
          }
        }
      }
    }
  }
`);

export const HistoryChoicesQuery = graphql(`
  query HistoryChoices {
    agencies { id name code level }
    agreements { id code title }
  }
`);

export type HistoryEntry = ResultOf<typeof JointHistoryQuery>['jointHistory']['edges'][number]['node'];

/** One joint activity, for its page (linked from the joint history). */
export const JointActivityQuery = graphql(`
  query JointActivity($activityId: ID!) {
    jointActivity(id: $activityId) {
      id
      kind
      title
      description
      startedOn
      endedOn
      participantCount
      recordedAt
      documentsDelivered { documentType count }
      agencies { id code name }
      agreement { id code title }
    }
  }
`);
