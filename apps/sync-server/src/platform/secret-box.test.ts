import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secret-box.ts';

describe('secret box', () => {
  const box = createSecretBox('s'.repeat(40), 'test');

  it('round-trips and never shows the plain text', () => {
    const sealed = box.seal('{"token":"eyJhbGciOi"}');
    expect(sealed).not.toContain('eyJhbGciOi');
    expect(box.open(sealed)).toBe('{"token":"eyJhbGciOi"}');
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses a tampered value or another key', () => {
    const sealed = box.seal('hello');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('jello').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => createSecretBox('t'.repeat(40), 'test').open(sealed)).toThrow();
    expect(() => box.open('garbage')).toThrow();
  });
});
