import { graphql, type ResultOf } from '../graphql.js';

/**
 * The operations of the Agreements page (`/agreements` and `/agreements/<id>`): the list, one agreement with its
 * parties, chain and reviews, the agencies and contacts to choose parties and signatories from, and the
 * coordinators' changes (draft, edit, sign, supersede, terminate, review, archive).
 */

/** Agreements as listed, one status or all, archived ones on request; newest signature first (the API's order). */
export const AgreementListQuery = graphql(`
  query AgreementList($status: AgreementStatus, $includeArchived: Boolean!) {
    agreements(status: $status, includeArchived: $includeArchived) {
      id
      code
      title
      status
      signedOn
      effectiveOn
      expiresOn
      endedOn
      archivedAt
      parties { id agency { id name code } }
    }
  }
`);

/**
 * Every agreement the viewer may see, archived too, with its links: enough to walk a chain of successions both
 * ways and to offer the agreements one may replace or be replaced by.
 */
export const AgreementLinksQuery = graphql(`
  query AgreementLinks {
    agreements(includeArchived: true) {
      id
      code
      title
      status
      signedOn
      effectiveOn
      archivedAt
      supersedes { id }
      supersededBy { id }
    }
  }
`);

export const AgreementDetailFields = graphql(`
  fragment AgreementDetailFields on Agreement {
    id
    code
    title
    status
    scopeAreas
    signedOn
    effectiveOn
    expiresOn
    endedOn
    terminationReason
    archivedAt
    createdAt
    parties {
      id
      agency { id name code sector }
      signatory { id fullName position }
      signatoryPosition
    }
    supersedes { id code title status }
    supersededBy { id code title status }
    reviews {
      id
      title
      heldOn
      venue
      findings
      attendingAgencies { id name code }
    }
  }
`);

/** One agreement with everything the detail shows. */
export const AgreementDetailQuery = graphql(
  `
  query AgreementDetail($agreementId: ID!) {
    agreement(id: $agreementId) { ...AgreementDetailFields }
  }
`,
  [AgreementDetailFields],
);

/** The agencies to choose parties and attendees from, with their parent (to know which ones a coordinator administers). */
export const AgreementAgenciesQuery = graphql(`
  query AgreementAgencies {
    agencies { id name code sector level parent { id } }
  }
`);

/** The contacts of one agency: who may sign for it. */
export const AgencySignatoriesQuery = graphql(`
  query AgencySignatories($agencyId: ID!) {
    contacts(agencyId: $agencyId) { id fullName position agency { id } }
  }
`);

export const CreateAgreementMutation = graphql(`
  mutation CreateAgreement($input: CreateAgreementInput!) {
    createAgreement(input: $input) { id code status }
  }
`);

export const UpdateAgreementMutation = graphql(
  `
  mutation UpdateAgreement($id: ID!, $input: UpdateAgreementInput!) {
    updateAgreement(id: $id, input: $input) { ...AgreementDetailFields }
  }
`,
  [AgreementDetailFields],
);

export const SignAgreementMutation = graphql(
  `
  mutation SignAgreement($id: ID!, $input: SignAgreementInput!) {
    signAgreement(id: $id, input: $input) { ...AgreementDetailFields }
  }
`,
  [AgreementDetailFields],
);

/** `newId` replaces the ACTIVE `oldId`; the answer is the new agreement. */
export const SupersedeAgreementMutation = graphql(`
  mutation SupersedeAgreement($newId: ID!, $oldId: ID!) {
    supersedeAgreement(newId: $newId, oldId: $oldId) {
      id
      status
      signedOn
      effectiveOn
      supersedes { id status endedOn }
    }
  }
`);

export const TerminateAgreementMutation = graphql(
  `
  mutation TerminateAgreement($id: ID!, $input: TerminateAgreementInput!) {
    terminateAgreement(id: $id, input: $input) { ...AgreementDetailFields }
  }
`,
  [AgreementDetailFields],
);

export const RecordAgreementReviewMutation = graphql(`
  mutation RecordAgreementReview($id: ID!, $input: AgreementReviewInput!) {
    recordAgreementReview(agreementId: $id, input: $input) { id title heldOn }
  }
`);

export const ArchiveAgreementMutation = graphql(`
  mutation ArchiveAgreement($id: ID!) {
    archiveAgreement(id: $id) { id status archivedAt }
  }
`);

export type AgreementRow = ResultOf<typeof AgreementListQuery>['agreements'][number];
export type AgreementLink = ResultOf<typeof AgreementLinksQuery>['agreements'][number];
export type AgreementDetail = ResultOf<typeof AgreementDetailFields>;
export type AgreementAgency = ResultOf<typeof AgreementAgenciesQuery>['agencies'][number];
export type ScopeArea = AgreementDetail['scopeAreas'][number];
export type AgreementStatus = AgreementDetail['status'];
