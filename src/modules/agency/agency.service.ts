import { batcherOf } from '../../platform/batching.js';
import { VisibleById } from '../../platform/visible-by-id.js';
import { ref, type EntityManager } from '@mikro-orm/postgresql';
import { inTransaction } from '../../platform/transaction.js';
import { writeUnique } from '../../platform/unique.js';
import { requireViewer, type ViewerScope } from '../../platform/viewer-scope.js';
import { badUserInput, forbidden } from '../../platform/errors.js';
import { assertAdministers } from '../access/administration-scope.js';
import { assertIds } from '../../platform/ids.js';
import { Contact } from '../contact/contact.entity.js';
import { Agency } from './agency.entity.js';
import { AgencyLevel, Sector } from './agency.enums.js';
import type { CreateAgencyInput, UpdateAgencyInput } from './agency.inputs.js';

/** Filter of the `agencies` query; every given field must match. */
export interface AgencyFilter {
  sector?: Sector | null;
  level?: AgencyLevel | null;
  parentId?: string | null;
  includeArchived?: boolean | null;
}

/** A branch reached by a set of targets: named itself (`direct`) or found under a named agency. */
export interface ReachedBranch {
  branchId: string;
  direct: boolean;
}

/** Levels from the top; a child is never above its parent. */
const LEVEL_RANK: Record<AgencyLevel, number> = {
  [AgencyLevel.NATIONAL]: 0,
  [AgencyLevel.PROVINCIAL]: 1,
  [AgencyLevel.DISTRICT]: 2,
  [AgencyLevel.BRANCH]: 3,
};

/** Reads and maintains the organisation chart. */
export class AgencyService {
  /** Every agency is visible to every signed-in contact (the organisation chart is shared). */
  private readonly byId = new VisibleById(this.em, Agency, 'Agency', () => ({}));
  private readonly childrenLoader = batcherOf(this.em).loader<string, Agency[]>(async (parentIds) => {
    const children = await this.em.find(
      Agency,
      { parent: { $in: [...parentIds] }, archivedAt: null },
      { orderBy: { name: 'asc' } },
    );
    return parentIds.map((id) => children.filter((child) => child.parent?.id === id));
  });

  constructor(
    private readonly em: EntityManager,
    private readonly scope: ViewerScope,
  ) {}

  /** Agencies matching `filter`, by name; archived ones only with `includeArchived`. */
  list(filter: AgencyFilter): Promise<Agency[]> {
    assertIds('parentId', filter.parentId);
    return this.em.find(
      Agency,
      {
        ...(filter.sector ? { sector: filter.sector } : {}),
        ...(filter.level ? { level: filter.level } : {}),
        ...(filter.parentId ? { parent: filter.parentId } : {}),
        ...(filter.includeArchived ? {} : { archivedAt: null }),
      },
      { orderBy: { name: 'asc' } },
    );
  }

  /** @throws NOT_FOUND when there is no agency `id`; BAD_USER_INPUT when `id` is not an id. */
  get(id: string): Promise<Agency> {
    return this.byId.get(id);
  }

  /** Agencies with these ids (unknown ids are left out). */
  findByIds(ids: string[]): Promise<Agency[]> {
    return this.em.find(Agency, { id: { $in: ids } });
  }

  /** Direct children of `agencyId` that are not archived, by name; batched per request. */
  children(agencyId: string): Promise<Agency[]> {
    return this.childrenLoader.load(agencyId);
  }

  /**
   * Every post-office branch (POSTAL, level BRANCH, not archived) among `agencyIds` or anywhere under them.
   * A branch named itself is `direct`.
   */
  async branchesReachedBy(agencyIds: string[]): Promise<ReachedBranch[]> {
    if (agencyIds.length === 0) return [];
    const rows = await this.em.execute<{ id: string; direct: boolean }[]>(
      `select b.id, bool_or(b.id = t.id) as direct
         from agency t join agency b on b.path like t.path || '%'
        where t.id in (?) and b.sector = ? and b.level = ? and b.archived_at is null
        group by b.id
        order by b.id`,
      [agencyIds, Sector.POSTAL, AgencyLevel.BRANCH],
    );
    return rows.map((row) => ({ branchId: row.id, direct: row.direct }));
  }

  /**
   * Creates an agency (COORDINATOR) under one they administer.
   * @throws FORBIDDEN for a parent outside what the coordinator administers (or none); BAD_USER_INPUT for a code
   *   already used, an unknown or archived parent, another sector than the parent's, or a level above it.
   */
  async create(input: CreateAgencyInput): Promise<Agency> {
    const viewer = requireViewer(this.scope);
    if (!input.parentId) throw forbidden('A new top-level agency is outside the agencies you administer');
    const parentId = input.parentId;
    return writeUnique(
      () =>
        inTransaction(this.em, async (tx) => {
          await lockAgencyTree(tx);
          const parent = await this.usableParent(parentId);
          assertAdministers(viewer, parent);
          assertPlacement(input.sector, input.level, parent);
          const agency = tx.create(Agency, {
            code: input.code,
            name: input.name.trim(),
            sector: input.sector,
            level: input.level,
            parent: ref(parent),
            address: input.address?.trim() || null,
          });
          agency.path = Agency.pathUnder(parent, agency.id);
          return agency;
        }),
      'code',
      'Another agency already has this code',
    );
  }

