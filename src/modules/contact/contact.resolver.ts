import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../platform/request-context.js';
import type { ContactService } from './contact.service.js';
import { loadedOr, batchingEm } from '../../platform/references.js';
import { Agency } from '../agency/agency.entity.js';
import { ContactRole } from '../../platform/contact-role.js';
import { Contact } from './contact.entity.js';
import { CreateContactInput, UpdateContactInput } from './contact.inputs.js';

/** The request context these resolvers use: the contact service. */
export type ContactContext = RequestContext<{
  contacts: ContactService;
}>;

@Resolver(() => Contact)
export class ContactResolver {
  @Authorized()
  @Query(() => [Contact], {
    description:
      'Contacts of one agency (of all agencies when agencyId is absent), by name, as far as the viewer may see ' +
      'them: a branch operator sees their own branch and the liaisons who posted alerts to them.',
  })
  contacts(
    @Ctx() { services }: ContactContext,
    @Arg('agencyId', () => ID, { nullable: true }) agencyId?: string,
    @Arg('includeArchived', () => Boolean, { defaultValue: false, description: 'Also list archived contacts.' })
    includeArchived?: boolean,
  ): Promise<Contact[]> {
    return services.contacts.list(agencyId, includeArchived);
  }

  @Authorized()
  @Query(() => Contact, { description: 'One contact. Errors: NOT_FOUND when it does not exist or is not visible.' })
  contact(@Arg('id', () => ID) id: string, @Ctx() { services }: ContactContext): Promise<Contact> {
    return services.contacts.get(id);
  }

  @Authorized(ContactRole.COORDINATOR)
  @Mutation(() => Contact, {
    description:
      'Creates a contact at an agency the coordinator administers; with a role (not AUDITOR), an e-mail and a ' +
      'password the contact can sign in. COORDINATOR only. Errors: FORBIDDEN, BAD_USER_INPUT (agency unknown or ' +
      'archived, e-mail in use, role that does not fit the agency).',
  })
  createContact(@Arg('input', () => CreateContactInput) input: CreateContactInput, @Ctx() { services }: ContactContext): Promise<Contact> {
    return services.contacts.create(input);
  }

  @Authorized(ContactRole.COORDINATOR)
  @Mutation(() => Contact, {
    description:
      'Changes a contact the coordinator administers; changing the role, agency, e-mail, password or active flag ' +
      'ends their sessions (earlier tokens stop working). COORDINATOR only. Errors: NOT_FOUND, FORBIDDEN (outside ' +
      'what they administer, an auditor), BAD_USER_INPUT (as createContact; archived; own role, agency, e-mail, password (changePassword) or account).',
  })
  updateContact(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateContactInput) input: UpdateContactInput,
    @Ctx() { services }: ContactContext,
  ): Promise<Contact> {
    return services.contacts.update(id, input);
  }

  @Authorized(ContactRole.COORDINATOR)
  @Mutation(() => Contact, {
    description:
      'Archives a contact the coordinator administers: disabled at once, left out of lists. COORDINATOR only. ' +
      'Errors: NOT_FOUND, FORBIDDEN (outside what they administer, an auditor), BAD_USER_INPUT (own account).',
  })
  archiveContact(@Arg('id', () => ID) id: string, @Ctx() { services }: ContactContext): Promise<Contact> {
    return services.contacts.archive(id);
  }

  @FieldResolver(() => Agency, { description: 'The agency the contact works at.' })
  agency(@Root() contact: Contact, @Ctx() context: ContactContext): Agency | Promise<Agency> {
    return loadedOr(contact.agency, batchingEm(context));
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Telephone number; null when unknown or when the viewer may not read it.',
  })
  phone(@Root() contact: Contact, @Ctx() { services }: ContactContext): Promise<string | null> {
    return services.contacts.revealed(contact, 'phone');
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'E-mail address (the login name), lower case; null when unknown or when the viewer may not read it.',
  })
  email(@Root() contact: Contact, @Ctx() { services }: ContactContext): Promise<string | null> {
    return services.contacts.revealed(contact, 'email');
  }
}
