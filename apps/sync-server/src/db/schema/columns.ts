import { integer, text } from 'drizzle-orm/sqlite-core';

/** Columns every tenant-owned resource carries (CONVENTIONS.md: Resources). */
export const resourceColumns = () => ({
  tenantId: text('tenant_id').notNull(),
  version: integer('version').notNull().default(1),
  metadata: text('metadata', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});
