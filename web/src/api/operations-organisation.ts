import { graphql, type ResultOf } from '../graphql.js';

/** The operations of the Organisation page: the agency tree, contacts per agency, and their administration. */

/** What the page shows of an agency (the tree and the selected agency's details). */
export const OrgAgencyFields = graphql(`
  fragment OrgAgencyFields on Agency {
    id
    name
    code
    sector
    level
    address
    archivedAt
    createdAt
    parent { id }
  }
`);

/** What the page shows of a contact (the table and the contact's editor). */
export const OrgContactFields = graphql(`
  fragment OrgContactFields on Contact {
    id
    fullName
    position
    role
    email
    phone
    active
    archivedAt
    createdAt
    agency { id }
  }
`);

export type OrgAgency = ResultOf<typeof OrgAgencyFields>;
export type OrgContact = ResultOf<typeof OrgContactFields>;

/** Every agency (archived ones too when asked), for the tree. */
export const OrganisationAgenciesQuery = graphql(
  `
  query OrganisationAgencies($includeArchived: Boolean!) {
    agencies(includeArchived: $includeArchived) { ...OrgAgencyFields }
  }
`,
  [OrgAgencyFields],
);

/** The contacts of one agency (archived ones too when asked). */
export const AgencyContactsQuery = graphql(
  `
  query AgencyContacts($agencyId: ID!, $includeArchived: Boolean!) {
    contacts(agencyId: $agencyId, includeArchived: $includeArchived) { ...OrgContactFields }
  }
`,
  [OrgContactFields],
);

export const CreateAgencyMutation = graphql(
  `
  mutation CreateAgency($input: CreateAgencyInput!) {
    createAgency(input: $input) { ...OrgAgencyFields }
  }
`,
  [OrgAgencyFields],
);

export const UpdateAgencyMutation = graphql(
  `
  mutation UpdateAgency($id: ID!, $input: UpdateAgencyInput!) {
    updateAgency(id: $id, input: $input) { ...OrgAgencyFields }
  }
`,
  [OrgAgencyFields],
);

export const ArchiveAgencyMutation = graphql(
  `
  mutation ArchiveAgency($id: ID!) {
    archiveAgency(id: $id) { ...OrgAgencyFields }
  }
`,
  [OrgAgencyFields],
);

export const CreateContactMutation = graphql(
  `
  mutation CreateContact($input: CreateContactInput!) {
    createContact(input: $input) { ...OrgContactFields }
  }
`,
  [OrgContactFields],
);

export const UpdateContactMutation = graphql(
  `
  mutation UpdateContact($id: ID!, $input: UpdateContactInput!) {
    updateContact(id: $id, input: $input) { ...OrgContactFields }
  }
`,
  [OrgContactFields],
);

export const ArchiveContactMutation = graphql(
  `
  mutation ArchiveContact($id: ID!) {
    archiveContact(id: $id) { ...OrgContactFields }
  }
`,
  [OrgContactFields],
);
