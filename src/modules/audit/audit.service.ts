import { raw, type EntityManager, type ObjectQuery } from '@mikro-orm/postgresql';
import { inSubquery, requireViewer, type ViewerScope } from '../../platform/viewer-scope.js';
import { ObjectType } from 'type-graphql';
import { bigintCursors, connectionOf, pageFrom, type Page } from '../../platform/relay.js';
import { visibleAlertsWhere } from '../access/alert-visibility.js';
import { SecurityAlert } from '../alert/security-alert.entity.js';
import { ContactRole } from '../../platform/contact-role.js';
import { AuditEntry } from './audit-entry.entity.js';
import type { AuditFilter } from './audit.inputs.js';

/** Relay connection of audit entries, newest first. */
@ObjectType({ description: 'Audit entries, newest first.' })
export class AuditEntryConnection extends connectionOf(AuditEntry, 'AuditEntry') {}

const cursors = bigintCursors('audit');

/**
 * Reads the audit trail (AUDITOR and COORDINATOR; the resolver checks the role). Auditors read every entry;
 * a coordinator does not read the entries about alerts they may not see (TLP), which would reveal them.
 */
export class AuditService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: ViewerScope,
  ) {}

  /** One page of entries matching `filter`, newest first. @throws BAD_USER_INPUT for a malformed cursor. */
  async list(filter: AuditFilter, first: number, after?: string | null): Promise<Page<AuditEntry>> {
    const filtered: ObjectQuery<AuditEntry> = {
      ...(filter.actorId ? { actor: filter.actorId } : {}),
      ...(filter.operation ? { operation: filter.operation } : {}),
      ...(filter.operationType ? { operationType: filter.operationType } : {}),
      ...(filter.outcome ? { outcome: filter.outcome } : {}),
      ...(filter.targetType ? { targetType: filter.targetType } : {}),
      ...(filter.targetId ? { targetId: filter.targetId } : {}),
      ...(filter.from || filter.to
        ? { at: { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) } }
        : {}),
    };
    const visible = this.visibleEntries();
    const where: ObjectQuery<AuditEntry> = visible ? { $and: [filtered, visible] } : filtered;
    const afterId = after ? cursors.decode(after) : null;
    const [rows, totalCount] = await Promise.all([
      this.em.find(AuditEntry, afterId ? { $and: [where, { id: { $lt: afterId } }] } : where, {
        orderBy: { id: 'desc' },
        limit: first + 1,
      }),
      this.em.count(AuditEntry, where),
    ]);
    return pageFrom(rows, first, afterId !== null, totalCount, (entry) => cursors.encode(entry.id));
  }

  private visibleEntries(): ObjectQuery<AuditEntry> | null {
    const viewer = requireViewer(this.scope);
    if (viewer.role === ContactRole.AUDITOR) return null;
    const alertIds = this.em
      .createQueryBuilder(SecurityAlert, 'sa')
      .select(raw('sa.id::text'))
      .where(visibleAlertsWhere(this.em, viewer));
    // An entry is about an alert through its target (postAlert, updateAlert, …) or through the `alertId` argument
    // it keeps (acknowledgeAlert, alertAcknowledged, alertSighted, whose targets are an acknowledgement or a
    // branch): both must be alerts the viewer may see. A refused post names no alert.
    return {
      $and: [
        { $or: [{ targetType: null }, { targetType: { $ne: 'SecurityAlert' } }, { targetId: null }, { targetId: inSubquery(alertIds) }] },
        { $or: [{ detail: { alertId: null } }, { detail: { alertId: inSubquery(alertIds) } }] },
      ],
    };
  }
}
