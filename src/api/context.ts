import type { RequestContext } from '../platform/request-context.js';
import type { ActivityContext } from '../modules/activity/joint-activity.resolver.js';
import type { AgencyContext } from '../modules/agency/agency.resolver.js';
import type { AgreementContext } from '../modules/agreement/agreement.resolver.js';
import type { AcknowledgementContext } from '../modules/alert/acknowledgement.resolver.js';
import type { ShipmentCheckContext } from '../modules/check/shipment-check.resolver.js';
import type { AgencyAlertsContext } from '../modules/alert/agency-alerts.resolver.js';
import type { AlertContext } from '../modules/alert/alert.resolver.js';
import type { AuditContext } from '../modules/audit/audit.resolver.js';
import type { AuthContext } from '../modules/auth/auth.resolver.js';
import type { CapContext } from '../modules/cap/cap.resolver.js';
import type { ContactContext } from '../modules/contact/contact.resolver.js';
import type { HistoryContext } from '../modules/history/history.resolver.js';
import type { Services } from './services.js';

/** Where one subscription's messages go when they bypass graphql-ws's per-message serialisation. */
export interface DirectDelivery {
  /** The graphql-ws operation id. */
  operationId: string;
  /** Sends one text frame on the subscription's socket. */
  send(data: string): void;
}

/**
 * What every resolver receives (built by context-builder.ts): the request's EntityManager fork, the viewer's
 * scope and every service; over WebSocket also where the subscription's messages go.
 */
export interface Context extends RequestContext<Services> {
  /** Over WebSocket: where the subscription's messages can be sent without graphql-ws serialising each. */
  delivery?: DirectDelivery;
}

/** Fails the type check when the API's context no longer gives a module's resolvers what they name. */
type Fits<Whole, Part extends Whole> = Part;
export type ModuleContexts = Fits<
  ActivityContext & AgencyContext & AgencyAlertsContext & AgreementContext & AcknowledgementContext & AlertContext & AuditContext &
    AuthContext & CapContext & ContactContext & HistoryContext & ShipmentCheckContext,
  Context
>;
