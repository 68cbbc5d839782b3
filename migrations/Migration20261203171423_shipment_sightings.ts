import { Migration } from '@mikro-orm/migrations';

export class Migration20261203171423_shipment_sightings extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "sighting_method" as enum ('TYPED', 'SCANNER', 'CAMERA');`);
    this.addSql(`create table "shipment_sighting" ("id" uuid not null, "alert_id" uuid not null, "branch_id" uuid not null, "contact_id" uuid not null, "sighted_at" timestamptz not null default now(), "method" "sighting_method" not null, "delivery_seq" bigint not null, constraint "shipment_sighting_pkey" primary key ("id"));`);
    this.addSql(`create index "shipment_sighting_alert_id_index" on "shipment_sighting" ("alert_id");`);
    this.addSql(`create index "shipment_sighting_branch_id_index" on "shipment_sighting" ("branch_id");`);
    this.addSql(`create index "shipment_sighting_contact_id_index" on "shipment_sighting" ("contact_id");`);
    this.addSql(`alter table "shipment_sighting" add constraint "shipment_sighting_delivery_seq_unique" unique ("delivery_seq");`);

    this.addSql(`alter table "shipment_sighting" add constraint "shipment_sighting_alert_id_foreign" foreign key ("alert_id") references "security_alert" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "shipment_sighting" add constraint "shipment_sighting_branch_id_foreign" foreign key ("branch_id") references "agency" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "shipment_sighting" add constraint "shipment_sighting_contact_id_foreign" foreign key ("contact_id") references "contact" ("id") on update cascade on delete restrict;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "shipment_sighting" cascade;`);

    this.addSql(`drop type "sighting_method";`);
  }

}
