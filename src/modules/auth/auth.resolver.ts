import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { requireViewer } from '../../platform/viewer-scope.js';
import type { RequestContext } from '../../platform/request-context.js';
import type { AuthService } from './auth.service.js';
import type { ContactService } from '../contact/contact.service.js';
import { Contact } from '../contact/contact.entity.js';
import { AuthPayload } from './auth.types.js';
import { ChangePasswordArgs } from './auth.inputs.js';

/** The request context these resolvers use: the auth and contact services. */
export type AuthContext = RequestContext<{
  auth: AuthService;
  contacts: ContactService;
}>;

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, {
    description: 'Exchanges an e-mail and password for a token. Errors: UNAUTHENTICATED (same message whether or not ' +
      'the account exists), BAD_USER_INPUT for empty arguments.',
  })
  async login(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Ctx() context: AuthContext,
  ): Promise<AuthPayload> {
    const result = await context.services.auth.login(email, password, context.clientAddress ?? 'unknown');
    // The rest of this operation (e.g. `contact { email }`) is resolved as the contact who just signed in.
    context.scope.viewer = result.viewer;
    context.scope.authError = undefined;
    return result;
  }

  @Authorized()
  @Mutation(() => AuthPayload, {
    description:
      'Changes the signed-in contact\'s own password (any role) and returns a new token: every earlier token of the ' +
      'account stops working and its open WebSockets close with 4401. A wrong current password counts as a failed ' +
      'login (same per-account and per-address limits). Errors: UNAUTHENTICATED, BAD_USER_INPUT (currentPassword ' +
      'wrong or empty; newPassword too short, too long or the current one), TOO_MANY_REQUESTS (retryAfterSeconds).',
  })
  async changePassword(
    @Args(() => ChangePasswordArgs) { currentPassword, newPassword }: ChangePasswordArgs,
    @Ctx() context: AuthContext,
  ): Promise<AuthPayload> {
    const viewer = requireViewer(context.scope);
    const result = await context.services.auth.changePassword(viewer, currentPassword, newPassword, context.clientAddress ?? 'unknown');
    // The rest of this operation is resolved with the new credentials, as after `login`.
    context.scope.viewer = result.viewer;
    return result;
  }

  @Authorized()
  @Query(() => Contact, { description: 'The signed-in contact.' })
  me(@Ctx() { services }: AuthContext): Promise<Contact> {
    return services.contacts.own();
  }
}
