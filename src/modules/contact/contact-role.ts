import { registerEnumType } from 'type-graphql';

/** What a contact may do in Postwatch (see README "Roles"). */
export enum ContactRole {
  /** Officer of a police unit: posts, updates and cancels alerts. */
  POLICE_LIAISON = 'POLICE_LIAISON',
  /** Staff of a post-office branch: the dashboard subscribes to the branch's alerts and acknowledges them. */
  BRANCH_OPERATOR = 'BRANCH_OPERATOR',
  /** Runs the agreement on either side: manages agencies, contacts, agreements and joint activities. */
  COORDINATOR = 'COORDINATOR',
  /** Inspector: reads everything, changes nothing. */
  AUDITOR = 'AUDITOR',
}

registerEnumType(ContactRole, {
  name: 'ContactRole',
  description: 'What a contact may do in Postwatch.',
  valuesConfig: {
    POLICE_LIAISON: { description: 'Officer of a police unit: posts, updates and cancels alerts.' },
    BRANCH_OPERATOR: { description: "Staff of a post-office branch: receives and acknowledges the branch's alerts." },
    COORDINATOR: { description: 'Manages agencies, contacts, agreements and joint activities.' },
    AUDITOR: { description: 'Reads everything, changes nothing.' },
  },
});
