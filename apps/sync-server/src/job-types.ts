import { registerAllocationJobs } from './features/allocations/allocation-jobs.ts';
import { registerPicklistJobs } from './features/picklists/picklist-inventory.ts';
import { registerShipmentJobs } from './features/shipments/label-jobs.ts';
import { createJobRegistry, type JobRegistry } from './platform/jobs/registry.ts';

/** Every kind of background work the server runs: each feature registers its own job types here. */
export function createServerJobRegistry(): JobRegistry {
  const registry = createJobRegistry();
  registerAllocationJobs(registry);
  registerPicklistJobs(registry);
  registerShipmentJobs(registry);
  return registry;
}
