/**
 * Static checks on SQL text for a schema distributed by tenant (Citus): a join between two
 * tenant-owned tables must equate their `tenant_id`s, or the join cannot stay on one shard (and,
 * without RLS, could pair one tenant's row with another's). Pure: SQL text in, findings out. It is a
 * careful scanner, not a parser: it understands comments, quoted strings and identifiers, dollar
 * quotes (it looks inside plpgsql bodies), parentheses and aliases, which is what the checks need.
 */

/** A join to a tenant table whose condition does not carry `tenant_id` from the other tenant table. */
export interface TenantJoinViolation {
  /** The joined tenant table and its alias. */
  table: string;
  alias: string;
  /** Tenant-table aliases on the other side of the condition that are not matched on tenant_id. */
  unmatched: string[];
  /** The join clause as written (whitespace folded). */
  clause: string;
  /** Offset of the JOIN keyword in the scanned text. */
  offset: number;
}

interface Token {
  kind: 'word' | 'punct' | 'param';
  text: string;
  /** Lower-cased `text`, for words. */
  lower: string;
  offset: number;
}

const CLAUSE_END = new Set([
  'join', 'inner', 'left', 'right', 'full', 'cross', 'natural', 'where', 'group', 'order', 'limit', 'offset', 'having', 'union',
  'intersect', 'except', 'returning', 'window', 'for', 'on', 'using', 'set', 'values', 'select', 'from', 'into', 'fetch', 'loop', 'then',
]);
const NOT_AN_ALIAS = new Set([...CLAUSE_END, 'as', 'lateral', 'only', 'tablesample', 'with', 'and', 'or', 'end']);

/**
 * Splits SQL into words, parameters and punctuation. Comments and '...' strings are dropped (their
 * contents are not SQL), "quoted" identifiers become words, and $$ / $tag$ quotes are dropped while
 * their contents are kept, so a function body is scanned like any other SQL.
 */
export function tokenizeSql(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    if (/\s/.test(ch)) { i++; continue; }
    if (ch === '-' && sql[i + 1] === '-') { while (i < sql.length && sql[i] !== '\n') i++; continue; }
    if (ch === '/' && sql[i + 1] === '*') { const end = sql.indexOf('*/', i + 2); i = end < 0 ? sql.length : end + 2; continue; }
    if (ch === "'") {
      i++;
      while (i < sql.length) {
        if (sql[i] === "'" && sql[i + 1] === "'") { i += 2; continue; }
        if (sql[i] === "'") { i++; break; }
        i++;
      }
      continue;
    }
    if (ch === '"') {
      const end = sql.indexOf('"', i + 1);
      const text = sql.slice(i + 1, end < 0 ? sql.length : end);
      tokens.push({ kind: 'word', text, lower: text.toLowerCase(), offset: i });
      i = end < 0 ? sql.length : end + 1;
      continue;
    }
    if (ch === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      if (tag) { i += tag[0].length; continue; }
      const param = /^\$\d+/.exec(sql.slice(i));
      if (param) { tokens.push({ kind: 'param', text: param[0], lower: param[0], offset: i }); i += param[0].length; continue; }
    }
    const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i));
    if (word) { tokens.push({ kind: 'word', text: word[0], lower: word[0].toLowerCase(), offset: i }); i += word[0].length; continue; }
    const num = /^\d+(\.\d+)?/.exec(sql.slice(i));
    if (num) { tokens.push({ kind: 'punct', text: num[0], lower: num[0], offset: i }); i += num[0].length; continue; }
    const op = /^(::|<>|<=|>=|!=|\|\||->>|->|[^\sA-Za-z0-9_])/.exec(sql.slice(i))!;
    tokens.push({ kind: 'punct', text: op[0], lower: op[0], offset: i });
    i += op[0].length;
  }
  return tokens;
}

/** Reads a possibly schema-qualified table name at `i`; returns the bare name and the index after it. */
function tableNameAt(tokens: Token[], i: number): { name: string; next: number } | null {
  if (tokens[i]?.kind !== 'word') return null;
  if (tokens[i + 1]?.text === '.' && tokens[i + 2]?.kind === 'word') {
    if (tokens[i].lower !== 'public') return null;
    return { name: tokens[i + 2].lower, next: i + 3 };
  }
  return { name: tokens[i].lower, next: i + 1 };
}

/** Reads an optional alias (`AS x` or `x`) at `i`. */
function aliasAt(tokens: Token[], i: number, table: string): { alias: string; next: number } {
  if (tokens[i]?.lower === 'as' && tokens[i + 1]?.kind === 'word') return { alias: tokens[i + 1].lower, next: i + 2 };
  if (tokens[i]?.kind === 'word' && !NOT_AN_ALIAS.has(tokens[i].lower)) return { alias: tokens[i].lower, next: i + 1 };
  return { alias: table, next: i };
}

interface Binding { alias: string; table: string; offset: number }

