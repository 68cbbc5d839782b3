import { useEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgAgency } from '../../api/operations-organisation';
import type { TreeNode } from '../../lib/agency-tree';

/** One visible row of the tree, in document order, for keyboard moves. */
interface Row {
  id: string;
  parentId: string | null;
  hasChildren: boolean;
  expanded: boolean;
}

/**
 * The organisation chart as a WAI-ARIA tree (single selection): each agency shows its name, code, level (and the
 * sector at the top of each hierarchy), its address and whether it is archived. Every level starts open; a click on
 * the arrow or Right/Left opens and closes one. Up/Down/Home/End move, Enter or Space (or a click) chooses.
 */
export function AgencyTree({ roots, byId, selectedId, ownAgencyId, onSelect }: {
  roots: TreeNode[];
  byId: ReadonlyMap<string, OrgAgency>;
  selectedId: string | null;
  ownAgencyId: string;
  onSelect(id: string): void;
}) {
  const { t } = useTranslation();
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const moved = useRef(false);

  const rows = useMemo(() => {
    const out: Row[] = [];
    const walk = (node: TreeNode, parentId: string | null): void => {
      const expanded = !collapsed.has(node.agency.id);
      out.push({ id: node.agency.id, parentId, hasChildren: node.children.length > 0, expanded });
      if (expanded) node.children.forEach((child) => walk(child, node.agency.id));
    };
    roots.forEach((root) => walk(root, null));
    return out;
  }, [roots, collapsed]);

  // The one item reachable with Tab: the focused one, else the selected one, else the first.
  const tabbable = [focusedId, selectedId, rows[0]?.id].find((id) => id && rows.some((row) => row.id === id)) ?? null;

  useEffect(() => {
    if (!moved.current || !tabbable) return;
    moved.current = false;
    document.getElementById(itemId(tabbable))?.focus();
  }, [tabbable]);

  function moveTo(id: string | undefined): void {
    if (!id) return;
    moved.current = true;
    setFocusedId(id);
  }

  function setOpen(id: string, open: boolean): void {
    setCollapsed((previous) => {
      const next = new Set(previous);
      if (open) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>): void {
    const current = rows.findIndex((row) => row.id === tabbable);
    const row = rows[current];
    if (!row) return;
    let handled = true;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(rows[current + 1]?.id);
        break;
      case 'ArrowUp':
        moveTo(rows[current - 1]?.id);
        break;
      case 'Home':
        moveTo(rows[0]?.id);
        break;
      case 'End':
        moveTo(rows[rows.length - 1]?.id);
        break;
      case 'ArrowRight':
        if (row.hasChildren && !row.expanded) setOpen(row.id, true);
        else if (row.hasChildren) moveTo(rows[current + 1]?.id);
        break;
      case 'ArrowLeft':
        if (row.hasChildren && row.expanded) setOpen(row.id, false);
        else moveTo(row.parentId ?? undefined);
        break;
      case 'Enter':
      case ' ':
        onSelect(row.id);
        break;
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  }

  function onFocus(event: FocusEvent<HTMLUListElement>): void {
    const item = (event.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
    if (item?.dataset.id && item.dataset.id !== focusedId) setFocusedId(item.dataset.id);
  }

  function renderNode(node: TreeNode, level: number, index: number, siblings: number) {
    const agency = byId.get(node.agency.id)!;
    const expanded = !collapsed.has(agency.id);
    const hasChildren = node.children.length > 0;
    const selected = agency.id === selectedId;
    return (
      <li
        key={agency.id}
        id={itemId(agency.id)}
        data-id={agency.id}
        role="treeitem"
        aria-level={level}
        aria-posinset={index + 1}
        aria-setsize={siblings}
        aria-selected={selected}
        aria-expanded={hasChildren ? expanded : undefined}
        aria-labelledby={`${itemId(agency.id)}-name ${itemId(agency.id)}-meta`}
        tabIndex={agency.id === tabbable ? 0 : -1}
        className={`${selected ? 'selected' : ''}${agency.archivedAt ? ' archived' : ''}`}
      >
        {/* Mouse users click the row; keyboard users reach the same through the tree's keys (onKeyDown). */}
        <div className="node-row" onClick={() => onSelect(agency.id)}>
          <span
            className={`twisty${hasChildren ? (expanded ? ' open' : ' closed') : ''}`}
            aria-hidden="true"
            onClick={(event) => {
              if (!hasChildren) return;
              event.stopPropagation();
              setOpen(agency.id, !expanded);
            }}
          />
          <span className="node-text">
            <span className="node-name" id={`${itemId(agency.id)}-name`}>
              {agency.name}
            </span>
            <span className="node-meta" id={`${itemId(agency.id)}-meta`}>
              <span className="mono">{agency.code}</span>
              {' · '}
              {t(`organisation.level.${agency.level}`)}
              {level === 1 && (
                <>
                  {' · '}
                  {t(`organisation.sector.${agency.sector}`)}
                </>
              )}
              {agency.address && (
                <>
                  {' · '}
                  {agency.address}
                </>
              )}
              {agency.id === ownAgencyId && <span className="badge own">{t('organisation.ownBadge')}</span>}
              {agency.archivedAt && <span className="badge archived-badge">{t('organisation.archivedBadge')}</span>}
            </span>
          </span>
        </div>
        {hasChildren && expanded && (
          <ul role="group">{node.children.map((child, i) => renderNode(child, level + 1, i, node.children.length))}</ul>
        )}
      </li>
    );
  }

  return (
    <ul role="tree" className="org-tree" aria-label={t('organisation.tree')} aria-describedby="org-tree-hint" onKeyDown={onKeyDown} onFocus={onFocus}>
      {roots.map((root, i) => renderNode(root, 1, i, roots.length))}
    </ul>
  );
}

/** The DOM id of an agency's tree item. */
function itemId(agencyId: string): string {
  return `agency-node-${agencyId}`;
}
