// Search in the browser, for /cari/: the same tokens, shards and BM25 scores as the generator's
// `desmigratif search` (Sources/Search). Plain JavaScript, no framework; results as you type;
// the query is kept in the address (?q=) so a search can be shared.
import { tokens, oneEditApart, rewriteSynonyms } from './tokens.js';

const root = document.getElementById('_pencarian');
const input = document.getElementById('_q');
const status = document.getElementById('_cari-status');
const list = document.getElementById('_cari-hasil');
const facetBox = document.getElementById('_cari-facets');
const base = root.dataset.index;
let meta = null;
const shards = new Map();
const chunks = new Map();
const selected = { provinsi: new Set(), jenis: new Set() };
let lastHits = [];

const fetchJSON = (path) => fetch(base + path).then((r) => (r.ok ? r.json() : {}));
async function shard(term) {
  const name = Array.from(term).slice(0, 2).join('');
  if (!meta.shards.includes(name)) return {};
  if (!shards.has(name)) shards.set(name, fetchJSON(`terms/${name}.json`));
  return shards.get(name);
}

async function record(index) {
  const chunk = Math.floor(index / meta.chunk);
  if (!chunks.has(chunk)) chunks.set(chunk, fetchJSON(`docs/${chunk}.json`));
  return (await chunks.get(chunk))[index % meta.chunk];
}

async function search(query) {
  const stopwords = new Set(meta.stopwords);
  const prefixLast = query.length > 0 && !/\s$/.test(query);
  // A member of a synonym group (TKI, pekerja migran) stands for its group.
  const toks = rewriteSynonyms(tokens(query, stopwords, meta.stems), meta.synonyms, prefixLast);
  const scores = new Map();
  const matched = [];
  for (let i = 0; i < toks.length; i++) {
    const terms = await shard(toks[i].term);
    const isGroup = toks[i].term.startsWith('=');
    let expansions = terms[toks[i].term] ? [toks[i].term] : [];
    if (i === toks.length - 1 && prefixLast && !isGroup) expansions = Object.keys(terms).filter((t) => t.startsWith(toks[i].term)).sort();
    // A misspelt word of five letters or more (koprasi, Kenangga) matches the terms one edit
    // away, in its shard: typos in the first two letters are not corrected.
    if (expansions.length === 0 && !isGroup && Array.from(toks[i].term).length >= 5) {
      expansions = Object.keys(terms).filter((t) => oneEditApart(t, toks[i].term)).sort();
    }
    matched.push(...expansions);
    // Highlight every member of a matched synonym group.
    if (isGroup) for (const group of meta.synonyms) if (group.term === toks[i].term) matched.push(...group.phrases.flat());
    const best = new Map();
    for (const term of expansions) {
      const postings = terms[term];
      const idf = Math.log(1 + (meta.documents - postings.length + 0.5) / (postings.length + 0.5));
      for (const [doc, part] of postings) best.set(doc, Math.max(best.get(doc) || 0, idf * part));
    }
    for (const [doc, score] of best) scores.set(doc, (scores.get(doc) || 0) + score);
  }
  const ranked = [...scores].sort((a, b) => (b[1] - a[1]) || (a[0] - b[0])).slice(0, 100);
  const hits = await Promise.all(ranked.map(async ([doc, score]) => ({ score, ...(await record(doc)) })));
  return { hits, matched: new Set(matched), stopwords };
}

function highlighted(text, matched, stopwords) {
  const fragment = document.createDocumentFragment();
  for (const piece of text.split(/(\s+)/)) {
    const hit = tokens(piece, stopwords, meta.stems).some((t) => [...matched].some((m) => m === t.term || m.startsWith(t.term) || t.term.startsWith(m)));
    if (hit && piece.trim()) {
      const mark = document.createElement('mark');
      mark.textContent = piece;
      fragment.append(mark);
    } else {
      fragment.append(document.createTextNode(piece));
    }
  }
  return fragment;
}

function renderFacets(hits) {
  facetBox.replaceChildren();
  for (const [key, label] of [['provinsi', root.dataset.facetProvinsi], ['jenis', root.dataset.facetJenis]]) {
    const values = [...new Set(hits.map((h) => h.f[key]).filter(Boolean))].sort();
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
        renderHits();
      });
      const text = document.createElement('label');
      text.htmlFor = id;
      text.textContent = value;
      group.append(box, text);
    }
    facetBox.append(group);
  }
}

let lastMatch = { matched: new Set(), stopwords: new Set() };
function renderHits() {
  const shown = lastHits.filter((h) => ['provinsi', 'jenis'].every((k) => selected[k].size === 0 || selected[k].has(h.f[k])));
  list.replaceChildren();
  for (const hit of shown.slice(0, 30)) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = hit.u;
    link.textContent = hit.t;
    const crumb = document.createElement('div');
    crumb.className = 'meta';
    crumb.textContent = hit.b;
    const snippet = document.createElement('p');
    snippet.append(highlighted(hit.s, lastMatch.matched, lastMatch.stopwords));
    item.append(link, crumb, snippet);
    list.append(item);
  }
  status.textContent = shown.length ? root.dataset.count.replace('{jumlah}', String(shown.length)) : (input.value.trim() ? root.dataset.none : '');
}

let pending = 0;
async function run() {
  const query = input.value;
  const url = new URL(location.href);
  if (query.trim()) url.searchParams.set('q', query); else url.searchParams.delete('q');
  history.replaceState(null, '', url);
  const ticket = ++pending;
  if (!meta) meta = await fetchJSON('meta.json');
  const result = query.trim() ? await search(query) : { hits: [], matched: new Set(), stopwords: new Set() };
  if (ticket !== pending) return;
  lastHits = result.hits;
  lastMatch = result;
  renderFacets(result.hits);
  renderHits();
}

let timer = null;
input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, 120); });
root.querySelector('form').addEventListener('submit', (event) => { event.preventDefault(); run(); });
input.value = new URLSearchParams(location.search).get('q') || '';
if (input.value) run();
