import { registerEnumType } from 'type-graphql';

/** What a contact may do in Postwatch (see README "Roles"). */
export enum ContactRole {
  /** Officer of a police unit: posts alerts for their police agency. */
  POLICE_LIAISON = 'POLICE_LIAISON',
  /** Staff of a post-office branch: their dashboard receives the branch's alerts. */
  BRANCH_OPERATOR = 'BRANCH_OPERATOR',
  /** Runs the agreement on either side: follows every branch's alerts and the agreements. */
  COORDINATOR = 'COORDINATOR',
  /** Inspector: reads everything, changes nothing. */
  AUDITOR = 'AUDITOR',
}

registerEnumType(ContactRole, {
  name: 'ContactRole',
  description: 'What a contact may do in Postwatch.',
  valuesConfig: {
    POLICE_LIAISON: { description: 'Officer of a police unit: posts alerts for their police agency.' },
    BRANCH_OPERATOR: { description: "Staff of a post-office branch: their dashboard receives the branch's alerts." },
    COORDINATOR: { description: "Runs the agreement on either side: follows every branch's alerts and the agreements." },
    AUDITOR: { description: 'Reads everything, changes nothing.' },
  },
});
