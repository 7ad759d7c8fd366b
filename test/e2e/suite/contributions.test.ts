import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CRITERIA } from '../../../server/src/core/catalog/catalog';
import { codes, diagnosticsOf, extensionPath, file, indexed } from './util';

interface Grammar {
  readonly repository: { readonly 'criterion-id': { readonly match: string; readonly name: string } };
}

function grammar(): Grammar {
  return JSON.parse(fs.readFileSync(path.join(extensionPath(), 'syntaxes', 'criterion-id.injection.tmLanguage.json'), 'utf8')) as Grammar;
}

type Snippets = Record<string, { prefix: string[]; body: string[] }>;

function snippets(): Snippets {
  const text = fs.readFileSync(path.join(extensionPath(), 'snippets', 'compliance-docs.code-snippets'), 'utf8');
  return JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')) as Snippets;
}

describe('criterion ID grammar', () => {
  // The pattern uses only syntax JavaScript and Oniguruma share (look-behind, alternation).
  const ids = (text: string): string[] => [...text.matchAll(new RegExp(grammar().repository['criterion-id'].match, 'g'))].map((m) => m[0]);

  it('matches every criterion of the catalog and nothing shaped like one that is not', () => {
    for (const c of CRITERIA) assert.deepEqual(ids(c.id), [c.id]);
    for (const wrong of ['CC9.9', 'cc6.1', 'CC6', 'CC6.12', 'PI1.6', 'P6.8', 'XCC6.1', 'CC6.1.2']) assert.deepEqual(ids(wrong), [], wrong);
  });

  it('marks IDs in the frontmatter and in prose, not in code, with the grammars VS Code itself loads', async () => {
    const tokenize = await markdownTokenizer();
    assert.deepEqual(
      tokenize(['---', 'criteria: [CC6.1, CC9.9, A1.2]', 'title: Access review', '---', '', 'This control addresses CC6.1 and PI1.3.', '', '```', 'CC6.2', '```', '', 'Inline `CC7.1` stays code.']),
      ['CC6.1', 'A1.2', 'CC6.1', 'PI1.3'],
    );
  });
});

// The few parts of vscode-textmate and vscode-oniguruma used here; both ship inside VS Code.
interface TmGrammar {
  tokenizeLine(line: string, stack: unknown): { tokens: { startIndex: number; endIndex: number; scopes: string[] }[]; ruleStack: unknown };
}
interface TextMate {
  readonly INITIAL: unknown;
  readonly Registry: new (options: {
    onigLib: Promise<unknown>;
    loadGrammar: (scope: string) => Promise<unknown>;
    getInjections: (scope: string) => string[] | undefined;
  }) => { loadGrammar(scope: string): Promise<TmGrammar | null> };
  parseRawGrammar(content: string, filePath: string): unknown;
}
interface Oniguruma {
  loadWASM(data: ArrayBuffer): Promise<void>;
  readonly OnigScanner: new (patterns: string[]) => unknown;
  readonly OnigString: new (text: string) => unknown;
}

interface GrammarContribution {
  readonly scopeName?: string;
  readonly path: string;
  readonly injectTo?: readonly string[];
}

/**
 * Tokenizes markdown with the TextMate engine and grammars of the running VS Code (its markdown and
 * YAML grammars, and every injection contributed to markdown, ours included); returns the text of
 * the tokens our grammar scoped as criterion IDs.
 */
async function markdownTokenizer(): Promise<(lines: readonly string[]) => string[]> {
  const fromApp = createRequire(path.join(vscode.env.appRoot, 'package.json'));
  const tm = fromApp('vscode-textmate') as TextMate;
  const onig = fromApp('vscode-oniguruma') as Oniguruma;
  const wasm = fs.readFileSync(path.join(path.dirname(fromApp.resolve('vscode-oniguruma')), 'onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const files = new Map<string, string>();
  const injections = new Map<string, string[]>();
  for (const ext of vscode.extensions.all) {
    const grammars = ((ext.packageJSON as { contributes?: { grammars?: GrammarContribution[] } }).contributes?.grammars ?? []).filter((g) => g.scopeName);
    for (const g of grammars) {
      files.set(g.scopeName as string, path.join(ext.extensionPath, g.path));
      for (const target of g.injectTo ?? []) injections.set(target, [...(injections.get(target) ?? []), g.scopeName as string]);
    }
  }
  const registry = new tm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new onig.OnigScanner(p), createOnigString: (s: string) => new onig.OnigString(s) }),
    loadGrammar: async (scope: string) => {
      const file = files.get(scope);
      return file ? tm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scope: string) => injections.get(scope),
  });
  const markdown = await registry.loadGrammar('text.html.markdown');
  assert.ok(markdown, 'the markdown grammar is installed');
  return (lines) => {
    const found: string[] = [];
    let stack = tm.INITIAL;
    for (const line of lines) {
      const result = markdown.tokenizeLine(line, stack);
      stack = result.ruleStack;
      for (const t of result.tokens) if (t.scopes.includes('variable.other.constant.criterion.compliance-docs')) found.push(line.slice(t.startIndex, t.endIndex));
    }
    return found;
  };
}

describe('snippets', () => {
  it('offers policy, control, procedure and evidence snippets', () => {
    const prefixes = Object.values(snippets()).flatMap((s) => s.prefix);
    for (const p of ['policy', 'control', 'procedure', 'evidence']) assert.ok(prefixes.includes(p), p);
  });

  it('expands the control snippet into frontmatter the checks accept', async () => {
    await indexed();
    const uri = file('controls/snippet-check.md');
    await vscode.workspace.fs.writeFile(uri, new Uint8Array());
    try {
      const editor = await vscode.window.showTextDocument(uri);
      const control = Object.values(snippets()).find((s) => s.prefix.includes('control'));
      assert.ok(control);
      assert.ok(await editor.insertSnippet(new vscode.SnippetString(control.body.join('\n'))));
      assert.match(editor.document.getText(), /^---\nid: AC-01\ntype: control\n/);
      // Its own checks run (a draft mapping a criterion) and none says the YAML or a value is wrong.
      const found = await diagnosticsOf(uri, 'draft-covers-nothing', (d) => codes(d).includes('draft-covers-nothing'));
      for (const bad of ['frontmatter-syntax', 'field-invalid', 'unknown-criterion']) assert.ok(!codes(found).includes(bad), `${bad}: ${found.map((d) => d.message).join('; ')}`);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(uri);
    }
  });
});
