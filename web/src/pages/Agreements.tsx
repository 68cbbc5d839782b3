import { useTranslation } from 'react-i18next';
import { linkClick } from '../lib/router';
import { AgreementDetail } from './agreements/AgreementDetail';
import { AgreementList } from './agreements/AgreementList';
import type { PageProps } from './page-props';
import './agreements.css';

/** The id in `/agreements/<id>`, decoded; '' for the list; null when the address cannot be decoded. */
function idOf(path: string): string | null {
  const rest = path.replace(/^\/agreements\/?/, '').replace(/\/+$/, '');
  try {
    return decodeURIComponent(rest);
  } catch {
    return null;
  }
}

/**
 * The coordination agreements (Regulation 290 and those after it): `/agreements` lists them, `/agreements/<id>`
 * shows one with its chain of successions and reviews. Every role sees what the API lets it see; coordinators
 * draft, sign, supersede, terminate, review and archive them from here.
 */
export default function Agreements({ contact, path, query }: PageProps) {
  const { t } = useTranslation();
  const id = idOf(path);
  if (id === '') return <AgreementList contact={contact} query={query} />;
  if (id === null) {
    return (
      <section className="agreement-page">
        <p className="back-link">
          <a href="/agreements" onClick={linkClick('/agreements')}>
            {t('agreements.backToList')}
          </a>
        </p>
        <h1>{t('agreements.detailTitle')}</h1>
        <p className="error" role="alert">
          {t('agreements.notFound')}
        </p>
      </section>
    );
  }
  return <AgreementDetail key={id} id={id} contact={contact} />;
}
