import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/context.ts';
import { deviceRoutes } from './devices.routes.ts';
import { keyRoutes } from './keys.routes.ts';
import { roleRoutes } from './roles.routes.ts';

/** Section 17, security and access: devices, keys and roles. */
export function securityRoutes() {
  return new OpenAPIHono<AppEnv>().route('/', deviceRoutes()).route('/', keyRoutes()).route('/', roleRoutes());
}
