import { Agency } from '../modules/agency/agency.entity.js';
import { JointActivity } from '../modules/activity/joint-activity.entity.js';
import { AgreementParty } from '../modules/agreement/agreement-party.entity.js';
import { AgreementReview } from '../modules/agreement/agreement-review.entity.js';
import { Agreement } from '../modules/agreement/agreement.entity.js';
import { Acknowledgement } from '../modules/alert/acknowledgement.entity.js';
import { ShipmentSighting } from '../modules/check/shipment-sighting.entity.js';
import { AlertIdentifierCounter } from '../modules/alert/alert-identifier-counter.entity.js';
import { AlertRecipient } from '../modules/alert/alert-recipient.entity.js';
import { DeliveryCounter } from '../modules/alert/delivery-counter.entity.js';
import { SecurityAlert } from '../modules/alert/security-alert.entity.js';
import { SuspiciousShipment } from '../modules/alert/suspicious-shipment.embeddable.js';
import { Contact } from '../modules/contact/contact.entity.js';
import { LoginThrottleRow } from '../modules/auth/login-throttle.entity.js';
import { AuditEntry } from '../modules/audit/audit-entry.entity.js';

/** Every entity and embeddable of the model, listed explicitly (no folder discovery). */
export const entities = [
  Agency,
  Contact,
  Agreement,
  AgreementParty,
  AgreementReview,
  JointActivity,
  SecurityAlert,
  SuspiciousShipment,
  AlertRecipient,
  DeliveryCounter,
  AlertIdentifierCounter,
  LoginThrottleRow,
  AuditEntry,
  Acknowledgement,
  ShipmentSighting,
];
