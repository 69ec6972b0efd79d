// The Snowball Indonesian stemmer for the browser: the same algorithm as the generator's
// Sources/Search/IndonesianStemmer.swift, checked against the reference implementation on the
// same vocabulary (Tests/Fixtures/stemmer/indonesian.tsv). Input is expected in lower case.

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

/** The stem of one lower-case word. */
export function stem(word) {
  let w = Array.from(word);
  let measure = w.filter((c) => VOWELS.has(c)).length;
  let prefix = 0; // 0 none, 1 di-/meng-/ter-, 2 per-/pe-, 3 ke-/peng-, 4 ber-
  // Where the next prefix may start: after the letter a first-order prefix was replaced by
  // (pemeriksaan -> periksa keeps its per-).
  let start = 0;
  const ends = (s) => w.length >= s.length && w.slice(w.length - s.length).join('') === s;
  const starts = (s) => w.length >= start + s.length && w.slice(start, start + s.length).join('') === s;
  const vowelAt = (i) => start + i < w.length && VOWELS.has(w[start + i]);
  const drop = (n) => { w = w.slice(0, w.length - n); measure -= 1; };
  const replace = (n, s) => {
    const inserted = Array.from(s);
    w = w.slice(0, start).concat(inserted, w.slice(start + n));
    start += inserted.length;
    measure -= 1;
  };

  function removeSuffix() {
    if (ends('kan') && prefix !== 3 && prefix !== 2) drop(3);
    else if (ends('an') && prefix !== 1) drop(2);
    else if (ends('i') && prefix <= 2 && (w.length < 2 || w[w.length - 2] !== 's')) drop(1);
    else return false;
    return true;
  }

  function removeFirstOrderPrefix() {
    if (starts('meny') && vowelAt(4)) { prefix = 1; replace(4, 's'); }
    else if (starts('peny') && vowelAt(4)) { prefix = 3; replace(4, 's'); }
    else if (starts('meng')) { prefix = 1; replace(4, ''); }
    else if (starts('peng')) { prefix = 3; replace(4, ''); }
    else if (starts('mem')) { prefix = 1; replace(3, vowelAt(3) ? 'p' : ''); }
    else if (starts('pem')) { prefix = 3; replace(3, vowelAt(3) ? 'p' : ''); }
    else if (starts('men') || starts('ter')) { prefix = 1; replace(3, ''); }
    else if (starts('pen')) { prefix = 3; replace(3, ''); }
    else if (starts('di') || starts('me')) { prefix = 1; replace(2, ''); }
    else if (starts('ke')) { prefix = 3; replace(2, ''); }
    else return false;
    return true;
  }

  function removeSecondOrderPrefix() {
    if (starts('belajar')) { prefix = 4; replace(7, 'ajar'); }
    else if (starts('pelajar')) { replace(7, 'ajar'); }
    else if (starts('ber')) { prefix = 4; replace(3, ''); }
    else if (starts('per')) { prefix = 2; replace(3, ''); }
    else if (starts('be') && w.length > start + 4 && !VOWELS.has(w[start + 2]) && w[start + 3] === 'e' && w[start + 4] === 'r') { prefix = 4; replace(2, ''); }
    else if (starts('pe')) { prefix = 2; replace(2, ''); }
  }

  if (measure <= 2) return word;
  if (ends('kah') || ends('lah') || ends('pun')) drop(3);
  if (measure <= 2) return w.join('');
  if (ends('nya')) drop(3);
  else if (ends('ku') || ends('mu')) drop(2);
  if (measure <= 2) return w.join('');
  if (removeFirstOrderPrefix()) {
    // A second-order prefix goes only when a suffix went too.
    if (measure > 2 && removeSuffix() && measure > 2) removeSecondOrderPrefix();
  } else {
    removeSecondOrderPrefix();
    if (measure > 2) removeSuffix();
  }
  return w.join('');
}
