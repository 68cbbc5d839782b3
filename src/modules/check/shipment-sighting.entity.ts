import { randomUUID } from 'node:crypto';
import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Agency } from '../agency/agency.entity.js';
import { Contact } from '../contact/contact.entity.js';
import { SecurityAlert } from '../alert/security-alert.entity.js';
import { SightingMethod } from './sighting.enums.js';

/**
 * A parcel named in an active alert, found at a branch counter by a shipment check: which alert version, which
 * branch, who checked and how, when. It takes a delivery sequence number from the counter alerts and
 * acknowledgements share.
 */
@ObjectType({ description: 'A parcel named in an active alert, found at a branch counter by a shipment check.' })
@Entity({ tableName: 'shipment_sighting' })
export class ShipmentSighting {
  [OptionalProps]?: 'sightedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The alert version the parcel matched; exposed through ShipmentCheckResolver. */
  @ManyToOne(() => SecurityAlert, { ref: true, deleteRule: 'restrict', index: true })
  alert!: Ref<SecurityAlert>;

  /** The branch where the parcel was found; exposed through ShipmentSightingResolver.branch. */
  @ManyToOne(() => Agency, { ref: true, deleteRule: 'restrict', index: true })
  branch!: Ref<Agency>;

  /** Who checked it; exposed through ShipmentSightingResolver.contact. */
  @ManyToOne(() => Contact, { ref: true, deleteRule: 'restrict', index: true })
  contact!: Ref<Contact>;

  @Field({ description: 'When the parcel was checked.' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  sightedAt: Date = new Date();

  @Field(() => SightingMethod, { description: 'How the tracking number was entered.' })
  @Enum({ items: () => SightingMethod, nativeEnumName: 'sighting_method' })
  method!: SightingMethod;

  @Field(() => String, { description: 'Its place in the delivery sequence shared with alerts and acknowledgements (a decimal string).' })
  @Property({ type: 'bigint', unique: true })
  deliverySeq!: string;
}
