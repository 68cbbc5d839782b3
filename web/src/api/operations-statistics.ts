import { graphql } from '../graphql';

/** The figures of one group (or of the totals), as the Statistics page and the review report show them. */
export const StatisticsGroupFields = graphql(`
  fragment StatisticsGroupFields on JointStatisticsGroup {
    key
    agency {
      id
      code
      name
    }
    activities
    attendances
    alerts
    alertsBySeverity {
      severity
      count
    }
    branchDeliveries
    acknowledgementRate
    medianSecondsToAcknowledge
    documentsDelivered {
      documentType
      count
    }
  }
`);

/** `jointStatistics` grouped by YEAR, AGENCY or KIND, with the totals. */
export const JointStatisticsQuery = graphql(
  `
    query JointStatistics($filter: JointHistoryFilter, $groupBy: StatisticsGroupBy!) {
      jointStatistics(filter: $filter, groupBy: $groupBy) {
        groupBy
        groups {
          ...StatisticsGroupFields
        }
        total {
          ...StatisticsGroupFields
        }
      }
    }
  `,
  [StatisticsGroupFields],
);

/** The agreement a review report is about: its terms, parties and reviews. */
export const ReportAgreementQuery = graphql(`
  query ReportAgreement($agreementId: ID!) {
    agreement(id: $agreementId) {
      id
      code
      title
      status
      signedOn
      effectiveOn
      endedOn
      parties {
        id
        agency {
          id
          code
          name
        }
        signatory {
          id
          fullName
        }
        signatoryPosition
      }
      reviews {
        id
        heldOn
        title
        venue
        findings
        attendingAgencies {
          id
          code
          name
        }
      }
    }
  }
`);
