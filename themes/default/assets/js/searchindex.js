// The static search index (Sources/Search/IndexFormat.swift) read as the generator's
// SearchEngine reads it: the same shards, expansions, integer impacts and stopping rule, so the
// browser ranks exactly as `desmigratif search`. No DOM: node can run it too.
import { tokens, oneEditApart, rewriteSynonyms } from './tokens.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/** Page numbers from their base-64 VLQ gaps (PostingCodec). */
export function decodePostings(text) {
  const out = [];
  let previous = -1, gap = 0, shift = 0;
  for (let i = 0; i < text.length; i++) {
    const value = VALUE[text.charCodeAt(i)];
    gap += (value & 31) * 2 ** shift;
    if (value & 32) { shift += 5; continue; }
    previous += gap + 1;
    out.push(previous);
    gap = 0;
    shift = 0;
  }
  return out;
}

export class SearchIndex {
  /** `fetchJSON(path)` reads a file of the index (relative to its folder) as JSON. */
  constructor(fetchJSON) {
    this.fetchJSON = fetchJSON;
    this.shards = new Map();
    this.postingFiles = new Map();
    this.records = new Map();
  }

  async open() {
    this.meta = await this.fetchJSON('meta.json');
    this.stopwords = new Set(this.meta.stopwords);
    // Every page's facet value numbers, from the runs.
    this.facetOf = {};
    for (const [key, facet] of Object.entries(this.meta.facets)) {
      const values = new Int32Array(this.meta.documents).fill(-1);
      let at = 0;
      for (let i = 0; i + 1 < facet.runs.length; i += 2) {
        values.fill(facet.runs[i], at, at + facet.runs[i + 1]);
        at += facet.runs[i + 1];
      }
      this.facetOf[key] = values;
    }
    return this;
  }

  /** Page `doc`'s value of facet `key`, or undefined. */
  facet(doc, key) {
    const number = this.facetOf[key] ? this.facetOf[key][doc] : -1;
    return number >= 0 ? this.meta.facets[key].values[number] : undefined;
  }

