import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../../graphql/errors.js';
import { assertIds } from '../../graphql/ids.js';
import { AgreementParty } from './agreement-party.entity.js';
import { AgreementReview } from './agreement-review.entity.js';
import { Agreement } from './agreement.entity.js';
import { AgreementStatus } from './agreement.enums.js';

/** Reads coordination agreements, their parties and reviews. */
export class AgreementService {
  private readonly successorLoader = new DataLoader<string, Agreement | null>(async (ids) => {
    const successors = await this.em.find(Agreement, { supersedes: { $in: [...ids] } });
    return ids.map((id) => successors.find((s) => s.supersedes?.id === id) ?? null);
  });

  private readonly partiesLoader = new DataLoader<string, AgreementParty[]>(async (ids) => {
    const parties = await this.em.find(AgreementParty, { agreement: { $in: [...ids] } }, { orderBy: { id: 'asc' } });
    return ids.map((id) => parties.filter((p) => p.agreement.id === id));
  });

  private readonly reviewsLoader = new DataLoader<string, AgreementReview[]>(async (ids) => {
    const reviews = await this.em.find(AgreementReview, { agreement: { $in: [...ids] } }, { orderBy: { heldOn: 'asc' } });
    return ids.map((id) => reviews.filter((r) => r.agreement.id === id));
  });

  constructor(private readonly em: EntityManager) {}

  /** Agreements, optionally with one status, newest signature first (unsigned drafts last). */
  list(status?: AgreementStatus | null): Promise<Agreement[]> {
    return this.em.find(Agreement, status ? { status } : {}, {
      orderBy: { signedOn: 'desc nulls last', code: 'asc' },
    });
  }

  /** @throws NOT_FOUND when there is no agreement `id`. */
  async get(id: string): Promise<Agreement> {
    assertIds('id', id);
    const agreement = await this.em.findOne(Agreement, { id });
    if (!agreement) throw notFound('Agreement', id);
    return agreement;
  }

  /** The agreement that replaced `agreementId`, if any. */
  supersededBy(agreementId: string): Promise<Agreement | null> {
    return this.successorLoader.load(agreementId);
  }

  parties(agreementId: string): Promise<AgreementParty[]> {
    return this.partiesLoader.load(agreementId);
  }

  /** Reviews of the agreement, oldest first. */
  reviews(agreementId: string): Promise<AgreementReview[]> {
    return this.reviewsLoader.load(agreementId);
  }
}
