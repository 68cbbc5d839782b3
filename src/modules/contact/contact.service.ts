import { batcherOf } from '../../platform/batching.js';
import { VisibleById } from '../../platform/visible-by-id.js';
import { ref, type EntityManager, type ObjectQuery } from '@mikro-orm/postgresql';
import { writeUnique } from '../../platform/unique.js';
import { inTransaction } from '../../platform/transaction.js';
import { lockAgencyTree } from '../agency/agency.service.js';
import { requireViewer, type ViewerScope } from '../../platform/viewer-scope.js';
import { badUserInput, notFound } from '../../platform/errors.js';
import { assertIds } from '../../platform/ids.js';
import { assertAdministers, assertNotAuditorRole } from '../access/administration-scope.js';
import { ContactDetailsPolicy, visibleContactsWhere } from '../access/contact-visibility.js';
import type { Signals } from '../../platform/live.js';
import { Agency } from '../agency/agency.entity.js';
import { AgencyLevel, Sector } from '../agency/agency.enums.js';
import { hashPassword } from '../../platform/password.js';
import { ContactRole } from '../../platform/contact-role.js';
import { Contact } from './contact.entity.js';
import type { CreateContactInput, UpdateContactInput } from './contact.inputs.js';

/** Reads the contact directory, as far as the viewer may see it (access/contact-visibility.ts). */
export class ContactService {
  private readonly details: ContactDetailsPolicy;

  private readonly visibleById = new VisibleById(this.em, Contact, 'Contact', () => this.visible());

  constructor(
    private readonly em: EntityManager,
    private readonly scope: ViewerScope,
    private readonly signals: Signals,
  ) {
    this.details = new ContactDetailsPolicy(em, scope);
  }

  /**
   * The signed-in contact with their agency, in one statement: everyone may see themselves, so no visibility
   * rule is read.
   * @throws UNAUTHENTICATED without a viewer; NOT_FOUND when the contact is gone.
   */
  async own(): Promise<Contact> {
    const viewer = requireViewer(this.scope);
    const contact = await this.em.findOne(Contact, { id: viewer.contactId }, { populate: ['agency'] });
    if (!contact) throw notFound('Contact', viewer.contactId);
    return contact;
  }

  /** Contacts of agency `agencyId` that are not archived and that the viewer may see, by name; batched per request. */
  ofAgency(agencyId: string): Promise<Contact[]> {
    return this.byAgency.load(agencyId);
  }

  private readonly byAgency = batcherOf(this.em).loader<string, Contact[]>(async (agencyIds) => {
    const rows = await this.em.find(
      Contact,
      { $and: [this.visible(), { agency: { $in: [...agencyIds] } }, { archivedAt: null }] },
      { orderBy: { fullName: 'asc', id: 'asc' } },
    );
    return agencyIds.map((id) => rows.filter((contact) => contact.agency.id === id));
  });

  list(agencyId?: string | null, includeArchived = false): Promise<Contact[]> {
    assertIds('agencyId', agencyId);
    return this.em.find(
      Contact,
      {
        $and: [
          this.visible(),
          agencyId ? { agency: agencyId } : {},
          includeArchived ? {} : { archivedAt: null },
        ],
      },
      { orderBy: { fullName: 'asc', id: 'asc' } },
    );
  }

  /** @throws NOT_FOUND when there is no contact `id` or the viewer may not see it. */
  get(id: string): Promise<Contact> {
    return this.visibleById.get(id);
  }

  /** The contact when the viewer may see it, else null; batched per request. */
  findVisible(id: string): Promise<Contact | null> {
    return this.visibleById.find(id);
  }

  /**
   * Creates a contact (COORDINATOR) at an agency they administer, with any role but AUDITOR.
   * @throws FORBIDDEN outside what the coordinator administers, or for the AUDITOR role; BAD_USER_INPUT for an unknown or archived agency, an e-mail in use, a role without an e-mail, or a
   *   role that does not fit the agency (a liaison outside the police, an operator outside a branch).
   */
  async create(input: CreateContactInput): Promise<Contact> {
    assertNotAuditorRole(input.role);
    const passwordHash = input.password ? await hashPassword(input.password) : null;
    // Under the agency tree's lock: the agency cannot be archived between the check and the write.
    return writeUnique(
      () =>
        inTransaction(this.em, async (tx) => {
          await lockAgencyTree(tx);
          const agency = await this.usableAgency(input.agencyId);
          assertAdministers(requireViewer(this.scope), agency);
          const email = input.email?.trim().toLowerCase() || null;
          assertRoleFits(input.role ?? null, agency, email);
          return tx.create(Contact, {
            agency: ref(agency),
            fullName: input.fullName.trim(),
            position: input.position.trim(),
            role: input.role ?? null,
            phone: input.phone?.trim() || null,
            email,
            passwordHash,
          });
        }),
      'email',
      'Another contact already has this e-mail address',
    );
  }

