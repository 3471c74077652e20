// Prints the gzipped sizes of the loader and the chat bundle; fails when either is over budget.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const LOADER_BUDGET = 3200;
export const CHAT_BUDGET = 30 * 1024;

const wwwroot = fileURLToPath(new URL('../../Hub/wwwroot/', import.meta.url));

export async function reportSizes() {
  const size = async (path) => {
    const bytes = await readFile(path);
    return { raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
  };
  const loader = await size(`${wwwroot}widget.js`);
  const chat = await size(`${wwwroot}widget/chat.js`);
  console.log(`widget.js       ${loader.raw} bytes, ${loader.gz} bytes gzipped (budget ${LOADER_BUDGET})`);
  console.log(`widget/chat.js  ${chat.raw} bytes, ${chat.gz} bytes gzipped (budget ${CHAT_BUDGET})`);
  if (loader.gz > LOADER_BUDGET) {
    console.error(`The loader is ${loader.gz} bytes gzipped, over its ${LOADER_BUDGET}-byte budget.`);
    return false;
  }
  if (chat.gz > CHAT_BUDGET) {
    console.error(`The chat bundle is ${chat.gz} bytes gzipped, over its ${CHAT_BUDGET}-byte budget.`);
    return false;
  }
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!(await reportSizes())) process.exit(1);
}
