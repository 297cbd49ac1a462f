import { describe, expect, it } from 'vitest';
import { permissions, permissionsOf, rolesFor } from './permissions.ts';
import { isRole, roles } from './roles.ts';

describe('permissions table', () => {
  it('names only known roles', () => {
    for (const grant of Object.values(permissions)) for (const role of grant.roles) expect(isRole(role)).toBe(true);
  });

  it('gives every role something to do', () => {
    for (const role of roles) expect(permissionsOf(role).length).toBeGreaterThan(0);
  });

  it('keeps device and key management to supervisors and admins', () => {
    expect(rolesFor('devices:register')).toEqual(['supervisor', 'admin']);
    expect(rolesFor('keys:create')).toEqual(['supervisor', 'admin']);
    expect(permissionsOf('picker')).not.toContain('keys:create');
  });

  it('derives a role’s permissions from the same rows the guards read', () => {
    for (const role of roles) {
      for (const p of permissionsOf(role)) expect(rolesFor(p)).toContain(role);
    }
  });
});
