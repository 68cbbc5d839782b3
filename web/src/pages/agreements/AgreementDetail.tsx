import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { AgreementAgenciesQuery, AgreementDetailQuery, AgreementLinksQuery, type AgreementDetail as Agreement, type AgreementLink } from '../../api/operations-agreements';
import type { SessionContact } from '../../api/session';
import { messageOf } from '../../lib/errors';
import { formatDateTime, formatDay, formatNumber } from '../../lib/format';
import { isCoordinator } from '../../lib/roles';
import { linkClick } from '../../lib/router';
import { AgreementActions } from './AgreementActions';
import { administeredIds } from './agencies';
import { agreementPath, StatusBadge } from './common';

/** A link of a succession chain: an agreement as the links query knows it. */
interface ChainLink {
  id: string;
  code: string;
  title: string;
  status: Agreement['status'];
}

/**
 * The whole succession `agreement` belongs to, oldest first: back through `supersedes`, forward through
 * `supersededBy`, as far as the viewer may see (a loop, which the API does not allow, would stop the walk).
 */
export function chainOf(agreement: Agreement, links: readonly AgreementLink[]): ChainLink[] {
  const byId = new Map(links.map((a) => [a.id, a]));
  const seen = new Set([agreement.id]);
  const before: ChainLink[] = [];
  let back = agreement.supersedes?.id ?? null;
  while (back && !seen.has(back)) {
    seen.add(back);
    const link = byId.get(back);
    if (!link) break;
    before.unshift(link);
    back = link.supersedes?.id ?? null;
  }
  const after: ChainLink[] = [];
  let forward = agreement.supersededBy?.id ?? null;
  while (forward && !seen.has(forward)) {
    seen.add(forward);
    const link = byId.get(forward);
    if (!link) break;
    after.push(link);
    forward = link.supersededBy?.id ?? null;
  }
  // An agreement the links do not hold (not visible in the list) is still shown from the detail's own fields.
  if (before.length === 0 && agreement.supersedes) before.push(agreement.supersedes);
  if (after.length === 0 && agreement.supersededBy) after.push(agreement.supersededBy);
  return [...before, agreement, ...after];
}

/**
 * One agreement (`/agreements/<id>`), for every role that may see it: its terms, parties and signatories, scope,
 * days, the chain of agreements it replaced and was replaced by, and its reviews; coordinators administering a
 * party get the actions its status allows.
 */
