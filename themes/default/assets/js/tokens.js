// Search terms from text, for pages and queries alike: the browser's half of the generator's
// Tokenizer (Sources/Search/Tokenizer.swift). Both are checked against the same vectors
// (Tests/Fixtures/search/tokens.json) by make test. No DOM: node runs it too.
import { stem } from './stemmer.js';

const isLetter = (c) => /\p{Alphabetic}/u.test(c);
const isDigit = (c) => c >= '0' && c <= '9';

export function words(text) {
  // As Swift's folding (diacritics, width, case): compatibility decomposition without marks,
  // recomposed (Hangul stays whole), lower case, and the one common full case folding (ß).
  const chars = Array.from(text.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFC').toLowerCase().replace(/ß/g, 'ss'));
  const out = [];
  let current = '';
  chars.forEach((c, i) => {
    if (isLetter(c) || isDigit(c)) { current += c; return; }
    const next = chars[i + 1];
    const previous = current.slice(-1);
    if (c === '.' && previous && next && isDigit(previous) && isDigit(next)) current += c;
    else if (c === '-' && previous && next && isLetter(previous) && isLetter(next)) current += c;
    else if (c === "'" || c === '\u2019' || c === '"') return;
    else if (current) { out.push(current); current = ''; }
  });
  if (current) out.push(current);
  return out;
}

/** The query's tokens: {word, term}, as the index made them. */
export function tokens(text, stopwords, stems) {
  const result = [];
  for (const word of words(text)) {
    if (/^[0-9.]+$/.test(word)) {
      const digits = word.replace(/\./g, '');
      if (digits) result.push({ word, term: digits });
      continue;
    }
    let parts = word.split('-');
    if (parts.length === 2 && parts[0] === parts[1]) parts = [parts[0]];
    for (const part of parts) {
      if (part && !stopwords.has(part)) result.push({ word: part, term: stems ? stem(part) : part });
    }
  }
  return result;
}

/** Whether two terms differ by one insertion, deletion, substitution or swap of neighbours. */
export function oneEditApart(a, b) {
  const x = Array.from(a), y = Array.from(b);
  if (Math.abs(x.length - y.length) > 1 || a === b) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  const rest = (p, q) => x.slice(p).join('') === y.slice(q).join('');
  if (x.length === y.length) return rest(i + 1, i + 1) || (x[i] === y[i + 1] && x[i + 1] === y[i] && rest(i + 2, i + 2));
  return x.length > y.length ? rest(i + 1, i) : rest(i, i + 1);
}

/**
 * A query's tokens with each member of a synonym group (meta.json's `synonyms`: {term, phrases})
 * replaced by one token of the group's term, the longest member first; the last token is left
 * alone while it is being typed. The same as the generator's SynonymMatcher.rewrite.
 */
export function rewriteSynonyms(toks, groups, keepingLast) {
  if (!groups || groups.length === 0) return toks;
  const limit = keepingLast ? toks.length - 1 : toks.length;
  const terms = toks.slice(0, limit).map((t) => t.term);
  const out = [];
  let i = 0;
  while (i < toks.length) {
    let best = null;
    if (i < limit) {
      for (const group of groups) {
        for (const phrase of group.phrases) {
          if (phrase.length > (best ? best.length : 0) && i + phrase.length <= terms.length
              && phrase.every((term, k) => terms[i + k] === term)) best = { term: group.term, length: phrase.length };
        }
      }
    }
    if (best) {
      out.push({ word: toks.slice(i, i + best.length).map((t) => t.word).join(' '), term: best.term });
      i += best.length;
    } else {
      out.push(toks[i]);
      i += 1;
    }
  }
  return out;
}
