import { AgencyLevel, Sector } from '../../modules/agency/agency.enums.js';
import { AgreementStatus, ScopeArea } from '../../modules/agreement/agreement.enums.js';
import { ContactRole } from '../../platform/contact-role.js';

/**
 * The demo data set, drawn from the source document (a provincial news report on the 10-year review of
 * Regulation 290 between the provincial police and the provincial post office).
 *
 * The report names no province, no district and gives neither the year of the review nor the regulation's
 * number other than "290". Demo assumptions, not facts from the source: the review was held on 21 April 2021
 * (ten years after 2011, the year the report counts from), Regulation 290 was signed on 21 April 2011, the
 * district and branch names below, and every person. No real person's name is used: the Vietnamese names of the
 * further accounts are common names made up for the demo.
 */

/** Password of every demo account. Demo only: never use it, or these accounts, outside a demo. */
export const DEMO_PASSWORD = 'postwatch-demo';

export interface DemoAgency {
  code: string;
  name: string;
  sector: Sector;
  level: AgencyLevel;
  parent?: string;
  address?: string;
}

export const demoAgencies: DemoAgency[] = [
  { code: 'VNPOST', name: 'Vietnam Post Corporation (Tổng công ty Bưu điện Việt Nam)', sector: Sector.POSTAL, level: AgencyLevel.NATIONAL },
  { code: 'PPO', name: 'Provincial Post Office (Bưu điện tỉnh)', sector: Sector.POSTAL, level: AgencyLevel.PROVINCIAL, parent: 'VNPOST' },
  { code: 'PPO-CITY', name: 'City Post Office (Bưu điện thành phố)', sector: Sector.POSTAL, level: AgencyLevel.DISTRICT, parent: 'PPO' },
  { code: 'PPO-EAST', name: 'East District Post Office (Bưu điện huyện Đông)', sector: Sector.POSTAL, level: AgencyLevel.DISTRICT, parent: 'PPO' },
  { code: 'PPO-WEST', name: 'West District Post Office (Bưu điện huyện Tây)', sector: Sector.POSTAL, level: AgencyLevel.DISTRICT, parent: 'PPO' },
  { code: 'PPO-CITY-01', name: 'Central Branch (Bưu cục Trung tâm)', sector: Sector.POSTAL, level: AgencyLevel.BRANCH, parent: 'PPO-CITY' },
  { code: 'PPO-CITY-02', name: 'Market Branch (Bưu cục Chợ)', sector: Sector.POSTAL, level: AgencyLevel.BRANCH, parent: 'PPO-CITY' },
  { code: 'PPO-CITY-03', name: 'Station Branch (Bưu cục Nhà ga)', sector: Sector.POSTAL, level: AgencyLevel.BRANCH, parent: 'PPO-CITY' },
  { code: 'PPO-EAST-01', name: 'East Town Branch (Bưu cục Thị trấn Đông)', sector: Sector.POSTAL, level: AgencyLevel.BRANCH, parent: 'PPO-EAST' },
  { code: 'PPO-EAST-02', name: 'East Riverside Branch (Bưu cục Bến sông)', sector: Sector.POSTAL, level: AgencyLevel.BRANCH, parent: 'PPO-EAST' },
  { code: 'PPO-WEST-01', name: 'West Town Branch (Bưu cục Thị trấn Tây)', sector: Sector.POSTAL, level: AgencyLevel.BRANCH, parent: 'PPO-WEST' },
  { code: 'PPO-WEST-02', name: 'West Hills Branch (Bưu cục Đồi Tây)', sector: Sector.POSTAL, level: AgencyLevel.BRANCH, parent: 'PPO-WEST' },
  { code: 'PPD', name: 'Provincial Police (Công an tỉnh)', sector: Sector.POLICE, level: AgencyLevel.PROVINCIAL },
  { code: 'PPD-PA03', name: 'Internal Political Security Division (Phòng An ninh chính trị nội bộ, PA03)', sector: Sector.POLICE, level: AgencyLevel.PROVINCIAL, parent: 'PPD' },
  { code: 'PPD-PA05', name: 'Cybersecurity and High-Tech Crime Division (Phòng An ninh mạng và phòng chống tội phạm sử dụng công nghệ cao, PA05)', sector: Sector.POLICE, level: AgencyLevel.PROVINCIAL, parent: 'PPD' },
  { code: 'PPD-PC04', name: 'Drug Crime Investigation Division (Phòng Cảnh sát điều tra tội phạm về ma túy, PC04)', sector: Sector.POLICE, level: AgencyLevel.PROVINCIAL, parent: 'PPD' },
  { code: 'PPD-PC06', name: 'Administrative Police Division for Social Order (Phòng Cảnh sát quản lý hành chính về trật tự xã hội, PC06)', sector: Sector.POLICE, level: AgencyLevel.PROVINCIAL, parent: 'PPD' },
  { code: 'PPD-CITY', name: 'City Police (Công an thành phố)', sector: Sector.POLICE, level: AgencyLevel.DISTRICT, parent: 'PPD' },
  { code: 'PPD-EAST', name: 'East District Police (Công an huyện Đông)', sector: Sector.POLICE, level: AgencyLevel.DISTRICT, parent: 'PPD' },
  { code: 'PPD-WEST', name: 'West District Police (Công an huyện Tây)', sector: Sector.POLICE, level: AgencyLevel.DISTRICT, parent: 'PPD' },
  { code: 'DIC', name: 'Provincial Department of Information and Communications (Sở Thông tin và Truyền thông)', sector: Sector.GOVERNMENT, level: AgencyLevel.PROVINCIAL },
];

