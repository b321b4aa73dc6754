import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One piece of SQL-looking text in a source file: a string or template literal. */
export interface SqlLiteral {
  file: string;
  line: number;
  text: string;
}

/** Every `.ts` file under `dir` (specs included: they are not query paths, but harmless to scan). */
export function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...tsFiles(full));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(full);
  }
  return out.sort();
}

const SQL_WORD = /\b(SELECT|INSERT|UPDATE|DELETE|JOIN|WITH)\b/;

/**
 * The string and template literals of a TypeScript file that look like SQL (an upper-case keyword).
 * A template's `${...}` parts become a neutral word, so `SELECT ${COLUMNS} FROM x` still reads as SQL.
 * Read with the TypeScript parser rather than a regex, so quotes inside SQL and nested templates are
 * handled; SQL assembled from several constants is seen piece by piece.
 */
export function sqlLiterals(file: string, root: string): SqlLiteral[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: SqlLiteral[] = [];
  const add = (node: ts.Node, text: string) => {
    if (SQL_WORD.test(text)) out.push({ file: path.relative(root, file), line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) add(node, node.text);
    else if (ts.isTemplateExpression(node)) {
      add(node, node.head.text + node.templateSpans.map((s) => ` __expr__ ${s.literal.text}`).join(''));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}
