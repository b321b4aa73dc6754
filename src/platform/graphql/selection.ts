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

/**
 * What a list field renders per item: `lists`, the response keys that select `field` below the field
 * being resolved (an alias is a second list), and `values`, over those lists, the distinct response
 * keys selected per item, merged as GraphQL merges them (through aliases, fragments and inline
 * fragments; `@skip` and `@include` are not evaluated, so a skipped field is counted). Both 0 when
 * `field` is not selected. A cost function prices the rows a list will render with it, before anything runs.
 */
export function renderedItems(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, field: string): { lists: number; values: number } {
  const lists = new Map<string, Set<string>>();
  const keysOf = (set: SelectionSetNode | undefined, into: Set<string>, seen: ReadonlySet<string>): void => {
    if (!set) return;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) into.add((sel.alias ?? sel.name).value);
      else if (sel.kind === Kind.INLINE_FRAGMENT) keysOf(sel.selectionSet, into, seen);
      else if (!seen.has(sel.name.value)) keysOf(info.fragments[sel.name.value]?.selectionSet, into, new Set(seen).add(sel.name.value));
    }
  };
  const walk = (set: SelectionSetNode | undefined, seen: ReadonlySet<string>): void => {
    if (!set) return;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value !== field) continue;
        const key = (sel.alias ?? sel.name).value;
        const keys = lists.get(key) ?? new Set<string>();
        lists.set(key, keys);
        keysOf(sel.selectionSet, keys, new Set());
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet, seen);
      } else if (!seen.has(sel.name.value)) {
        walk(info.fragments[sel.name.value]?.selectionSet, new Set(seen).add(sel.name.value));
      }
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet, new Set());
  let values = 0;
  for (const keys of lists.values()) values += keys.size;
  return { lists: lists.size, values };
}