export interface DemoContact {
  /** Key used by agreements below. */
  key: string;
  agency: string;
  fullName: string;
  position: string;
  role?: ContactRole;
  email?: string;
  phone?: string;
}

/**
 * The demo accounts (password DEMO_PASSWORD) and the two signatories: one account per role, then an operator for
 * every other branch (`branch2@` to `branch7@`, branches in the order of `demoAgencies`), a second liaison, at
 * the Drug Crime Investigation Division (PC04), and a coordinator on the police side (`coordinator2@`: an
 * agreement is signed by both sides, each naming its own signatory).
 */
export const demoContacts: DemoContact[] = [
  {
    key: 'coordinator', agency: 'PPO', fullName: 'Demo Coordinator', position: 'Head of Security and Coordination',
    role: ContactRole.COORDINATOR, email: 'coordinator@postwatch.demo', phone: '+84 200 000 0001',
  },
  {
    key: 'liaison', agency: 'PPD', fullName: 'Demo Liaison Officer', position: 'Liaison officer for postal security',
    role: ContactRole.POLICE_LIAISON, email: 'liaison@postwatch.demo', phone: '+84 200 000 0002',
  },
  {
    key: 'branch', agency: 'PPO-EAST-01', fullName: 'Demo Branch Operator', position: 'Branch counter supervisor',
    role: ContactRole.BRANCH_OPERATOR, email: 'branch@postwatch.demo', phone: '+84 200 000 0003',
  },
  {
    key: 'auditor', agency: 'DIC', fullName: 'Demo Auditor', position: 'Inspector',
    role: ContactRole.AUDITOR, email: 'auditor@postwatch.demo', phone: '+84 200 000 0004',
  },
  {
    key: 'branch2', agency: 'PPO-CITY-01', fullName: 'Nguyễn Thị Thu Hà', position: 'Branch counter supervisor',
    role: ContactRole.BRANCH_OPERATOR, email: 'branch2@postwatch.demo', phone: '+84 200 000 0005',
  },
  {
    key: 'branch3', agency: 'PPO-CITY-02', fullName: 'Trần Văn Minh', position: 'Branch counter supervisor',
    role: ContactRole.BRANCH_OPERATOR, email: 'branch3@postwatch.demo', phone: '+84 200 000 0006',
  },
  {
    key: 'branch4', agency: 'PPO-CITY-03', fullName: 'Lê Thị Hồng Nhung', position: 'Branch counter supervisor',
    role: ContactRole.BRANCH_OPERATOR, email: 'branch4@postwatch.demo', phone: '+84 200 000 0007',
  },
  {
    key: 'branch5', agency: 'PPO-EAST-02', fullName: 'Phạm Quốc Bảo', position: 'Branch counter supervisor',
    role: ContactRole.BRANCH_OPERATOR, email: 'branch5@postwatch.demo', phone: '+84 200 000 0008',
  },
  {
    key: 'branch6', agency: 'PPO-WEST-01', fullName: 'Hoàng Thị Mai Anh', position: 'Branch counter supervisor',
    role: ContactRole.BRANCH_OPERATOR, email: 'branch6@postwatch.demo', phone: '+84 200 000 0009',
  },
  {
    key: 'branch7', agency: 'PPO-WEST-02', fullName: 'Võ Đức Thắng', position: 'Branch counter supervisor',
    role: ContactRole.BRANCH_OPERATOR, email: 'branch7@postwatch.demo', phone: '+84 200 000 0010',
  },
  {
    key: 'liaison2', agency: 'PPD-PC04', fullName: 'Đặng Thanh Tùng', position: 'Liaison officer for postal security',
    role: ContactRole.POLICE_LIAISON, email: 'liaison2@postwatch.demo', phone: '+84 200 000 0011',
  },
  {
    key: 'coordinator2', agency: 'PPD', fullName: 'Bùi Văn Khánh', position: 'Deputy head of the police\'s coordination office',
    role: ContactRole.COORDINATOR, email: 'coordinator2@postwatch.demo', phone: '+84 200 000 0012',
  },
  { key: 'ppo-director', agency: 'PPO', fullName: 'Director of the Provincial Post Office (demo)', position: 'Director' },
  { key: 'ppd-director', agency: 'PPD', fullName: 'Director of the Provincial Police (demo)', position: 'Director' },
];

