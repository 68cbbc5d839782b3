import type { OrgAgency } from '../../api/operations-organisation';
import { buildTree, type TreeNode } from '../../lib/agency-tree';

/** The agencies' tree (lib/agency-tree.ts) and each agency by id. */
export function treeOf(agencies: readonly OrgAgency[]): { roots: TreeNode[]; byId: Map<string, OrgAgency> } {
  return { roots: buildTree(agencies), byId: new Map(agencies.map((agency) => [agency.id, agency])) };
}

/** Every agency of the tree in the order it shows them (parents before children), with its depth from 0. */
export function inTreeOrder(roots: readonly TreeNode[]): { id: string; depth: number }[] {
  const out: { id: string; depth: number }[] = [];
  const walk = (node: TreeNode, depth: number): void => {
    out.push({ id: node.agency.id, depth });
    node.children.forEach((child) => walk(child, depth + 1));
  };
  roots.forEach((root) => walk(root, 0));
  return out;
}

/** Levels from the top: an agency is never above the one it sits under. */
export const LEVELS = ['NATIONAL', 'PROVINCIAL', 'DISTRICT', 'BRANCH'] as const;
export type Level = (typeof LEVELS)[number];

/** `'\u00a0\u00a0'` per level of depth, to indent an agency's name in a `<select>`. */
export function indent(depth: number): string {
  return '\u00a0\u00a0\u00a0'.repeat(depth);
}
