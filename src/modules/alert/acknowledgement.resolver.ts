import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { loadedOr, batchingEm } from '../../graphql/references.js';
import type { Context } from '../../graphql/context.js';
import { Agency } from '../agency/agency.entity.js';
import { Contact } from '../contact/contact.entity.js';
import { Acknowledgement } from './acknowledgement.entity.js';
import { SecurityAlert } from './security-alert.entity.js';

@Resolver(() => Acknowledgement)
export class AcknowledgementResolver {
  @FieldResolver(() => SecurityAlert, { description: 'The alert version acknowledged.' })
  alert(@Root() acknowledgement: Acknowledgement, @Ctx() context: Context): SecurityAlert | Promise<SecurityAlert> {
    return loadedOr(acknowledgement.alert, batchingEm(context));
  }

  @FieldResolver(() => Agency, { description: 'The branch that acknowledged.' })
  branch(@Root() acknowledgement: Acknowledgement, @Ctx() context: Context): Agency | Promise<Agency> {
    return loadedOr(acknowledgement.branch, batchingEm(context));
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'Who acknowledged; null when the viewer may not see that contact.' })
  acknowledgedBy(@Root() acknowledgement: Acknowledgement, @Ctx() { services }: Context): Promise<Contact | null> {
    return services.contacts.findVisible(acknowledgement.acknowledgedBy.id);
  }

  @FieldResolver(() => [Acknowledgement], { description: "Every revision of this branch's acknowledgement of this version, oldest first." })
  history(@Root() acknowledgement: Acknowledgement, @Ctx() { services }: Context): Promise<Acknowledgement[]> {
    return services.acknowledgements.history(acknowledgement);
  }
}
