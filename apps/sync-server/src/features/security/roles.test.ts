import { permissions, rolesFor } from '@fulfillment/domain/security/permissions';
import { roles } from '@fulfillment/domain/security/roles';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.ts';
import { BASE, expectProblem, registerHandheld } from './security-test-fixtures.ts';

describe('GET /roles', () => {
  it('lists every role with its description and what it may do, from the permissions table', async () => {
    const t = await createTestApp();
    const res = await t.request('GET', `${BASE}/roles`, { token: await t.token({ roles: ['picker'] }) });
    expect(res.status).toBe(200);
    expect(res.body.next_cursor).toBeNull();
    expect(res.body.data.map((r: { name: string }) => r.name)).toEqual([...roles]);
    const byName = Object.fromEntries(res.body.data.map((r: { name: string }) => [r.name, r]));
    expect(byName.picker).toMatchObject({ warehouse_role: true, description: expect.stringContaining('picks') });
    expect(byName.admin.warehouse_role).toBe(false);
    const names = (role: string) => byName[role].permissions.map((p: { name: string }) => p.name);
    expect(names('picker')).toEqual([
      'fulfillments:read',
      'allocations:read',
      'allocations:confirm',
      'warehouses:read',
      'roles:read',
      'serials:assign',
      'lots:consume',
      'sync:use',
      'picklists:read',
      'picklists:pick',
      'packaging:read',
    ]);
    expect(names('supervisor')).toContain('keys:create');
    expect(byName.supervisor.permissions.find((p: { name: string }) => p.name === 'keys:create').description).toBe(
      permissions['keys:create'].description,
    );
  });

  it('is refused to a device key, which holds no role', async () => {
    const t = await createTestApp();
    const { deviceKey } = await registerHandheld(t);
    expectProblem(await t.request('GET', `${BASE}/roles`, { token: deviceKey }), 403, 'forbidden');
  });

  it('says exactly what the guards enforce', async () => {
    const t = await createTestApp();
    const guarded = [
      ['GET', `${BASE}/keys`, 'keys:read'],
      ['GET', `${BASE}/devices`, 'devices:read'],
      ['GET', `${BASE}/roles`, 'roles:read'],
      ['GET', `${BASE}/fulfillments`, 'fulfillments:read'],
      ['GET', `${BASE}/traceability?serial=SN-1`, 'traceability:read'],
      ['GET', `${BASE}/settings`, 'settings:read'],
    ] as const;
    for (const role of roles) {
      const token = await t.token({ roles: [role] });
      for (const [method, path, permission] of guarded) {
        const res = await t.request(method, path, { token });
        expect(res.status, `${role} ${method} ${path}`).toBe(rolesFor(permission).includes(role) ? 200 : 403);
      }
    }
  });
});
