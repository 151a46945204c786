import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_OUT_DIR = join(ROOT, 'dist/newsroom');

export interface BuiltFile {
  path: string;
  bytes: number;
  gzipBytes: number;
}

export interface NewsroomBuild {
  files: BuiltFile[];
  /** Every source file in the bundle, relative to the project, so a test can see that no server code came along. */
  inputs: string[];
  milliseconds: number;
}

type EntryPoints = Array<{ in: string; out: string }>;

/**
 * Bundles the newsroom's browser code: src/newsroom/editor/index.ts to
 * editor.js (an ES module) and its stylesheet to editor.css, minified, with
 * source maps.
 */
export function buildNewsroomEditor(options: { outDir?: string } = {}): Promise<NewsroomBuild> {
  return bundle(
    [
      { in: 'src/newsroom/editor/index.ts', out: 'editor' },
      { in: 'src/newsroom/editor/editor.css', out: 'editor' },
    ],
    options.outDir ?? DEFAULT_OUT_DIR,
  );
}

/**
 * The admin app the server sends at /admin: src/newsroom/app/main.ts (with
 * the editor inside it) to app.js, and app.css (which takes in editor.css).
 */
export function buildNewsroomApp(options: { outDir?: string } = {}): Promise<NewsroomBuild> {
  return bundle(
    [
      { in: 'src/newsroom/app/main.ts', out: 'app' },
      { in: 'src/newsroom/app/app.css', out: 'app' },
    ],
    options.outDir ?? DEFAULT_OUT_DIR,
  );
}

async function bundle(entryPoints: EntryPoints, outDir: string): Promise<NewsroomBuild> {
  const started = performance.now();
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints,
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  const files = Object.keys(result.metafile.outputs)
    .filter((path) => /\.(js|css)$/.test(path))
    .map((path) => {
      const bytes = readFileSync(join(ROOT, path));
      return { path: join(ROOT, path), bytes: bytes.length, gzipBytes: gzipSync(bytes).length };
    });
  return { files, inputs: Object.keys(result.metafile.inputs), milliseconds: performance.now() - started };
}

const kilobytes = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const [what, built] of [['editor', await buildNewsroomEditor()], ['app', await buildNewsroomApp()]] as const) {
    for (const file of built.files) {
      console.log(`${file.path.slice(ROOT.length)}  ${kilobytes(file.bytes)} (${kilobytes(file.gzipBytes)} gzipped)`);
    }
    console.log(`newsroom ${what} built in ${Math.round(built.milliseconds)} ms`);
  }
}
