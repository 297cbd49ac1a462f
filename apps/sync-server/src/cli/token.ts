// `pnpm token -- --tenant acme --role admin`: a signed JWT on the last line of stdout.
import { loadConfig } from '../config.ts';
import { systemClock } from '../platform/clock.ts';
import { createTokenService } from '../platform/tokens.ts';
import { parseTokenArgs, usage, UsageError } from './token-args.ts';

async function main(): Promise<number> {
  let claims;
  try {
    claims = parseTokenArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`token: ${error.message}\n\n${usage}\n`);
    return 2;
  }
  if (claims === 'help') {
    process.stderr.write(`${usage}\n`);
    return 0;
  }
  // The same configuration as the server, so the token is signed with the secret the server checks.
  const config = loadConfig();
  const now = systemClock.now();
  const token = await createTokenService(config.jwt).sign(claims, now);
  const expires = new Date((Math.floor(now.getTime() / 1000) + claims.ttlSeconds) * 1000).toISOString();
  const who = [claims.workerId && `worker ${claims.workerId}`, claims.deviceId && `device ${claims.deviceId}`]
    .filter(Boolean)
    .join(' on ');
  process.stderr.write(
    `${claims.kind} token for tenant ${claims.tenants.join(', ')}, roles ${claims.roles.join(', ')}${who ? `, ${who}` : ''}; expires ${expires}\n`,
  );
  process.stdout.write(`${token}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`token: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
