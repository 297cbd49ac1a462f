import { describe, expect, it } from 'vitest';
import { deviceIdSchema, registerDeviceInput } from './device-schemas.ts';
import { createKeyInput, keyTtlBounds } from './key-schemas.ts';

const worker = 'wkr_01JAAAAAAAAAAAAAAAAAAAAAAA';

describe('device ids', () => {
  it('accepts the ids printed on devices and refuses anything else', () => {
    for (const id of ['scanner_12', 'PRN-3', 'a', 'zebra.zt410:01'])
      expect(deviceIdSchema.safeParse(id).success).toBe(true);
    for (const id of ['', '_x', 'has space', 'a/b', 'x'.repeat(65)])
      expect(deviceIdSchema.safeParse(id).success).toBe(false);
  });

  it('refuses unknown fields and types on registration', () => {
    expect(registerDeviceInput.safeParse({ type: 'handheld', name: 'Scanner 12' }).success).toBe(true);
    expect(registerDeviceInput.safeParse({ type: 'toaster', name: 'x' }).success).toBe(false);
    expect(registerDeviceInput.safeParse({ type: 'handheld', name: 'x', status: 'active' }).success).toBe(false);
  });
});

describe('key requests', () => {
  it('bounds the lifetime per kind', () => {
    const at = (kind: 'device' | 'worker', ttl: number) =>
      createKeyInput.safeParse(
        kind === 'device'
          ? { kind, device_id: 'scanner_12', ttl_seconds: ttl }
          : { kind, device_id: 'scanner_12', worker_id: worker, ttl_seconds: ttl },
      ).success;
    expect(at('worker', keyTtlBounds.worker.max)).toBe(true);
    expect(at('worker', keyTtlBounds.worker.max + 1)).toBe(false);
    expect(at('device', keyTtlBounds.device.max)).toBe(true);
    expect(at('device', keyTtlBounds.device.max + 1)).toBe(false);
    expect(at('device', 0)).toBe(false);
  });

  it('wants exactly one of worker_id and badge_id for a worker key', () => {
    const base = { kind: 'worker', device_id: 'scanner_12' };
    expect(createKeyInput.safeParse({ ...base, badge_id: 'B-1001' }).success).toBe(true);
    expect(createKeyInput.safeParse({ ...base, worker_id: worker }).success).toBe(true);
    expect(createKeyInput.safeParse(base).success).toBe(false);
    expect(createKeyInput.safeParse({ ...base, worker_id: worker, badge_id: 'B-1001' }).success).toBe(false);
  });

  it('needs a name for an integration key and refuses unknown kinds', () => {
    expect(createKeyInput.safeParse({ kind: 'integration', name: 'WMS' }).success).toBe(true);
    expect(createKeyInput.safeParse({ kind: 'integration' }).success).toBe(false);
    expect(createKeyInput.safeParse({ kind: 'user', name: 'x' }).success).toBe(false);
  });
});
