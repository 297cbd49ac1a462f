CREATE TABLE `allocation_lines` (
	`allocation_id` text NOT NULL,
	`fulfillment_line_id` text NOT NULL,
	`position` integer NOT NULL,
	`order_line_id` text NOT NULL,
	`sku` text NOT NULL,
	`requested` integer NOT NULL,
	`allocated` integer DEFAULT 0 NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	PRIMARY KEY(`allocation_id`, `fulfillment_line_id`),
	FOREIGN KEY (`allocation_id`) REFERENCES `allocations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `allocation_units` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`allocation_id` text NOT NULL,
	`fulfillment_line_id` text NOT NULL,
	`warehouse_id` text NOT NULL,
	`location_id` text NOT NULL,
	`lot_id` text,
	`lot` text,
	`expiry` text,
	`serial` text,
	`quantity` integer NOT NULL,
	`picked` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`allocation_id`) REFERENCES `allocations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `allocation_unit_allocation` ON `allocation_units` (`allocation_id`);--> statement-breakpoint
CREATE INDEX `allocation_unit_serial` ON `allocation_units` (`tenant_id`,`serial`);--> statement-breakpoint
CREATE INDEX `allocation_unit_lot` ON `allocation_units` (`tenant_id`,`lot`);--> statement-breakpoint
CREATE TABLE `allocations` (
	`id` text PRIMARY KEY NOT NULL,
	`fulfillment_id` text NOT NULL,
	`strategy` text NOT NULL,
	`status` text NOT NULL,
	`reservation_id` text,
	`last_error` text,
	`resolved_at` text,
	`released_at` text,
	`release_reason` text,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`fulfillment_id`) REFERENCES `fulfillments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `allocation_fulfillment` ON `allocations` (`tenant_id`,`fulfillment_id`,`id`);--> statement-breakpoint
CREATE TABLE `fulfillment_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`fulfillment_id` text NOT NULL,
	`position` integer NOT NULL,
	`order_line_id` text NOT NULL,
	`sku` text NOT NULL,
	`quantity` integer NOT NULL,
	`attributes` text NOT NULL,
	FOREIGN KEY (`fulfillment_id`) REFERENCES `fulfillments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `line_fulfillment` ON `fulfillment_lines` (`fulfillment_id`,`position`);--> statement-breakpoint
CREATE TABLE `fulfillments` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`source` text,
	`warehouse_id` text,
	`status` text NOT NULL,
	`requested_ship_date` text,
	`ship_to` text,
	`allocation_id` text,
	`picklist_id` text,
	`cancel_reason` text,
	`cancelled_at` text,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`warehouse_id`) REFERENCES `warehouses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `fulfillment_tenant` ON `fulfillments` (`tenant_id`,`id`);--> statement-breakpoint
CREATE INDEX `fulfillment_order` ON `fulfillments` (`tenant_id`,`order_id`);--> statement-breakpoint
CREATE INDEX `fulfillment_status` ON `fulfillments` (`tenant_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `fulfillment_warehouse` ON `fulfillments` (`tenant_id`,`warehouse_id`,`id`);--> statement-breakpoint
CREATE TABLE `inventory_lots` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`sku` text NOT NULL,
	`lot` text NOT NULL,
	`expiry` text,
	`recalled_at` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inventory_lot_code` ON `inventory_lots` (`tenant_id`,`sku`,`lot`);--> statement-breakpoint
CREATE TABLE `inventory_reservation_units` (
	`reservation_id` text NOT NULL,
	`stock_id` text NOT NULL,
	`line_id` text NOT NULL,
	`seq` integer NOT NULL,
	`quantity` integer NOT NULL,
	`picked` integer DEFAULT 0 NOT NULL,
	`released` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`reservation_id`, `line_id`, `stock_id`),
	FOREIGN KEY (`reservation_id`) REFERENCES `inventory_reservations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`stock_id`) REFERENCES `inventory_stock`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `inventory_reservations` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`allocation_id` text NOT NULL,
	`fulfillment_id` text NOT NULL,
	`status` text NOT NULL,
	`lines` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inventory_reservation_allocation` ON `inventory_reservations` (`tenant_id`,`allocation_id`);--> statement-breakpoint
CREATE TABLE `inventory_stock` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`warehouse_id` text NOT NULL,
	`location_id` text NOT NULL,
	`sku` text NOT NULL,
	`lot_id` text,
	`serial` text,
	`on_hand` integer NOT NULL,
	`reserved` integer DEFAULT 0 NOT NULL,
	`received_at` text NOT NULL,
	FOREIGN KEY (`lot_id`) REFERENCES `inventory_lots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `inventory_stock_sku` ON `inventory_stock` (`tenant_id`,`sku`,`received_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `inventory_stock_serial` ON `inventory_stock` (`tenant_id`,`sku`,`serial`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`input` text NOT NULL,
	`progress_total` integer,
	`progress_processed` integer DEFAULT 0 NOT NULL,
	`progress_succeeded` integer DEFAULT 0 NOT NULL,
	`progress_failed` integer DEFAULT 0 NOT NULL,
	`errors` text DEFAULT '[]' NOT NULL,
	`errors_omitted` integer DEFAULT 0 NOT NULL,
	`failure` text,
	`result` text,
	`checkpoint` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`cancel_requested_at` text,
	`lease_owner` text,
	`lease_expires_at` text,
	`created_by_type` text NOT NULL,
	`created_by` text NOT NULL,
	`created_by_device_id` text,
	`created_by_worker_id` text,
	`request_id` text NOT NULL,
	`started_at` text,
	`finished_at` text,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `job_tenant` ON `jobs` (`tenant_id`,`id`);--> statement-breakpoint
CREATE INDEX `job_queue` ON `jobs` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `job_lease` ON `jobs` (`status`,`lease_expires_at`);--> statement-breakpoint
CREATE TABLE `packaging_profiles` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text,
	`type` text NOT NULL,
	`inner_mm` text NOT NULL,
	`outer_mm` text,
	`tare_g` integer NOT NULL,
	`max_weight_g` integer NOT NULL,
	`active` integer NOT NULL,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `packaging_profile_code` ON `packaging_profiles` (`tenant_id`,`code`);--> statement-breakpoint
CREATE INDEX `packaging_profile_tenant` ON `packaging_profiles` (`tenant_id`,`id`);--> statement-breakpoint
CREATE TABLE `pack_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`station_id` text NOT NULL,
	`warehouse_id` text NOT NULL,
	`worker_id` text NOT NULL,
	`device_id` text,
	`opened_at` text NOT NULL,
	`closed_at` text
);
--> statement-breakpoint
CREATE INDEX `pack_session_station` ON `pack_sessions` (`tenant_id`,`station_id`,`closed_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `pack_session_open` ON `pack_sessions` (`station_id`) WHERE closed_at is null;--> statement-breakpoint
CREATE TABLE `package_items` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`package_id` text NOT NULL,
	`fulfillment_id` text NOT NULL,
	`line_id` text NOT NULL,
	`sku` text NOT NULL,
	`qty` integer NOT NULL,
	`serials` text NOT NULL,
	FOREIGN KEY (`package_id`) REFERENCES `packages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `package_item_package` ON `package_items` (`package_id`);--> statement-breakpoint
CREATE INDEX `package_item_fulfillment` ON `package_items` (`fulfillment_id`);--> statement-breakpoint
CREATE TABLE `packages` (
	`id` text PRIMARY KEY NOT NULL,
	`station_id` text NOT NULL,
	`session_id` text NOT NULL,
	`warehouse_id` text NOT NULL,
	`fulfillment_ids` text NOT NULL,
	`weight_g` integer NOT NULL,
	`dims_mm` text NOT NULL,
	`packaging_profile_id` text,
	`status` text NOT NULL,
	`sscc` text,
	`serial_reference` integer,
	`label_status` text,
	`sealed_at` text,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `package_tenant` ON `packages` (`tenant_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `package_sscc` ON `packages` (`tenant_id`,`sscc`);--> statement-breakpoint
CREATE INDEX `package_station` ON `packages` (`tenant_id`,`station_id`,`id`);--> statement-breakpoint
CREATE TABLE `sscc_counters` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`last_serial_reference` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `pick_adjustments` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`picklist_id` text NOT NULL,
	`task_id` text NOT NULL,
	`kind` text NOT NULL,
	`qty` integer NOT NULL,
	`reason` text NOT NULL,
	`to_location_id` text,
	`backorder_fulfillment_id` text,
	`actor_type` text NOT NULL,
	`actor_id` text NOT NULL,
	`worker_id` text,
	`device_id` text,
	`request_id` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`picklist_id`) REFERENCES `picklists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pick_adjustment_picklist` ON `pick_adjustments` (`picklist_id`,`id`);--> statement-breakpoint
CREATE TABLE `pick_scans` (
	`picklist_id` text NOT NULL,
	`scan_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`verdict` text NOT NULL,
	`code` text,
	`message` text,
	`task_id` text,
	`picks` text NOT NULL,
	`qty` integer,
	`sku` text,
	`lot` text,
	`serial` text,
	`expiry` text,
	`scan` text NOT NULL,
	`scanned_at` text NOT NULL,
	`worker_id` text,
	`device_id` text,
	`request_id` text NOT NULL,
	`recorded_at` text NOT NULL,
	PRIMARY KEY(`picklist_id`, `scan_id`),
	FOREIGN KEY (`picklist_id`) REFERENCES `picklists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `pick_tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`picklist_id` text NOT NULL,
	`sequence` integer NOT NULL,
	`location_id` text NOT NULL,
	`location_code` text NOT NULL,
	`location_barcode` text NOT NULL,
	`zone_code` text,
	`sku` text NOT NULL,
	`gtins` text NOT NULL,
	`fulfillment_id` text NOT NULL,
	`fulfillment_line_id` text NOT NULL,
	`allocation_id` text NOT NULL,
	`allocation_unit_id` text NOT NULL,
	`lot_id` text,
	`lot` text,
	`expiry` text,
	`serial` text,
	`serial_required` integer NOT NULL,
	`qty_required` integer NOT NULL,
	`qty_picked` integer DEFAULT 0 NOT NULL,
	`qty_short` integer DEFAULT 0 NOT NULL,
	`short_reason` text,
	`status` text NOT NULL,
	`serials` text NOT NULL,
	`staged_location_id` text,
	FOREIGN KEY (`picklist_id`) REFERENCES `picklists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pick_task_picklist` ON `pick_tasks` (`picklist_id`,`id`);--> statement-breakpoint
CREATE INDEX `pick_task_fulfillment` ON `pick_tasks` (`fulfillment_id`);--> statement-breakpoint
CREATE TABLE `picklist_fulfillments` (
	`picklist_id` text NOT NULL,
	`fulfillment_id` text NOT NULL,
	`allocation_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`picklist_id`, `fulfillment_id`),
	FOREIGN KEY (`picklist_id`) REFERENCES `picklists`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`fulfillment_id`) REFERENCES `fulfillments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `picklist_fulfillment` ON `picklist_fulfillments` (`fulfillment_id`);--> statement-breakpoint
CREATE TABLE `picklists` (
	`id` text PRIMARY KEY NOT NULL,
	`warehouse_id` text NOT NULL,
	`status` text NOT NULL,
	`priority` text NOT NULL,
	`picker_group` text,
	`assigned_worker_id` text,
	`assigned_device_id` text,
	`assigned_at` text,
	`started_at` text,
	`completed_at` text,
	`pick_confirmation_id` text,
	`inventory_status` text NOT NULL,
	`inventory_job_id` text,
	`inventory_error` text,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `picklist_tenant` ON `picklists` (`tenant_id`,`id`);--> statement-breakpoint
CREATE INDEX `picklist_status` ON `picklists` (`tenant_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `picklist_worker` ON `picklists` (`tenant_id`,`assigned_worker_id`,`id`);--> statement-breakpoint
CREATE INDEX `picklist_warehouse` ON `picklists` (`tenant_id`,`warehouse_id`,`id`);--> statement-breakpoint
CREATE TABLE `event_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`type` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`payload` text NOT NULL,
	`request_id` text NOT NULL,
	`created_at` text NOT NULL,
	`published_at` text
);
--> statement-breakpoint
CREATE INDEX `outbox_pending` ON `event_outbox` (`published_at`,`id`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`tenant_id` text NOT NULL,
	`principal` text NOT NULL,
	`key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`state` text NOT NULL,
	`response_status` integer,
	`response_headers` text,
	`response_body` text,
	`response_sealed` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `principal`, `key`)
);
--> statement-breakpoint
CREATE INDEX `idempotency_expiry` ON `idempotency_keys` (`expires_at`);--> statement-breakpoint
CREATE TABLE `inbound_events` (
	`source` text NOT NULL,
	`event_id` text NOT NULL,
	`received_at` text NOT NULL,
	PRIMARY KEY(`source`, `event_id`)
);
--> statement-breakpoint
CREATE TABLE `timeline_events` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`fulfillment_id` text,
	`type` text NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text NOT NULL,
	`device_id` text,
	`worker_id` text,
	`request_id` text NOT NULL,
	`data` text NOT NULL,
	`occurred_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `timeline_fulfillment` ON `timeline_events` (`tenant_id`,`fulfillment_id`,`id`) WHERE fulfillment_id is not null;--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text,
	`device_id` text,
	`worker_id` text,
	`roles` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	`revoked_by` text,
	`revoke_reason` text,
	`created_by` text NOT NULL,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `key_tenant` ON `api_keys` (`tenant_id`,`id`);--> statement-breakpoint
CREATE INDEX `key_device` ON `api_keys` (`tenant_id`,`device_id`);--> statement-breakpoint
CREATE INDEX `key_worker` ON `api_keys` (`tenant_id`,`worker_id`);--> statement-breakpoint
CREATE TABLE `devices` (
	`id` text NOT NULL,
	`ref` text NOT NULL,
	`type` text NOT NULL,
	`name` text NOT NULL,
	`model` text,
	`warehouse_id` text,
	`status` text NOT NULL,
	`registered_at` text NOT NULL,
	`revoked_at` text,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `device_ref` ON `devices` (`tenant_id`,`ref`);--> statement-breakpoint
CREATE TABLE `tenant_settings` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`default_warehouse_id` text,
	`allow_split_shipments` integer NOT NULL,
	`default_allocation_strategy` text NOT NULL,
	`gs1_company_prefix` text NOT NULL,
	`sscc_extension_digit` integer NOT NULL,
	`scan_prefixes` text NOT NULL,
	`default_packaging_profile_id` text,
	`packing_efficiency` real NOT NULL
);
--> statement-breakpoint
CREATE TABLE `asns` (
	`id` text PRIMARY KEY NOT NULL,
	`asn_reference` text NOT NULL,
	`shipment_ids` text NOT NULL,
	`expected_arrival` text NOT NULL,
	`destination_warehouse_id` text,
	`status` text NOT NULL,
	`document_key` text NOT NULL,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `asn_reference` ON `asns` (`tenant_id`,`asn_reference`);--> statement-breakpoint
CREATE TABLE `manifests` (
	`id` text PRIMARY KEY NOT NULL,
	`warehouse_id` text NOT NULL,
	`carrier` text NOT NULL,
	`dispatch_date` text NOT NULL,
	`status` text NOT NULL,
	`pdf_key` text,
	`csv_key` text,
	`carrier_manifest_id` text,
	`carrier_document_key` text,
	`submitted_at` text,
	`resolved_at` text,
	`rejection_reason` text,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `manifest_tenant` ON `manifests` (`tenant_id`,`id`);--> statement-breakpoint
CREATE INDEX `manifest_draft` ON `manifests` (`tenant_id`,`warehouse_id`,`carrier`,`dispatch_date`,`status`);--> statement-breakpoint
CREATE TABLE `routing_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`priority` integer NOT NULL,
	`conditions` text NOT NULL,
	`carrier` text NOT NULL,
	`service_code` text NOT NULL,
	`active` integer NOT NULL,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `routing_rule_priority` ON `routing_rules` (`tenant_id`,`active`,`priority`,`id`);--> statement-breakpoint
