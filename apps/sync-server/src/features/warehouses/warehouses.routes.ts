import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/context.ts';

export function warehouseRoutes() {
  return new OpenAPIHono<AppEnv>();
}
