import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { getCriterion } from '../../../server/src/core/catalog/catalog';
import { file, indexed, rangeOf } from './util';

function text(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

describe('hover', () => {
  before(async () => {
    await indexed();
  });

  it('explains a criterion in the frontmatter, with its coverage state', async () => {
    const uri = file('controls/vendor-review.md');
    const at = await rangeOf(uri, 'CC9.2');
    await vscode.workspace.openTextDocument(uri);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at.start.translate(0, 2));
    const value = text(hovers);
    const criterion = getCriterion('CC9.2');
    assert.ok(criterion);
    assert.ok(value.includes(`**CC9.2** ${criterion.title}`), value);
    assert.ok(value.includes(criterion.explanation.split('. ')[0]), value);
    assert.match(value, /\*\*Coverage: stale\.\*\*/);
    const ours = hovers.find((h) => text([h]).includes('CC9.2'));
    assert.deepEqual(ours?.range, at);
  });
});
