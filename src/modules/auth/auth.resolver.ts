import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Contact } from '../contact/contact.entity.js';
import { AuthPayload } from './auth.types.js';

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, {
    description: 'Exchanges an e-mail and password for a token. Errors: UNAUTHENTICATED (same message whether or not ' +
      'the account exists), BAD_USER_INPUT for empty arguments.',
  })
  login(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Ctx() { services }: Context,
  ): Promise<AuthPayload> {
    return services.auth.login(email, password);
  }

  @Authorized()
  @Query(() => Contact, { description: 'The signed-in contact.' })
  me(@Ctx() { services, viewer }: Context): Promise<Contact> {
    return services.contacts.get(viewer!.contactId);
  }
}