  /**
   * Changes a contact (COORDINATOR). A change to the role, agency, e-mail, password or `active` ends the
   * contact's sessions: earlier tokens stop working and open WebSockets close (4401).
   * @throws NOT_FOUND; FORBIDDEN outside what the coordinator administers or for an auditor; BAD_USER_INPUT as
   *   for `create`, for an archived contact, or for a coordinator changing their own role, agency, e-mail or
   *   password, or disabling themselves.
   */
  async update(id: string, input: UpdateContactInput): Promise<Contact> {
    const viewer = requireViewer(this.scope);
    await this.get(id);
    const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
    // Read and changed under the agency tree's lock: an archiving, a move of its agency or another change of the
    // contact (enabling it while it is archived, say) waits for this one, and this one sees theirs.
    const { contact, sessionsChange } = await writeUnique(
      () =>
        inTransaction(this.em, async (tx) => {
          await lockAgencyTree(tx);
          const contact = await tx.findOneOrFail(Contact, { id }, { refresh: true });
          assertAdministers(viewer, await contact.agency.loadOrFail());
          assertNotAuditorRole(contact.role, input.role);
          if (contact.archivedAt) throw badUserInput(`Contact ${id} is archived`, [{ field: 'id', message: 'is archived' }]);
          // One's own password is changed with changePassword, which asks for the current one (and counts
          // failures); one's own login name likewise stays out of reach of a stolen token.
          const ownChange =
            (input.role !== undefined && input.role !== viewer.role) ? 'role'
            : input.active === false ? 'active'
            : input.agencyId !== undefined && input.agencyId !== viewer.agencyId ? 'agencyId'
            : input.password !== undefined ? 'password'
            : input.email !== undefined && (input.email?.trim().toLowerCase() || null) !== (contact.email ?? null) ? 'email'
            : null;
          if (id === viewer.contactId && ownChange) {
            throw badUserInput('You cannot change your own role, agency, e-mail or password here (use changePassword), or disable yourself', [
              { field: ownChange, message: 'cannot be changed on your own account' },
            ]);
          }
          const agency = input.agencyId !== undefined ? await this.usableAgency(input.agencyId) : await contact.agency.loadOrFail();
          assertAdministers(viewer, agency);
          const email = input.email !== undefined ? input.email?.trim().toLowerCase() || null : (contact.email ?? null);
          const role = input.role !== undefined ? input.role : (contact.role ?? null);
          assertRoleFits(role, agency, email);
          const sessionsChange =
            agency.id !== contact.agency.id || email !== contact.email || role !== contact.role ||
            passwordHash !== undefined || (input.active != null && input.active !== contact.active);
          contact.agency = ref(agency);
          contact.email = email;
          contact.role = role;
          if (input.fullName !== undefined) contact.fullName = input.fullName.trim();
          if (input.position !== undefined) contact.position = input.position.trim();
          if (input.phone !== undefined) contact.phone = input.phone?.trim() || null;
          if (input.active != null) contact.active = input.active;
          if (passwordHash !== undefined) contact.passwordHash = passwordHash;
          if (sessionsChange) contact.tokenVersion += 1;
          return { contact, sessionsChange };
        }),
      'email',
      'Another contact already has this e-mail address',
    );
    if (sessionsChange) this.signals.contactChanged(contact.id);
    return contact;
  }

  /**
   * Archives a contact (COORDINATOR): disabled at once and left out of lists; their history stays.
   * @throws NOT_FOUND; FORBIDDEN outside what the coordinator administers or for an auditor; BAD_USER_INPUT for
   *   one's own account.
   */
  async archive(id: string): Promise<Contact> {
    await this.get(id);
    const { contact, changed } = await inTransaction(this.em, async (tx) => {
      // Under the agency tree's lock, as update: an enabling cannot race the archiving.
      await lockAgencyTree(tx);
      const contact = await tx.findOneOrFail(Contact, { id }, { refresh: true });
      assertAdministers(requireViewer(this.scope), await contact.agency.loadOrFail());
      assertNotAuditorRole(contact.role);
      if (id === requireViewer(this.scope).contactId) {
        throw badUserInput('You cannot archive yourself', [{ field: 'id', message: 'is your own account' }]);
      }
      // Archived already: kept so (and disabled, should an earlier version have let an enabling through).
      if (contact.archivedAt && !contact.active) return { contact, changed: false };
      contact.archivedAt ??= new Date();
      contact.active = false;
      contact.tokenVersion += 1;
      return { contact, changed: true };
    });
    if (changed) this.signals.contactChanged(contact.id);
    return contact;
  }

  private async usableAgency(agencyId: string): Promise<Agency> {
    const agency = await this.em.findOne(Agency, { id: agencyId }, { refresh: true });
    if (!agency || agency.archivedAt) {
      throw badUserInput(`Unknown or archived agency ${agencyId}`, [{ field: 'agencyId', message: 'must be an agency that is not archived' }]);
    }
    return agency;
  }


  /** The contact's phone or e-mail when the viewer may read it, else null (access/contact-visibility.ts). */
  private visible(): ObjectQuery<Contact> {
    return visibleContactsWhere(this.em, requireViewer(this.scope));
  }

  async revealed(contact: Contact, field: 'phone' | 'email'): Promise<string | null> {
    return (await this.details.mayReveal(contact)) ? (contact[field] ?? null) : null;
  }
}

/**
 * @throws BAD_USER_INPUT when `role` needs an e-mail that is missing, or does not fit `agency`: a
 *   POLICE_LIAISON works at a POLICE agency and a BRANCH_OPERATOR at a post-office branch (README, "Roles and what each sees").
 */
function assertRoleFits(role: ContactRole | null, agency: Agency, email: string | null): void {
  if (!role) return;
  if (!email) throw badUserInput('A contact with a role needs an e-mail address to sign in with', [{ field: 'email', message: 'is required with a role' }]);
  const fits =
    role === ContactRole.POLICE_LIAISON ? agency.sector === Sector.POLICE
    : role === ContactRole.BRANCH_OPERATOR ? agency.sector === Sector.POSTAL && agency.level === AgencyLevel.BRANCH
    : true;
  if (!fits) {
    throw badUserInput(`A ${role} cannot work at ${agency.code}`, [
      { field: 'role', message: role === ContactRole.POLICE_LIAISON ? 'needs a POLICE agency' : 'needs a post-office branch' },
    ]);
  }
}
