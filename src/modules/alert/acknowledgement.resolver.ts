import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { loadedOr, batchingEm } from '../../platform/references.js';
import type { RequestContext } from '../../platform/request-context.js';
import type { AcknowledgementService } from './acknowledgement.service.js';
import type { ContactService } from '../contact/contact.service.js';
import { Agency } from '../agency/agency.entity.js';
import { Contact } from '../contact/contact.entity.js';
import { Acknowledgement } from './acknowledgement.entity.js';
import { SecurityAlert } from './security-alert.entity.js';

/** The request context these resolvers use: the acknowledgement and contact services. */
export type AcknowledgementContext = RequestContext<{
  acknowledgements: AcknowledgementService;
  contacts: ContactService;
}>;

@Resolver(() => Acknowledgement)
export class AcknowledgementResolver {
  @FieldResolver(() => SecurityAlert, { description: 'The alert version acknowledged.' })
  alert(@Root() acknowledgement: Acknowledgement, @Ctx() context: AcknowledgementContext): SecurityAlert | Promise<SecurityAlert> {
    return loadedOr(acknowledgement.alert, batchingEm(context));
  }

  @FieldResolver(() => Agency, { description: 'The branch that acknowledged.' })
  branch(@Root() acknowledgement: Acknowledgement, @Ctx() context: AcknowledgementContext): Agency | Promise<Agency> {
    return loadedOr(acknowledgement.branch, batchingEm(context));
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'Who acknowledged; null when the viewer may not see that contact.' })
  acknowledgedBy(@Root() acknowledgement: Acknowledgement, @Ctx() { services }: AcknowledgementContext): Promise<Contact | null> {
    return services.contacts.findVisible(acknowledgement.acknowledgedBy.id);
  }

  @FieldResolver(() => [Acknowledgement], { description: "Every revision of this branch's acknowledgement of this version, oldest first." })
  history(@Root() acknowledgement: Acknowledgement, @Ctx() { services }: AcknowledgementContext): Promise<Acknowledgement[]> {
    return services.acknowledgements.history(acknowledgement);
  }
}
