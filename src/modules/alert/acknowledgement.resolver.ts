import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Agency } from '../agency/agency.entity.js';
import { Contact } from '../contact/contact.entity.js';
import { Acknowledgement } from './acknowledgement.entity.js';
import { SecurityAlert } from './security-alert.entity.js';

@Resolver(() => Acknowledgement)
export class AcknowledgementResolver {
  @FieldResolver(() => SecurityAlert, { description: 'The alert version acknowledged.' })
  alert(@Root() acknowledgement: Acknowledgement): Promise<SecurityAlert> {
    return acknowledgement.alert.loadOrFail();
  }

  @FieldResolver(() => Agency, { description: 'The branch that acknowledged.' })
  branch(@Root() acknowledgement: Acknowledgement): Promise<Agency> {
    return acknowledgement.branch.loadOrFail();
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
