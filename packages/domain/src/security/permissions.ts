import { type Role, roles } from './roles.ts';

type Grant = { description: string; roles: readonly Role[] };

const everyone = roles;
const backOffice = ['supervisor', 'admin'] as const satisfies readonly Role[];

/**
 * The one table of who may do what. Route guards read their roles from here and GET /roles is
 * derived from it, so the published role list and the enforced one cannot drift apart.
 * Add a row when a feature adds a guarded action; never hard-code role lists in a route.
 */
export const permissions = {
  'fulfillments:read': {
    description: 'List and read fulfillments, their lines and timelines.',
    roles: ['picker', 'packer', 'supervisor', 'qc_agent', 'admin', 'integration'],
  },
  'fulfillments:write': {
    description: 'Create fulfillments, change their warehouse or ship date, cancel them.',
    roles: ['supervisor', 'admin', 'integration'],
  },
  'allocations:read': {
    description: 'Read allocations: what the Inventory Service reserved where.',
    roles: ['picker', 'packer', 'supervisor', 'qc_agent', 'admin', 'integration'],
  },
  'allocations:write': {
    description: 'Ask the Inventory Service to allocate or release stock for fulfillments (one or in bulk).',
    roles: ['supervisor', 'admin', 'integration'],
  },
  'allocations:confirm': {
    description: 'Confirm picks against an allocation.',
    roles: ['picker', 'supervisor', 'admin', 'integration'],
  },
  'warehouses:read': {
    description: 'List and read warehouses, their zones, bin locations, workers, workstations and capacity.',
    roles: everyone,
  },
  'warehouses:write': {
    description: 'Create, change and delete warehouses; add zones and bin locations.',
    roles: ['admin'],
  },
  'workers:register': { description: 'Register warehouse workers: badge, floor roles, skills.', roles: backOffice },
  'workstations:create': {
    description: 'Register pack stations, scales and printers of a warehouse.',
    roles: backOffice,
  },
  'devices:read': { description: 'List and read registered devices.', roles: backOffice },
  'devices:register': {
    description: 'Register a handheld, printer, scale or pack-station PC (and issue its device key).',
    roles: backOffice,
  },
  'devices:revoke': { description: 'Revoke a device and, with it, every key it holds.', roles: backOffice },
  'keys:read': { description: 'List device, worker and integration keys (never their secrets).', roles: backOffice },
  'keys:create': {
    description:
      'Create device, worker and integration keys. Besides these roles, a device key may create a worker key for its own device (badge sign-in).',
    roles: backOffice,
  },
  'keys:revoke': {
    description: 'Revoke any key. Besides these roles, a worker may revoke their own keys (sign out).',
    roles: backOffice,
  },
  'roles:read': { description: 'Read the roles and what each may do.', roles: everyone },
  'jobs:read': {
    description: 'Follow background jobs (bulk allocation, labels, imports, exports): status, progress, error report.',
    roles: ['supervisor', 'admin', 'integration'],
  },
  'jobs:cancel': {
    description: 'Cancel a background job: at once while queued, at the next chunk while running.',
    roles: ['supervisor', 'admin', 'integration'],
  },
  'serials:assign': {
    description: 'Record the serial numbers of picked units of a fulfillment line.',
    roles: ['picker', 'packer', 'supervisor', 'admin', 'integration'],
  },
  'lots:consume': {
    description: 'Record which lot (and how much of it) went into a fulfillment line on pick.',
    roles: ['picker', 'packer', 'supervisor', 'admin', 'integration'],
  },
  'traceability:read': {
    description: 'Trace a serial or a lot through allocations, picks, packages, shipments and returns (recalls).',
    roles: ['supervisor', 'qc_agent', 'admin', 'integration'],
  },
  'sync:use': {
    description:
      "Sync a handheld: push its outbox of scans and picks, pull its picklists. Only with a registered device's worker key (a bare device key may pull).",
    roles: ['picker', 'packer', 'supervisor'],
  },
  'picklists:read': {
    description: 'List and read picklists (waves) and their tasks. A picker sees only the picklists assigned to them.',
    roles: ['picker', 'packer', 'supervisor', 'qc_agent', 'admin', 'integration'],
  },
  'picklists:write': {
    description:
      'Create picklists from allocated fulfillments, assign them to workers, reconcile short and over picks.',
    roles: ['supervisor', 'admin', 'integration'],
  },
  'picklists:pick': {
    description:
      'Start a picklist, scan picks, declare shorts, re-bin and complete. A picker only on the picklists assigned to them.',
    roles: ['picker', 'supervisor', 'admin', 'integration'],
  },
  'packaging:read': {
    description: 'List packaging profiles and ask which one a set of items fits in (cartonization).',
    roles: everyone,
  },
  'packaging:write': { description: 'Create and change packaging profiles.', roles: backOffice },
  'packing:pack': {
    description:
      'Open a pack session at a pack station, pack picked units into packages and seal them (SSCC, label placeholder).',
    roles: ['packer', 'supervisor', 'admin'],
  },
  'shipments:read': {
    description: 'List and read shipments (outbound and vendor), their packages, labels and tracking.',
    roles: ['packer', 'supervisor', 'qc_agent', 'admin', 'integration'],
  },
  'shipments:write': {
    description:
      'Create shipments and vendor shipments, book them, schedule pickups, subscribe to tracking, cancel, generate labels in bulk.',
    roles: ['supervisor', 'admin', 'integration'],
  },
  'shipments:label': {
    description: 'Generate (or re-render in another format) the label of a shipment and fetch it.',
    roles: ['packer', 'supervisor', 'admin', 'integration'],
  },
  'manifests:read': { description: 'Read manifests and their files.', roles: ['supervisor', 'admin', 'integration'] },
  'manifests:write': {
    description: 'Create manifests and submit them to the carrier; send ASNs.',
    roles: ['supervisor', 'admin', 'integration'],
  },
  'routing-rules:read': {
    description: 'List the routing rules that choose carrier and service.',
    roles: ['supervisor', 'admin', 'integration'],
  },
  'routing-rules:write': { description: 'Create routing rules.', roles: ['admin', 'integration'] },
  'settings:read': {
    description:
      'Read the tenant settings: default warehouse, split shipments, allocation strategy, SSCC, scan prefixes, packaging.',
    roles: ['supervisor', 'admin', 'integration'],
  },
  'settings:write': { description: 'Change the tenant settings.', roles: ['admin'] },
  'webhooks:read': {
    description: 'List webhook subscriptions and their recent deliveries (never their secrets).',
    roles: ['admin', 'integration'],
  },
  'webhooks:write': {
    description: 'Subscribe a URL to events, delete a subscription, send it a test event.',
    roles: ['admin', 'integration'],
  },
} as const satisfies Record<string, Grant>;

export type Permission = keyof typeof permissions;

/** The roles a route guard admits for this permission. */
export function rolesFor(permission: Permission): readonly Role[] {
  return permissions[permission].roles;
}

/** Everything one role may do, in table order. */
export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(permissions) as Permission[]).filter((p) =>
    (permissions[p].roles as readonly Role[]).includes(role),
  );
}
