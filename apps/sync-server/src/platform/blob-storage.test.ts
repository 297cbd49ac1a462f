import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  assertBlobKey,
  blobKeyProblem,
  type BlobStore,
  createLocalBlobStore,
  createMemoryBlobStore,
  InvalidBlobKeyError,
} from './blob-storage.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('blob keys', () => {
  it('accepts tenant-prefixed paths of plain names', () => {
    for (const key of ['acme/labels/sh_123.pdf', 'acme/manifests/man_01J.pdf', 'x', 'a-b/c_d/e.f.g']) {
      expect(blobKeyProblem(key), key).toBeNull();
    }
  });

  it('refuses traversal, absolute paths, backslashes, odd characters and oversized keys', () => {
    const bad = [
      '',
      '../etc/passwd',
      'acme/../globex/x.pdf',
      'acme/..',
      'acme/./x.pdf',
      'acme/x..pdf',
      '/etc/passwd',
      'acme//x.pdf',
      'acme/x.pdf/',
      'acme\\x.pdf',
      'C:/x.pdf',
      'acme/.hidden',
      'acme/x y.pdf',
      'acme/x%2F.pdf',
      'acme/x?.pdf',
      'acme/x\u0000.pdf',
      'acme/é.pdf',
      'fulfillment/x.pdf',
      'a/'.repeat(20) + 'x',
      'a'.repeat(600),
    ];
    for (const key of bad) {
      expect(blobKeyProblem(key), JSON.stringify(key)).not.toBeNull();
      expect(() => assertBlobKey(key)).toThrow(InvalidBlobKeyError);
    }
  });
});

function contract(name: string, make: () => BlobStore) {
  describe(`${name} blob store`, () => {
    it('writes, reads, replaces and deletes', async () => {
      const store = make();
      expect(await store.get('acme/labels/sh_1.pdf')).toBeNull();
      await store.put('acme/labels/sh_1.pdf', bytes('%PDF-1 first'), { contentType: 'application/pdf' });
      const got = await store.get('acme/labels/sh_1.pdf');
      expect(got?.contentType).toBe('application/pdf');
      expect(text(got!.bytes)).toBe('%PDF-1 first');
      await store.put('acme/labels/sh_1.pdf', bytes('second'), { contentType: 'text/plain; charset=utf-8' });
      const replaced = await store.get('acme/labels/sh_1.pdf');
      expect(text(replaced!.bytes)).toBe('second');
      expect(replaced!.contentType).toBe('text/plain; charset=utf-8');
      expect(await store.delete('acme/labels/sh_1.pdf')).toBe(true);
      expect(await store.get('acme/labels/sh_1.pdf')).toBeNull();
      expect(await store.delete('acme/labels/sh_1.pdf')).toBe(false);
    });

    it('keeps binary bytes exactly and does not share buffers with callers', async () => {
      const store = make();
      const original = Uint8Array.from([0, 255, 1, 254, 10, 13]);
      await store.put('acme/photos/qc_1.png', original, { contentType: 'image/png' });
      original[0] = 99;
      const got = await store.get('acme/photos/qc_1.png');
      expect([...got!.bytes]).toEqual([0, 255, 1, 254, 10, 13]);
    });

    it('refuses bad keys and content types on every operation', async () => {
      const store = make();
      await expect(store.put('../x', bytes('x'), { contentType: 'text/plain' })).rejects.toThrow(InvalidBlobKeyError);
      await expect(store.get('/etc/passwd')).rejects.toThrow(InvalidBlobKeyError);
      await expect(store.delete('a\\b')).rejects.toThrow(InvalidBlobKeyError);
      await expect(store.put('acme/x', bytes('x'), { contentType: 'text/html\r\nX-Evil: 1' })).rejects.toThrow();
      await expect(store.put('acme/x', bytes('x'), { contentType: '' })).rejects.toThrow();
    });
  });
}

contract('in-memory', createMemoryBlobStore);

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'blobs-test-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

contract('local folder', () => createLocalBlobStore(root));

describe('local folder blob store', () => {
  it('keeps the key as a path under its root, content type beside it, and no temp files', async () => {
    const store = createLocalBlobStore(join(root, 'blobs'));
    await store.put('acme/labels/sh_1.pdf', bytes('%PDF'), { contentType: 'application/pdf' });
    expect(statSync(join(root, 'blobs/acme/labels/sh_1.pdf')).isFile()).toBe(true);
    expect(readdirSync(join(root, 'blobs/acme/labels')).sort()).toEqual(['.sh_1.pdf.meta.json', 'sh_1.pdf']);
    await store.delete('acme/labels/sh_1.pdf');
    expect(readdirSync(join(root, 'blobs/acme/labels'))).toEqual([]);
  });

  it('is read back by a new instance over the same folder (a restarted server)', async () => {
    await createLocalBlobStore(root).put('acme/m/man_1.pdf', bytes('manifest'), { contentType: 'application/pdf' });
    const again = await createLocalBlobStore(root).get('acme/m/man_1.pdf');
    expect(again).toMatchObject({ contentType: 'application/pdf' });
    expect(text(again!.bytes)).toBe('manifest');
  });

  it('falls back to application/octet-stream when the meta file is missing or broken', async () => {
    const store = createLocalBlobStore(root);
    await store.put('acme/x.bin', bytes('x'), { contentType: 'application/pdf' });
    writeFileSync(join(root, 'acme/.x.bin.meta.json'), '{not json');
    expect((await store.get('acme/x.bin'))?.contentType).toBe('application/octet-stream');
    rmSync(join(root, 'acme/.x.bin.meta.json'));
    expect((await store.get('acme/x.bin'))?.contentType).toBe('application/octet-stream');
  });

  it('answers null for a key that names a folder', async () => {
    const store = createLocalBlobStore(root);
    await store.put('acme/labels/sh_1.pdf', bytes('x'), { contentType: 'application/pdf' });
    expect(await store.get('acme/labels')).toBeNull();
    expect(await store.delete('acme/labels')).toBe(false);
  });

  it('leaves the previous blob whole and no temp file behind when a write fails', async () => {
    const store = createLocalBlobStore(root);
    await store.put('acme/a.txt', bytes('old'), { contentType: 'text/plain' });
    // A folder where the new file should go makes the final rename fail.
    await store.put('acme/b/c.txt', bytes('x'), { contentType: 'text/plain' });
    await expect(store.put('acme/b', bytes('new'), { contentType: 'text/plain' })).rejects.toThrow();
    expect(readdirSync(join(root, 'acme')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(text((await store.get('acme/a.txt'))!.bytes)).toBe('old');
  });
});
