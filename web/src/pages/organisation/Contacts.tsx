import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AgencyContactsQuery, type OrgAgency, type OrgContact } from '../../api/operations-organisation';
import type { SessionContact } from '../../api/session';
import { messageOf } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useSessionQuery } from '../../lib/use-session';
import type { ParentChoice } from './AgencyForm';
import { ContactAccount } from './ContactAccount';
import { ContactForm } from './ContactForm';

/**
 * The contacts of one agency (`contacts(agencyId, includeArchived)`): name, position, role, e-mail, telephone and
 * the state of the account. A coordinator adds contacts and manages each one (not auditors, appointed by the
 * platform's operator, nor archived ones): details, account state, password, archiving. Auditors only read.
 */
export function Contacts({ agency, includeArchived, canChange, me, agencies }: {
  agency: OrgAgency;
  includeArchived: boolean;
  canChange: boolean;
  me: SessionContact;
  /** Agencies a contact may move to, in tree order. */
  agencies: readonly ParentChoice[];
}) {
  const { t } = useTranslation();
  const [result, refetch] = useSessionQuery({ query: AgencyContactsQuery, variables: { agencyId: agency.id, includeArchived } });
  const [creating, setCreating] = useState(false);
  const [managingId, setManagingId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const contacts = result.data?.contacts ?? [];
  const managing = contacts.find((contact) => contact.id === managingId) ?? null;
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const mayManage = (contact: OrgContact) => canChange && !contact.archivedAt && contact.role !== 'AUDITOR';

  function done(text: string, close: boolean): void {
    setNotice(text);
    if (close) {
      setManagingId(null);
      setCreating(false);
    }
    reload();
  }

  return (
    <section className="org-contacts" aria-labelledby="org-contacts-title">
      <h2 id="org-contacts-title">{t('organisation.contacts.title', { agency: agency.name })}</h2>
      <p className="notice ok" role="status" hidden={!notice}>
        {notice}
      </p>
      {result.error && (
        <p className="error" role="alert">
          {messageOf(t, result.error)}
        </p>
      )}
      {result.fetching && !result.data && <p className="muted">{t('organisation.loading')}</p>}
      {result.data && contacts.length === 0 && <p>{t('organisation.contacts.none')}</p>}
      {contacts.length > 0 && (
        <div className="table-scroll">
          <table className="org-table" aria-labelledby="org-contacts-title">
            <thead>
              <tr>
                <th scope="col">{t('organisation.contacts.fullName')}</th>
                <th scope="col">{t('organisation.contacts.role')}</th>
                <th scope="col">{t('organisation.contacts.reach')}</th>
                <th scope="col">{t('organisation.contacts.account')}</th>
                {canChange && <th scope="col">{t('organisation.contacts.manageColumn')}</th>}
              </tr>
            </thead>
            <tbody>
              {contacts.map((contact) => (
                <tr key={contact.id} className={`${contact.archivedAt ? 'archived' : ''}${contact.id === managingId ? ' selected' : ''}`}>
                  <th scope="row">
                    <span className="contact-name">{contact.fullName}</span>
                    {contact.id === me.id && <span className="muted"> {t('organisation.contacts.you')}</span>}
                    <span className="contact-position">{contact.position}</span>
                  </th>
                  <td>{contact.role ? t(`roles.${contact.role}`) : <span className="muted">{t('organisation.contacts.noRole')}</span>}</td>
                  <td className="contact-reach">
                    <span className="email">
                      {contact.email ?? <span className="muted">{t('organisation.contacts.noEmail')}</span>}
                    </span>
                    <span className="phone">
                      {contact.phone ?? <span className="muted">{t('organisation.contacts.noPhone')}</span>}
                    </span>
                  </td>
                  <td>
                    {contact.archivedAt ? (
                      <span className="state archived">{t('organisation.contacts.archived', { date: formatDateTime(contact.archivedAt) })}</span>
                    ) : contact.active ? (
                      <span className="state active">{t('organisation.contacts.active')}</span>
                    ) : (
                      <span className="state disabled">{t('organisation.contacts.disabled')}</span>
                    )}
                  </td>
                  {canChange && (
                    <td>
                      {mayManage(contact) && (
                        <button
                          type="button"
                          aria-label={t('organisation.contacts.manageNamed', { name: contact.fullName })}
                          aria-expanded={contact.id === managingId}
                          aria-controls={contact.id === managingId ? 'org-contact-editor' : undefined}
                          onClick={() => {
                            setNotice(null);
                            setCreating(false);
                            setManagingId(contact.id === managingId ? null : contact.id);
                          }}
                        >
                          {t('organisation.contacts.manage')}
                        </button>
                      )}
                      {contact.role === 'AUDITOR' && !contact.archivedAt && <span className="muted">{t('organisation.contacts.byOperator')}</span>}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canChange && !agency.archivedAt && !creating && (
        <div className="toolbar">
          <button
            type="button"
            onClick={() => {
              setNotice(null);
              setManagingId(null);
              setCreating(true);
            }}
          >
            {t('organisation.contacts.add')}
          </button>
        </div>
      )}
      {creating && (
        <ContactForm
          mode="create"
          agency={agency}
          agencies={agencies}
          own={false}
          onDone={(_created, text) => done(text, true)}
          onCancel={() => setCreating(false)}
        />
      )}
      {managing && (
        <div className="org-contact-editor" id="org-contact-editor">
          <ContactForm
            key={managing.id}
            mode="edit"
            agency={agency}
            contact={managing}
            agencies={agencies}
            own={managing.id === me.id}
            onDone={(_saved, text) => done(text, true)}
            onCancel={() => setManagingId(null)}
          />
          {managing.id === me.id ? (
            <p className="notice">{t('organisation.account.own')}</p>
          ) : (
            <ContactAccount
              key={`account-${managing.id}`}
              contact={managing}
              onChanged={(text) => done(text, false)}
              onArchived={(text) => done(text, true)}
            />
          )}
        </div>
      )}
    </section>
  );
}
