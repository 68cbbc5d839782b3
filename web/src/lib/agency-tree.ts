/** An agency of the postal tree as the console reads it. */
export interface TreeAgency {
  id: string;
  name: string;
  code: string;
  level: string;
  parent: { id: string } | null;
}

export interface TreeNode {
  agency: TreeAgency;
  children: TreeNode[];
  /** Branches at or under this agency. */
  branchIds: string[];
}

/** The postal agencies as a tree (roots first, children by name), each with the branches it reaches. */
export function buildTree(agencies: readonly TreeAgency[]): TreeNode[] {
  const nodes = new Map(agencies.map((agency) => [agency.id, { agency, children: [] as TreeNode[], branchIds: [] as string[] }]));
  const roots: TreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.agency.parent ? nodes.get(node.agency.parent.id) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const fill = (node: TreeNode): string[] => {
    node.children.sort((a, b) => a.agency.name.localeCompare(b.agency.name, 'vi'));
    node.branchIds = [...(node.agency.level === 'BRANCH' ? [node.agency.id] : []), ...node.children.flatMap(fill)];
    return node.branchIds;
  };
  roots.forEach(fill);
  return roots;
}

/**
 * The branches a set of targets reaches: each target's branches (TLP:RED: only branches named themselves,
 * as the server delivers it).
 */
export function reach(tree: TreeNode[], targetIds: ReadonlySet<string>, redOnly: boolean): Set<string> {
  const out = new Set<string>();
  const walk = (node: TreeNode): void => {
    if (targetIds.has(node.agency.id)) {
      if (redOnly) {
        if (node.agency.level === 'BRANCH') out.add(node.agency.id);
      } else node.branchIds.forEach((id) => out.add(id));
    }
    node.children.forEach(walk);
  };
  tree.forEach(walk);
  return out;
}
