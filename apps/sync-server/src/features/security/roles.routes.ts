import { permissions, permissionsOf } from '@fulfillment/domain/security/permissions';
import { isWarehouseRole, roleDescriptions, roles } from '@fulfillment/domain/security/roles';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/context.ts';
import { defineRoute, jsonResponse } from '../../platform/route.ts';
import { RoleList } from './security.schemas.ts';

/** Built once: it is derived from the same permissions table the route guards read. */
const roleList = {
  data: roles.map((name) => ({
    name,
    description: roleDescriptions[name],
    warehouse_role: isWarehouseRole(name),
    permissions: permissionsOf(name).map((p) => ({ name: p, description: permissions[p].description })),
  })),
  next_cursor: null,
};

export function roleRoutes() {
  return new OpenAPIHono<AppEnv>().openapi(
    defineRoute(
      { permission: 'roles:read' },
      {
        method: 'get',
        path: '/roles',
        tags: ['Security'],
        summary: 'The roles, and what each may do',
        description:
          'Warehouse roles (`picker`, `packer`, `supervisor`, `qc_agent`) come first, then the back-office ones.',
        responses: { 200: jsonResponse(RoleList, 'Every role with its permissions') },
      },
    ),
    (c) => c.json(roleList, 200),
  );
}
