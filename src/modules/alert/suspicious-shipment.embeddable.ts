import { Embeddable, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';

/** The postal item an alert is about. Stored in the alert's own row (columns `shipment_*`). */
@ObjectType({ description: 'The postal item an alert is about.' })
@Embeddable()
export class SuspiciousShipment {
  @Field({ description: 'UPU S10 item identifier, check digit verified, e.g. RR123456785VN.' })
  @Property({ type: 'string', length: 13 })
  trackingNumber!: string;

  @Field(() => String, { nullable: true, description: 'Contents as declared by the sender.' })
  @Property({ type: 'string', length: 500, nullable: true })
  declaredContents?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the item was posted (place or office).' })
  @Property({ type: 'string', length: 300, nullable: true })
  origin?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the item is addressed to.' })
  @Property({ type: 'string', length: 300, nullable: true })
  destination?: string | null;

  @Field(() => String, { nullable: true, description: 'What is known of the sender.' })
  @Property({ type: 'string', length: 500, nullable: true })
  senderDescription?: string | null;

  @Field(() => String, { nullable: true, description: 'What is known of the recipient.' })
  @Property({ type: 'string', length: 500, nullable: true })
  recipientDescription?: string | null;
}
