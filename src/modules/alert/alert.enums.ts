import { registerEnumType } from 'type-graphql';

/** CAP 1.2 `msgType`; Postwatch uses Alert, Update and Cancel. */
export enum MsgType {
  ALERT = 'ALERT',
  UPDATE = 'UPDATE',
  CANCEL = 'CANCEL',
}

/** CAP 1.2 `status`: the handling code of the message. */
export enum AlertStatus {
  ACTUAL = 'ACTUAL',
  EXERCISE = 'EXERCISE',
  SYSTEM = 'SYSTEM',
  TEST = 'TEST',
  DRAFT = 'DRAFT',
}

/** CAP 1.2 `category`; warnings about shipments are SECURITY. */
export enum AlertCategory {
  GEO = 'GEO',
  MET = 'MET',
  SAFETY = 'SAFETY',
  SECURITY = 'SECURITY',
  RESCUE = 'RESCUE',
  FIRE = 'FIRE',
  HEALTH = 'HEALTH',
  ENV = 'ENV',
  TRANSPORT = 'TRANSPORT',
  INFRA = 'INFRA',
  CBRNE = 'CBRNE',
  OTHER = 'OTHER',
}

/** CAP 1.2 `urgency`: how soon responsive action should be taken. */
export enum Urgency {
  IMMEDIATE = 'IMMEDIATE',
  EXPECTED = 'EXPECTED',
  FUTURE = 'FUTURE',
  PAST = 'PAST',
  UNKNOWN = 'UNKNOWN',
}

/** CAP 1.2 `severity`: how bad the threat is. */
export enum Severity {
  EXTREME = 'EXTREME',
  SEVERE = 'SEVERE',
  MODERATE = 'MODERATE',
  MINOR = 'MINOR',
  UNKNOWN = 'UNKNOWN',
}

/** CAP 1.2 `certainty`: how sure the sender is. */
export enum Certainty {
  OBSERVED = 'OBSERVED',
  LIKELY = 'LIKELY',
  POSSIBLE = 'POSSIBLE',
  UNLIKELY = 'UNLIKELY',
  UNKNOWN = 'UNKNOWN',
}

/** FIRST Traffic Light Protocol 2.0 label: who may receive the information. */
export enum TlpLabel {
  RED = 'RED',
  AMBER_STRICT = 'AMBER_STRICT',
  AMBER = 'AMBER',
  GREEN = 'GREEN',
  CLEAR = 'CLEAR',
}

/**
 * Why a shipment is suspicious: the items a postal operator may not carry under Article 12 of
 * Vietnam's Law on Post (49/2010/QH12), plus consolidated parcels and other.
 */
export enum SuspicionReason {
  NARCOTICS = 'NARCOTICS',
  WEAPONS = 'WEAPONS',
  SUBVERSIVE_MATERIAL = 'SUBVERSIVE_MATERIAL',
  HAZARDOUS_SUBSTANCES = 'HAZARDOUS_SUBSTANCES',
  BANNED_GOODS = 'BANNED_GOODS',
  LIVE_ORGANISMS = 'LIVE_ORGANISMS',
  CASH_AND_VALUABLE_PAPERS = 'CASH_AND_VALUABLE_PAPERS',
  PRECIOUS_METALS_AND_STONES = 'PRECIOUS_METALS_AND_STONES',
  STATE_SECRETS = 'STATE_SECRETS',
  CONSOLIDATED_PARCEL = 'CONSOLIDATED_PARCEL',
  OTHER = 'OTHER',
}

registerEnumType(MsgType, { name: 'MsgType', description: 'CAP 1.2 msgType.' });
registerEnumType(AlertStatus, { name: 'AlertStatus', description: 'CAP 1.2 status: the handling code of the message.' });
registerEnumType(AlertCategory, { name: 'AlertCategory', description: 'CAP 1.2 category.' });
registerEnumType(Urgency, { name: 'Urgency', description: 'CAP 1.2 urgency: how soon action should be taken.' });
registerEnumType(Severity, { name: 'Severity', description: 'CAP 1.2 severity: how bad the threat is.' });
registerEnumType(Certainty, { name: 'Certainty', description: 'CAP 1.2 certainty: how sure the sender is.' });
registerEnumType(TlpLabel, {
  name: 'TlpLabel',
  description: 'FIRST TLP 2.0 sensitivity label.',
  valuesConfig: {
    RED: { description: 'TLP:RED: named recipients only.' },
    AMBER_STRICT: { description: "TLP:AMBER+STRICT: the recipient's organisation only." },
    AMBER: { description: 'TLP:AMBER: the organisation and its clients, on a need-to-know basis.' },
    GREEN: { description: 'TLP:GREEN: the community, not public.' },
    CLEAR: { description: 'TLP:CLEAR: no limit on disclosure.' },
  },
});
registerEnumType(SuspicionReason, {
  name: 'SuspicionReason',
  description: "Why a shipment is suspicious (Law on Post 49/2010/QH12, Article 12 prohibited items).",
  valuesConfig: {
    NARCOTICS: { description: 'Narcotics and precursors.' },
    WEAPONS: { description: 'Weapons, ammunition, military equipment.' },
    SUBVERSIVE_MATERIAL: { description: 'Reactionary or depraved publications, material opposing the State.' },
    HAZARDOUS_SUBSTANCES: { description: 'Explosive, flammable, toxic or otherwise hazardous substances.' },
    BANNED_GOODS: { description: 'Goods banned from circulation.' },
    LIVE_ORGANISMS: { description: 'Live animals, plants or organisms.' },
    CASH_AND_VALUABLE_PAPERS: { description: 'Cash, cheques and valuable papers.' },
    PRECIOUS_METALS_AND_STONES: { description: 'Precious metals and stones.' },
    STATE_SECRETS: { description: 'Documents or objects containing state secrets.' },
    CONSOLIDATED_PARCEL: { description: 'A parcel consolidating items for several addressees.' },
    OTHER: { description: 'Another reason, explained in the description.' },
  },
});
