import assert from 'node:assert/strict';
import { MAX_PLACEHOLDER_FINDINGS } from '../../../server/src/core/rules/placeholderText';
import { expectFinding, expectNone, findingsOf, joinLines, marked } from '../../helpers';
import { baseFiles, build, POLICY } from './fixture';

const PATH = 'policies/access.md';

/** The base policy with `body` added (with «markers») and its frontmatter lines edited. */
function policyWith(body: string, edit: (fm: string) => string = (fm) => fm): { files: Record<string, string>; spans: ReturnType<typeof marked>['spans'] } {
  const end = POLICY.indexOf('\n---\n') + 1;
  const m = marked(edit(POLICY.slice(0, end)) + POLICY.slice(end) + body);
  return { files: { ...baseFiles(), [PATH]: m.text }, spans: m.spans };
}

/** Each «marked» text, and nothing else, is a placeholder-text finding. */
function expectAt(body: string, edit?: (fm: string) => string): ReturnType<typeof findingsOf> {
  const { files, spans } = policyWith(body, edit);
  const found = findingsOf(build(files), PATH, 'placeholder-text');
  assert.deepEqual(
    found.map((f) => ({ start: f.span.start, end: f.span.end })),
    spans,
    JSON.stringify(found.map((f) => f.message)),
  );
  return found;
}