export function AgreementDetail({ id, contact }: { id: string; contact: SessionContact }) {
  const { t } = useTranslation();
  const [detail, refetchDetail] = useQuery({ query: AgreementDetailQuery, variables: { agreementId: id } });
  const [linksResult, refetchLinks] = useQuery({ query: AgreementLinksQuery });
  const coordinator = isCoordinator(contact);
  const [agenciesResult] = useQuery({ query: AgreementAgenciesQuery, pause: !coordinator });
  const [notice, setNotice] = useState<string | null>(null);

  const agreement = detail.data?.agreement;
  const links = useMemo(() => linksResult.data?.agreements ?? [], [linksResult.data]);
  const agencies = useMemo(() => agenciesResult.data?.agencies ?? [], [agenciesResult.data]);
  const administered = useMemo(() => administeredIds(agencies, contact.agency.id), [agencies, contact.agency.id]);

  function refresh(message: string | null): void {
    setNotice(message);
    refetchDetail({ requestPolicy: 'network-only' });
    refetchLinks({ requestPolicy: 'network-only' });
  }

  const back = (
    <p className="back-link">
      <a href="/agreements" onClick={linkClick('/agreements')}>
        {t('agreements.backToList')}
      </a>
    </p>
  );

  if (detail.error && !agreement) {
    const missing = detail.error.graphQLErrors.some((e) => e.extensions?.code === 'NOT_FOUND' || e.extensions?.code === 'BAD_USER_INPUT');
    return (
      <section className="agreement-page">
        {back}
        <h1>{t('agreements.detailTitle')}</h1>
        <p className="error" role="alert">
          {missing ? t('agreements.notFound') : messageOf(t, detail.error)}
        </p>
      </section>
    );
  }
  if (!agreement) {
    return (
      <section className="agreement-page" aria-busy="true">
        {back}
        <p className="muted">{t('agreements.loading')}</p>
      </section>
    );
  }

  const chain = chainOf(agreement, links);
  const prepared = links.filter((a) => a.status === 'DRAFT' && !a.archivedAt && a.supersedes?.id === agreement.id);
  const reportPath = `/report?agreementId=${encodeURIComponent(agreement.id)}`;
  const administersAParty = agreement.parties.some((p) => administered.has(p.agency.id));

  return (
    <section className="agreement-page" aria-labelledby="agreement-title">
      {back}
      <header className="agreement-head">
        <p className="agreement-code mono">{agreement.code}</p>
        <h1 id="agreement-title">{agreement.title}</h1>
        <div className="agreement-head-line">
          <StatusBadge status={agreement.status} archived={!!agreement.archivedAt} />
          <a href={reportPath} onClick={linkClick(reportPath)}>
            {t('agreements.printableReport')}
          </a>
        </div>
      </header>

      {notice && (
        <p className="notice ok" role="status">
          {notice}
        </p>
      )}
      {(detail.error || linksResult.error || agenciesResult.error) && (
        <p className="error" role="alert">
          {messageOf(t, (detail.error ?? linksResult.error ?? agenciesResult.error)!)}
        </p>
      )}

      {coordinator && agenciesResult.data && (
        <AgreementActions
          key={`${agreement.id}-${agreement.status}-${agreement.archivedAt ?? ''}`}
          agreement={agreement}
          links={links}
          agencies={agencies}
          administered={administered}
          administersAParty={administersAParty}
          onChanged={refresh}
        />
      )}

      <section aria-labelledby="agreement-facts">
        <h2 id="agreement-facts">{t('agreements.section.facts')}</h2>
        <dl className="facts agreement-facts">
          <Fact label={t('agreements.field.code')} value={agreement.code} />
          <Fact label={t('agreements.field.status')} value={t(`agreements.status.${agreement.status}`)} />
          <Fact label={t('agreements.field.signedOn')} value={agreement.signedOn ? formatDay(agreement.signedOn) : t('agreements.notYet')} />
          <Fact label={t('agreements.field.effectiveOn')} value={agreement.effectiveOn ? formatDay(agreement.effectiveOn) : t('agreements.notYet')} />
          <Fact label={t('agreements.field.expiresOn')} value={agreement.expiresOn ? formatDay(agreement.expiresOn) : t('agreements.openEnded')} />
          {agreement.endedOn && <Fact label={t('agreements.field.endedOn')} value={formatDay(agreement.endedOn)} />}
          {agreement.archivedAt && <Fact label={t('agreements.field.archivedAt')} value={formatDateTime(agreement.archivedAt)} />}
          <Fact label={t('agreements.field.createdAt')} value={formatDateTime(agreement.createdAt)} />
        </dl>
        {agreement.terminationReason && (
          <div className="termination">
            <h3>{t('agreements.field.terminationReason')}</h3>
            <p className="pre-line">{agreement.terminationReason}</p>
          </div>
        )}
      </section>

      <section aria-labelledby="agreement-scope">
        <h2 id="agreement-scope">{t('agreements.field.scopeAreas')}</h2>
        <ul className="scope-list">
          {agreement.scopeAreas.map((area) => (
            <li key={area}>{t(`agreements.scope.${area}`)}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="agreement-parties">
        <h2 id="agreement-parties">{t('agreements.field.parties')}</h2>
        <div className="table-scroll">
          <table className="agreement-table parties-table">
            <thead>
              <tr>
                <th scope="col">{t('agreements.field.agency')}</th>
                <th scope="col">{t('agreements.field.signatory')}</th>
                <th scope="col">{t('agreements.field.signatoryPosition')}</th>
              </tr>
            </thead>
            <tbody>
              {agreement.parties.map((party) => (
                <tr key={party.id}>
                  <th scope="row">
                    {party.agency.name} <span className="muted mono">({party.agency.code})</span>
                  </th>
                  <td>
                    {party.signatory ? party.signatory.fullName : <span className="muted">{agreement.status === 'DRAFT' ? t('agreements.notNamed') : t('agreements.signatoryHidden')}</span>}
                  </td>
                  <td>{party.signatoryPosition ?? <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="agreement-chain">
        <h2 id="agreement-chain">{t('agreements.section.chain')}</h2>
        {chain.length > 1 ? (
          <ol className="chain" aria-label={t('agreements.chainLabel')}>
            {chain.map((link) => (
              <li key={link.id}>
                {link.id === agreement.id ? (
                  <span className="chain-item chain-current" aria-current="page">
                    <strong>{link.code}</strong> <span className="chain-status">{t(`agreements.status.${link.status}`)} · {t('agreements.thisOne')}</span>
                  </span>
                ) : (
                  <span className="chain-item">
                    <a href={agreementPath(link.id)} onClick={linkClick(agreementPath(link.id))} title={link.title}>
                      {link.code}
                    </a>{' '}
                    <span className="chain-status">{t(`agreements.status.${link.status}`)}</span>
                  </span>
                )}
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">{t('agreements.noChain')}</p>
        )}
        {agreement.status === 'DRAFT' && agreement.supersedes && (
          <p>
            {t('agreements.preparedToReplace')}{' '}
            <a href={agreementPath(agreement.supersedes.id)} onClick={linkClick(agreementPath(agreement.supersedes.id))}>
              {agreement.supersedes.code}
            </a>
          </p>
        )}
        {prepared.length > 0 && (
          <p>
            {t('agreements.preparedSuccessors')}{' '}
            {prepared.map((draft, i) => (
              <span key={draft.id}>
                {i > 0 && ', '}
                <a href={agreementPath(draft.id)} onClick={linkClick(agreementPath(draft.id))}>
                  {draft.code}
                </a>
              </span>
            ))}
          </p>
        )}
      </section>

      <section aria-labelledby="agreement-reviews">
        <h2 id="agreement-reviews">{t('agreements.section.reviews', { n: formatNumber(agreement.reviews.length) })}</h2>
        {agreement.reviews.length === 0 && <p className="muted">{t('agreements.noReviews')}</p>}
        {agreement.reviews.map((review) => (
          <article key={review.id} className="review" aria-labelledby={`review-${review.id}`}>
            <h3 id={`review-${review.id}`}>{review.title}</h3>
            <dl className="facts">
              <Fact label={t('agreements.field.heldOn')} value={formatDay(review.heldOn)} />
              {review.venue && <Fact label={t('agreements.field.venue')} value={review.venue} />}
            </dl>
            <h4>{t('agreements.field.attendingAgencies')}</h4>
            <ul className="attending">
              {review.attendingAgencies.map((a) => (
                <li key={a.id}>{a.name}</li>
              ))}
            </ul>
            <h4>{t('agreements.field.findings')}</h4>
            <Findings text={review.findings} />
          </article>
        ))}
      </section>
    </section>
  );
}

/** One term of a description list. */
function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** What a review found: one paragraph, or a list when the text has several lines. */
function Findings({ text }: { text: string }) {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length <= 1) return <p className="findings pre-line">{text}</p>;
  return (
    <ul className="findings">
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}
