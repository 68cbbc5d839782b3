import { registerEnumType } from 'type-graphql';

/**
 * What a branch did about an alert. A postal operator must stop a prohibited item and notify the
 * authorities (Law on Post 49/2010/QH12, Article 14); these are the steps of that duty.
 */
export enum AckOutcome {
  /** The branch has read the alert. */
  RECEIVED = 'RECEIVED',
  /** The item is found and held at the branch. */
  ITEM_HELD = 'ITEM_HELD',
  /** The item has been handed to the police. */
  HANDED_TO_POLICE = 'HANDED_TO_POLICE',
  /** The item is not at, and has not passed through, the branch. */
  NOT_FOUND = 'NOT_FOUND',
  /** The item was checked and released into the mail. */
  RELEASED = 'RELEASED',
}

registerEnumType(AckOutcome, {
  name: 'AckOutcome',
  description: 'What a branch did about an alert (Law on Post 49/2010/QH12, Article 14).',
  valuesConfig: {
    RECEIVED: { description: 'The branch has read the alert.' },
    ITEM_HELD: { description: 'The item is found and held at the branch.' },
    HANDED_TO_POLICE: { description: 'The item has been handed to the police.' },
    NOT_FOUND: { description: 'The item is not at, and has not passed through, the branch.' },
    RELEASED: { description: 'The item was checked and released into the mail.' },
  },
});