describe('placeholder-text', () => {
  it('reports TODO, TBD, bracketed and angled placeholders, date formats where a date belongs and Lorem ipsum, each at its text, as a warning', () => {
    const found = expectAt(
      joinLines(
        '«TODO»: describe the quarterly review.',
        '',
        // Repeated: reported once, at its first place (the title), with how often it appears.
        'This policy applies to [Company Name] and its staff from «[day/month/year]».',
        '',
        'Questions go to «<company name>» or «[Insert the security contact]».',
        '',
        '**Effective date:** «YYYY-MM-DD»',
        '',
        '| Version | Date | Approver |',
        '|---|---|---|',
        '| 1.0 | «DD/MM/YYYY» | TBD |',
        '',
      ),
      (fm) => fm.replace('owner: security-lead', 'owner: "«TBD»"').replace('title: Access Control Policy', 'title: "Access Control Policy for «[Company Name]»"'),
    );
    assert.ok(found.every((f) => f.severity === 'warning'));
    assert.match(found.find((f) => f.message.startsWith('`TBD`'))?.message ?? '', /^`TBD` is left in an approved document: write what it stands for, or set the document's status to draft until it is done\. It appears 2 times in this document\.$/);
    assert.match(found.find((f) => f.message.startsWith('`[Company Name]`'))?.message ?? '', /is template text left in an approved document: replace it with the real value, or set the document's status to draft\. It appears 2 times in this document\.$/);
    assert.match(found.find((f) => f.message.startsWith('`TODO`'))?.message ?? '', /until it is done\.$/);
    assert.match(found.find((f) => f.message.startsWith('`YYYY-MM-DD`'))?.message ?? '', /is a date format left where a date belongs/);
    const lorem = expectAt('«Lorem ipsum» dolor sit amet, «LOREM IPSUM».\n');
    assert.match(lorem[0].message, /^`Lorem ipsum` is filler text left in an approved document: replace it with the document's own text, or set the document's status to draft\.$/);
  });

  it('is silent on a clean document', () => {
    expectNone(build(baseFiles()), PATH, 'placeholder-text');
    expectNone(build(baseFiles()), 'controls/ac-01.md', 'placeholder-text');
  });

  it('is silent in a draft, and in a document whose status is a draft synonym', () => {
    for (const status of ['draft', 'In review', 'Proposed']) {
      const { files } = policyWith('TODO: write this.\n\nOwned by [Company Name].\n', (fm) => fm.replace('---\n', `---\nstatus: ${status}\n`));
      expectNone(build(files), PATH, 'placeholder-text');
    }
    // Published is approved.
    expectAt('«TODO»: write this.\n', (fm) => fm.replace('---\n', '---\nstatus: Published\n'));
  });

  it('not misread: code spans, fenced and indented code, HTML comments, link text and destinations, reference links', () => {
    expectAt(
      joinLines(
        'Search the code for `TODO` and `[Company Name]` markers.',
        '',
        '```yaml',
        'owner: TBD',
        'date: YYYY-MM-DD',
        '```',
        '',
        '    TODO in an indented code block',
        '',
        '<!-- TODO: add the diagram, [Company Name] -->',
        '',
        'See [Company Name](https://example.com/TODO) and [the list](./TBD/index.md).',
        '',
        'Ask the [Owner].',
        '',
        '[owner]: https://example.com/owners',
        '',
        'Visit https://example.com/TODO/page for more.',
        '',
        '- [ ] A task',
        '- [x] Done',
        '',
      ),
    );
  });

  it('not misread: real dates, date formats described in prose, lowercase words, mentions of TODO in a sentence, HTML elements', () => {
    expectAt(
      joinLines(
        'Reviewed on 2026-03-01, next by 2027-03-01.',
        '',
        'Log timestamps are written as YYYY-MM-DD in UTC.',
        '',
        'Date format: YYYY-MM-DD',
        '',
        'There is a lot to do; the team will todo-list it. Todo items are tracked.',
        '',
        'Source code must not contain TODO comments about security fixes.',
        '',
        'Never close a ticket as "TBD".',
        '',
        'TODOs and TBDs are not words we use; neither is MYTODO.',
        '',
        'A <date> element, a <name> tag, and [Security Team] are not placeholders; nor is [Date of birth] data.',
        '',
        'Lorem is a name; ipsum another. See [[Owner]] in the wiki.',
        '',
      ),
    );
  });

  it('reports a template field written in capitals or capitalised words, whatever the role it names', () => {
    expectAt(
      joinLines(
        'Report incidents to «[SECURITY OFFICER NAME]» at «[SECURITY OFFICER EMAIL]».',
        '',
        'Effective from «[Effective Date]»; approved by «<Policy Owner>» and «[Vendor Contact Phone]».',
        '',
      ),
    );
  });

  it('not misread: a capitalised phrase naming nothing to fill in, a link, lower-case prose in brackets, a long title', () => {
    expectAt(
      joinLines(
        'Notes live in [Dropbox Paper]; escalate to the [IT Manager] or [CISO].',
        '',
        'See the [Data Owner](../roles.md#data-owner) and [Asset Owner][roles].',
        '',
        'Each record keeps [the requester name] and [a date].',
        '',
        'The register is titled [The Annual Information Security Risk Assessment Owner].',
        '',
        'Tickets use the [SOC 2 Report Date] label.',
        '',
        '[roles]: ../roles.md',
        '',
      ),
    );
  });

  it('reports {{…}} markers, but not in comply documents or repositories a generator renders, nor shortcodes and filters', () => {
    expectAt('Signed by «{{ company_name }}».\n\n{{< ref "vendor.md" >}} and {{ page.title | upcase }} and {{#each}}.\n');
    const comply = joinLines('name: Access Policy', 'acronym: AP', 'satisfies:', '  TSC:', '    - CC6.1', 'majorRevisions:', '  - date: Jun 1 2026', '    comment: Initial', '---', '', '# Access', '', '{{.Name}} grants access on approval.', '');
    expectNone(build({ ...baseFiles(), [PATH]: comply }), PATH, 'placeholder-text');
    // comply's own config at the root: its narratives and procedures are rendered too.
    const { files } = policyWith('Signed by {{.Name}}.\n');
    expectNone(build({ ...files, 'comply.yml': 'name: Acme\n' }), PATH, 'placeholder-text');
    expectNone(build({ ...files, '_config.yml': 'title: Policies\n' }), PATH, 'placeholder-text');
    // A values file at the root whose keys a build script puts in for the markers.
    expectNone(build({ ...files, 'company.example.yml': 'COMPANY_NAME: Example Co\n' }), PATH, 'placeholder-text');
    expectNone(build({ ...files, 'variables.yaml': 'name: Example Co\n' }), PATH, 'placeholder-text');
    // Not misread: other YAML at the root, or a values file in a subfolder, renders nothing.
    expectAt('Signed by «{{.Name}}».\n');
    const withOthers = policyWith('Signed by «{{.Name}}».\n');
    assert.equal(findingsOf(build({ ...withOthers.files, 'docker-compose.yml': 'services: {}\n', 'config/company.yml': 'name: x\n' }), PATH, 'placeholder-text').length, 1);
    // Other placeholders in a comply document are still reported.
    const withTbd = marked(comply.replace('{{.Name}} grants', '«TBD»: {{.Name}} grants'));
    expectFinding(build({ ...baseFiles(), [PATH]: withTbd.text }), PATH, 'placeholder-text', withTbd.span);
  });

  it('does not report a value another rule reports (a date that is not one, evidence that is no link), nor criteria and references', () => {
    const { files } = policyWith('', (fm) => fm.replace('last_reviewed: 2026-03-01', 'last_reviewed: YYYY-MM-DD').replace('controls: [AC-01]', 'controls: [AC-01, TBD]'));
    const ws = build(files);
    expectNone(ws, PATH, 'placeholder-text');
    assert.equal(findingsOf(ws, PATH, 'field-invalid').length, 1);
    // An empty owner is missing-owner's, not a placeholder.
    const empty = policyWith('', (fm) => fm.replace('owner: security-lead', 'owner: ""'));
    expectNone(build(empty.files), PATH, 'placeholder-text');
    assert.equal(findingsOf(build(empty.files), PATH, 'missing-owner').length, 1);
    // A lenient date key holding a date format is a placeholder: nothing else reports it.
    expectAt('', (fm) => fm.replace('---\n', '---\neffective_date: «YYYY-MM-DD»\n'));
  });

  it('reports a placeholder once, at its first place, with how often it appears', () => {
    const body = Array.from({ length: 14 }, (_, i) => `Step ${i + 1}: [Company Name] does TBD.${i === 3 ? '\n\nTODO: name the reviewer.' : ''}`).join('\n\n');
    const { files } = policyWith(`${body}\n`);
    const found = findingsOf(build(files), PATH, 'placeholder-text');
    assert.deepEqual(
      found.map((f) => f.message.replace(/^`([^`]+)`.*?(?: It appears (\d+) times in this document\.)?$/, '$1 $2').trim()),
      ['[Company Name] 14', 'TBD 14', 'TODO'],
    );
    assert.ok(found[0].span.start < found[1].span.start, 'each at its first place, in order');
  });

  it(`reports at most ${MAX_PLACEHOLDER_FINDINGS} placeholders per document, the last saying how many more there are`, () => {
    const body = Array.from({ length: 14 }, (_, i) => `Step ${i + 1}: [Insert step ${i + 1}]`).join('\n\n');
    const { files } = policyWith(`${body}\n`);
    const found = findingsOf(build(files), PATH, 'placeholder-text');
    assert.equal(found.length, MAX_PLACEHOLDER_FINDINGS);
    assert.match(found[MAX_PLACEHOLDER_FINDINGS - 1].message, / This document has 4 more placeholders after this one, not reported one by one\.$/);
    assert.ok(!/more placeholder/.test(found[0].message));
  });

  it('in a document with no frontmatter, says it reads as in force and that marking it a draft takes frontmatter', () => {
    const ws = build({ ...baseFiles(), 'policies/bare.md': '# Bare Policy\n\n[Company Name] protects data.\n' });
    const [f] = findingsOf(ws, 'policies/bare.md', 'placeholder-text');
    assert.equal(f.message, '`[Company Name]` is template text left in a document with no frontmatter, which reads as in force: replace it with the real value, or add frontmatter with `status: draft`.');
  });

  it('honours off', () => {
    const { files } = policyWith('TODO: write this.\n');
    expectNone(build({ ...files, 'compliance-docs.yml': `${files['compliance-docs.yml']}rules:\n  placeholder-text: off\n` }), PATH, 'placeholder-text');
  });
});
