import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { AgencyLevel, Sector } from './agency.enums.js';

/** An organisation unit: a post office or branch, a police unit, a government body. */
@ObjectType({ description: 'An organisation unit: a post office or branch, a police unit, a government body.' })
@Entity({ tableName: 'agency' })
export class Agency {
  [OptionalProps]?: 'createdAt' | 'path';

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

  /**
   * Ids from the top of the hierarchy down to this agency, as `/<id>/<id>/…/<own id>/`: ancestors and
   * subtrees are prefix checks. Kept by AgencyService when an agency is created or moved.
   */
  @Index({ name: 'agency_path_prefix_index', expression: 'create index "agency_path_prefix_index" on "agency" ("path" text_pattern_ops)' })
  @Property({ type: 'text' })
  path!: string;

  @Field({ description: 'When the record was created.' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true, description: 'When a coordinator archived the agency; archived agencies are left out of lists and cannot be targeted.' })
  @Property({ type: 'datetime', nullable: true })
  archivedAt?: Date | null;

  /** `path` of an agency with id `id` placed under `parent` (null: at the top). */
  static pathUnder(parent: Pick<Agency, 'path'> | null, id: string): string {
    return `${parent?.path ?? '/'}${id}/`;
  }

  /** Ids of this agency's ancestors and itself, top first. */
  lineage(): string[] {
    return Agency.lineageOf(this.path);
  }

  /** Ids of the agencies on `path` (an agency's `path`, `/<root id>/…/<id>/`), top first. */
  static lineageOf(path: string): string[] {
    return path.split('/').filter(Boolean);
  }
}
