import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../../graphql/errors.js';
import { assertIds } from '../../graphql/ids.js';
import { Contact } from './contact.entity.js';

/** Reads the contact directory. */
export class ContactService {
  constructor(private readonly em: EntityManager) {}

  /** Contacts of agency `agencyId` (all agencies when absent), by name. */
  list(agencyId?: string | null): Promise<Contact[]> {
    assertIds('agencyId', agencyId);
    return this.em.find(Contact, agencyId ? { agency: agencyId } : {}, { orderBy: { fullName: 'asc', id: 'asc' } });
  }

  /** @throws NOT_FOUND when there is no contact `id`. */
  async get(id: string): Promise<Contact> {
    assertIds('id', id);
    const contact = await this.em.findOne(Contact, { id });
    if (!contact) throw notFound('Contact', id);
    return contact;
  }
}
