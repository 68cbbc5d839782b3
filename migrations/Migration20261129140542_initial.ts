import { Migration } from '@mikro-orm/migrations';

export class Migration20261129140542_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "sector" as enum ('POLICE', 'POSTAL', 'GOVERNMENT');`);
    this.addSql(`create type "agency_level" as enum ('NATIONAL', 'PROVINCIAL', 'DISTRICT', 'BRANCH');`);
    this.addSql(`create type "scope_area" as enum ('INTERNAL_SECURITY', 'NETWORK_SAFETY', 'INFORMATION_SECURITY', 'STATE_SECRETS', 'PUBLIC_ORDER', 'PUBLIC_ADMINISTRATION_DELIVERY', 'TRAINING');`);
    this.addSql(`create type "agreement_status" as enum ('DRAFT', 'ACTIVE', 'SUPERSEDED', 'TERMINATED');`);
    this.addSql(`create type "contact_role" as enum ('POLICE_LIAISON', 'BRANCH_OPERATOR', 'COORDINATOR', 'AUDITOR');`);
    this.addSql(`create type "audit_operation_type" as enum ('MUTATION', 'SUBSCRIPTION');`);
    this.addSql(`create type "audit_outcome" as enum ('SUCCESS', 'REFUSED', 'ERROR');`);
    this.addSql(`create type "alert_status" as enum ('ACTUAL', 'EXERCISE', 'SYSTEM', 'TEST', 'DRAFT');`);
    this.addSql(`create type "msg_type" as enum ('ALERT', 'UPDATE', 'CANCEL');`);
    this.addSql(`create type "alert_category" as enum ('GEO', 'MET', 'SAFETY', 'SECURITY', 'RESCUE', 'FIRE', 'HEALTH', 'ENV', 'TRANSPORT', 'INFRA', 'CBRNE', 'OTHER');`);
    this.addSql(`create type "urgency" as enum ('IMMEDIATE', 'EXPECTED', 'FUTURE', 'PAST', 'UNKNOWN');`);
    this.addSql(`create type "severity" as enum ('EXTREME', 'SEVERE', 'MODERATE', 'MINOR', 'UNKNOWN');`);
    this.addSql(`create type "certainty" as enum ('OBSERVED', 'LIKELY', 'POSSIBLE', 'UNLIKELY', 'UNKNOWN');`);
    this.addSql(`create type "suspicion_reason" as enum ('NARCOTICS', 'WEAPONS', 'SUBVERSIVE_MATERIAL', 'HAZARDOUS_SUBSTANCES', 'BANNED_GOODS', 'LIVE_ORGANISMS', 'CASH_AND_VALUABLE_PAPERS', 'PRECIOUS_METALS_AND_STONES', 'STATE_SECRETS', 'CONSOLIDATED_PARCEL', 'OTHER');`);
    this.addSql(`create type "tlp_label" as enum ('RED', 'AMBER_STRICT', 'AMBER', 'GREEN', 'CLEAR');`);
    this.addSql(`create type "ack_outcome" as enum ('RECEIVED', 'ITEM_HELD', 'HANDED_TO_POLICE', 'NOT_FOUND', 'RELEASED');`);
    this.addSql(`create table "agency" ("id" uuid not null, "code" varchar(40) not null, "name" varchar(200) not null, "sector" "sector" not null, "level" "agency_level" not null, "parent_id" uuid null, "address" varchar(300) null, "path" text not null, "created_at" timestamptz not null default now(), "archived_at" timestamptz null, constraint "agency_pkey" primary key ("id"));`);
    this.addSql(`alter table "agency" add constraint "agency_code_unique" unique ("code");`);
    this.addSql(`create index "agency_parent_id_index" on "agency" ("parent_id");`);
    this.addSql(`create index "agency_path_prefix_index" on "agency" ("path" text_pattern_ops);`);

    this.addSql(`create table "agreement" ("id" uuid not null, "code" varchar(60) not null, "title" varchar(400) not null, "scope_areas" "scope_area"[] not null, "status" "agreement_status" not null default 'DRAFT', "signed_on" date null, "effective_on" date null, "expires_on" date null, "supersedes_id" uuid null, "created_at" timestamptz not null default now(), "archived_at" timestamptz null, constraint "agreement_pkey" primary key ("id"));`);
    this.addSql(`alter table "agreement" add constraint "agreement_code_unique" unique ("code");`);
    this.addSql(`alter table "agreement" add constraint "agreement_supersedes_id_unique" unique ("supersedes_id");`);

    this.addSql(`create table "agreement_review" ("id" uuid not null, "agreement_id" uuid not null, "title" varchar(300) not null, "held_on" date not null, "venue" varchar(300) null, "findings" text not null, constraint "agreement_review_pkey" primary key ("id"));`);
    this.addSql(`create index "agreement_review_agreement_id_index" on "agreement_review" ("agreement_id");`);

    this.addSql(`create table "agreement_review_attendee" ("agreement_review_id" uuid not null, "agency_id" uuid not null, constraint "agreement_review_attendee_pkey" primary key ("agreement_review_id", "agency_id"));`);

    this.addSql(`create table "contact" ("id" uuid not null, "agency_id" uuid not null, "full_name" varchar(200) not null, "position" varchar(200) not null, "role" "contact_role" null, "phone" varchar(40) null, "email" varchar(254) null, "password_hash" varchar(200) null, "token_version" int not null default 0, "active" boolean not null default true, "created_at" timestamptz not null default now(), "archived_at" timestamptz null, constraint "contact_pkey" primary key ("id"));`);
    this.addSql(`create index "contact_agency_id_index" on "contact" ("agency_id");`);
    this.addSql(`alter table "contact" add constraint "contact_email_unique" unique ("email");`);

    this.addSql(`create table "audit_entry" ("id" bigserial primary key, "at" timestamptz not null default now(), "actor_id" uuid null, "actor_role" "contact_role" null, "operation" varchar(100) not null, "operation_type" "audit_operation_type" not null, "target_type" varchar(60) null, "target_id" varchar(100) null, "outcome" "audit_outcome" not null, "error_code" varchar(60) null, "client_address" varchar(100) null, "request_id" varchar(100) null, "detail" jsonb null);`);
    this.addSql(`create index "audit_entry_target_type_target_id_index" on "audit_entry" ("target_type", "target_id");`);
    this.addSql(`create index "audit_entry_actor_id_id_index" on "audit_entry" ("actor_id", "id");`);

    this.addSql(`create table "agreement_party" ("id" uuid not null, "agreement_id" uuid not null, "agency_id" uuid not null, "signatory_id" uuid null, "signatory_position" varchar(200) null, constraint "agreement_party_pkey" primary key ("id"));`);
    this.addSql(`create index "agreement_party_agency_id_index" on "agreement_party" ("agency_id");`);
    this.addSql(`create index "agreement_party_signatory_id_index" on "agreement_party" ("signatory_id");`);
    this.addSql(`alter table "agreement_party" add constraint "agreement_party_agreement_id_agency_id_unique" unique ("agreement_id", "agency_id");`);

    this.addSql(`create table "delivery_counter" ("id" smallint not null, "value" bigint not null, constraint "delivery_counter_pkey" primary key ("id"));`);

    this.addSql(`create table "login_throttle" ("key" varchar(255) not null, "points" int not null default 0, "expire" bigint null, constraint "login_throttle_pkey" primary key ("key"));`);

    this.addSql(`create table "security_alert" ("id" uuid not null, "identifier" varchar(60) not null, "delivery_seq" bigint not null, "sent" timestamptz not null, "status" "alert_status" not null default 'ACTUAL', "msg_type" "msg_type" not null default 'ALERT', "references_id" uuid null, "superseded_by_id" uuid null, "thread_id" uuid not null, "category" "alert_category" not null default 'SECURITY', "event" varchar(200) not null, "urgency" "urgency" not null, "severity" "severity" not null, "certainty" "certainty" not null, "headline" varchar(160) not null, "description" text not null, "instruction" text null, "expires" timestamptz null, "suspicion_reason" "suspicion_reason" not null, "tlp" "tlp_label" not null default 'AMBER', "shipment_tracking_number" varchar(13) null, "shipment_declared_contents" varchar(500) null, "shipment_origin" varchar(300) null, "shipment_destination" varchar(300) null, "shipment_sender_description" varchar(500) null, "shipment_recipient_description" varchar(500) null, "issuer_id" uuid not null, "issuer_agency_id" uuid not null, constraint "security_alert_pkey" primary key ("id"));`);
    this.addSql(`alter table "security_alert" add constraint "security_alert_identifier_unique" unique ("identifier");`);
    this.addSql(`alter table "security_alert" add constraint "security_alert_delivery_seq_unique" unique ("delivery_seq");`);
    this.addSql(`create index "security_alert_references_id_index" on "security_alert" ("references_id");`);
    this.addSql(`alter table "security_alert" add constraint "security_alert_superseded_by_id_unique" unique ("superseded_by_id");`);
    this.addSql(`create index "security_alert_thread_id_index" on "security_alert" ("thread_id");`);
    this.addSql(`create index "security_alert_issuer_id_index" on "security_alert" ("issuer_id");`);
    this.addSql(`create index "security_alert_issuer_agency_id_index" on "security_alert" ("issuer_agency_id");`);
    this.addSql(`create index "security_alert_shipment_tracking_number_index" on "security_alert" ("shipment_tracking_number");`);

    this.addSql(`create table "security_alert_target" ("security_alert_id" uuid not null, "agency_id" uuid not null, constraint "security_alert_target_pkey" primary key ("security_alert_id", "agency_id"));`);

    this.addSql(`create table "alert_recipient" ("alert_id" uuid not null, "branch_id" uuid not null, "direct" boolean not null, constraint "alert_recipient_pkey" primary key ("alert_id", "branch_id"));`);
    this.addSql(`create index "alert_recipient_branch_id_alert_id_index" on "alert_recipient" ("branch_id", "alert_id");`);

    this.addSql(`create table "acknowledgement" ("id" uuid not null, "alert_id" uuid not null, "branch_id" uuid not null, "acknowledged_by_id" uuid not null, "outcome" "ack_outcome" not null, "note" text null, "revision" smallint not null, "delivery_seq" bigint not null, "at" timestamptz not null default now(), constraint "acknowledgement_pkey" primary key ("id"));`);
    this.addSql(`create index "acknowledgement_acknowledged_by_id_index" on "acknowledgement" ("acknowledged_by_id");`);
    this.addSql(`alter table "acknowledgement" add constraint "acknowledgement_delivery_seq_unique" unique ("delivery_seq");`);
    this.addSql(`create index "acknowledgement_branch_id_alert_id_index" on "acknowledgement" ("branch_id", "alert_id");`);
    this.addSql(`alter table "acknowledgement" add constraint "acknowledgement_alert_id_branch_id_revision_unique" unique ("alert_id", "branch_id", "revision");`);

    this.addSql(`alter table "agency" add constraint "agency_parent_id_foreign" foreign key ("parent_id") references "agency" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "agreement" add constraint "agreement_supersedes_id_foreign" foreign key ("supersedes_id") references "agreement" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "agreement_review" add constraint "agreement_review_agreement_id_foreign" foreign key ("agreement_id") references "agreement" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "agreement_review_attendee" add constraint "agreement_review_attendee_agreement_review_id_foreign" foreign key ("agreement_review_id") references "agreement_review" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "agreement_review_attendee" add constraint "agreement_review_attendee_agency_id_foreign" foreign key ("agency_id") references "agency" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "contact" add constraint "contact_agency_id_foreign" foreign key ("agency_id") references "agency" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "audit_entry" add constraint "audit_entry_actor_id_foreign" foreign key ("actor_id") references "contact" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "agreement_party" add constraint "agreement_party_agreement_id_foreign" foreign key ("agreement_id") references "agreement" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "agreement_party" add constraint "agreement_party_agency_id_foreign" foreign key ("agency_id") references "agency" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "agreement_party" add constraint "agreement_party_signatory_id_foreign" foreign key ("signatory_id") references "contact" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "security_alert" add constraint "security_alert_references_id_foreign" foreign key ("references_id") references "security_alert" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "security_alert" add constraint "security_alert_superseded_by_id_foreign" foreign key ("superseded_by_id") references "security_alert" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "security_alert" add constraint "security_alert_issuer_id_foreign" foreign key ("issuer_id") references "contact" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "security_alert" add constraint "security_alert_issuer_agency_id_foreign" foreign key ("issuer_agency_id") references "agency" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "security_alert_target" add constraint "security_alert_target_security_alert_id_foreign" foreign key ("security_alert_id") references "security_alert" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "security_alert_target" add constraint "security_alert_target_agency_id_foreign" foreign key ("agency_id") references "agency" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "alert_recipient" add constraint "alert_recipient_alert_id_foreign" foreign key ("alert_id") references "security_alert" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "alert_recipient" add constraint "alert_recipient_branch_id_foreign" foreign key ("branch_id") references "agency" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "acknowledgement" add constraint "acknowledgement_alert_id_foreign" foreign key ("alert_id") references "security_alert" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "acknowledgement" add constraint "acknowledgement_branch_id_foreign" foreign key ("branch_id") references "agency" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "acknowledgement" add constraint "acknowledgement_acknowledged_by_id_foreign" foreign key ("acknowledged_by_id") references "contact" ("id") on update cascade on delete restrict;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "agency" drop constraint "agency_parent_id_foreign";`);

    this.addSql(`alter table "agreement_review_attendee" drop constraint "agreement_review_attendee_agency_id_foreign";`);

    this.addSql(`alter table "contact" drop constraint "contact_agency_id_foreign";`);

    this.addSql(`alter table "agreement_party" drop constraint "agreement_party_agency_id_foreign";`);

    this.addSql(`alter table "security_alert" drop constraint "security_alert_issuer_agency_id_foreign";`);

    this.addSql(`alter table "security_alert_target" drop constraint "security_alert_target_agency_id_foreign";`);

    this.addSql(`alter table "alert_recipient" drop constraint "alert_recipient_branch_id_foreign";`);

    this.addSql(`alter table "acknowledgement" drop constraint "acknowledgement_branch_id_foreign";`);

    this.addSql(`alter table "agreement" drop constraint "agreement_supersedes_id_foreign";`);

    this.addSql(`alter table "agreement_review" drop constraint "agreement_review_agreement_id_foreign";`);

    this.addSql(`alter table "agreement_party" drop constraint "agreement_party_agreement_id_foreign";`);

    this.addSql(`alter table "agreement_review_attendee" drop constraint "agreement_review_attendee_agreement_review_id_foreign";`);

    this.addSql(`alter table "audit_entry" drop constraint "audit_entry_actor_id_foreign";`);

    this.addSql(`alter table "agreement_party" drop constraint "agreement_party_signatory_id_foreign";`);

    this.addSql(`alter table "security_alert" drop constraint "security_alert_issuer_id_foreign";`);

    this.addSql(`alter table "acknowledgement" drop constraint "acknowledgement_acknowledged_by_id_foreign";`);

    this.addSql(`alter table "security_alert" drop constraint "security_alert_references_id_foreign";`);

    this.addSql(`alter table "security_alert" drop constraint "security_alert_superseded_by_id_foreign";`);

    this.addSql(`alter table "security_alert_target" drop constraint "security_alert_target_security_alert_id_foreign";`);

    this.addSql(`alter table "alert_recipient" drop constraint "alert_recipient_alert_id_foreign";`);

    this.addSql(`alter table "acknowledgement" drop constraint "acknowledgement_alert_id_foreign";`);

    this.addSql(`drop table if exists "agency" cascade;`);

    this.addSql(`drop table if exists "agreement" cascade;`);

    this.addSql(`drop table if exists "agreement_review" cascade;`);

    this.addSql(`drop table if exists "agreement_review_attendee" cascade;`);

    this.addSql(`drop table if exists "contact" cascade;`);

    this.addSql(`drop table if exists "audit_entry" cascade;`);

    this.addSql(`drop table if exists "agreement_party" cascade;`);

    this.addSql(`drop table if exists "delivery_counter" cascade;`);

    this.addSql(`drop table if exists "login_throttle" cascade;`);

    this.addSql(`drop table if exists "security_alert" cascade;`);

    this.addSql(`drop table if exists "security_alert_target" cascade;`);

    this.addSql(`drop table if exists "alert_recipient" cascade;`);

    this.addSql(`drop table if exists "acknowledgement" cascade;`);

    this.addSql(`drop type "sector";`);
    this.addSql(`drop type "agency_level";`);
    this.addSql(`drop type "scope_area";`);
    this.addSql(`drop type "agreement_status";`);
    this.addSql(`drop type "contact_role";`);
    this.addSql(`drop type "audit_operation_type";`);
    this.addSql(`drop type "audit_outcome";`);
    this.addSql(`drop type "alert_status";`);
    this.addSql(`drop type "msg_type";`);
    this.addSql(`drop type "alert_category";`);
    this.addSql(`drop type "urgency";`);
    this.addSql(`drop type "severity";`);
    this.addSql(`drop type "certainty";`);
    this.addSql(`drop type "suspicion_reason";`);
    this.addSql(`drop type "tlp_label";`);
    this.addSql(`drop type "ack_outcome";`);
  }

}