export interface DemoAgreement {
  code: string;
  title: string;
  scopeAreas: ScopeArea[];
  status: AgreementStatus;
  signedOn: string;
  effectiveOn: string;
  /** Day it stopped being in force (SUPERSEDED or TERMINATED). */
  endedOn?: string;
  supersedes?: string;
  parties: { agency: string; signatory: string; signatoryPosition: string }[];
}

const bothDirectors = [
  { agency: 'PPO', signatory: 'ppo-director', signatoryPosition: 'Director, Provincial Post Office' },
  { agency: 'PPD', signatory: 'ppd-director', signatoryPosition: 'Director, Provincial Police' },
];

export const REGULATION_290 = '290/QC-PH';
export const NEW_REGULATION = 'QC-PH-2021';

export const demoAgreements: DemoAgreement[] = [
  {
    code: REGULATION_290,
    title:
      'Regulation 290 on coordination in protecting internal security, network safety and information security in ' +
      'postal operations in the province (Quy chế phối hợp về bảo vệ an ninh nội bộ, an toàn mạng lưới, an ninh ' +
      'thông tin trong hoạt động bưu chính trên địa bàn tỉnh)',
    scopeAreas: [
      ScopeArea.INTERNAL_SECURITY, ScopeArea.NETWORK_SAFETY, ScopeArea.INFORMATION_SECURITY,
      ScopeArea.STATE_SECRETS, ScopeArea.PUBLIC_ADMINISTRATION_DELIVERY, ScopeArea.TRAINING,
    ],
    status: AgreementStatus.SUPERSEDED,
    signedOn: '2011-04-21',
    effectiveOn: '2011-04-21',
    endedOn: '2021-04-21',
    parties: bothDirectors,
  },
  {
    code: NEW_REGULATION,
    title:
      'Regulation on coordination in ensuring security and order in the postal sector in the province ' +
      '(Quy chế phối hợp về đảm bảo an ninh trật tự trong lĩnh vực bưu chính trên địa bàn tỉnh)',
    scopeAreas: [
      ScopeArea.INTERNAL_SECURITY, ScopeArea.NETWORK_SAFETY, ScopeArea.INFORMATION_SECURITY,
      ScopeArea.STATE_SECRETS, ScopeArea.PUBLIC_ORDER, ScopeArea.PUBLIC_ADMINISTRATION_DELIVERY, ScopeArea.TRAINING,
    ],
    status: AgreementStatus.ACTIVE,
    signedOn: '2021-04-21',
    effectiveOn: '2021-04-21',
    supersedes: REGULATION_290,
    parties: bothDirectors,
  },
];

export const demoReview = {
  agreement: REGULATION_290,
  title: 'Conference reviewing 10 years of Regulation 290 (Hội nghị tổng kết 10 năm thực hiện Quy chế 290)',
  heldOn: '2021-04-21',
  venue: 'Provincial Post Office',
  attendingAgencies: ['PPO', 'PPD', 'VNPOST', 'DIC'],
  findings: [
    'Both units carried out the regulation fully and seriously over ten years.',
    'The police briefed the post office on directives on national security and public order, on protecting state ' +
      'secrets and on the "All people protect national security" movement, and the two sides exchanged information regularly.',
    'Since 2011: 3 rounds of legal education, including the Cybersecurity Law and social-media conduct, for more than 2,000 attendances.',
    'The police regularly warned the post office about schemes to use postal services to move prohibited goods, ' +
      'documents and harmful items, and trained postal staff to recognise prohibited items sent by post.',
    'Since 2012 the post office delivered, for the police\'s public administrative services, more than 63,000 identity ' +
      'cards (CMND), more than 319,000 citizen identity cards (CCCD) and more than 1,900 passports.',
    'At the end of the conference both directors signed a new coordination regulation replacing Regulation 290.',
  ].join('\n'),
};