  shardOf(term) {
    const firsts = this.meta.dictionary;
    let low = 0, high = firsts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (term < firsts[middle]) high = middle - 1; else low = middle;
    }
    return Math.max(0, low);
  }

  shardsBeginning(prefix) {
    const firsts = this.meta.dictionary;
    const start = this.shardOf(prefix);
    let end = start;
    while (end + 1 < firsts.length && firsts[end + 1].startsWith(prefix)) end++;
    return [start, end];
  }

  correctionShards(word) {
    const [start, end] = this.shardsBeginning(Array.from(word).slice(0, 2).join(''));
    if (end - start + 1 <= this.meta.correctionShards) return [start, end];
    const own = Math.min(Math.max(this.shardOf(word), start), end);
    return [Math.max(start, own - 1), Math.min(end, own + 1)];
  }

  shard(number) {
    if (!this.shards.has(number)) this.shards.set(number, this.fetchJSON(`d/${number}.json`));
    return this.shards.get(number);
  }

  async postings(entry, position) {
    const segment = entry[position + 1];
    if (typeof segment[2] === 'string') return decodePostings(segment[2]);
    const file = segment[2];
    if (!this.postingFiles.has(file)) this.postingFiles.set(file, this.fetchJSON(`p/${file}.json`));
    const texts = await this.postingFiles.get(file);
    // The file holds the term's segments that name it, in order.
    let index = 0;
    for (let i = 1; i <= position; i++) if (entry[i][2] === file) index++;
    return decodePostings(texts[index] || '');
  }

  /** The terms a query word stands for, as SearchEngine.expansions. */
  async expansions(term, prefix) {
    const found = [];
    if (this.meta.dictionary.length === 0) return found;
    const isGroup = term.startsWith('=');
    const [start, end] = this.shardsBeginning(term);
    if (prefix && !isGroup && end - start + 1 <= this.meta.prefixShards) {
      for (let n = start; n <= end; n++) {
        const entries = await this.shard(n);
        for (const key of Object.keys(entries)) if (key.startsWith(term)) found.push([key, entries[key]]);
      }
    } else {
      const entries = await this.shard(start);
      if (Object.prototype.hasOwnProperty.call(entries, term)) found.push([term, entries[term]]);
    }
    if (found.length === 0 && !isGroup && Array.from(term).length >= this.meta.correctionLength) {
      const [from, to] = this.correctionShards(term);
      for (let n = from; n <= to; n++) {
        const entries = await this.shard(n);
        for (const key of Object.keys(entries)) if (oneEditApart(key, term)) found.push([key, entries[key]]);
      }
    }
    return found.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  /**
   * The first results for `query`: [{doc, score, impacts}], the terms matched (for highlighting)
   * and the query's words. `filters` maps a facet to the set of values to keep.
   */
  async search(query, filters = {}) {
    const prefixLast = query.length > 0 && !/\s$/.test(query);
    // A member of a synonym group (TKI, pekerja migran) stands for its group.
    const toks = rewriteSynonyms(tokens(query, this.stopwords, this.meta.stems), this.meta.synonyms, prefixLast);
    const words = [];
    const matched = [];
    for (let i = 0; i < toks.length; i++) {
      const found = await this.expansions(toks[i].term, prefixLast && i === toks.length - 1);
      words.push(found);
      matched.push(...found.map((f) => f[0]));
      // Highlight every member of a matched synonym group.
      if (toks[i].term.startsWith('=')) for (const group of this.meta.synonyms) if (group.term === toks[i].term) matched.push(...group.phrases.flat());
    }
    const active = Object.entries(filters).filter(([key, values]) => values.size > 0 && this.facetOf[key]);
    const allowed = (doc) => active.every(([key, values]) => values.has(this.facet(doc, key)));
    const ranked = await this.rank(words, this.meta.results, allowed);
    const hits = ranked.map(([doc, impacts]) => ({ doc, impacts, score: impacts.reduce((a, b) => a + b, 0) / this.meta.impactScale }));
    return { hits, matched: new Set(matched) };
  }

  /**
   * SearchEngine.rank: segments highest impact first until the first `results` are settled.
   * Scores live in typed arrays by page number (a phone ranks 84,000 pages without a Map).
   */
  async rank(words, results, allowed) {
    const pages = this.meta.documents, width = Math.max(1, words.length);
    const next = words.map((found) => found.map(() => 0));
    const sums = new Int32Array(pages);
    const known = new Int32Array(pages * width);
    const seen = [];
    // How many pages have each score, kept as scores change: the cheap half of the test.
    const counts = [];
    const remaining = (w) => {
      let best = 0;
      words[w].forEach(([, entry], e) => { if (next[w][e] + 1 < entry.length) best = Math.max(best, entry[next[w][e] + 1][0]); });
      return best;
    };
    let lastBound = -1;
    for (;;) {
      const rest = words.map((_, w) => remaining(w));
      const bound = rest.reduce((a, b) => a + b, 0);
      if (bound === 0) break;
      if (bound !== lastBound && settled(seen, sums, counts, known, rest, results)) break;
      lastBound = bound;
      // The next segment: the highest impact; the first word, then the first term, on ties.
      let choice = { word: 0, expansion: 0, impact: 0 };
      words.forEach((found, w) => found.forEach(([, entry], e) => {
        if (next[w][e] + 1 < entry.length && entry[next[w][e] + 1][0] > choice.impact) choice = { word: w, expansion: e, impact: entry[next[w][e] + 1][0] };
      }));
      const entry = words[choice.word][choice.expansion][1];
      const position = next[choice.word][choice.expansion];
      for (const doc of await this.postings(entry, position)) {
        if (doc >= pages || !allowed(doc)) continue;
        const slot = doc * width + choice.word;
        if (choice.impact > known[slot]) {
          const old = sums[doc], now = old + choice.impact - known[slot];
          while (counts.length <= now) counts.push(0);
          if (old > 0) counts[old]--; else seen.push(doc);
          counts[now]++;
          sums[doc] = now;
          known[slot] = choice.impact;
        }
      }
      next[choice.word][choice.expansion] += 1;
    }
    // The first `results`: the score of the last one from the counts, then only those sorted.
    let last = counts.length - 1, taken = 0;
    while (last > 0 && taken + counts[last] < results) { taken += counts[last]; last--; }
    return seen.filter((doc) => sums[doc] >= last).sort((a, b) => (sums[b] - sums[a]) || (a - b)).slice(0, results)
      .map((doc) => [doc, Array.from(known.subarray(doc * width, doc * width + words.length))]);
  }

  /**
   * Page `doc`'s result record: {u, t, b, x (its text's first part), n (parts)}, from the file
   * of `recordsPerFile` neighbours' records (fetched once for all of them).
   */
  async record(doc) {
    const first = doc - (doc % this.meta.recordsPerFile);
    if (!this.records.has(first)) this.records.set(first, this.fetchJSON(`r/${Math.floor(first / 1000)}/${first}.json`));
    // A file that could not be fetched reads as {}: the result then shows without a record.
    return (await this.records.get(first))[doc - first] || {};
  }

  /** Part `part` (1 or more) of page `doc`'s text. */
  textPart(doc, part) {
    return this.fetchJSON(`r/${Math.floor(doc / 1000)}/${doc}.${part}.json`);
  }
}

/**
 * SearchEngine.settled: the last of the first `results` scores more than any other page could.
 * `counts` holds how many pages have each score, so the last result's score needs no sort.
 */
function settled(seen, sums, counts, known, rest, results) {
  const bound = rest.reduce((a, b) => a + b, 0);
  let above = 0;
  for (let v = bound + 1; v < counts.length; v++) above += counts[v];
  if (above < results) return false;
  let last = counts.length - 1, before = 0;
  while (before + counts[last] < results) { before += counts[last]; last--; }
  const tied = seen.filter((doc) => sums[doc] === last).sort((a, b) => a - b);
  const lastDoc = tied[results - before - 1];
  const width = Math.max(1, rest.length);
  for (const doc of seen) {
    const sum = sums[doc];
    if (sum > last || (sum === last && doc <= lastDoc)) continue;
    let reach = 0;
    for (let w = 0; w < rest.length; w++) reach += Math.max(known[doc * width + w], rest[w]);
    if (reach > last || (reach === last && doc < lastDoc)) return false;
  }
  return true;
}
