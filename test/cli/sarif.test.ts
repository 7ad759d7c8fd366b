import assert from 'node:assert/strict';
import * as path from 'node:path';
import { RULES } from '../../server/src/core/rules/registry';
import { ensureBuilt, FIXTURES, HARBORVIEW, Runs, TODAY } from './cli';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }>;
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: Array<{ tool: { driver: { name: string; version: string; rules: Array<{ id: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }> } }; results: SarifResult[] }>;
}

function parse(stdout: string): SarifLog {
  return JSON.parse(stdout) as SarifLog;
}

function where(r: SarifResult): string {
  const loc = r.locations[0].physicalLocation;
  return `${loc.artifactLocation.uri}${loc.region ? `:${loc.region.startLine}:${loc.region.startColumn}` : ''} ${r.ruleId}`;
}

describe('check --format sarif', function () {
  this.timeout(60000);
  const runs = new Runs()
    .add('harborview', ['check', HARBORVIEW, '--format', 'sarif', '--today', TODAY])
    .add('no config', ['check', path.join(FIXTURES, 'comply'), '--format', 'sarif', '--today', TODAY]);
  before(() => {
    ensureBuilt();
    runs.start();
  });

  it('is a SARIF 2.1.0 log from the compliance-docs driver', async () => {
    const log = parse((await runs.get('harborview')).stdout);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    assert.equal(log.runs[0].tool.driver.name, 'compliance-docs');
    assert.match(log.runs[0].tool.driver.version, /^\d+\.\d+\.\d+/);
  });

  it('declares one rule per rule code, with unique ids, and the configured level', async () => {
    const rules = parse((await runs.get('harborview')).stdout).runs[0].tool.driver.rules;
    const ids = rules.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(ids.length, RULES.length);
    for (const code of ['config-invalid', 'uncovered-criterion', 'evidence-gap', 'document-unreadable']) assert.ok(ids.includes(code), code);
    for (const r of rules) assert.ok(r.shortDescription.text.length > 0, r.id);
    // harborview raises review-due-soon to warning
    assert.equal(rules.find((r) => r.id === 'review-due-soon')?.defaultConfiguration.level, 'warning');
  });

  it('gives each result its rule, a level, a message and a location relative to the checked folder', async () => {
    const log = parse((await runs.get('harborview')).stdout);
    const { rules } = log.runs[0].tool.driver;
    const results = log.runs[0].results;
    assert.equal(results.length, 35);
    for (const r of results) {
      assert.equal(rules[r.ruleIndex].id, r.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(r.level), r.level);
      assert.ok(r.message.text.length > 0);
      const loc = r.locations[0].physicalLocation;
      assert.doesNotMatch(loc.artifactLocation.uri, /^(\/|file:|[A-Za-z]:)/);
      assert.ok(loc.region, `${where(r)} has a region`);
      assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
    }
  });

  it('places each result on the offending key, list item or link (1-based)', async () => {
    const results = parse((await runs.get('harborview')).stdout).runs[0].results;
    const at = (uri: string, rule: string): SarifResult => {
      const found = results.filter((r) => r.locations[0].physicalLocation.artifactLocation.uri === uri && r.ruleId === rule);
      assert.equal(found.length, 1, `${uri} ${rule}`);
      return found[0];
    };
    const region = (r: SarifResult): unknown => r.locations[0].physicalLocation.region;
    // the second item of a flow list: `criteria: [CC6.1, cc6.7]`
    assert.deepEqual(region(at('procedures/key-rotation.md', 'unknown-criterion')), { startLine: 6, startColumn: 19, endLine: 6, endColumn: 24 });
    // a block list item
    assert.deepEqual(region(at('policies/risk-management.md', 'unknown-criterion')), { startLine: 10, startColumn: 5, endLine: 10, endColumn: 10 });
    // the value of a key
    assert.deepEqual(region(at('controls/code-review.md', 'unknown-reference')), { startLine: 8, startColumn: 12, endLine: 8, endColumn: 27 });
    // a link destination in the body
    assert.deepEqual(region(at('controls/deprovisioning.md', 'broken-evidence-link')), { startLine: 35, startColumn: 70, endLine: 35, endColumn: 112 });
    // a key
    assert.deepEqual(region(at('compliance-docs.yml', 'config-invalid')), { startLine: 16, startColumn: 3, endLine: 16, endColumn: 15 });
    assert.equal(at('controls/vendor-review.md', 'stale-evidence').level, 'warning');
    assert.equal(at('policies/data-classification.md', 'criterion-out-of-scope').level, 'note');
  });

  it('puts uncovered-criterion results on the config categories key, naming the criterion', async () => {
    const results = parse((await runs.get('harborview')).stdout).runs[0].results.filter((r) => r.ruleId === 'uncovered-criterion');
    assert.deepEqual(
      results.map((r) => [r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region, /\b(CC\d\.\d)\b/.exec(r.message.text)?.[1]]),
      [
        ['compliance-docs.yml', { startLine: 8, startColumn: 1, endLine: 8, endColumn: 11 }, 'CC1.2'],
        ['compliance-docs.yml', { startLine: 8, startColumn: 1, endLine: 8, endColumn: 11 }, 'CC3.3'],
      ],
    );
  });

  it('puts them on the repository root, with no region, when there is no config file', async () => {
    const results = parse((await runs.get('no config')).stdout).runs[0].results.filter((r) => r.ruleId === 'uncovered-criterion');
    assert.equal(results.length, 7, 'one per series with a gap');
    for (const r of results) {
      assert.deepEqual(r.locations[0].physicalLocation, { artifactLocation: { uri: '.' } });
      assert.match(r.message.text, /^CC\d\.\d[ ,]/);
    }
  });
});
