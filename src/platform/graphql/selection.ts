import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * The names of the fields the operation selects at `path` below the field being resolved (e.g.
 * `['nodes']` and `['edges', 'node']` of a connection), through aliases, fragments and inline
 * fragments, so a list reads only the columns asked for. `@skip`/`@include` are not evaluated: a
 * field they leave out only costs a column read too many.
 */
export function selectedFields(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, ...paths: string[][]): Set<string> {
  const out = new Set<string>();
  const walk = (set: SelectionSetNode | undefined, path: string[], depth: number, seen: ReadonlySet<string>): void => {
    if (!set) return;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (depth === path.length) out.add(sel.name.value);
        else if (sel.name.value === path[depth]) walk(sel.selectionSet, path, depth + 1, seen);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet, path, depth, seen);
      } else if (!seen.has(sel.name.value)) {
        walk(info.fragments[sel.name.value]?.selectionSet, path, depth, new Set(seen).add(sel.name.value));
      }
    }
  };
  for (const path of paths) for (const node of info.fieldNodes) walk(node.selectionSet, path, 0, new Set());
  return out;
}
