/**
 * The sync protocol's size limits, apart from its zod schemas so the handheld's sync engine can read
 * them without pulling zod into the scanner app's first load.
 */
export const MAX_MUTATIONS_PER_PUSH = 100;
export const MAX_PUSH_BYTES = 256 * 1024;
export const MAX_PULL_CHANGES = 500;
