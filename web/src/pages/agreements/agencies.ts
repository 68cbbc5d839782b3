import type { AgreementAgency } from '../../api/operations-agreements';

/** The sides of the coordination, in the order the page lists them. */
export const SECTORS = ['POLICE', 'POSTAL', 'GOVERNMENT'] as const;
export type Sector = (typeof SECTORS)[number];

/**
 * The ids of `rootId` and of every agency under it: what a coordinator of `rootId` administers (the API's rule:
 * their own agency and everything under it).
 */
export function administeredIds(agencies: readonly AgreementAgency[], rootId: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const agency of agencies) {
    if (agency.parent) children.set(agency.parent.id, [...(children.get(agency.parent.id) ?? []), agency.id]);
  }
  const out = new Set<string>();
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/** An agency with its depth in its sector's tree (0 for the top). */
export interface PlacedAgency {
  agency: AgreementAgency;
  depth: number;
}

/**
 * The agencies of `sector` in tree order: each top agency (by name), then the agencies under it, depth first,
 * so that a list reads like the organisation chart.
 */
export function treeOrder(agencies: readonly AgreementAgency[], sector: string): PlacedAgency[] {
  const ofSector = agencies.filter((a) => a.sector === sector);
  const ids = new Set(ofSector.map((a) => a.id));
  const byName = (a: AgreementAgency, b: AgreementAgency) => a.name.localeCompare(b.name, 'vi');
  const childrenOf = (id: string | null) =>
    ofSector.filter((a) => (id === null ? !a.parent || !ids.has(a.parent.id) : a.parent?.id === id)).sort(byName);
  const out: PlacedAgency[] = [];
  const visit = (agency: AgreementAgency, depth: number) => {
    out.push({ agency, depth });
    for (const child of childrenOf(agency.id)) visit(child, depth + 1);
  };
  for (const top of childrenOf(null)) visit(top, 0);
  return out;
}

/** Today in the province (UTC+07:00 all year), as `YYYY-MM-DD`: the default of the day fields. */
export function provinceToday(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
}
