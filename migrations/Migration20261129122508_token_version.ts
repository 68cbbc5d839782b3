import { Migration } from '@mikro-orm/migrations';

export class Migration20261129122508_token_version extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "contact" add column "token_version" int not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "contact" drop column "token_version";`);
  }

}
