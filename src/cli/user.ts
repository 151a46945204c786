import { createInterface } from 'node:readline';
import type { Config } from '../config.js';
import { AppError } from '../lib/errors.js';
import { systemClock } from '../lib/clock.js';
import { createAccount } from '../operations/accounts/create-account.js';
import { openStore, storeLocation } from '../store/open-store.js';

/**
 * The password comes from standard input, never from a flag, so it stays out
 * of shell history and process lists: typed at a prompt that does not echo
 * it, or piped (`printf '%s\n' "$PASSWORD" | masthead user create …`).
 */
export async function readPassword(input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string> {
  if (input.isTTY) {
    output.write('Password (at least 10 characters, not shown): ');
    const rl = createInterface({ input, output: undefined, terminal: true });
    try {
      const line = await new Promise<string>((resolve) => rl.once('line', resolve));
      output.write('\n');
      return line;
    } finally {
      rl.close();
    }
  }
  let text = '';
  for await (const chunk of input) text += chunk;
  const [line = ''] = text.split(/\r?\n/);
  if (!line) throw new AppError('BAD_REQUEST', 'Give the password on standard input, e.g. printf "%s\\n" "$PASSWORD" | masthead user create …');
  return line;
}

/** `masthead user create --email … --name … --role …`: an account that can sign in at once (the first administrator, typically). */
export async function runUserCreate(config: Readonly<Config>, flags: { email?: string; name?: string; role?: string }): Promise<number> {
  for (const flag of ['email', 'name', 'role'] as const) {
    if (!flags[flag]) throw new AppError('BAD_REQUEST', `--${flag} is required, e.g. masthead user create --email ada@example.com --name "Ada Lovelace" --role administrator`);
  }
  const password = await readPassword();
  const store = await openStore(storeLocation(config));
  try {
    const account = await createAccount({ store, clock: systemClock }, { email: flags.email, name: flags.name, role: flags.role, password });
    process.stdout.write(`Created ${account.role} ${account.name} <${account.email}>; sign in at ${config.siteUrl}/admin/\n`);
    return 0;
  } finally {
    await store.close();
  }
}
