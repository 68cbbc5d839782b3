import { Field, ObjectType } from 'type-graphql';
import { SecurityAlert } from '../alert/security-alert.entity.js';

/** What `importCapAlert` answers: the alert message it produced and what of the document it did not carry over. */
@ObjectType({ description: 'An imported CAP alert: the alert message it produced, and what of the document was not imported.' })
export class CapImport {
  @Field(() => SecurityAlert, { description: 'The alert message the document produced (or produced when imported before).' })
  alert!: SecurityAlert;

  @Field(() => [String], {
    description:
      'What the document held that Postwatch did not import, in words: info blocks in other languages (their text is ' +
      'kept in the description), areas that name no Postwatch agency, parameters and event codes it does not read, ' +
      'a reason it does not know, a past expiry replaced. Empty when everything was imported.',
  })
  warnings!: string[];
}