/** Every `FROM|JOIN|UPDATE|INTO|, table [AS] alias` in the text, in order (a CTE name binds like a table). */
function bindings(tokens: Token[]): Binding[] {
  const out: Binding[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const starts = t.lower === 'from' || t.lower === 'join' || t.lower === 'update' || t.lower === 'into' || t.lower === 'only'
      || (t.text === ',' && inFromList(tokens, i))
      || (t.text === '(' && ['join', 'from'].includes(tokens[i - 1]?.lower) && !['select', 'with', 'values'].includes(tokens[i + 1]?.lower));
    if (!starts || t.kind === 'param') continue;
    let j = i + 1;
    if (tokens[j]?.lower === 'lateral' || tokens[j]?.lower === 'only') j++;
    const name = tableNameAt(tokens, j);
    if (!name) continue;
    if (tokens[name.next]?.text === '(') {
      // `INTO t (cols)` names a table; `FROM f(...)` is a function.
      if (t.lower === 'into') out.push({ alias: name.name, table: name.name, offset: t.offset });
      continue;
    }
    const alias = aliasAt(tokens, name.next, name.name);
    out.push({ alias: alias.alias, table: name.name, offset: t.offset });
  }
  return out;
}

/** Whether the comma at `i` separates items of a FROM list (the nearest clause keyword at this depth is FROM). */
function inFromList(tokens: Token[], i: number): boolean {
  let depth = 0;
  for (let j = i - 1; j >= 0; j--) {
    const t = tokens[j];
    if (t.text === ')') depth++;
    else if (t.text === '(') { if (depth === 0) return false; depth--; }
    else if (depth === 0 && t.kind === 'word') {
      if (t.lower === 'from') return true;
      if (['select', 'where', 'set', 'values', 'returning', 'group', 'order', 'by', 'on', 'using', 'into'].includes(t.lower)) return false;
    }
  }
  return false;
}

/** The tokens of a join condition: from `start` to the next clause keyword or closing parenthesis at depth 0. */
function conditionEnd(tokens: Token[], start: number): number {
  let depth = 0;
  for (let j = start; j < tokens.length; j++) {
    const t = tokens[j];
    if (t.text === '(') depth++;
    else if (t.text === ')') { if (depth === 0) return j; depth--; }
    else if (depth === 0 && (t.text === ';' || (t.kind === 'word' && CLAUSE_END.has(t.lower)))) return j;
  }
  return tokens.length;
}

/** The binding an alias refers to at `offset`: the nearest one before it, else the first after. */
function resolve(all: Binding[], alias: string, offset: number): Binding | undefined {
  let best: Binding | undefined;
  for (const b of all) if (b.alias === alias && b.offset < offset) best = b;
  return best ?? all.find((b) => b.alias === alias);
}

/**
 * Finds joins to a tenant table whose condition does not equate its `tenant_id` with that of every
 * other tenant table the condition mentions. Joins to shared tables, CTEs, transition tables,
 * sub-selects and set-returning functions (`LATERAL jsonb_array_elements(...)`, `unnest(...)`) are
 * not tenant-table joins. `USING (tenant_id, ...)` matches. A CROSS or NATURAL join to a tenant table
 * is reported when the statement has another tenant table, since it has no condition to check.
 */
export function findTenantJoinViolations(sql: string, tenantTables: Iterable<string>): TenantJoinViolation[] {
  const tenant = new Set([...tenantTables].map((t) => t.toLowerCase()));
  const tokens = tokenizeSql(sql);
  const bound = bindings(tokens);
  const out: TenantJoinViolation[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].lower !== 'join' || tokens[i].kind !== 'word') continue;
    let j = i + 1;
    if (tokens[j]?.lower === 'lateral') j++;
    if (tokens[j]?.text === '(' && !['select', 'with', 'values', '('].includes(tokens[j + 1]?.lower)) {
      // A parenthesised join group, `JOIN (a x JOIN b y ON ...) ON <cond>`: its inner joins are checked
      // where they stand; the outer condition must carry tenant_id from inside the group to each
      // tenant table outside it that it mentions.
      const close = matchingParen(tokens, j);
      if (tokens[close + 1]?.lower !== 'on') continue;
      const inside = bound.filter((b) => b.offset >= tokens[j].offset && b.offset < tokens[close].offset);
      if (!inside.some((b) => tenant.has(b.table))) continue;
      const end = conditionEnd(tokens, close + 2);
      const unmatched = unmatchedAliases(tokens.slice(close + 2, end), new Set(inside.map((b) => b.alias)), bound, tenant, tokens[i].offset);
      const first = inside.find((b) => tenant.has(b.table))!;
      if (unmatched.length) out.push({ table: first.table, alias: first.alias, unmatched, clause: clauseText(sql, tokens, i, end), offset: tokens[i].offset });
      continue;
    }
    const name = tableNameAt(tokens, j);
    if (!name || tokens[name.next]?.text === '(' || !tenant.has(name.name)) continue;
    const alias = aliasAt(tokens, name.next, name.name);
    const joinOffset = tokens[i].offset;
    const keyword = tokens[alias.next]?.lower;
    const prev = tokens[i - 1]?.lower;
    if (keyword !== 'on' && keyword !== 'using') {
      const others = bound.filter((b) => b.offset < joinOffset && tenant.has(b.table) && b.alias !== alias.alias);
      if (prev === 'cross' || prev === 'natural' || others.length) {
        out.push({ table: name.name, alias: alias.alias, unmatched: others.map((b) => b.alias), clause: clauseText(sql, tokens, i, alias.next), offset: joinOffset });
      }
      continue;
    }
    const end = conditionEnd(tokens, alias.next + 1);
    const cond = tokens.slice(alias.next + 1, end);
    if (keyword === 'using') {
      const ok = cond.some((t) => t.lower === 'tenant_id');
      if (!ok) out.push({ table: name.name, alias: alias.alias, unmatched: ['(using)'], clause: clauseText(sql, tokens, i, end), offset: joinOffset });
      continue;
    }
    const unmatched = unmatchedAliases(cond, new Set([alias.alias]), bound, tenant, joinOffset);
    if (unmatched.length) out.push({ table: name.name, alias: alias.alias, unmatched, clause: clauseText(sql, tokens, i, end), offset: joinOffset });
  }
  return out;
}

