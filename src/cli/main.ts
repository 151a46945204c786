#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { parseConfig } from '../config.js';
import { AppError } from '../lib/errors.js';
import { HELP } from './help.js';

/**
 * Wiring only: parse the command line, run a command, turn errors into a
 * message and an exit code. Commands are loaded when chosen, so `serve` never
 * loads the image library that `demo` needs.
 */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '-h' || command === '--help') {
    process.stdout.write(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === '-v' || command === '--version') {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const config = parseConfig(process.env);
  switch (command) {
    case 'serve':
      parseArgs({ args: rest, options: {}, strict: true, allowPositionals: false });
      return (await import('./serve.js')).runServe(config);
    case 'migrate':
      parseArgs({ args: rest, options: {}, strict: true, allowPositionals: false });
      return (await import('./migrate.js')).runMigrate(config);
    case 'demo': {
      const { values } = parseArgs({
        args: rest,
        options: { articles: { type: 'string' }, seed: { type: 'string' } },
        strict: true,
        allowPositionals: false,
      });
      return (await import('./demo.js')).runDemo(config, { articles: values.articles, seed: values.seed });
    }
    case 'user': {
      const [action, ...flags] = rest;
      if (action !== 'create') {
        process.stderr.write(`masthead: "user" takes "create" (got ${action === undefined ? 'nothing' : `"${action}"`})\n\n${HELP}`);
        return 2;
      }
      const { values } = parseArgs({
        args: flags,
        options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
        strict: true,
        allowPositionals: false,
      });
      return (await import('./user.js')).runUserCreate(config, values);
    }
    case 'import': {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { uploads: { type: 'string' }, report: { type: 'string' }, 'defer-sizes': { type: 'boolean' } },
        strict: true,
        allowPositionals: true,
      });
      if (positionals.length > 2) throw new AppError('BAD_REQUEST', `import takes one export file (got ${positionals.length - 1}: ${positionals.slice(1).join(', ')})`);
      return (await import('./import.js')).runImport(config, { source: positionals[0], file: positionals[1], uploads: values.uploads, report: values.report, deferSizes: values['defer-sizes'] });
    }
    case 'jobs': {
      const { values, positionals } = parseArgs({ args: rest, options: { limit: { type: 'string' } }, strict: true, allowPositionals: true });
      if (positionals.length > 2) throw new AppError('BAD_REQUEST', `jobs takes list, retry ID or run (got ${positionals.join(' ')})`);
      return (await import('./jobs.js')).runJobs(config, { action: positionals[0], id: positionals[1], limit: values.limit });
    }
    case 'media': {
      const { values, positionals } = parseArgs({ args: rest, options: { to: { type: 'string' } }, strict: true, allowPositionals: true });
      if (positionals.length > 1) throw new AppError('BAD_REQUEST', `media takes one action, sync (got ${positionals.join(' ')})`);
      return (await import('./media.js')).runMedia(config, { action: positionals[0], to: values.to });
    }
    case 'settings': {
      const { positionals } = parseArgs({ args: rest, options: {}, strict: true, allowPositionals: true });
      return (await import('./settings.js')).runSettings(config, positionals);
    }
    default:
      process.stderr.write(`masthead: unknown command "${command}"\n\n${HELP}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof AppError) {
      process.stderr.write(`masthead: ${error.message}\n`);
      process.exitCode = 1;
    } else if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`masthead: ${error.message}\n\n${HELP}`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`masthead: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
