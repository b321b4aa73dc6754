import type { ApolloServerPlugin } from '@apollo/server';
import { type ASTNode, type DocumentNode, Kind, type ValueNode, visit } from 'graphql';
import { DomainError } from '../../core/domain-error';
import { RETRY_AFTER_SECONDS, badRequestInput, isInputValueRefusal, toAppError } from './errors';

/** Every value node of the document's literal arguments, with its path from the argument ("input.name", "ids[2]"). */
export function literalArgumentPaths(document: DocumentNode): Map<ASTNode, string> {
  const paths = new Map<ASTNode, string>();
  const walk = (value: ValueNode, path: string) => {
    paths.set(value, path);
    if (value.kind === Kind.OBJECT) for (const f of value.fields) walk(f.value, `${path}.${f.name.value}`);
    else if (value.kind === Kind.LIST) value.values.forEach((v, i) => walk(v, `${path}[${i}]`));
  };
  visit(document, {
    Argument(node) {
      walk(node.value, node.name.value);
    },
  });
  return paths;
}

/** The path of the first string (deeply) in `value` that holds a NUL byte, or undefined. */
function nulBytePath(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (!value || typeof value !== 'object' || depth > 50) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulBytePath(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, v] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    const found = nulBytePath(key, at, depth + 1) ?? nulBytePath(v, at, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Documents already looked at (Apollo hands the same parsed document to every request of the same text). */
const literalVerdicts = new WeakMap<DocumentNode, string | null>();

/** The path of the first literal argument holding a NUL byte, or null; once per document. */
function nulLiteralPath(document: DocumentNode): string | null {
  let verdict = literalVerdicts.get(document);
  if (verdict === undefined) {
    verdict = null;
    for (const [node, path] of literalArgumentPaths(document)) {
      if ((node.kind === Kind.STRING || node.kind === Kind.ENUM) && node.value.includes('\u0000')) {
        verdict = path;
        break;
      }
    }
    literalVerdicts.set(document, verdict);
  }
  return verdict;
}

const NUL_MESSAGE = 'Text must not contain a NUL byte (\\u0000)';

/** Where graphql-js says a variable's value was wrong: `Variable "$i" got invalid value … at "i.amount"; …`. */
function variableErrorField(message: string): string | undefined {
  if (!message.startsWith('Variable "$')) return undefined;
  const at = /.* at "([^"]+)"; /s.exec(message);
  if (at) return at[1];
  return /^Variable "\$([^"]+)"/.exec(message)?.[1];
}

/**
 * The request-wide input rules, in one place rather than in each resolver:
 * - a NUL byte in any string of the variables or of a literal argument is refused before execution
 *   (Postgres cannot store it) as BAD_USER_INPUT with the field, HTTP 400;
 * - a scalar's refusal of a literal or variable names the argument (`field`);
 * - an answer that failed because the database is unavailable is HTTP 503 with Retry-After;
 * - a use case's error gets the HTTP status of its code (UNAUTHENTICATED: 401).
 */
export function inputGuardPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const inVariables = nulBytePath(request.variables ?? {}, '');
          if (inVariables) throw badRequestInput(inVariables, NUL_MESSAGE);
          const inLiteral = nulLiteralPath(document);
          if (inLiteral) throw badRequestInput(inLiteral, NUL_MESSAGE);
        },
        async didEncounterErrors({ errors, document, response }) {
          let paths: Map<ASTNode, string> | undefined;
          for (const error of errors) {
            const original = error.originalError ?? error;
            const mapped = toAppError(original);
            if (mapped?.extensions.code === 'SERVICE_UNAVAILABLE') {
              response.http.status = 503;
              response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
            }
            // A use case's error (not a GraphQLError, whose own http hint Apollo applies) gets the status its code carries, e.g. 401.
            const http = original instanceof DomainError ? (mapped?.extensions.http as { status?: number } | undefined) : undefined;
            if (http?.status) response.http.status = http.status;
            if (original === error || original instanceof DomainError || !isInputValueRefusal(original) || error.extensions.field) continue;
            let field = variableErrorField(error.message);
            if (!field && document && error.nodes?.length) {
              paths ??= literalArgumentPaths(document);
              field = paths.get(error.nodes[0]);
            }
            if (field) (error.extensions as Record<string, unknown>).field = field;
          }
        },
      };
    },
  };
}
