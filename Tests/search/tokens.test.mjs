// The browser tokenizer against the vectors the Swift tokenizer records (run by make test with node).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { tokens, oneEditApart, rewriteSynonyms } from '../../themes/default/assets/js/tokens.js';

const here = dirname(fileURLToPath(import.meta.url));
const vectors = JSON.parse(readFileSync(join(here, '..', 'Fixtures', 'search', 'tokens.json'), 'utf8'));
let failed = 0;
for (const vector of vectors) {
  const actual = tokens(vector.text, new Set(vector.stopwords), vector.stems).map((t) => [t.word, t.term]);
  if (JSON.stringify(actual) !== JSON.stringify(vector.tokens)) {
    console.error(`${JSON.stringify(vector.text)} (stems: ${vector.stems}):\n  Swift ${JSON.stringify(vector.tokens)}\n  JS    ${JSON.stringify(actual)}`);
    failed += 1;
  }
}
// Typo tolerance: the same pairs as Tests/SearchTests (SearchIndexTests.oneEdit).
const pairs = JSON.parse(readFileSync(join(here, '..', 'Fixtures', 'search', 'one-edit.json'), 'utf8'));
for (const [a, b, expected] of pairs) {
  if (oneEditApart(a, b) !== expected) {
    console.error(`oneEditApart(${a}, ${b}): expected ${expected}`);
    failed += 1;
  }
}
// Synonym groups: queries rewritten as the Swift SynonymMatcher records them.
const synonyms = JSON.parse(readFileSync(join(here, '..', 'Fixtures', 'search', 'synonyms.json'), 'utf8'));
const stopwords = new Set(vectors[0].stopwords);
for (const c of synonyms.cases) {
  const actual = rewriteSynonyms(tokens(c.query, stopwords, true), synonyms.groups, c.keepingLast).map((t) => [t.word, t.term]);
  if (JSON.stringify(actual) !== JSON.stringify(c.tokens)) {
    console.error(`synonyms ${JSON.stringify(c.query)} (keepingLast ${c.keepingLast}):\n  Swift ${JSON.stringify(c.tokens)}\n  JS    ${JSON.stringify(actual)}`);
    failed += 1;
  }
}
const total = vectors.length + pairs.length + synonyms.cases.length;
console.log(`tokens.js: ${total - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
