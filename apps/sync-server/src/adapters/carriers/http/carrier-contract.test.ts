import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';

// docs/carrier-connector.openapi.yaml is what a carrier service team builds against, so it must stay
// readable and complete. No YAML parser is a dependency of this package, so this reads the document's
// outline (its mapping keys, by indentation) strictly enough to catch a broken structure, a missing
// path or a dangling $ref.

const text = readFileSync(new URL('../../../../../../docs/carrier-connector.openapi.yaml', import.meta.url), 'utf8');

type Outline = Map<string, Outline>;

/**
 * The mapping keys of a block-style YAML document as a tree. Values, block scalars (`|`) and sequence
 * items are skipped: they hold content, not structure. Tabs and odd indentation are refused, as YAML
 * itself refuses tabs.
 */
function outline(source: string): Outline {
  const root: Outline = new Map();
  const open: Array<{ indent: number; node: Outline }> = [{ indent: -1, node: root }];
  let skipDeeperThan: number | null = null;
  source.split('\n').forEach((line, index) => {
    const where = `line ${index + 1}`;
    if (line.includes('\t')) throw new Error(`${where}: a tab`);
    if (!line.trim() || line.trimStart().startsWith('#')) return;
    const indent = line.length - line.trimStart().length;
    if (skipDeeperThan !== null && indent > skipDeeperThan) return;
    skipDeeperThan = null;
    if (indent % 2 !== 0) throw new Error(`${where}: indentation of ${indent}`);
    if (line.trimStart().startsWith('- ')) {
      skipDeeperThan = indent;
      return;
    }
    const match = /^ *('[^']*'|[^\s'"#][^:]*):(?: +(.*))?$/.exec(line);
    if (!match) throw new Error(`${where}: not a key: ${line.trim()}`);
    const key = match[1]!.replace(/^'(.*)'$/, '$1');
    const value = match[2]?.trim() ?? '';
    while (open.at(-1)!.indent >= indent) open.pop();
    const parent = open.at(-1)!.node;
    if (parent.has(key)) throw new Error(`${where}: ${key} twice`);
    const node: Outline = new Map();
    parent.set(key, node);
    if (value === '|' || value === '>') skipDeeperThan = indent;
    else if (value === '') open.push({ indent, node });
  });
  return root;
}

const keys = (node: Outline | undefined) => [...(node?.keys() ?? [])];

describe('the carrier connector contract (docs/carrier-connector.openapi.yaml)', () => {
  // Read in each test, so a broken document fails them rather than the collection of the file.
  let doc: Outline;
  beforeEach(() => {
    doc = outline(text);
  });

  it('is OpenAPI 3.1 with the usual top-level sections', () => {
    expect(text).toMatch(/^openapi: 3\.1\.\d+\n/);
    expect(keys(doc)).toEqual(['openapi', 'info', 'servers', 'security', 'tags', 'paths', 'components']);
  });

  it('lists each path the http connector calls, with its one operation', () => {
    const paths = doc.get('paths');
    expect(keys(paths)).toEqual([
      '/v1/rates',
      '/v1/labels',
      '/v1/labels/{tracking_number}/cancel',
      '/v1/pickups',
      '/v1/manifests',
      '/health',
    ]);
    for (const [path, operations] of paths ?? []) {
      expect(keys(operations), path).toEqual([path === '/health' ? 'get' : 'post']);
      expect(keys(operations.get('get') ?? operations.get('post')), path).toContain('responses');
    }
  });

  it('answers the refusals the connector maps, on the paths that can give them', () => {
    const statuses = (path: string) => keys(doc.get('paths')?.get(path)?.get('post')?.get('responses'));
    expect(statuses('/v1/labels')).toEqual(expect.arrayContaining(['201', '400', '401', '422', '5XX']));
    expect(statuses('/v1/labels/{tracking_number}/cancel')).toEqual(
      expect.arrayContaining(['200', '404', '409', '422', '5XX']),
    );
  });

  it('has every $ref pointing at a component it defines', () => {
    const refs = [...text.matchAll(/\$ref: '#\/components\/(\w+)\/(\w+)'/g)];
    expect(refs.length).toBeGreaterThan(30);
    const components = doc.get('components');
    const dangling = refs.filter(([, section, name]) => !components?.get(section!)?.has(name!)).map(([ref]) => ref);
    expect(dangling).toEqual([]);
    // Every $ref is of the form checked above: none escapes the regex.
    expect(text.match(/\$ref:/g)).toHaveLength(refs.length);
  });
});
