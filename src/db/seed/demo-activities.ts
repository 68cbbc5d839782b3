import { JointActivityKind } from '../../modules/activity/joint-activity.enums.js';
import { REGULATION_290 } from './demo-data.js';

/**
 * Joint activities of the demo data set, carrying the source document's figures (see demo-data.ts):
 * - "since 2011, 3 rounds of legal education … for more than 2,000 attendances": three TRAINING activities
 *   under Regulation 290 with 680 + 690 + 705 = 2,075 attendances;
 * - "since 2012 the post office delivered more than 63,000 CMND, more than 319,000 CCCD and more than 1,900
 *   passports": DOCUMENT_DELIVERY activities per year (2012 to the review in April 2021) and per branch whose
 *   totals are exactly 63,184 CMND, 319,342 CCCD and 1,927 passports.
 * The report gives only "more than" totals: the exact totals, the split by year (CMND declining as CCCD took
 * over, the chip-card CCCD drive of early 2021), the split by branch, the dates of the three rounds and the
 * two other activities are demo assumptions.
 */

/** Totals delivered, demo figures consistent with the report's "more than" figures. */
export const DEMO_DOCUMENT_TOTALS = { CMND: 63_184, CCCD: 319_342, PASSPORT: 1_927 } as const;

/** Documents delivered per year (the report counts from 2012; 2021 runs to the review on 21 April). */
export const demoDeliveriesByYear: { year: number; CMND: number; CCCD: number; PASSPORT: number }[] = [
  { year: 2012, CMND: 9_150, CCCD: 0, PASSPORT: 140 },
  { year: 2013, CMND: 9_480, CCCD: 0, PASSPORT: 155 },
  { year: 2014, CMND: 9_820, CCCD: 0, PASSPORT: 170 },
  { year: 2015, CMND: 10_240, CCCD: 0, PASSPORT: 190 },
  { year: 2016, CMND: 8_610, CCCD: 12_400, PASSPORT: 205 },
  { year: 2017, CMND: 6_230, CCCD: 21_650, PASSPORT: 230 },
  { year: 2018, CMND: 4_870, CCCD: 26_300, PASSPORT: 255 },
  { year: 2019, CMND: 3_160, CCCD: 29_870, PASSPORT: 280 },
  { year: 2020, CMND: 1_424, CCCD: 41_260, PASSPORT: 160 },
  { year: 2021, CMND: 200, CCCD: 187_862, PASSPORT: 142 },
];

/** Each branch's share (per cent) of a year's deliveries; they add up to 100. */
export const demoBranchShares: { branch: string; percent: number }[] = [
  { branch: 'PPO-CITY-01', percent: 24 },
  { branch: 'PPO-CITY-02', percent: 18 },
  { branch: 'PPO-CITY-03', percent: 14 },
  { branch: 'PPO-EAST-01', percent: 12 },
  { branch: 'PPO-EAST-02', percent: 10 },
  { branch: 'PPO-WEST-01', percent: 12 },
  { branch: 'PPO-WEST-02', percent: 10 },
];

/** The police division whose public administrative services the deliveries served. */
export const DELIVERY_POLICE_UNIT = 'PPD-PC06';

export interface DemoActivity {
  kind: JointActivityKind;
  title: string;
  description?: string;
  startedOn: string;
  endedOn: string;
  agencies: string[];
  agreement: string;
  participantCount?: number;
  documents?: { CMND: number; CCCD: number; PASSPORT: number };
}

/** The three legal-education rounds and two other activities the report mentions without figures. */
const events: DemoActivity[] = [
  {
    kind: JointActivityKind.TRAINING,
    title: 'Legal education round 1: protecting state secrets and internal security in postal operations',
    startedOn: '2013-06-12', endedOn: '2013-06-12', agencies: ['PPO', 'PPD', 'PPD-PA03'], agreement: REGULATION_290,
    participantCount: 680,
  },
  {
    kind: JointActivityKind.TRAINING,
    title: 'Legal education round 2: national security law and recognising prohibited items sent by post',
    startedOn: '2016-09-20', endedOn: '2016-09-21', agencies: ['PPO', 'PPD', 'PPD-PA03'], agreement: REGULATION_290,
    participantCount: 690,
  },
  {
    kind: JointActivityKind.TRAINING,
    title: 'Legal education round 3: the Cybersecurity Law and conduct on social media',
    startedOn: '2019-11-14', endedOn: '2019-11-14', agencies: ['PPO', 'PPD', 'PPD-PA05'], agreement: REGULATION_290,
    participantCount: 705,
  },
  {
    kind: JointActivityKind.CAMPAIGN,
    title: '"All people protect national security" movement, with social-welfare activities in the districts',
    startedOn: '2017-08-01', endedOn: '2017-08-19', agencies: ['PPO', 'PPD'], agreement: REGULATION_290,
  },
  {
    kind: JointActivityKind.INFORMATION_EXCHANGE,
    title: 'Briefing on schemes to move prohibited goods and harmful documents by post',
    startedOn: '2020-10-06', endedOn: '2020-10-06', agencies: ['PPO', 'PPD', 'PPD-PA03'], agreement: REGULATION_290,
  },
];

/**
 * Splits `total` by `percent` shares with the largest-remainder method, so that the parts add up to `total`
 * exactly (ties go to the earlier share).
 */
export function splitByShares(total: number, percents: number[]): number[] {
  const exact = percents.map((p) => (total * p) / 100);
  const parts = exact.map(Math.floor);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  let left = total - parts.reduce((a, b) => a + b, 0);
  for (const { i } of order) {
    if (left-- <= 0) break;
    parts[i]! += 1;
  }
  return parts;
}

/** One DOCUMENT_DELIVERY activity per year and branch, under Regulation 290. */
function deliveries(): DemoActivity[] {
  const percents = demoBranchShares.map((s) => s.percent);
  return demoDeliveriesByYear.flatMap((year) => {
    const cmnd = splitByShares(year.CMND, percents);
    const cccd = splitByShares(year.CCCD, percents);
    const passports = splitByShares(year.PASSPORT, percents);
    return demoBranchShares.map(({ branch }, i) => ({
      kind: JointActivityKind.DOCUMENT_DELIVERY,
      title: `Delivery of identity documents for the police's public administrative services, ${year.year}`,
      startedOn: `${year.year}-01-01`,
      endedOn: year.year === 2021 ? '2021-04-20' : `${year.year}-12-31`,
      agencies: [branch, DELIVERY_POLICE_UNIT],
      agreement: REGULATION_290,
      documents: { CMND: cmnd[i]!, CCCD: cccd[i]!, PASSPORT: passports[i]! },
    }));
  });
}

/** Every joint activity of the demo data set. */
export const demoActivities: DemoActivity[] = [...events, ...deliveries()];
