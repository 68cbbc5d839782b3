import { Entity, Index, ManyToOne, PrimaryKeyProp, Property, type Ref } from '@mikro-orm/core';
import { Agency } from '../agency/agency.entity.js';
import type { SecurityAlert } from './security-alert.entity.js';

/**
 * One branch an alert reaches: a branch named as a target (`direct`), or a branch under a targeted agency.
 * Worked out once when the alert is posted, so later changes to the hierarchy do not rewrite history.
 */
@Entity({ tableName: 'alert_recipient' })
@Index({ properties: ['branch', 'alert'] })
export class AlertRecipient {
  [PrimaryKeyProp]?: ['alert', 'branch'];

  @ManyToOne('SecurityAlert', { ref: true, primary: true, deleteRule: 'cascade' })
  alert!: Ref<SecurityAlert>;

  @ManyToOne(() => Agency, { ref: true, primary: true, deleteRule: 'restrict' })
  branch!: Ref<Agency>;

  /** True when the branch itself was named as a target, false when reached through an ancestor. */
  @Property({ type: 'boolean' })
  direct!: boolean;
}
