import { IsNotEmpty, MinLength } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { HasVisibleText, MaxChars, WellFormedText } from '../../platform/validators.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../contact/contact.inputs.js';

/**
 * Arguments of `changePassword`. The new password meets the rules of a password a coordinator sets
 * (`CreateContactInput.password`); both are checked before any attempt is counted against the login limits.
 */
@ArgsType()
export class ChangePasswordArgs {
  @Field({ description: 'The password the account signs in with now.' })
  @IsNotEmpty({ message: 'must not be empty' })
  currentPassword!: string;

  @Field({ description: `The new password: ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters, not the current one.` })
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxChars(MAX_PASSWORD_LENGTH)
  @HasVisibleText({ message: 'must hold a visible character' })
  @WellFormedText()
  newPassword!: string;
}
