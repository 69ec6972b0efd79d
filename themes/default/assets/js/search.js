// Search in the browser, for /cari/: the index is read by searchindex.js exactly as the
// generator's `desmigratif search` reads it (Sources/Search). Plain JavaScript, no framework;
// results as you type, each with the passage that matched; the query is kept in the address
// (?q=) so a search can be shared.
import { tokens } from './tokens.js';
import { SearchIndex } from './searchindex.js';

const root = document.getElementById('_pencarian');
const input = document.getElementById('_q');
const status = document.getElementById('_cari-status');
const list = document.getElementById('_cari-hasil');
const facetBox = document.getElementById('_cari-facets');
const base = root.dataset.index;
const SHOWN = 30;
let index = null;
const selected = { provinsi: new Set(), jenis: new Set() };

const fetchJSON = (path) => fetch(base + path).then((r) => (r.ok ? r.json() : {}));

// Whether a word of the text is one of the matched terms (or begins one, or is begun by one:
// the word being typed, and inflected forms of a stem).
function matcher(matched) {
  const terms = [...matched];
  return (piece) => tokens(piece, index.stopwords, index.meta.stems)
    .some((t) => terms.some((m) => m === t.term || m.startsWith(t.term) || t.term.startsWith(m)));
}

// The snippet: the passage of about 30 words with the most distinct matched words, the first
// such passage; null when none matches.
function passage(text, isMatch) {
  const words = text.split(/\s+/).filter(Boolean);
  const hits = words.map((w) => isMatch(w));
  if (!hits.some(Boolean)) return null;
  const width = 30, before = 8;
  let best = null;
  hits.forEach((hit, i) => {
    if (!hit) return;
    const start = Math.max(0, i - before), end = Math.min(words.length, start + width);
    const distinct = new Set(words.slice(start, end).filter((_, k) => hits[start + k]).map((w) => w.toLowerCase())).size;
    if (!best || distinct > best.distinct) best = { start, end, distinct };
  });
  return { words: words.slice(best.start, best.end), hits: hits.slice(best.start, best.end), before: best.start > 0, after: best.end < words.length };
}

function snippetFragment(found) {
  const fragment = document.createDocumentFragment();
  if (found.before) fragment.append('… ');
  found.words.forEach((word, i) => {
    if (i > 0) fragment.append(' ');
    if (found.hits[i]) {
      const mark = document.createElement('mark');
      mark.textContent = word;
      fragment.append(mark);
    } else {
      fragment.append(word);
    }
  });
  if (found.after) fragment.append(' …');
  return fragment;
}

// A result: its record, and the snippet from the first part of its text that matches (later
// parts are fetched only when the earlier ones do not).
async function resultItem(hit, isMatch) {
  const record = await index.record(hit.doc);
  let found = passage(record.x || '', isMatch);
  for (let part = 1; !found && part < (record.n || 1); part++) found = passage(await index.textPart(hit.doc, part), isMatch);
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = record.u;
  link.textContent = record.t;
  const crumb = document.createElement('div');
  crumb.className = 'meta';
  crumb.textContent = record.b;
  const snippet = document.createElement('p');
  const opening = (record.x || '').split(/\s+/).filter(Boolean);
  snippet.append(found ? snippetFragment(found) : opening.slice(0, 30).join(' ') + (opening.length > 30 ? ' …' : ''));
  item.append(link, crumb, snippet);
  return item;
}

// Filters: the facet values of the unfiltered results; choosing one searches again within it.
function renderFacets(hits) {
  facetBox.replaceChildren();
  for (const [key, label] of [['provinsi', root.dataset.facetProvinsi], ['jenis', root.dataset.facetJenis]]) {
    const values = [...new Set(hits.map((h) => index.facet(h.doc, key)).filter(Boolean))].sort();
    for (const value of selected[key]) if (!values.includes(value)) values.push(value);
    if (values.length < 2 && selected[key].size === 0) continue;
    const group = document.createElement('fieldset');
    const legend = document.createElement('legend');
    legend.textContent = label;
    group.append(legend);
    for (const value of values) {
      const id = `_facet-${key}-${value}`.replace(/[^a-zA-Z0-9_-]/g, '-');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.id = id;
      box.checked = selected[key].has(value);
      box.addEventListener('change', () => {
        if (box.checked) selected[key].add(value); else selected[key].delete(value);
        run();
      });
      const text = document.createElement('label');
      text.htmlFor = id;
      text.textContent = value;
      group.append(box, text);
    }
    facetBox.append(group);
  }
}

let pending = 0;
async function run() {
  const query = input.value;
  const url = new URL(location.href);
  if (query.trim()) url.searchParams.set('q', query); else url.searchParams.delete('q');
  history.replaceState(null, '', url);
  const ticket = ++pending;
  if (!index) index = await new SearchIndex(fetchJSON).open();
  if (!query.trim()) {
    if (ticket !== pending) return;
    facetBox.replaceChildren();
    list.replaceChildren();
    status.textContent = '';
    return;
  }
  const all = await index.search(query);
  const filtered = Object.values(selected).some((s) => s.size > 0) ? await index.search(query, selected) : all;
  const isMatch = matcher(filtered.matched);
  const items = await Promise.all(filtered.hits.slice(0, SHOWN).map((hit) => resultItem(hit, isMatch)));
  if (ticket !== pending) return;
  renderFacets(all.hits);
  list.replaceChildren(...items);
  status.textContent = filtered.hits.length ? root.dataset.count.replace('{jumlah}', String(filtered.hits.length)) : root.dataset.none;
  root.dataset.shown = query;  // what the list shows, for tests and benchmarks
}

let timer = null;
input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, 120); });
root.querySelector('form').addEventListener('submit', (event) => { event.preventDefault(); run(); });
input.value = new URLSearchParams(location.search).get('q') || '';
if (input.value) run();
