import { Migration } from '@mikro-orm/migrations';

export class Migration20261129140544_audit_append_only extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create function audit_entry_is_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit entries are append-only: % refused', tg_op using errcode = 'insufficient_privilege';
      end
    $$;`);
    this.addSql(`create trigger audit_entry_no_update_or_delete before update or delete on "audit_entry" for each row execute function audit_entry_is_append_only();`);
    this.addSql(`create trigger audit_entry_no_truncate before truncate on "audit_entry" for each statement execute function audit_entry_is_append_only();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists audit_entry_no_truncate on "audit_entry";`);
    this.addSql(`drop trigger if exists audit_entry_no_update_or_delete on "audit_entry";`);
    this.addSql(`drop function if exists audit_entry_is_append_only();`);
  }

}