CREATE TABLE `shipment_packages` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`shipment_id` text NOT NULL,
	`position` integer NOT NULL,
	`package_id` text,
	`sscc` text NOT NULL,
	`weight_g` integer NOT NULL,
	`dims_mm` text NOT NULL,
	`live` integer NOT NULL,
	FOREIGN KEY (`shipment_id`) REFERENCES `shipments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `shipment_package_shipment` ON `shipment_packages` (`shipment_id`,`position`);--> statement-breakpoint
CREATE UNIQUE INDEX `shipment_package_live` ON `shipment_packages` (`tenant_id`,`package_id`) WHERE live = 1 and package_id is not null;--> statement-breakpoint
CREATE TABLE `shipment_tracking_events` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`shipment_id` text NOT NULL,
	`event_id` text NOT NULL,
	`status` text NOT NULL,
	`occurred_at` text NOT NULL,
	`location` text,
	`description` text,
	`received_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `shipment_tracking_event` ON `shipment_tracking_events` (`shipment_id`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `shipments` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`fulfillment_id` text,
	`warehouse_id` text NOT NULL,
	`status` text NOT NULL,
	`carrier` text NOT NULL,
	`carrier_service` text NOT NULL,
	`carrier_source` text NOT NULL,
	`tracking_number` text,
	`label_sequence` integer DEFAULT 0 NOT NULL,
	`label_format` text,
	`labels` text NOT NULL,
	`from_address` text NOT NULL,
	`to_address` text NOT NULL,
	`insurance` text,
	`reference` text,
	`vendor` text,
	`manifest_id` text,
	`pickup` text,
	`tracking_mode` text,
	`status_event_at` text,
	`booked_at` text,
	`shipped_at` text,
	`delivered_at` text,
	`failed_at` text,
	`failure_reason` text,
	`cancelled_at` text,
	`cancel_reason` text,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `shipment_tenant` ON `shipments` (`tenant_id`,`id`);--> statement-breakpoint
CREATE INDEX `shipment_fulfillment` ON `shipments` (`tenant_id`,`fulfillment_id`);--> statement-breakpoint
CREATE INDEX `shipment_status` ON `shipments` (`tenant_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `shipment_warehouse` ON `shipments` (`tenant_id`,`warehouse_id`,`id`);--> statement-breakpoint
CREATE INDEX `shipment_tracking` ON `shipments` (`tracking_number`);--> statement-breakpoint
CREATE INDEX `shipment_manifest` ON `shipments` (`manifest_id`);--> statement-breakpoint
CREATE TABLE `sync_changes` (
	`cursor` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`audience` text NOT NULL,
	`change_id` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`op` text NOT NULL,
	`data` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sync_change_audience` ON `sync_changes` (`tenant_id`,`audience`,`cursor`);--> statement-breakpoint
CREATE INDEX `sync_change_entity` ON `sync_changes` (`tenant_id`,`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `sync_devices` (
	`tenant_id` text NOT NULL,
	`device_id` text NOT NULL,
	`last_seq` integer DEFAULT 0 NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `device_id`)
);
--> statement-breakpoint
CREATE TABLE `sync_mutations` (
	`tenant_id` text NOT NULL,
	`device_id` text NOT NULL,
	`seq` integer NOT NULL,
	`mutation_id` text NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`code` text,
	`message` text,
	`result` text,
	`worker_id` text,
	`request_id` text NOT NULL,
	`created_at` text NOT NULL,
	`applied_at` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `device_id`, `seq`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_mutation_id` ON `sync_mutations` (`tenant_id`,`device_id`,`mutation_id`);--> statement-breakpoint
CREATE TABLE `lot_consumptions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`fulfillment_id` text NOT NULL,
	`line_id` text NOT NULL,
	`sku` text NOT NULL,
	`lot` text NOT NULL,
	`lot_id` text NOT NULL,
	`expiry` text,
	`quantity` integer NOT NULL,
	`consumed_at` text NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text NOT NULL,
	`device_id` text,
	`request_id` text NOT NULL,
	FOREIGN KEY (`fulfillment_id`) REFERENCES `fulfillments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `lot_consumption_line` ON `lot_consumptions` (`tenant_id`,`line_id`,`id`);--> statement-breakpoint
CREATE TABLE `serial_assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`serial` text NOT NULL,
	`sku` text NOT NULL,
	`fulfillment_id` text NOT NULL,
	`line_id` text NOT NULL,
	`assigned_at` text NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text NOT NULL,
	`device_id` text,
	`request_id` text NOT NULL,
	FOREIGN KEY (`fulfillment_id`) REFERENCES `fulfillments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `serial_assignment_line` ON `serial_assignments` (`tenant_id`,`line_id`,`serial`);--> statement-breakpoint
CREATE INDEX `serial_assignment_serial` ON `serial_assignments` (`tenant_id`,`sku`,`serial`);--> statement-breakpoint
CREATE TABLE `trace_events` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`sku` text NOT NULL,
	`lot` text,
	`lot_id` text,
	`expiry` text,
	`serial` text,
	`quantity` integer NOT NULL,
	`fulfillment_id` text,
	`line_id` text,
	`allocation_id` text,
	`package_id` text,
	`shipment_id` text,
	`return_id` text,
	`location_id` text,
	`warehouse_id` text,
	`actor_type` text NOT NULL,
	`actor_id` text NOT NULL,
	`device_id` text,
	`worker_id` text,
	`request_id` text NOT NULL,
	`occurred_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `trace_event_serial` ON `trace_events` (`tenant_id`,`serial`,`id`);--> statement-breakpoint
CREATE INDEX `trace_event_lot` ON `trace_events` (`tenant_id`,`lot`,`id`);--> statement-breakpoint
CREATE TABLE `locations` (
	`id` text PRIMARY KEY NOT NULL,
	`warehouse_id` text NOT NULL,
	`zone_id` text NOT NULL,
	`code` text NOT NULL,
	`barcode` text NOT NULL,
	`type` text NOT NULL,
	`aisle` text,
	`bay` text,
	`level` text,
	`position` text,
	`deleted_at` text,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`warehouse_id`) REFERENCES `warehouses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`zone_id`) REFERENCES `zones`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `location_code` ON `locations` (`warehouse_id`,`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `location_barcode` ON `locations` (`tenant_id`,`barcode`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `location_warehouse` ON `locations` (`warehouse_id`,`id`);--> statement-breakpoint
CREATE INDEX `location_zone` ON `locations` (`zone_id`);--> statement-breakpoint
CREATE TABLE `warehouses` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`address` text NOT NULL,
	`timezone` text NOT NULL,
	`serviceable_regions` text NOT NULL,
	`capabilities` text NOT NULL,
	`capacity` text NOT NULL,
	`deleted_at` text,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `warehouse_code` ON `warehouses` (`tenant_id`,`code`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `warehouse_tenant` ON `warehouses` (`tenant_id`,`id`);--> statement-breakpoint
CREATE TABLE `workers` (
	`id` text PRIMARY KEY NOT NULL,
	`warehouse_id` text NOT NULL,
	`name` text NOT NULL,
	`badge_id` text NOT NULL,
	`email` text,
	`roles` text NOT NULL,
	`skills` text NOT NULL,
	`status` text NOT NULL,
	`deleted_at` text,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`warehouse_id`) REFERENCES `warehouses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `worker_badge` ON `workers` (`tenant_id`,`badge_id`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `worker_warehouse` ON `workers` (`warehouse_id`,`id`);--> statement-breakpoint
CREATE TABLE `workstations` (
	`id` text PRIMARY KEY NOT NULL,
	`warehouse_id` text NOT NULL,
	`zone_id` text,
	`type` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`config` text NOT NULL,
	`deleted_at` text,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`warehouse_id`) REFERENCES `warehouses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`zone_id`) REFERENCES `zones`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workstation_code` ON `workstations` (`warehouse_id`,`code`);--> statement-breakpoint
CREATE INDEX `workstation_warehouse` ON `workstations` (`warehouse_id`,`id`);--> statement-breakpoint
CREATE TABLE `zones` (
	`id` text PRIMARY KEY NOT NULL,
	`warehouse_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`pick_sequence` integer NOT NULL,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`warehouse_id`) REFERENCES `warehouses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `zone_code` ON `zones` (`warehouse_id`,`code`);--> statement-breakpoint
CREATE INDEX `zone_warehouse` ON `zones` (`warehouse_id`,`id`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`webhook_id` text NOT NULL,
	`event_id` text NOT NULL,
	`event_type` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text,
	`last_attempt_at` text,
	`last_status_code` integer,
	`last_error` text,
	`delivered_at` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_delivery_event` ON `webhook_deliveries` (`webhook_id`,`event_id`);--> statement-breakpoint
CREATE INDEX `webhook_delivery_due` ON `webhook_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `webhook_delivery_log` ON `webhook_deliveries` (`webhook_id`,`id`);--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`events` text NOT NULL,
	`description` text,
	`secret_sealed` text NOT NULL,
	`deleted_at` text,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `webhook_tenant` ON `webhooks` (`tenant_id`,`deleted_at`,`id`);