// Checks every field a template names against a sample context before the run
// starts, so a typo fails at once with its line instead of rendering blanks.
// Runtime strict mode cannot see fields used only as helper or block arguments.

import Handlebars from 'handlebars';

interface Node {
  type: string;
  loc?: { start: { line: number; column: number } };
  [key: string]: unknown;
}

interface PathNode extends Node {
  type: 'PathExpression';
  data: boolean;
  depth: number;
  parts: string[];
  original: string;
}

const BLOCK_SCOPES = new Set(['each', 'with']);

function isNode(value: unknown): value is Node {
  return value !== null && typeof value === 'object' && typeof (value as Node).type === 'string';
}

function own(value: unknown, key: string): boolean {
  return value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, key);
}

/** Returns "unknown field X at line L" for the first unknown field, or null. */
export function findUnknownField(source: string, sample: unknown, helpers: ReadonlySet<string>): string | null {
  const program = Handlebars.parse(source) as unknown as Node;

  const resolve = (path: PathNode, scopes: unknown[]): boolean => {
    if (path.data) {
      // @index, @first, @last, @key; @root.x resolves against the root.
      if (path.parts[0] === 'root') return walk(scopes[0], path.parts.slice(1));
      return true;
    }
    const scope = scopes[scopes.length - 1 - path.depth];
    if (scope === undefined) return false;
    return walk(scope, path.parts);
  };

  const walk = (start: unknown, parts: string[]): boolean => {
    let value = start;
    for (const part of parts) {
      if (Array.isArray(value) && part === 'length') return true;
      if (!own(value, part)) return false;
      value = (value as Record<string, unknown>)[part];
    }
    return true;
  };

  const valueOf = (path: PathNode, scopes: unknown[]): unknown => {
    let value: unknown = path.data && path.parts[0] === 'root' ? scopes[0] : scopes[scopes.length - 1 - path.depth];
    for (const part of path.data && path.parts[0] === 'root' ? path.parts.slice(1) : path.parts) {
      value = own(value, part) ? (value as Record<string, unknown>)[part] : undefined;
    }
    return value;
  };

  const where = (node: Node) =>
    node.loc ? ` at line ${node.loc.start.line}, column ${node.loc.start.column + 1}` : '';

  const visitExpression = (node: unknown, scopes: unknown[]): string | null => {
    if (!isNode(node)) return null;
    if (node.type === 'PathExpression') {
      const path = node as PathNode;
      return resolve(path, scopes) ? null : `unknown field "${path.original}"${where(node)}`;
    }
    if (node.type === 'SubExpression') return visitCall(node, scopes);
    return null;
  };

  const visitCall = (node: Node, scopes: unknown[]): string | null => {
    const path = node['path'] as PathNode;
    const params = (node['params'] as unknown[]) ?? [];
    const hash = node['hash'] as { pairs?: { value: unknown }[] } | undefined;
    const isHelper =
      path.type === 'PathExpression' && path.parts.length === 1 && (helpers.has(path.original) || params.length > 0);
    if (!isHelper) {
      const problem = visitExpression(path, scopes);
      if (problem) return problem;
    }
    for (const param of params) {
      const problem = visitExpression(param, scopes);
      if (problem) return problem;
    }
    for (const pair of hash?.pairs ?? []) {
      const problem = visitExpression(pair.value, scopes);
      if (problem) return problem;
    }
    return null;
  };

  const visitProgram = (body: unknown, scopes: unknown[]): string | null => {
    if (!isNode(body)) return null;
    for (const statement of (body['body'] as Node[]) ?? []) {
      const problem = visitStatement(statement, scopes);
      if (problem) return problem;
    }
    return null;
  };

  const visitStatement = (node: Node, scopes: unknown[]): string | null => {
    if (node.type === 'MustacheStatement') return visitCall(node, scopes);
    if (node.type !== 'BlockStatement') return null;
    const problem = visitCall(node, scopes);
    if (problem) return problem;
    const path = node['path'] as PathNode;
    const first = ((node['params'] as unknown[]) ?? [])[0];
    let inner = scopes;
    if (BLOCK_SCOPES.has(path.original) && isNode(first) && first.type === 'PathExpression') {
      const value = valueOf(first as PathNode, scopes);
      // Inside #each the scope is one element; the sample's arrays are never empty.
      inner = [...scopes, path.original === 'each' ? (Array.isArray(value) ? value[0] : value) : value];
    }
    return visitProgram(node['program'], inner) ?? visitProgram(node['inverse'], scopes);
  };

  return visitProgram(program, [sample]);
}