  /**
   * Changes an agency the coordinator administers; a new parent moves everything under it too. Only agencies
   * under the coordinator's own can move, and only to a parent they administer.
   * @throws NOT_FOUND; FORBIDDEN outside what the coordinator administers; BAD_USER_INPUT for an archived
   *   agency, a code already used, a parent that is unknown, archived, the agency itself or under it, of
   *   another sector or whose level is below the agency's.
   */
  async update(id: string, input: UpdateAgencyInput): Promise<Agency> {
    const viewer = requireViewer(this.scope);
    await this.get(id);
    return writeUnique(
      () =>
        inTransaction(this.em, async (tx) => {
          // Read again under the tree's lock: a move or a creation that committed meanwhile is seen.
          await lockAgencyTree(tx);
          const agency = await tx.findOneOrFail(Agency, { id }, { refresh: true });
          assertAdministers(viewer, agency);
          if (agency.archivedAt) throw badUserInput(`Agency ${id} is archived`, [{ field: 'id', message: 'is archived' }]);
          const newParent =
            input.parentId === undefined || input.parentId === (agency.parent?.id ?? null)
              ? undefined
              : input.parentId
                ? await this.usableParent(input.parentId)
                : null;
          if (newParent && newParent.path.startsWith(agency.path)) {
            throw badUserInput('An agency cannot move under itself', [
              { field: 'parentId', message: 'must not be the agency or one under it' },
            ]);
          }
          if (newParent !== undefined) {
            if (agency.id === viewer.agencyId || !newParent) {
              throw forbidden('Only agencies under your own can move, and only to another place under it');
            }
            assertAdministers(viewer, newParent);
            assertPlacement(agency.sector, agency.level, newParent);
          }
          if (input.code !== undefined) agency.code = input.code;
          if (input.name !== undefined) agency.name = input.name.trim();
          if (input.address !== undefined) agency.address = input.address?.trim() || null;
          if (newParent) {
            const oldPath = agency.path;
            agency.parent = ref(newParent);
            agency.path = Agency.pathUnder(newParent, agency.id);
            await tx.execute(`update agency set path = ? || substr(path, ?) where path like ? and id <> ?`, [
              agency.path,
              oldPath.length + 1,
              `${oldPath}%`,
              agency.id,
            ]);
          }
          return agency;
        }),
      'code',
      'Another agency already has this code',
    );
  }

  /**
   * Archives an agency (COORDINATOR): it leaves lists and can no longer be targeted; its history stays.
   * @throws NOT_FOUND; FORBIDDEN for the coordinator's own agency or one they do not administer;
   *   BAD_USER_INPUT while agencies or contacts under it are not archived.
   */
  async archive(id: string): Promise<Agency> {
    const viewer = requireViewer(this.scope);
    await this.get(id);
    return inTransaction(this.em, async (tx) => {
      // Under the tree's lock: no agency or contact is added under it while it is being archived.
      await lockAgencyTree(tx);
      const agency = await tx.findOneOrFail(Agency, { id }, { refresh: true });
      assertAdministers(viewer, agency);
      if (agency.id === viewer.agencyId) throw forbidden('You cannot archive your own agency');
      if (agency.archivedAt) return agency;
      const [children, contacts] = await Promise.all([
        tx.count(Agency, { parent: id, archivedAt: null }),
        tx.count(Contact, { agency: id, archivedAt: null }),
      ]);
      if (children > 0 || contacts > 0) {
        throw badUserInput(`Agency ${id} still has ${children} agencies and ${contacts} contacts that are not archived`, [
          { field: 'id', message: 'archive or move the agencies and contacts under it first' },
        ]);
      }
      agency.archivedAt = new Date();
      return agency;
    });
  }

  private async usableParent(parentId: string): Promise<Agency> {
    const parent = await this.em.findOne(Agency, { id: parentId }, { refresh: true });
    if (!parent || parent.archivedAt) {
      throw badUserInput(`Unknown or archived parent agency ${parentId}`, [
        { field: 'parentId', message: 'must be an agency that is not archived' },
      ]);
    }
    return parent;
  }

}

/** Key of the transaction-level advisory lock that serialises changes to the agency tree. */
const AGENCY_TREE_LOCK = 7_160_301;

/**
 * Takes the agency tree's lock for the rest of `tx`'s transaction: creations, moves and archivings of agencies
 * (and contacts placed at an agency) happen one after the other, so a move cannot leave a path stale, two moves
 * cannot make a loop, and nothing is added under an agency being archived. They are rare: one lock for the
 * whole tree costs nothing.
 */
export async function lockAgencyTree(tx: EntityManager): Promise<void> {
  await tx.execute('select pg_advisory_xact_lock(?)', [AGENCY_TREE_LOCK]);
}

/**
 * @throws BAD_USER_INPUT when an agency of `sector` and `level` may not sit under `parent`: it must be of the
 *   parent's sector, not above the parent's level, and nothing goes under a branch.
 */
function assertPlacement(sector: Sector, level: AgencyLevel, parent: Agency): void {
  if (sector !== parent.sector) {
    throw badUserInput(`A ${sector} agency cannot sit under a ${parent.sector} agency`, [
      { field: 'parentId', message: `must be a ${sector} agency` },
    ]);
  }
  if (parent.level === AgencyLevel.BRANCH || LEVEL_RANK[level] < LEVEL_RANK[parent.level]) {
    throw badUserInput(`A ${level} agency cannot sit under a ${parent.level} agency`, [
      { field: 'parentId', message: `a ${parent.level} agency cannot hold a ${level} one` },
    ]);
  }
}
