import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * The official AMP validator, run offline. The `amphtml-validator` package is
 * only a shell around `validator_wasm.js`, which it would download from the AMP
 * CDN; Next.js 15 ships a copy of that file, so it comes from the `next`
 * tarball instead. The version is pinned and the file's hash checked, so every
 * machine validates with the same rules.
 */
export const NEXT_VERSION = '15.5.29';
const VALIDATOR_SHA256 = 'f1f4629ab36f555f5a9937a5cf00f0ef780bf025883c035d06389b151c896f26';
const FILE_IN_TARBALL = 'package/dist/compiled/amphtml-validator/validator_wasm.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const VALIDATOR_DIR = join(ROOT, 'node_modules', '.cache', 'masthead-amp-validator', `next-${NEXT_VERSION}`);
export const VALIDATOR_FILE = join(VALIDATOR_DIR, 'validator_wasm.js');

const isCi = process.env.CI === 'true' || process.env.CI === '1';
const run = promisify(execFile);

export interface AmpValidationError {
  severity: 'ERROR' | 'WARNING' | 'UNKNOWN_SEVERITY';
  line: number;
  col: number;
  message: string;
  code: string;
  specUrl: string | null;
}

export interface AmpValidationResult {
  status: 'PASS' | 'FAIL' | 'UNKNOWN';
  errors: AmpValidationError[];
}

export interface AmpValidator {
  validate(html: string): AmpValidationResult;
  /** What makes the document invalid, one line each (`line:col message (CODE) specUrl`); empty when it passes. */
  errors(html: string): string[];
}

const CACHED_AT = relative(ROOT, VALIDATOR_DIR);
const HOW_TO_GET_IT = [
  `get it with: cd "$(mktemp -d)" && npm pack next@${NEXT_VERSION} && tar -xzf next-${NEXT_VERSION}.tgz ${FILE_IN_TARBALL}`,
  `&& mkdir -p ${VALIDATOR_DIR} && mv ${FILE_IN_TARBALL} ${VALIDATOR_DIR}/`,
].join(' ');

function hasExpectedHash(file: string): boolean {
  return existsSync(file) && createHash('sha256').update(readFileSync(file)).digest('hex') === VALIDATOR_SHA256;
}

/**
 * npm run by `npm test` exports its own settings (npm_config_*) to scripts;
 * some of them (a prefix, `--dry-run`, a workspace) would change what a
 * nested `npm pack` does, so the child gets none of them.
 */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.toLowerCase().startsWith('npm_') && name !== 'INIT_CWD') env[name] = value;
  }
  return env;
}

/** Puts the validator in the cache: the one file out of the pinned `next` tarball, moved in whole. */
async function fetchValidator(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'masthead-amp-validator-'));
  try {
    // Run outside the project, so neither its package.json nor its lock file has a say.
    await run('npm', ['pack', `next@${NEXT_VERSION}`, '--pack-destination', work, '--silent'], {
      cwd: work,
      env: npmEnv(),
      timeout: 180_000,
      maxBuffer: 1 << 20,
    });
    await run('tar', ['-xzf', join(work, `next-${NEXT_VERSION}.tgz`), '-C', work, FILE_IN_TARBALL], { timeout: 60_000 });
    const extracted = join(work, FILE_IN_TARBALL);
    if (!hasExpectedHash(extracted)) throw new Error(`${FILE_IN_TARBALL} in next@${NEXT_VERSION} does not have the expected SHA-256 ${VALIDATOR_SHA256}`);
    mkdirSync(VALIDATOR_DIR, { recursive: true });
    // Copied beside it, then renamed into place: a test file running alongside never reads half a file.
    const partial = `${VALIDATOR_FILE}.${process.pid}.partial`;
    copyFileSync(extracted, partial);
    renameSync(partial, VALIDATOR_FILE);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

interface ValidatorModule {
  getInstance(validatorJs: string): Promise<{ validateString(html: string): AmpValidationResult }>;
}

function formatError(error: AmpValidationError): string {
  return `${error.line}:${error.col} ${error.message} (${error.code})${error.specUrl ? ` ${error.specUrl}` : ''}`;
}

let loading: Promise<AmpValidator> | undefined;

/**
 * The validator, fetched into node_modules/.cache on first use. One instance per
 * process: compiling the WebAssembly takes most of a second, validating a page
 * a few milliseconds. Rejects with a message that says how to get the file.
 */
export function loadAmpValidator(): Promise<AmpValidator> {
  loading ??= (async () => {
    if (!hasExpectedHash(VALIDATOR_FILE)) {
      try {
        await fetchValidator();
      } catch (error) {
        const reason = (error as Error).message.split('\n')[0];
        throw new Error(`the AMP validator (validator_wasm.js from next@${NEXT_VERSION}) is not in ${CACHED_AT} and could not be fetched (${reason}); ${HOW_TO_GET_IT}`);
      }
    }
    const require = createRequire(import.meta.url);
    const instance = await (require('amphtml-validator') as ValidatorModule).getInstance(VALIDATOR_FILE);
    const validate = (html: string): AmpValidationResult => {
      const { status, errors } = instance.validateString(html);
      return { status, errors: errors.map(({ severity, line, col, message, code, specUrl }) => ({ severity, line, col, message, code, specUrl })) };
    };
    return {
      validate,
      errors: (html) => validate(html).errors.filter((error) => error.severity === 'ERROR').map(formatError),
    };
  })();
  return loading;
}

/**
 * The validator with the node:test `skip` value: false to run. Outside CI a
 * validator that cannot be had skips with how to get it; in CI it fails.
 */
export async function ampValidation(): Promise<{ skip: string | false; validator?: AmpValidator }> {
  try {
    return { skip: false, validator: await loadAmpValidator() };
  } catch (error) {
    const problem = (error as Error).message;
    if (isCi) throw new Error(`${problem}. CI must run the AMP validator.`);
    return { skip: problem };
  }
}
