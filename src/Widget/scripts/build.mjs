// Builds the loader to ../Hub/wwwroot/widget.js and the chat bundle to ../Hub/wwwroot/widget/,
// then checks the loader's gzipped size (see size.mjs).
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { reportSizes } from './size.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const wwwroot = here('../../Hub/wwwroot/');

await rm(`${wwwroot}widget`, { recursive: true, force: true });
await rm(`${wwwroot}widget.js`, { force: true });

const common = {
  bundle: true,
  minify: true,
  target: 'es2020',
  platform: 'browser',
  legalComments: 'none',
  logLevel: 'warning',
  charset: 'utf8',
};

await Promise.all([
  build({ ...common, entryPoints: [here('../src/loader/index.ts')], format: 'iife', outfile: `${wwwroot}widget.js` }),
  build({ ...common, entryPoints: [here('../src/chat/index.ts')], format: 'esm', outfile: `${wwwroot}widget/chat.js` }),
]);

if (!(await reportSizes())) process.exit(1);
