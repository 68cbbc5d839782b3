import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { buildSchema, type PubSub } from 'type-graphql';
import { JointActivityResolver } from '../modules/activity/joint-activity.resolver.js';
import { JointHistoryResolver } from '../modules/history/history.resolver.js';
import { AgencyResolver } from '../modules/agency/agency.resolver.js';
import {
  AgreementPartyResolver, AgreementResolver, AgreementReviewResolver,
} from '../modules/agreement/agreement.resolver.js';
import { AcknowledgementResolver } from '../modules/alert/acknowledgement.resolver.js';
import { AgencyAlertsResolver } from '../modules/alert/agency-alerts.resolver.js';
import { AlertResolver } from '../modules/alert/alert.resolver.js';
import { AuditResolver } from '../modules/audit/audit.resolver.js';
import { AuthResolver } from '../modules/auth/auth.resolver.js';
import { CapResolver } from '../modules/cap/cap.resolver.js';
import { ContactResolver } from '../modules/contact/contact.resolver.js';
import { AlertSightingsResolver, ShipmentCheckResolver, ShipmentSightingResolver } from '../modules/check/shipment-check.resolver.js';
import { authChecker } from './auth-checker.js';

/** Every resolver class of the API. */
export const resolvers = [
  AuthResolver,
  AgencyResolver,
  AgencyAlertsResolver,
  ContactResolver,
  AgreementResolver,
  AgreementPartyResolver,
  AgreementReviewResolver,
  JointActivityResolver,
  JointHistoryResolver,
  AlertResolver,
  AcknowledgementResolver,
  ShipmentCheckResolver,
  ShipmentSightingResolver,
  AlertSightingsResolver,
  AuditResolver,
  CapResolver,
] as const;

/**
 * Builds the executable schema over the server's pub/sub (type-graphql requires one for subscriptions);
 * inputs are validated with class-validator.
 */
export function buildAppSchema(pubSub: PubSub): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    authChecker,
    authMode: 'error',
    pubSub,
    // Absent fields are skipped per field (@IsOptional, @IfGiven), so that an explicit null is still checked.
    validate: { forbidUnknownValues: false, skipMissingProperties: false },
  });
}

/** SDL of the schema, sorted so that it is stable; this is what `schema.graphql` holds. */
export async function schemaSdl(): Promise<string> {
  const schema = await buildAppSchema(createPubSub());
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
