import { Migration } from '@mikro-orm/migrations';

export class Migration20261129142826_joint_history extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "joint_activity_kind" as enum ('TRAINING', 'MEETING', 'INFORMATION_EXCHANGE', 'INSPECTION', 'CAMPAIGN', 'DOCUMENT_DELIVERY');`);
    this.addSql(`create table "joint_activity" ("id" uuid not null, "kind" "joint_activity_kind" not null, "title" varchar(300) not null, "description" text null, "started_on" date not null, "ended_on" date not null, "agreement_id" uuid null, "participant_count" int null, "cmnd_delivered" int not null default 0, "cccd_delivered" int not null default 0, "passports_delivered" int not null default 0, "recorded_by_id" uuid null, "recorded_at" timestamptz not null default now(), constraint "joint_activity_pkey" primary key ("id"));`);
    this.addSql(`create index "joint_activity_agreement_id_index" on "joint_activity" ("agreement_id");`);
    this.addSql(`create index "joint_activity_started_on_id_index" on "joint_activity" ("started_on", "id");`);

    this.addSql(`create table "joint_activity_agency" ("joint_activity_id" uuid not null, "agency_id" uuid not null, constraint "joint_activity_agency_pkey" primary key ("joint_activity_id", "agency_id"));`);

    this.addSql(`alter table "joint_activity" add constraint "joint_activity_agreement_id_foreign" foreign key ("agreement_id") references "agreement" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "joint_activity" add constraint "joint_activity_recorded_by_id_foreign" foreign key ("recorded_by_id") references "contact" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "joint_activity_agency" add constraint "joint_activity_agency_joint_activity_id_foreign" foreign key ("joint_activity_id") references "joint_activity" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "joint_activity_agency" add constraint "joint_activity_agency_agency_id_foreign" foreign key ("agency_id") references "agency" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "agreement" add column "ended_on" date null, add column "termination_reason" text null;`);

    this.addSql(`alter table "security_alert" add column "agreement_id" uuid null;`);
    this.addSql(`alter table "security_alert" add constraint "security_alert_agreement_id_foreign" foreign key ("agreement_id") references "agreement" ("id") on update cascade on delete restrict;`);
    this.addSql(`create index "security_alert_agreement_id_index" on "security_alert" ("agreement_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "joint_activity_agency" drop constraint "joint_activity_agency_joint_activity_id_foreign";`);

    this.addSql(`drop table if exists "joint_activity" cascade;`);

    this.addSql(`drop table if exists "joint_activity_agency" cascade;`);

    this.addSql(`alter table "security_alert" drop constraint "security_alert_agreement_id_foreign";`);

    this.addSql(`alter table "agreement" drop column "ended_on", drop column "termination_reason";`);

    this.addSql(`drop index "security_alert_agreement_id_index";`);
    this.addSql(`alter table "security_alert" drop column "agreement_id";`);

    this.addSql(`drop type "joint_activity_kind";`);
  }

}
