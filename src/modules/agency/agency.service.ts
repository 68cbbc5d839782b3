import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../../graphql/errors.js';
import { assertIds } from '../../graphql/ids.js';
import { Agency } from './agency.entity.js';
import { AgencyLevel, Sector } from './agency.enums.js';

/** Filter of the `agencies` query; every given field must match. */
export interface AgencyFilter {
  sector?: Sector | null;
  level?: AgencyLevel | null;
  parentId?: string | null;
}

/** A branch reached by a set of targets: named itself (`direct`) or found under a named agency. */
export interface ReachedBranch {
  branchId: string;
  direct: boolean;
}

/** Reads the organisation chart. */
export class AgencyService {
  private readonly childrenLoader = new DataLoader<string, Agency[]>(async (parentIds) => {
    const children = await this.em.find(Agency, { parent: { $in: [...parentIds] } }, { orderBy: { name: 'asc' } });
    return parentIds.map((id) => children.filter((child) => child.parent?.id === id));
  });

  constructor(private readonly em: EntityManager) {}

  /** Agencies matching `filter`, by level (national first) then name. */
  list(filter: AgencyFilter): Promise<Agency[]> {
    assertIds('parentId', filter.parentId);
    return this.em.find(
      Agency,
      {
        ...(filter.sector ? { sector: filter.sector } : {}),
        ...(filter.level ? { level: filter.level } : {}),
        ...(filter.parentId ? { parent: filter.parentId } : {}),
      },
      { orderBy: { name: 'asc' } },
    );
  }

  /** @throws NOT_FOUND when there is no agency `id`; BAD_USER_INPUT when `id` is not an id. */
  async get(id: string): Promise<Agency> {
    assertIds('id', id);
    const agency = await this.em.findOne(Agency, { id });
    if (!agency) throw notFound('Agency', id);
    return agency;
  }

  /** Agencies with these ids (unknown ids are left out). */
  findByIds(ids: string[]): Promise<Agency[]> {
    return this.em.find(Agency, { id: { $in: ids } });
  }

  /** Direct children of `agencyId`, by name; batched per request. */
  children(agencyId: string): Promise<Agency[]> {
    return this.childrenLoader.load(agencyId);
  }

  /**
   * Every post-office branch (POSTAL, level BRANCH) among `agencyIds` or anywhere under them, walking the
   * parent hierarchy with a recursive query. A branch named itself is `direct`.
   */
  async branchesReachedBy(agencyIds: string[]): Promise<ReachedBranch[]> {
    if (agencyIds.length === 0) return [];
    const rows = await this.em.execute<{ id: string; direct: boolean }[]>(
      `with recursive reached(id, direct) as (
         select a.id, true from agency a where a.id in (?)
         union
         select child.id, false from agency child join reached on child.parent_id = reached.id
       )
       select a.id, bool_or(reached.direct) as direct
         from reached join agency a on a.id = reached.id
        where a.sector = ? and a.level = ?
        group by a.id
        order by a.id`,
      [agencyIds, Sector.POSTAL, AgencyLevel.BRANCH],
    );
    return rows.map((row) => ({ branchId: row.id, direct: row.direct }));
  }
}
