import { randomUUID } from 'node:crypto';
import {
  Collection, Embedded, Entity, Enum, Index, ManyToMany, ManyToOne, OneToMany, OneToOne, OptionalProps, PrimaryKey,
  Property, type Ref, Unique,
} from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Agency } from '../agency/agency.entity.js';
import { Agreement } from '../agreement/agreement.entity.js';
import { Contact } from '../contact/contact.entity.js';
import {
  AlertCategory, AlertStatus, Certainty, MsgType, Severity, SuspicionReason, TlpLabel, Urgency,
} from './alert.enums.js';
import { AlertRecipient } from './alert-recipient.entity.js';
import { SuspiciousShipment } from './suspicious-shipment.embeddable.js';

/**
 * A warning posted by a police liaison, modelled on OASIS CAP 1.2 (one `alert` with one `info` block).
 * Each row is one message: an update or a cancellation is a new row that `references` an earlier one.
 */
@ObjectType({ description: 'A warning posted by a police liaison, modelled on an OASIS CAP 1.2 alert message.' })
@Entity({ tableName: 'security_alert' })
@Index({ properties: ['shipment.trackingNumber'] as never })
@Unique({ properties: ['issuerAgency', 'sourceSender', 'sourceIdentifier'] })
export class SecurityAlert {
  [OptionalProps]?: 'sent' | 'status' | 'msgType' | 'category' | 'tlp';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field({ description: 'CAP identifier, unique: `PW-<year>-<number>`, numbered in one series per year (province time), e.g. PW-2026-000042.' })
  @Property({ type: 'string', length: 60, unique: true })
  identifier!: string;

  @Field(() => String, {
    description:
      'Delivery sequence number, strictly increasing in commit order (a later number never becomes visible before an ' +
      'earlier one). A decimal string: it is a 64-bit integer, wider than GraphQL Int.',
  })
  @Property({ type: 'bigint', unique: true })
  deliverySeq!: string;

  @Field({ description: 'CAP `sent`: when the alert was posted.' })
  @Property({ type: 'datetime' })
  sent: Date = new Date();

  @Field(() => AlertStatus, { description: 'CAP `status`.' })
  @Enum({ items: () => AlertStatus, nativeEnumName: 'alert_status' })
  status: AlertStatus = AlertStatus.ACTUAL;

  @Field(() => MsgType, { description: 'CAP `msgType`.' })
  @Enum({ items: () => MsgType, nativeEnumName: 'msg_type' })
  msgType: MsgType = MsgType.ALERT;

  /** The earlier message an UPDATE or CANCEL refers to (CAP `references`). */
  @ManyToOne(() => SecurityAlert, { ref: true, nullable: true, deleteRule: 'restrict', index: true })
  references?: Ref<SecurityAlert> | null;

  /** The later message (UPDATE or CANCEL) that replaced this one; set in the transaction that posts it. */
  @OneToOne(() => SecurityAlert, { ref: true, nullable: true, owner: true, unique: true, deleteRule: 'restrict' })
  supersededBy?: Ref<SecurityAlert> | null;

  @Field(() => ID, { description: 'Id of the first message of this alert; every update and cancellation shares it.' })
  @Index()
  @Property({ type: 'uuid' })
  threadId!: string;

  @Field(() => AlertCategory, { description: 'CAP `category`.' })
  @Enum({ items: () => AlertCategory, nativeEnumName: 'alert_category' })
  category: AlertCategory = AlertCategory.SECURITY;

  @Field({ description: 'CAP `event`: the type of event, e.g. "Suspicious shipment".' })
  @Property({ type: 'string', length: 200 })
  event!: string;

  @Field(() => Urgency, { description: 'CAP `urgency`.' })
  @Enum({ items: () => Urgency, nativeEnumName: 'urgency' })
  urgency!: Urgency;

  @Field(() => Severity, { description: 'CAP `severity`.' })
  @Enum({ items: () => Severity, nativeEnumName: 'severity' })
  severity!: Severity;

  @Field(() => Certainty, { description: 'CAP `certainty`.' })
  @Enum({ items: () => Certainty, nativeEnumName: 'certainty' })
  certainty!: Certainty;

  @Field({ description: 'CAP `headline`: a brief human-readable headline (at most 160 characters).' })
  @Property({ type: 'string', length: 160 })
  headline!: string;

  @Field({ description: 'CAP `description`: what is suspected and why.' })
  @Property({ type: 'text' })
  description!: string;

  @Field(() => String, { nullable: true, description: 'CAP `instruction`: what the branch should do.' })
  @Property({ type: 'text', nullable: true })
  instruction?: string | null;

  @Field(() => Date, { nullable: true, description: 'CAP `expires`: after this the alert is no longer active.' })
  @Property({ type: 'datetime', nullable: true })
  expires?: Date | null;

  @Field(() => SuspicionReason, { description: 'Why the shipment is suspicious (Law on Post, Article 12).' })
  @Enum({ items: () => SuspicionReason, nativeEnumName: 'suspicion_reason' })
  suspicionReason!: SuspicionReason;

  @Field(() => TlpLabel, { description: 'TLP 2.0 sensitivity label.' })
  @Enum({ items: () => TlpLabel, nativeEnumName: 'tlp_label' })
  tlp: TlpLabel = TlpLabel.AMBER;

  @Field(() => SuspiciousShipment, { nullable: true, description: 'The shipment the alert is about, if any.' })
  @Embedded(() => SuspiciousShipment, { nullable: true, prefix: 'shipment_' })
  shipment?: SuspiciousShipment | null;

  @Field(() => String, { nullable: true, description: 'CAP `sender` of the imported document this message came from; null when posted in Postwatch.' })
  @Property({ type: 'string', length: 255, nullable: true })
  sourceSender?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'CAP `identifier` of the imported document this message came from; an agency imports a document once.',
  })
  @Property({ type: 'string', length: 255, nullable: true })
  sourceIdentifier?: string | null;

  /**
   * SHA-256 (hex) of the imported CAP document this message came from: the same identifier sent again is the
   * same message only with the same digest. Internal: not in the API.
   */
  @Property({ type: 'string', length: 64, nullable: true })
  sourceDigest?: string | null;

  /** The contact who posted it; exposed through AlertResolver.issuer. */
  @ManyToOne(() => Contact, { ref: true, deleteRule: 'restrict', index: true })
  issuer!: Ref<Contact>;

  /** The police agency the issuer posted for; exposed through AlertResolver.issuerAgency. */
  @ManyToOne(() => Agency, { ref: true, deleteRule: 'restrict', index: true })
  issuerAgency!: Ref<Agency>;

  /** The coordination agreement the alert was posted under; exposed through AlertResolver.agreement. */
  @ManyToOne(() => Agreement, { ref: true, nullable: true, deleteRule: 'restrict', index: true })
  agreement?: Ref<Agreement> | null;

  /** Agencies named as targets (a branch, or any agency meaning every branch under it). */
  @ManyToMany(() => Agency, undefined, { pivotTable: 'security_alert_target', orderBy: { name: 'asc' } })
  targets = new Collection<Agency>(this);

  /** Branches the alert was delivered to, worked out from the targets when it was posted. */
  @OneToMany(() => AlertRecipient, (recipient) => recipient.alert)
  recipients = new Collection<AlertRecipient>(this);
}
