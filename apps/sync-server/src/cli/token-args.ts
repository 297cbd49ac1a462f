import { prefixedId } from '@fulfillment/domain/common/common-schemas';
import { deviceIdPattern } from '@fulfillment/domain/security/device-schemas';
import { isRole, roles, type Role } from '@fulfillment/domain/security/roles';
import { parseArgs } from 'node:util';
import type { TokenClaims } from '../platform/tokens.ts';

export const usage = `Usage: token --tenant <id> --role <role> [options]

Signs a JWT with the server's secret (JWT_SECRET, or the one kept in DATA_DIR) and prints it on
the last line of stdout; everything else goes to stderr.

  --tenant <id>     tenant the token grants; repeat or comma-separate for several (required)
  --role <role>     ${roles.join(', ')}; repeat or comma-separate (required)
  --device <id>     the device the caller works on, recorded in the timeline (with --worker
                    the server also requires it to be registered and active)
  --worker <id>     a worker id (wkr_...): the token is then a worker token
  --ttl <seconds>   lifetime, default 43200 (12 h), at most 7776000 (90 days)
  --subject <sub>   the token's subject, default the worker id or usr_cli
  --help            this text`;

const DEFAULT_TTL = 12 * 3600;
const MAX_TTL = 90 * 24 * 3600;
const tenantShape = /^[A-Za-z0-9_-]{1,64}$/;
const subjectShape = /^[\x21-\x7e]{1,128}$/;

export class UsageError extends Error {}

/** Every value of a repeatable, comma-separable option, trimmed, without empties or repeats. */
const listOf = (values: string[] | undefined) => [
  ...new Set(
    (values ?? [])
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean),
  ),
];

/** Turns the command line into token claims, or throws a UsageError that says what is wrong. */
export function parseTokenArgs(argv: string[]): TokenClaims | 'help' {
  // `pnpm token -- --tenant acme` hands the script a leading "--": it is not an argument.
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        tenant: { type: 'string', multiple: true },
        role: { type: 'string', multiple: true },
        device: { type: 'string' },
        worker: { type: 'string' },
        ttl: { type: 'string' },
        subject: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';

  const tenants = listOf(values.tenant);
  if (tenants.length === 0) throw new UsageError('--tenant is required');
  const badTenant = tenants.find((t) => !tenantShape.test(t));
  if (badTenant) throw new UsageError(`--tenant ${badTenant}: 1-64 letters, digits, _ or -`);

  const roleNames = listOf(values.role);
  if (roleNames.length === 0) throw new UsageError('--role is required');
  const unknown = roleNames.filter((r) => !isRole(r));
  if (unknown.length) throw new UsageError(`unknown role ${unknown.join(', ')}: one of ${roles.join(', ')}`);

  const ttlText = values.ttl ?? String(DEFAULT_TTL);
  const ttlSeconds = Number(ttlText);
  if (!/^\d+$/.test(ttlText) || ttlSeconds < 1 || ttlSeconds > MAX_TTL) {
    throw new UsageError(`--ttl ${ttlText}: a whole number of seconds from 1 to ${MAX_TTL}`);
  }

  const deviceId = values.device;
  if (deviceId !== undefined && !deviceIdPattern.test(deviceId)) {
    throw new UsageError(`--device ${deviceId}: 1-64 letters, digits or _ . : -, starting with a letter or digit`);
  }
  const workerId = values.worker;
  if (workerId !== undefined && !prefixedId('wkr').safeParse(workerId).success) {
    throw new UsageError(`--worker ${workerId}: must be a worker id (wkr_ followed by 26 characters)`);
  }
  const subject = values.subject ?? workerId ?? 'usr_cli';
  if (!subjectShape.test(subject)) throw new UsageError('--subject: 1-128 visible ASCII characters');

  return {
    subject,
    kind: workerId ? 'worker' : 'user',
    tenants,
    roles: roleNames as Role[],
    deviceId,
    workerId,
    ttlSeconds,
  };
}
