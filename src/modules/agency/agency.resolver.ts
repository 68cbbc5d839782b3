import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { loadedOr, batchingEm } from '../../platform/references.js';
import type { RequestContext } from '../../platform/request-context.js';
import type { AgencyService } from './agency.service.js';
import type { ContactService } from '../contact/contact.service.js';
import { ContactRole } from '../../platform/contact-role.js';
import { Contact } from '../contact/contact.entity.js';
import { Agency } from './agency.entity.js';
import { AgencyLevel, Sector } from './agency.enums.js';
import { CreateAgencyInput, UpdateAgencyInput } from './agency.inputs.js';

/** The request context these resolvers use: the agency and contact services. */
export type AgencyContext = RequestContext<{
  agencies: AgencyService;
  contacts: ContactService;
}>;

@Resolver(() => Agency)
export class AgencyResolver {
  @Authorized()
  @Query(() => [Agency], {
    description: 'Agencies matching every given filter, by name. The organisation chart is open to every signed-in contact.',
  })
  agencies(
    @Ctx() { services }: AgencyContext,
    @Arg('sector', () => Sector, { nullable: true }) sector?: Sector,
    @Arg('level', () => AgencyLevel, { nullable: true }) level?: AgencyLevel,
    @Arg('parentId', () => ID, { nullable: true, description: 'Only the direct children of this agency.' })
    parentId?: string,
    @Arg('includeArchived', () => Boolean, { defaultValue: false, description: 'Also list archived agencies.' })
    includeArchived?: boolean,
  ): Promise<Agency[]> {
    return services.agencies.list({ sector, level, parentId, includeArchived });
  }

  @Authorized()
  @Query(() => Agency, { description: 'One agency, archived or not. Errors: NOT_FOUND.' })
  agency(@Arg('id', () => ID) id: string, @Ctx() { services }: AgencyContext): Promise<Agency> {
    return services.agencies.get(id);
  }

  @Authorized(ContactRole.COORDINATOR)
  @Mutation(() => Agency, {
    description:
      'Creates an agency under one the coordinator administers (their own agency or one under it). COORDINATOR only. ' +
      'Errors: FORBIDDEN (outside what they administer), BAD_USER_INPUT (code in use, parent unknown or archived, ' +
      'another sector than the parent\'s, level above the parent\'s).',
  })
  createAgency(@Arg('input', () => CreateAgencyInput) input: CreateAgencyInput, @Ctx() { services }: AgencyContext): Promise<Agency> {
    return services.agencies.create(input);
  }

  @Authorized(ContactRole.COORDINATOR)
  @Mutation(() => Agency, {
    description:
      'Changes an agency the coordinator administers; a new parent (also administered by them) moves everything ' +
      'under it too; their own agency cannot move. COORDINATOR only. Errors: NOT_FOUND, FORBIDDEN, BAD_USER_INPUT ' +
      '(archived, code in use, a parent under the agency itself, of another sector or a level above the parent\'s).',
  })
  updateAgency(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateAgencyInput) input: UpdateAgencyInput,
    @Ctx() { services }: AgencyContext,
  ): Promise<Agency> {
    return services.agencies.update(id, input);
  }

  @Authorized(ContactRole.COORDINATOR)
  @Mutation(() => Agency, {
    description:
      'Archives an agency the coordinator administers (not their own): it leaves lists and can no longer be ' +
      'targeted; its history stays. COORDINATOR only. Errors: NOT_FOUND, FORBIDDEN, BAD_USER_INPUT while ' +
      'agencies or contacts under it are not archived.',
  })
  archiveAgency(@Arg('id', () => ID) id: string, @Ctx() { services }: AgencyContext): Promise<Agency> {
    return services.agencies.archive(id);
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'The unit above this one; null at the top.' })
  parent(@Root() agency: Agency, @Ctx() context: AgencyContext): Agency | Promise<Agency> | null {
    return agency.parent ? loadedOr(agency.parent, batchingEm(context)) : null;
  }

  @FieldResolver(() => [Agency], { description: 'The units directly under this one that are not archived, by name.' })
  children(@Root() agency: Agency, @Ctx() { services }: AgencyContext): Promise<Agency[]> {
    return services.agencies.children(agency.id);
  }

  @FieldResolver(() => [Contact], { description: 'Contacts of this agency that the viewer may see, by name.' })
  contacts(@Root() agency: Agency, @Ctx() { services }: AgencyContext): Promise<Contact[]> {
    return services.contacts.ofAgency(agency.id);
  }
}
