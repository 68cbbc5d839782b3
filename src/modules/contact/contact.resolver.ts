import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Agency } from '../agency/agency.entity.js';
import { Contact } from './contact.entity.js';

@Resolver(() => Contact)
export class ContactResolver {
  @Authorized()
  @Query(() => [Contact], { description: 'Contacts of one agency (of all agencies when agencyId is absent), by name.' })
  contacts(
    @Ctx() { services }: Context,
    @Arg('agencyId', () => ID, { nullable: true }) agencyId?: string,
  ): Promise<Contact[]> {
    return services.contacts.list(agencyId);
  }

  @FieldResolver(() => Agency, { description: 'The agency the contact works at.' })
  agency(@Root() contact: Contact): Promise<Agency> {
    return contact.agency.loadOrFail();
  }
}
