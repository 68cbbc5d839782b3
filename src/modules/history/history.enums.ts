import { registerEnumType } from 'type-graphql';

/** What a joint-history entry records. */
export enum HistoryEventKind {
  AGREEMENT_SIGNED = 'AGREEMENT_SIGNED',
  AGREEMENT_REVIEWED = 'AGREEMENT_REVIEWED',
  AGREEMENT_SUPERSEDED = 'AGREEMENT_SUPERSEDED',
  AGREEMENT_TERMINATED = 'AGREEMENT_TERMINATED',
  JOINT_ACTIVITY = 'JOINT_ACTIVITY',
  ALERT = 'ALERT',
}

/** How `jointStatistics` groups its figures. */
export enum StatisticsGroupBy {
  YEAR = 'YEAR',
  AGENCY = 'AGENCY',
  KIND = 'KIND',
}

registerEnumType(HistoryEventKind, {
  name: 'HistoryEventKind',
  description: 'What a joint-history entry records: an agreement signed, reviewed, superseded or terminated, a joint activity, an alert message.',
  valuesConfig: {
    AGREEMENT_SIGNED: { description: 'At the signature day; the subject is the Agreement.' },
    AGREEMENT_REVIEWED: { description: 'At the day of the review; the subject is the AgreementReview.' },
    AGREEMENT_SUPERSEDED: { description: 'At the day the successor took effect; the subject is the superseded Agreement.' },
    AGREEMENT_TERMINATED: { description: 'At the last day in force; the subject is the Agreement.' },
    JOINT_ACTIVITY: { description: 'At the first day of the activity; the subject is the JointActivity.' },
    ALERT: { description: 'At CAP `sent`; the subject is the SecurityAlert message (Alert, Update or Cancel).' },
  },
});
registerEnumType(StatisticsGroupBy, {
  name: 'StatisticsGroupBy',
  description: 'YEAR (in province time), AGENCY (each agency taking part; alerts under their issuing agency) or KIND (activity kind; alerts as ALERT).',
});
