import { Migration } from '@mikro-orm/migrations';

export class Migration20261129161158_cap_import_source extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "security_alert" add column "source_sender" varchar(255) null, add column "source_identifier" varchar(255) null;`);
    this.addSql(`alter table "security_alert" add constraint "security_alert_issuer_agency_id_source_sender_sou_61c39_unique" unique ("issuer_agency_id", "source_sender", "source_identifier");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "security_alert" drop constraint "security_alert_issuer_agency_id_source_sender_sou_61c39_unique";`);
    this.addSql(`alter table "security_alert" drop column "source_sender", drop column "source_identifier";`);
  }

}
