import { Arg, Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../platform/request-context.js';
import { AuditEntryConnection, type AuditService } from './audit.service.js';
import type { ContactService } from '../contact/contact.service.js';
import { ForwardPageArgs } from '../../platform/relay.js';
import { ContactRole } from '../../platform/contact-role.js';
import { Contact } from '../contact/contact.entity.js';
import { AuditEntry } from './audit-entry.entity.js';
import { AuditFilter } from './audit.inputs.js';

/** The request context these resolvers use: the audit and contact services. */
export type AuditContext = RequestContext<{
  audit: AuditService;
  contacts: ContactService;
}>;

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Authorized(ContactRole.AUDITOR, ContactRole.COORDINATOR)
  @Query(() => AuditEntryConnection, {
    description:
      'The audit trail, newest first, as a Relay connection. AUDITOR and COORDINATOR only; a coordinator does not ' +
      'see the entries about alerts they may not see.',
  })
  auditLog(
    @Ctx() { services }: AuditContext,
    @Args(() => ForwardPageArgs) { first, after }: ForwardPageArgs,
    @Arg('filter', () => AuditFilter, { nullable: true }) filter?: AuditFilter,
  ): Promise<AuditEntryConnection> {
    return services.audit.list(filter ?? {}, first, after);
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'Who did it; null when nobody was signed in.' })
  actor(@Root() entry: AuditEntry, @Ctx() { services }: AuditContext): Promise<Contact | null> | null {
    return entry.actor ? services.contacts.findVisible(entry.actor.id) : null;
  }
}
