import { registerEnumType } from 'type-graphql';

/** Lifecycle of a coordination agreement: DRAFT → ACTIVE → SUPERSEDED | TERMINATED. */
export enum AgreementStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  SUPERSEDED = 'SUPERSEDED',
  TERMINATED = 'TERMINATED',
}

/** Areas a coordination regulation covers (from the scope of Regulation 290 and its successor). */
export enum ScopeArea {
  INTERNAL_SECURITY = 'INTERNAL_SECURITY',
  NETWORK_SAFETY = 'NETWORK_SAFETY',
  INFORMATION_SECURITY = 'INFORMATION_SECURITY',
  STATE_SECRETS = 'STATE_SECRETS',
  PUBLIC_ORDER = 'PUBLIC_ORDER',
  PUBLIC_ADMINISTRATION_DELIVERY = 'PUBLIC_ADMINISTRATION_DELIVERY',
  TRAINING = 'TRAINING',
}

registerEnumType(AgreementStatus, {
  name: 'AgreementStatus',
  description: 'Lifecycle of a coordination agreement: DRAFT → ACTIVE → SUPERSEDED | TERMINATED.',
});
registerEnumType(ScopeArea, { name: 'ScopeArea', description: 'An area a coordination agreement covers.' });
