// The browser stemmer against the reference vectors (run by make test with node).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { stem } from '../../themes/default/assets/js/stemmer.js';

const here = dirname(fileURLToPath(import.meta.url));
const lines = readFileSync(join(here, '..', 'Fixtures', 'stemmer', 'indonesian.tsv'), 'utf8').split('\n').filter(Boolean);
let failed = 0;
for (const line of lines) {
  const [word, expected] = line.split('\t');
  const actual = stem(word);
  if (actual !== expected) {
    if (failed < 20) console.error(`${word}: expected ${expected}, got ${actual}`);
    failed += 1;
  }
}
console.log(`stemmer.js: ${lines.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
