import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { batchingEm } from '../../platform/references.js';
import type { RequestContext } from '../../platform/request-context.js';
import type { AlertService } from '../alert/alert.service.js';
import { ContactRole } from '../../platform/contact-role.js';
import { SecurityAlert } from '../alert/security-alert.entity.js';
import { CapImport } from './cap-import.type.js';
import { CapImportService, capXmlOf } from './cap.service.js';

/** OASIS CAP 1.2 exchange: each alert message as CAP XML, and CAP alerts imported as Postwatch alerts. */

/** The request context these resolvers use: the alert lifecycle service (imports post through it). */
export type CapContext = RequestContext<{
  alertLifecycle: AlertService;
}>;

@Resolver(() => SecurityAlert)
export class CapResolver {
  @FieldResolver(() => String, {
    description:
      'This alert message as an OASIS CAP 1.2 XML document (valid against the CAP 1.2 schema; the same as ' +
      '`GET /cap/alerts/<id>.xml`): sender `<issuer agency code>@postwatch.invalid`, times in province time ' +
      '(+07:00), `references` to the previous version for an update or cancellation, scope Restricted with the ' +
      'TLP label, `postwatch:` parameters for the TLP label, suspicion reason and shipment, and one area per ' +
      'target agency with a `postwatch:agencyCode` geocode.',
  })
  capXml(@Root() alert: SecurityAlert, @Ctx() context: CapContext): Promise<string> {
    return capXmlOf(alert, batchingEm(context));
  }

  @Authorized(ContactRole.POLICE_LIAISON)
  @Mutation(() => CapImport, {
    description:
      'Imports an OASIS CAP 1.2 alert (at most 256 KiB, no DOCTYPE, valid against the CAP 1.2 schema) for the ' +
      'signed-in liaison\'s police agency, under the rules of postAlert. msgType Alert posts a new alert (new ' +
      'identifier) to `targetIds`, or else to the agencies whose codes the areas\' `postwatch:agencyCode` geocodes ' +
      'carry; Update and Cancel are applied like updateAlert / cancelAlert when `references` names the current ' +
      'version of a Postwatch alert of the agency (as exported); Ack and Error are refused. Of several info blocks ' +
      'the Vietnamese one is imported, else the English one, else the first (the others\' text is kept in the ' +
      'description); a tracking number and a suspicion reason are read from parameters or event codes whose names ' +
      'say so. The same document imported again gives back the same message; another document under an identifier ' +
      'imported before is refused. POLICE_LIAISON only. Errors: BAD_USER_INPUT listing every problem of the ' +
      'document at once in `extensions.fields` (nothing is stored), NOT_FOUND, FORBIDDEN.',
  })
  importCapAlert(
    @Arg('xml', () => String, { description: 'The CAP 1.2 XML document, UTF-8.' }) xml: string,
    @Ctx() { em, scope, services }: CapContext,
    @Arg('targetIds', () => [ID], {
      nullable: true,
      description: 'Branches, or agencies meaning every branch under them, for a document whose areas name no Postwatch agency; they replace the areas\' codes.',
    })
    targetIds?: string[] | null,
    @Arg('expires', () => Date, { nullable: true, description: 'The expiry to use when the document has none or its own has passed.' })
    expires?: Date | null,
  ): Promise<CapImport> {
    return new CapImportService(em, scope, services.alertLifecycle).import(xml, { targetIds, expires });
  }
}
