import type { TFunction } from 'i18next';
import type { SessionContact } from '../../api/session';
import type { ResultOf } from '../../graphql';
import type { JointStatisticsQuery, StatisticsGroupFields } from '../../api/operations-statistics';

/** One group's figures (a year, an agency, a kind) or the totals, as `jointStatistics` gives them. */
export type StatisticsGroup = ResultOf<typeof StatisticsGroupFields>;
export type JointStatistics = ResultOf<typeof JointStatisticsQuery>['jointStatistics'];
export type GroupBy = JointStatistics['groupBy'];

export const DOCUMENT_TYPES = ['CMND', 'CCCD', 'PASSPORT'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export const SEVERITIES = ['EXTREME', 'SEVERE', 'MODERATE', 'MINOR', 'UNKNOWN'] as const;

/** Documents of `type` the group delivered (0 when the API lists none). */
export function documentsOf(group: StatisticsGroup, type: DocumentType): number {
  return group.documentsDelivered.find((d) => d.documentType === type)?.count ?? 0;
}

/** Alerts of `severity` in the group. */
export function alertsOf(group: StatisticsGroup, severity: (typeof SEVERITIES)[number]): number {
  return group.alertsBySeverity.find((s) => s.severity === severity)?.count ?? 0;
}

/** The group's name for a reader: the year, the agency's name, or the kind in words. */
export function groupName(t: TFunction, groupBy: GroupBy, group: StatisticsGroup): string {
  if (groupBy === 'AGENCY') return group.agency?.name ?? group.key;
  if (groupBy === 'KIND') return group.key === 'ALERT' ? t('statistics.alertKind') : t(`history.activity.${group.key as 'TRAINING'}`);
  return group.key;
}

/** The group's short name on a chart's axis: the year, the agency's code, or the kind in words. */
export function axisName(t: TFunction, groupBy: GroupBy, group: StatisticsGroup): string {
  return groupBy === 'AGENCY' ? (group.agency?.code ?? group.key) : groupName(t, groupBy, group);
}

/** Share acknowledged, in percent (null without deliveries). */
export function ratePercent(group: StatisticsGroup): number | null {
  return group.acknowledgementRate == null ? null : group.acknowledgementRate * 100;
}

/** Median time to acknowledge, in minutes (null when nothing was acknowledged). */
export function medianMinutes(group: StatisticsGroup): number | null {
  return group.medianSecondsToAcknowledge == null ? null : group.medianSecondsToAcknowledge / 60;
}

/** Trainings among the groups of a KIND grouping (0 when there are none). */
export function trainingsOf(byKind: JointStatistics | undefined): number {
  return byKind?.groups.find((g) => g.key === 'TRAINING')?.activities ?? 0;
}

/** The API's JointHistoryFilter of the choice (empty choices left out). */
export function statisticsFilter(chosen: { from: string; to: string; agencyIds?: string[]; agreementId?: string }) {
  return {
    ...(chosen.from ? { from: chosen.from } : {}),
    ...(chosen.to ? { to: chosen.to } : {}),
    ...(chosen.agencyIds?.length ? { agencyIds: chosen.agencyIds } : {}),
    ...(chosen.agreementId ? { agreementId: chosen.agreementId } : {}),
  };
}

/** `YYYY-MM-DD` as given, or '' for anything else (a day typed into the address by hand). */
export function dayOf(value: string | null): string {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : '';
}

/**
 * Whether the viewer's figures are only part of the whole (a branch operator counts their branch, a liaison
 * their unit's alerts), which the page then says.
 */
export function limitedView(contact: SessionContact): boolean {
  return contact.role === 'BRANCH_OPERATOR' || contact.role === 'POLICE_LIAISON';
}
