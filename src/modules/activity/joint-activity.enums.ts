import { registerEnumType } from 'type-graphql';

/** Kinds of joint work between the police and the post office (README, "Joint history and reports"). */
export enum JointActivityKind {
  TRAINING = 'TRAINING',
  MEETING = 'MEETING',
  INFORMATION_EXCHANGE = 'INFORMATION_EXCHANGE',
  INSPECTION = 'INSPECTION',
  CAMPAIGN = 'CAMPAIGN',
  DOCUMENT_DELIVERY = 'DOCUMENT_DELIVERY',
}

/**
 * Identity documents the post office delivers for the police's public administrative services:
 * CMND (chứng minh nhân dân, the former identity card), CCCD (căn cước công dân, citizen identity card), passports.
 */
export enum DocumentType {
  CMND = 'CMND',
  CCCD = 'CCCD',
  PASSPORT = 'PASSPORT',
}

registerEnumType(JointActivityKind, {
  name: 'JointActivityKind',
  description: 'What the two sides did together: a training, a meeting, an information exchange, an inspection, a campaign or a delivery of documents.',
});
registerEnumType(DocumentType, {
  name: 'DocumentType',
  description: 'Identity documents delivered by post: CMND (former identity card), CCCD (citizen identity card), PASSPORT.',
});
