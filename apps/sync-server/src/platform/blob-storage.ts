import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

/**
 * Where labels, manifests, exports and QC photos are kept (CONVENTIONS.md: Files). Only opaque bytes
 * with a content type under a key: nothing here knows about folders, so an S3 store can take its place.
 * Clients never read a store directly; they get a signed URL (signed-urls.ts).
 */
export type StoredBlob = { bytes: Uint8Array; contentType: string };

export type BlobStore = {
  /** Creates or replaces the blob; a reader sees the old bytes or the new ones, never part of either. */
  put(key: string, bytes: Uint8Array, options: { contentType: string }): Promise<void>;
  get(key: string): Promise<StoredBlob | null>;
  /** True when there was something to delete. */
  delete(key: string): Promise<boolean>;
};

export const MAX_BLOB_KEY_LENGTH = 512;
const MAX_KEY_SEGMENTS = 16;
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(?:; ?[a-z0-9_-]+=[a-z0-9_.-]+)*$/i;

export class InvalidBlobKeyError extends Error {
  constructor(key: string, reason: string) {
    super(`invalid blob key ${JSON.stringify(key.slice(0, 100))}: ${reason}`);
    this.name = 'InvalidBlobKeyError';
  }
}

/** Why a key is refused, or null when it is fine. */
export function blobKeyProblem(key: string): string | null {
  if (typeof key !== 'string' || key.length === 0) return 'empty';
  if (key.length > MAX_BLOB_KEY_LENGTH) return `longer than ${MAX_BLOB_KEY_LENGTH} characters`;
  const segments = key.split('/');
  if (segments.length > MAX_KEY_SEGMENTS) return `more than ${MAX_KEY_SEGMENTS} segments`;
  for (const segment of segments) {
    // Also rules out '', '.', '..', hidden names (our temp and meta files start with a dot), absolute
    // paths, backslashes, spaces, '%' and anything else that would need escaping in a path or a URL.
    if (!SEGMENT.test(segment))
      return `segment ${JSON.stringify(segment.slice(0, 40))} is not [A-Za-z0-9][A-Za-z0-9._-]*`;
    if (segment.includes('..')) return 'contains ".."';
  }
  // /v1/files/fulfillment/... would read as a tenant-scoped API path (/v1/{tenantId}/fulfillment).
  if (segments[0] === 'fulfillment') return 'may not start with "fulfillment/"';
  return null;
}

export function assertBlobKey(key: string): void {
  const problem = blobKeyProblem(key);
  if (problem) throw new InvalidBlobKeyError(key, problem);
}

function assertContentType(contentType: string): void {
  if (contentType.length > 255 || !CONTENT_TYPE.test(contentType)) {
    throw new Error(`invalid content type ${JSON.stringify(contentType.slice(0, 100))}`);
  }
}

/** For tests: a store that lives as long as the process. */
export function createMemoryBlobStore(): BlobStore {
  const blobs = new Map<string, StoredBlob>();
  return {
    async put(key, bytes, { contentType }) {
      assertBlobKey(key);
      assertContentType(contentType);
      blobs.set(key, { bytes: Uint8Array.from(bytes), contentType });
    },
    async get(key) {
      assertBlobKey(key);
      const blob = blobs.get(key);
      return blob ? { bytes: Uint8Array.from(blob.bytes), contentType: blob.contentType } : null;
    },
    async delete(key) {
      assertBlobKey(key);
      return blobs.delete(key);
    },
  };
}

const isMissing = (err: unknown) =>
  ['ENOENT', 'ENOTDIR', 'EISDIR'].includes((err as NodeJS.ErrnoException | undefined)?.code ?? '');

/**
 * Blobs as files under `root` (DATA_DIR/blobs by default): `acme/labels/sh_1.pdf` is that file, and its
 * content type is kept beside it in `acme/labels/.sh_1.pdf.meta.json` (keys cannot start with a dot,
 * so no key can name a meta or temp file). Writes go to a temp file renamed into place.
 */
export function createLocalBlobStore(root: string): BlobStore {
  const base = resolve(root);
  const paths = (key: string) => {
    assertBlobKey(key);
    const file = resolve(base, ...key.split('/'));
    // The key rules already make this impossible; kept as the last line of defence.
    if (!file.startsWith(base + sep)) throw new InvalidBlobKeyError(key, 'outside the store');
    const dir = dirname(file);
    const name = file.slice(dir.length + 1);
    return { file, dir, name, meta: join(dir, `.${name}.meta.json`) };
  };

  async function writeAtomically(dir: string, name: string, target: string, data: Uint8Array | string) {
    const temp = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(temp, data, { flush: true });
      await rename(temp, target);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }

  return {
    async put(key, bytes, { contentType }) {
      assertContentType(contentType);
      const { file, dir, name, meta } = paths(key);
      await mkdir(dir, { recursive: true });
      // Meta first, bytes last: the bytes appearing is what makes the blob exist.
      await writeAtomically(dir, name, meta, JSON.stringify({ content_type: contentType }));
      await writeAtomically(dir, name, file, bytes);
    },
    async get(key) {
      const { file, meta } = paths(key);
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (err) {
        if (isMissing(err)) return null;
        throw err;
      }
      let contentType = 'application/octet-stream';
      try {
        const parsed = JSON.parse(await readFile(meta, 'utf8')) as { content_type?: unknown };
        if (typeof parsed.content_type === 'string' && CONTENT_TYPE.test(parsed.content_type)) {
          contentType = parsed.content_type;
        }
      } catch (err) {
        if (!isMissing(err) && !(err instanceof SyntaxError)) throw err;
      }
      return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), contentType };
    },
    async delete(key) {
      const { file, meta } = paths(key);
      let existed = true;
      try {
        await unlink(file);
      } catch (err) {
        if (!isMissing(err)) throw err;
        existed = false;
      }
      await unlink(meta).catch((err: unknown) => {
        if (!isMissing(err)) throw err;
      });
      return existed;
    },
  };
}
