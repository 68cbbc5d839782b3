import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { AgencyLevel, Sector } from './agency.enums.js';

/** An organisation unit: a post office or branch, a police unit, a government body. */
@ObjectType({ description: 'An organisation unit: a post office or branch, a police unit, a government body.' })
@Entity({ tableName: 'agency' })
export class Agency {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field({ description: 'Short unique code, e.g. `BDT-DH-01` for a branch.' })
  @Property({ type: 'string', length: 40, unique: true })
  code!: string;

  @Field({ description: 'Official name.' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => Sector)
  @Enum({ items: () => Sector, nativeEnumName: 'sector' })
  sector!: Sector;

  @Field(() => AgencyLevel)
  @Enum({ items: () => AgencyLevel, nativeEnumName: 'agency_level' })
  level!: AgencyLevel;

  /** Parent unit; null for the top of a hierarchy. Exposed through AgencyResolver.parent. */
  @Index()
  @ManyToOne(() => Agency, { ref: true, nullable: true, deleteRule: 'restrict' })
  parent?: Ref<Agency> | null;

  @Field(() => String, { nullable: true, description: 'Postal address.' })
  @Property({ type: 'string', length: 300, nullable: true })
  address?: string | null;

  @Field({ description: 'When the record was created.' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
