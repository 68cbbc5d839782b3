import { Migration } from '@mikro-orm/migrations';

export class Migration20261203135157_alert_identifier_series extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "alert_identifier_counter" ("year" smallint not null, "value" bigint not null, constraint "alert_identifier_counter_pkey" primary key ("year"));`);

    this.addSql(`alter table "security_alert" add column "source_digest" varchar(64) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "alert_identifier_counter" cascade;`);

    this.addSql(`alter table "security_alert" drop column "source_digest";`);
  }

}
