import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { AlertBus } from '../realtime/alert-bus.js';
import type { AlertSnapshots } from '../realtime/alert-snapshots.js';
import { AgencyService } from '../modules/agency/agency.service.js';
import { AgreementService } from '../modules/agreement/agreement.service.js';
import { AlertService } from '../modules/alert/alert.service.js';
import { AuthService } from '../modules/auth/auth.service.js';
import { ContactService } from '../modules/contact/contact.service.js';

/** What lives as long as the server: configuration, ORM, bus, logger. */
export interface AppDeps {
  config: AppConfig;
  orm: MikroORM;
  bus: AlertBus;
  snapshots: AlertSnapshots;
  logger: Logger;
}

/** Services bound to one request's EntityManager (and its per-request batch loaders). */
export interface Services {
  auth: AuthService;
  agencies: AgencyService;
  contacts: ContactService;
  agreements: AgreementService;
  alerts: AlertService;
  bus: AlertBus;
  snapshots: AlertSnapshots;
}

/** Builds the services for one request or subscription, over the EntityManager fork `em`. */
export function createServices(em: EntityManager, deps: AppDeps): Services {
  const agencies = new AgencyService(em);
  return {
    auth: new AuthService(em, { secret: deps.config.jwtSecret, ttlSeconds: deps.config.jwtTtlSeconds }),
    agencies,
    contacts: new ContactService(em),
    agreements: new AgreementService(em),
    alerts: new AlertService(em, agencies, deps.bus),
    bus: deps.bus,
    snapshots: deps.snapshots,
  };
}
