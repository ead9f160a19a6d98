// The build renames the properties listed in scripts/mangle.ts. A user must never meet one of
// them: no exported class, interface or type of any entry point may have a public member (or an
// option) by such a name, or the published build would hand the user a shortened name.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { MANGLED } from '../scripts/mangle.js';

const ENTRIES = [
  'src/index.ts',
  'src/node/index.ts',
  'src/node/trace.ts',
  'src/synctest/index.ts',
  'src/trace/index.ts',
  'src/threads/index.ts',
  'src/threads/web.ts',
];

function isHidden(d: ts.Declaration): boolean {
  const flags = ts.getCombinedModifierFlags(d);
  if (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) return true;
  return ts.getJSDocTags(d).some((t) => t.tagName.text === 'internal');
}

/** Every public member name of the exported types, and of the types their signatures use. */
function publicNames(): Set<string> {
  const program = ts.createProgram(ENTRIES, { strict: true, target: ts.ScriptTarget.ES2022, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const names = new Set<string>();
  const seen = new Set<ts.Type>();
  const visit = (type: ts.Type, depth: number): void => {
    if (depth > 3 || seen.has(type)) return;
    seen.add(type);
    if (type.isUnionOrIntersection()) for (const t of type.types) visit(t, depth);
    for (const p of type.getProperties()) {
      const decls = p.getDeclarations() ?? [];
      if (decls.length === 0 || decls.some((d) => d.getSourceFile().fileName.includes('node_modules'))) continue;
      if (decls.every(isHidden)) continue;
      names.add(p.getName());
      const d = decls[0]!;
      visit(checker.getTypeOfSymbolAtLocation(p, d), depth + 1);
    }
    for (const sig of [...type.getCallSignatures(), ...type.getConstructSignatures()]) {
      visit(sig.getReturnType(), depth + 1);
      for (const param of sig.getParameters()) {
        const d = param.getDeclarations()?.[0];
        if (d !== undefined) visit(checker.getTypeOfSymbolAtLocation(param, d), depth + 1);
      }
    }
  };
  for (const entry of ENTRIES) {
    const file = program.getSourceFile(entry)!;
    const module = checker.getSymbolAtLocation(file)!;
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const d = symbol.getDeclarations()?.[0];
      if (d === undefined) continue;
      visit(checker.getTypeOfSymbolAtLocation(symbol, d), 0); // a value: its type, or a class's static side
      visit(checker.getDeclaredTypeOfSymbol(symbol), 0); // a class's instances, an interface, a type
    }
  }
  return names;
}

describe('mangled property names (scripts/mangle.ts)', () => {
  it('are never a public member of an exported type', () => {
    const names = publicNames();
    expect(names.has('send') && names.has('capacity') && names.has('signal')).toBe(true); // the walk sees the API
    expect(MANGLED.filter((n) => names.has(n))).toEqual([]);
  }, 60_000);
});
