import { ArrayMaxSize, ArrayNotEmpty, IsDefined, IsOptional, Matches, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import {
  AlertStatus, Certainty, MsgType, Severity, SuspicionReason, TlpLabel, Urgency,
} from './alert.enums.js';
import { ID_PATTERN } from '../../platform/ids.js';
import { HasVisibleText, IfGiven, MaxChars } from '../../platform/validators.js';
import { IsS10TrackingNumber } from './s10.validator.js';

/** The shipment part of `postAlert`. */
@InputType({ description: 'The postal item an alert is about.' })
export class SuspiciousShipmentInput {
  @Field({ description: 'UPU S10 identifier in capitals, e.g. RR123456785VN; the check digit is verified.' })
  @IsS10TrackingNumber()
  trackingNumber!: string;

  @Field(() => String, { nullable: true })
  @MaxChars(500)
  declaredContents?: string | null;

  @Field(() => String, { nullable: true })
  @MaxChars(300)
  origin?: string | null;

  @Field(() => String, { nullable: true })
  @MaxChars(300)
  destination?: string | null;

  @Field(() => String, { nullable: true })
  @MaxChars(500)
  senderDescription?: string | null;

  @Field(() => String, { nullable: true })
  @MaxChars(500)
  recipientDescription?: string | null;
}

/** Input of `postAlert`: one CAP 1.2 alert with its targets. */
@InputType({ description: 'A new alert. Targets are branch ids, or any agency id meaning every branch under it.' })
export class PostAlertInput {
  @Field(() => [ID], { description: 'Branches, or agencies whose branches should all receive the alert (1 to 500, no repeats).' })
  @ArrayNotEmpty()
  @ArrayMaxSize(500)
  @Matches(ID_PATTERN, { each: true, message: 'each target must be an agency id as the API returns it (a lower-case UUID)' })
  targetIds!: string[];

  @Field({ defaultValue: 'Suspicious shipment', description: 'CAP event type. Default "Suspicious shipment".' })
  @HasVisibleText()
  @MaxChars(200)
  event: string = 'Suspicious shipment';

  @Field({ description: 'CAP headline, at most 160 characters.' })
  @HasVisibleText()
  @MaxChars(160)
  headline!: string;

  @Field({ description: 'What is suspected and why; at most 8,000 characters.' })
  @HasVisibleText()
  @MaxChars(8000)
  description!: string;

  @Field(() => String, { nullable: true, description: 'What the branch should do; at most 4,000 characters.' })
  @MaxChars(4000)
  instruction?: string | null;

  @Field(() => Urgency)
  urgency!: Urgency;

  @Field(() => Severity)
  severity!: Severity;

  @Field(() => Certainty)
  certainty!: Certainty;

  @Field(() => SuspicionReason)
  suspicionReason!: SuspicionReason;

  @Field(() => AlertStatus, { defaultValue: AlertStatus.ACTUAL, description: 'CAP status. Default ACTUAL.' })
  status: AlertStatus = AlertStatus.ACTUAL;

  @Field(() => TlpLabel, { defaultValue: TlpLabel.AMBER, description: 'TLP 2.0 label. Default AMBER.' })
  tlp: TlpLabel = TlpLabel.AMBER;

  @Field(() => Date, { nullable: true, description: 'CAP expires; must be in the future.' })
  expires?: Date | null;

  @Field(() => SuspiciousShipmentInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  shipment?: SuspiciousShipmentInput | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The coordination agreement the alert is posted under: ACTIVE and binding your agency and every target. ' +
      'Default: the most recently effective such agreement, if any.',
  })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'must be an agreement id (a lower-case UUID)' })
  agreementId?: string | null;
}

/** Filter of the `alerts` query; every given field must match. */
@InputType({ description: 'Every given field must match.' })
export class AlertFilter {
  @Field(() => [Severity], { nullable: true })
  severities?: Severity[] | null;

  @Field(() => [MsgType], { nullable: true })
  msgTypes?: MsgType[] | null;

  @Field(() => [AlertStatus], { nullable: true })
  statuses?: AlertStatus[] | null;

  @Field(() => [TlpLabel], { nullable: true })
  tlps?: TlpLabel[] | null;

  @Field(() => [SuspicionReason], { nullable: true })
  suspicionReasons?: SuspicionReason[] | null;

  @Field(() => ID, { nullable: true, description: 'Only alerts delivered to this branch.' })
  branchId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only alerts posted for this police agency.' })
  issuerAgencyId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only alerts about this S10 tracking number.' })
  trackingNumber?: string | null;

  @Field(() => Date, { nullable: true, description: 'Only alerts sent at or after this instant.' })
  sentFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only alerts sent before this instant.' })
  sentTo?: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'True: only alerts that have not expired.' })
  activeOnly?: boolean | null;
}

/** Input of `updateAlert`: the fields given replace those of the alert's current version; the rest carry over. */
@InputType({ description: 'New content for an alert (CAP msgType UPDATE): the fields given replace the current ones.' })
export class UpdateAlertInput {
  @Field(() => String, { nullable: true })
  @IfGiven()
  @HasVisibleText()
  @MaxChars(200)
  event?: string;

  @Field(() => String, { nullable: true })
  @IfGiven()
  @HasVisibleText()
  @MaxChars(160)
  headline?: string;

  @Field(() => String, { nullable: true })
  @IfGiven()
  @HasVisibleText()
  @MaxChars(8000)
  description?: string;

  @Field(() => String, { nullable: true, description: 'null removes the instruction.' })
  @MaxChars(4000)
  instruction?: string | null;

  @Field(() => Urgency, { nullable: true })
  @IfGiven()
  @IsDefined({ message: 'must not be null' })
  urgency?: Urgency;

  @Field(() => Severity, { nullable: true })
  @IfGiven()
  @IsDefined({ message: 'must not be null' })
  severity?: Severity;

  @Field(() => Certainty, { nullable: true })
  @IfGiven()
  @IsDefined({ message: 'must not be null' })
  certainty?: Certainty;

  @Field(() => SuspicionReason, { nullable: true })
  @IfGiven()
  @IsDefined({ message: 'must not be null' })
  suspicionReason?: SuspicionReason;

  @Field(() => TlpLabel, { nullable: true })
  @IfGiven()
  @IsDefined({ message: 'must not be null' })
  tlp?: TlpLabel;

  @Field(() => Date, { nullable: true, description: 'New expiry, in the future; null removes it.' })
  expires?: Date | null;

  @Field(() => SuspiciousShipmentInput, { nullable: true, description: 'Replaces the shipment; null removes it.' })
  @IsOptional()
  @ValidateNested()
  shipment?: SuspiciousShipmentInput | null;
}
