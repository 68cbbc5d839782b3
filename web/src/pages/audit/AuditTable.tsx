import { Fragment, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../api/operations-audit';
import { formatDateTime } from '../../lib/format';
import { linkClick } from '../../lib/router';
import { compactDetail } from './format';
import { isKnownErrorCode, isKnownOperation, isKnownTargetType, targetPath } from './operations';

/** The entries as a table, newest first, with a caption and column headers (the time heads each row). */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation();
  const captionId = useId();
  return (
    // Focusable, so that the table can be scrolled sideways from the keyboard on a narrow screen.
    <div className="audit-table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="audit-table">
        <caption id={captionId}>{t('audit.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.column.time')}</th>
            <th scope="col">{t('audit.column.actor')}</th>
            <th scope="col">{t('audit.column.operation')}</th>
            <th scope="col">{t('audit.column.outcome')}</th>
            <th scope="col">{t('audit.column.errorCode')}</th>
            <th scope="col">{t('audit.column.target')}</th>
            <th scope="col">{t('audit.column.clientAddress')}</th>
            <th scope="col">{t('audit.column.requestId')}</th>
            <th scope="col">{t('audit.column.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <AuditRow key={entry.id} entry={entry} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const link = targetPath(entry.targetType, entry.targetId);
  return (
    <tr className={`entry-${entry.outcome.toLowerCase()}`} data-entry-id={entry.id}>
      <th scope="row" className="time">
        <time dateTime={entry.at}>{formatDateTime(entry.at, { seconds: true })}</time>
      </th>
      <td>
        {entry.actor ? <span className="name">{entry.actor.fullName}</span> : <span className="muted">{entry.actorRole ? t('audit.unknownContact') : t('audit.nobody')}</span>}
        {entry.actorRole && <span className="role">{t(`roles.${entry.actorRole}`)}</span>}
      </td>
      <td>
        {isKnownOperation(entry.operation) && <span className="name">{t(`audit.operations.${entry.operation}`)}</span>}
        <code>{entry.operation}</code>
      </td>
      <td>
        <span className={`outcome outcome-${entry.outcome.toLowerCase()}`}>{t(`audit.outcomes.${entry.outcome}`)}</span>
      </td>
      <td>
        {entry.errorCode && (
          <>
            {isKnownErrorCode(entry.errorCode) && <span className="name">{t(`audit.errorCodes.${entry.errorCode}`)}</span>}
            <code>
              <Breakable text={entry.errorCode} />
            </code>
          </>
        )}
      </td>
      <td>
        {entry.targetType && <span className="name">{isKnownTargetType(entry.targetType) ? t(`audit.targetTypes.${entry.targetType}`) : entry.targetType}</span>}
        {entry.targetId &&
          (link ? (
            <a href={link} onClick={linkClick(link)} className="target-id">
              {entry.targetId}
            </a>
          ) : (
            <code className="target-id">{entry.targetId}</code>
          ))}
      </td>
      <td>{entry.clientAddress && <code>{entry.clientAddress}</code>}</td>
      <td>{entry.requestId && <code className="request-id">{entry.requestId}</code>}</td>
      <td className="detail">{entry.detail && Object.keys(entry.detail).length > 0 && <Detail detail={entry.detail} />}</td>
    </tr>
  );
}

/** The detail as one line of JSON; a long one shortened, opening on the whole JSON. */
function Detail({ detail }: { detail: Record<string, unknown> }) {
  const compact = compactDetail(detail);
  if (!compact.shortened) return <code>{compact.text}</code>;
  return (
    <details>
      <summary>
        <code>{compact.text}</code>
      </summary>
      <pre>{JSON.stringify(detail, null, 2)}</pre>
    </details>
  );
}

/** An upper-case code that may break after its underscores (GRAPHQL_VALIDATION_FAILED), not inside its words. */
function Breakable({ text }: { text: string }) {
  const words = text.split('_');
  return (
    <>
      {words.map((word, i) => (
        <Fragment key={i}>
          {word}
          {i < words.length - 1 && (
            <>
              {'_'}
              <wbr />
            </>
          )}
        </Fragment>
      ))}
    </>
  );
}