/** The index of the parenthesis closing the one at `open`. */
function matchingParen(tokens: Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    if (tokens[j].text === '(') depth++;
    else if (tokens[j].text === ')' && --depth === 0) return j;
  }
  return tokens.length;
}

/**
 * Tenant-table aliases a join condition mentions, outside the joined side `joined`, with no
 * `x.tenant_id = y.tenant_id` tying them to one of the joined aliases.
 */
function unmatchedAliases(cond: Token[], joined: Set<string>, bound: Binding[], tenant: Set<string>, offset: number): string[] {
  const matched = new Set<string>();
  const referenced = new Set<string>();
  for (let k = 0; k + 2 < cond.length; k++) {
    if (cond[k].kind === 'word' && cond[k + 1].text === '.' && cond[k + 2].kind === 'word') referenced.add(cond[k].lower);
  }
  for (let k = 0; k + 6 < cond.length; k++) {
    const [a, d1, c1, eq, b, d2, c2] = cond.slice(k, k + 7);
    if (d1.text === '.' && d2.text === '.' && eq.text === '=' && c1.lower === 'tenant_id' && c2.lower === 'tenant_id' && a.kind === 'word' && b.kind === 'word') {
      if (joined.has(a.lower)) matched.add(b.lower);
      if (joined.has(b.lower)) matched.add(a.lower);
    }
  }
  return [...referenced].filter((r) => {
    if (joined.has(r) || matched.has(r)) return false;
    const b = resolve(bound, r, offset);
    return !!b && tenant.has(b.table);
  });
}

function clauseText(sql: string, tokens: Token[], from: number, to: number): string {
  const start = tokens[from - 1] && ['left', 'right', 'inner', 'full', 'cross', 'natural', 'outer'].includes(tokens[from - 1].lower) ? tokens[from - 1].offset : tokens[from].offset;
  const stop = to < tokens.length ? tokens[to].offset : sql.length;
  return sql.slice(start, stop).replace(/\s+/g, ' ').trim();
}

/** A statement that touches tenant tables without saying which tenant: Citus cannot route it to one shard. */
export interface UnroutedStatement {
  tables: string[];
  text: string;
}

/**
 * Statements that read or change tenant tables with no `tenant_id = <value>` (or `tenant_id = ANY`)
 * predicate anywhere in them. Under RLS they are correct, but the policy's `app_current_tenant()`
 * filter alone does not let Citus prune shards, so on Citus each one is a multi-shard query. INSERTs
 * are routed by the tenant_id they write and are not reported, unless they read with INSERT ... SELECT.
 */
export function findUnroutedStatements(sql: string, tenantTables: Iterable<string>): UnroutedStatement | null {
  const tenant = new Set([...tenantTables].map((t) => t.toLowerCase()));
  const tokens = tokenizeSql(sql);
  const first = tokens[0]?.lower;
  if (!first || !['select', 'update', 'delete', 'with', 'insert'].includes(first)) return null;
  const touched = [...new Set(bindings(tokens).filter((b) => tenant.has(b.table)).map((b) => b.table))];
  if (!touched.length) return null;
  if (first === 'insert' && !tokens.some((t) => t.lower === 'select')) return null;
  for (let k = 0; k + 2 < tokens.length; k++) {
    if (tokens[k].lower === 'tenant_id' && tokens[k + 1].text === '=' && (tokens[k + 2].kind === 'param' || ['any', 'app_current_tenant'].includes(tokens[k + 2].lower))) return null;
  }
  return { tables: touched, text: sql.replace(/\s+/g, ' ').trim().slice(0, 160) };
}
