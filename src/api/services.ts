import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { LiveFeeds, Signals } from '../platform/live.js';
import type { ViewerScope } from '../platform/viewer-scope.js';
import type { EventBus } from '../realtime/event-bus.js';
import { JointActivityService } from '../modules/activity/joint-activity.service.js';
import { JointHistoryService } from '../modules/history/history.service.js';
import { JointStatisticsService } from '../modules/history/statistics.service.js';
import { AgencyService } from '../modules/agency/agency.service.js';
import { AgreementService } from '../modules/agreement/agreement.service.js';
import { AcknowledgementService } from '../modules/alert/acknowledgement.service.js';
import { ShipmentCheckService } from '../modules/check/shipment-check.service.js';
import { AlertQueries } from '../modules/alert/alert-query.service.js';
import { AlertService } from '../modules/alert/alert.service.js';
import { AuditService } from '../modules/audit/audit.service.js';
import type { AuditTrail } from '../modules/audit/audit-trail.js';
import { AuthService } from '../modules/auth/auth.service.js';
import type { LoginThrottle } from '../modules/auth/login-throttle.js';
import type { Tokens } from '../modules/auth/token.js';
import { ContactService } from '../modules/contact/contact.service.js';

/** What lives as long as the server: configuration, ORM, bus, live feeds, token and audit services, logger. */
export interface AppDeps {
  config: AppConfig;
  orm: MikroORM;
  /** The bus: services signal through it (as `Signals`); WebSocket sessions follow account changes on it. */
  bus: EventBus;
  /** The delivery hub and thread feeds, for the subscription resolvers. */
  feeds: LiveFeeds;
  tokens: Tokens;
  loginThrottle: LoginThrottle;
  auditTrail: AuditTrail;
  logger: Logger;
}

/** Services bound to one request's EntityManager (and its per-request batch loaders). */
export interface Services {
  auth: AuthService;
  agencies: AgencyService;
  contacts: ContactService;
  agreements: AgreementService;
  activities: JointActivityService;
  history: JointHistoryService;
  statistics: JointStatisticsService;
  /** Reading alerts. */
  alerts: AlertQueries;
  /** Posting, updating and cancelling alerts. */
  alertLifecycle: AlertService;
  acknowledgements: AcknowledgementService;
  /** Counter checks of tracking numbers, and their sightings. */
  shipmentChecks: ShipmentCheckService;
  audit: AuditService;
  /** Live alert deliveries and acknowledgement feeds, for subscriptions. */
  feeds: LiveFeeds;
}

/** The login and token service over `em`; it signals account changes on the bus. */
export function createAuthService(em: EntityManager, deps: AppDeps): AuthService {
  return new AuthService(em, deps.tokens, deps.loginThrottle, deps.bus);
}

/**
 * Builds the services for one request or subscription over the EntityManager fork `em`; they read the viewer from
 * `scope`. Each service (with its batch loaders) is made when first used: a request or a subscription uses a few
 * of them.
 */
export function createServices(em: EntityManager, deps: AppDeps, scope: ViewerScope): Services {
  const signals: Signals = deps.bus;
  const made: Partial<Services> = {};
  const once = <K extends keyof Services>(name: K, make: () => Services[K]): Services[K] => (made[name] ??= make()) as Services[K];
  return {
    get auth() { return once('auth', () => createAuthService(em, deps)); },
    get agencies() { return once('agencies', () => new AgencyService(em, scope)); },
    get contacts() { return once('contacts', () => new ContactService(em, scope, signals)); },
    get agreements() { return once('agreements', () => new AgreementService(em, scope)); },
    get activities() { return once('activities', () => new JointActivityService(em, scope)); },
    get history() { return once('history', () => new JointHistoryService(em, scope)); },
    get statistics() { return once('statistics', () => new JointStatisticsService(em, scope)); },
    get alerts() { return once('alerts', () => new AlertQueries(em, scope, this.agencies)); },
    get alertLifecycle() { return once('alertLifecycle', () => new AlertService(em, scope, this.agencies, this.alerts, signals)); },
    get acknowledgements() { return once('acknowledgements', () => new AcknowledgementService(em, scope, this.alerts, signals)); },
    get shipmentChecks() { return once('shipmentChecks', () => new ShipmentCheckService(em, scope, this.alerts, signals)); },
    get audit() { return once('audit', () => new AuditService(em, scope)); },
    feeds: deps.feeds,
  };
}
