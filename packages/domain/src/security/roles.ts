/** Roles carried by tokens. Warehouse roles come first; `admin` and `integration` are back-office. */
export const roles = ['picker', 'packer', 'supervisor', 'qc_agent', 'admin', 'integration'] as const;
export type Role = (typeof roles)[number];

/** The roles a warehouse worker can hold: a worker key never carries a back-office role. */
export const warehouseRoles = ['picker', 'packer', 'supervisor', 'qc_agent'] as const satisfies readonly Role[];
export type WarehouseRole = (typeof warehouseRoles)[number];

export const roleDescriptions: Record<Role, string> = {
  picker: 'Walks the aisles with a handheld and picks items into totes.',
  packer: 'Verifies picked items at a pack station, boxes them, seals packages and prints labels.',
  supervisor: 'Runs a shift: assigns work, registers devices and workers, resolves exceptions.',
  qc_agent: 'Inspects fulfillments and returns and records quality-control results.',
  admin: 'Back-office administrator: configures warehouses, settings, keys and integrations.',
  integration: 'Another system (order service, WMS, 3PL) calling the API machine to machine.',
};

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

export function isWarehouseRole(value: string): value is WarehouseRole {
  return (warehouseRoles as readonly string[]).includes(value);
}
