// Studio Desmigratif: live preview, saving, drafts kept in the browser, and the small editing
// tools of the editing page. Plain script, no framework; the page works (read-only) without it.
"use strict";

const token = document.querySelector('meta[name="studio-token"]').content;
const form = document.getElementById("form");
const prefix = "/_studio/";

/** Interface text the server put in the page, in the session's language. */
function say(key) {
  const item = document.getElementById("teks").content.querySelector(`span[data-k="${key}"]`);
  return item ? item.textContent : key;
}

/** Sends JSON (or bytes) with the session's token; resolves to [status, parsed body]. */
async function post(path, body, type = "application/json") {
  let response;
  try {
    response = await fetch(prefix + path, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": type, "X-Studio-Token": token },
      body: type === "application/json" ? JSON.stringify(body) : body,
    });
  } catch (_) {
    return [0, { error: say("offline") }];
  }
  // Answers are JSON; a refusal (403, 421) is plain text that says why.
  const text = await response.text();
  let data;
  try { data = JSON.parse(text); } catch (_) { data = { error: text.trim() || String(response.status) }; }
  return [response.status, data];
}

if (form) {
  const body = document.getElementById("f-body");
  const status = document.getElementById("status");
  const frame = document.getElementById("pratinjau");
  const storageKey = "desmigratif-studio:" + form.dataset.berkas;

  function sourceGroup(values = {}) {
    const group = document.createElement("div");
    group.className = "satu-sumber";
    for (const key of ["id", "title", "publisher", "date", "url"]) {
      const label = document.createElement("label");
      label.textContent = say("source_" + key) + " ";
      const input = document.createElement("input");
      input.dataset.sumber = key;
      if (key === "date") input.type = "date";
      if (key === "url") input.type = "url";
      input.value = values[key] || "";
      label.append(input);
      group.append(label, " ");
    }
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "hapus-sumber";
    remove.textContent = say("source_remove");
    group.append(remove);
    return group;
  }

  /** The form's values, as the server's PageForm reads them. */
  function collect() {
    const fields = {};
    for (const field of form.querySelectorAll(".bidang")) {
      const key = field.dataset.kunci;
      switch (field.dataset.jenis) {
        case "flag": {
          const box = field.querySelector("input");
          fields[key] = box.checked ? "true" : (box.dataset.had ? "false" : "");
          break;
        }
        case "pillars": {
          const set = field.querySelector("fieldset");
          const checked = [...set.querySelectorAll("input:checked")].map((box) => box.value);
          const original = set.dataset.original ? set.dataset.original.split(",") : [];
          fields[key] = original.filter((id) => checked.includes(id)).concat(checked.filter((id) => !original.includes(id)));
          break;
        }
        case "list":
          fields[key] = field.querySelector("input").value.split(",").map((item) => item.trim()).filter(Boolean);
          break;
        case "sources":
          fields[key] = [...field.querySelectorAll(".satu-sumber")].map((group) => {
            const source = {};
            for (const input of group.querySelectorAll("[data-sumber]")) source[input.dataset.sumber] = input.value;
            return source;
          });
          break;
        default:
          fields[key] = field.querySelector("input, textarea, select").value;
      }
    }
    const note = document.getElementById("pesan");
    return { berkas: form.dataset.berkas, base: form.dataset.base, fields, body: body.value, pesan: note ? note.value : "" };
  }

  /** Puts saved values back into the form (a draft restored from this browser). */
  function apply(data) {
    for (const field of form.querySelectorAll(".bidang")) {
      const key = field.dataset.kunci;
      if (!(key in data.fields)) continue;
      const value = data.fields[key];
      switch (field.dataset.jenis) {
        case "flag": field.querySelector("input").checked = value === "true"; break;
        case "pillars":
          for (const box of field.querySelectorAll("input")) box.checked = value.includes(box.value);
          break;
        case "list": field.querySelector("input").value = value.join(", "); break;
        case "sources": {
          const list = field.querySelector(".daftar-sumber");
          list.replaceChildren(...value.map((source) => sourceGroup(source)));
          break;
        }
        default: field.querySelector("input, textarea, select").value = value;
      }
    }
    body.value = data.body;
  }

  function showDiagnostics(report) {
    for (const box of form.querySelectorAll(".diag")) box.replaceChildren();
    for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
    for (const item of report.diagnostics || []) {
      const target = document.getElementById("d-" + item.field) || document.getElementById("d-frontmatter");
      const line = document.createElement("p");
      line.className = item.severity === "error" ? "salah" : "awas";
      const where = item.field === "body" ? `${say("line")} ${item.bodyLine}` : `${say("line")} ${item.line}`;
      line.textContent = `${where}: ${item.message}${item.hint ? " (" + item.hint + ")" : ""}`;
      target.append(line);
      if (item.severity === "error") {
        const input = document.getElementById("f-" + item.field);
        if (input) input.setAttribute("aria-invalid", "true");
      }
    }
    const elsewhere = document.getElementById("lain");
    elsewhere.hidden = !report.errorsElsewhere;
    elsewhere.textContent = report.errorsElsewhere ? `${report.errorsElsewhere} ${say("problems_elsewhere")}` : "";
  }

  let timer = null;
  let sequence = 0;
  async function refresh() {
    const mine = ++sequence;
    const [code, report] = await post("api/pratinjau", collect());
    if (mine !== sequence) return; // a newer preview is on its way
    if (code !== 200) { status.textContent = report.error || String(code); status.className = "gagal"; return; }
    showDiagnostics(report);
    if (report.html !== null) {
      const scroll = frame.contentWindow ? frame.contentWindow.scrollY : 0;
      frame.srcdoc = report.html;
      frame.addEventListener("load", () => frame.contentWindow.scrollTo(0, scroll), { once: true });
    }
    form.dataset.previewed = String(mine);
  }

  function changed() {
    localStorage.setItem(storageKey, JSON.stringify(collect()));
    clearTimeout(timer);
    timer = setTimeout(refresh, 350);
  }

  /** Both versions, line by line, with the lines only one of them has marked. */
  function showSideBySide(disk, mine) {
    const a = disk.split("\n"), b = mine.split("\n");
    // Longest common subsequence of lines: what both versions share is left unmarked.
    const common = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
    for (let i = a.length - 1; i >= 0; i--) {
      for (let j = b.length - 1; j >= 0; j--) {
        common[i][j] = a[i] === b[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    const sharedA = new Set(), sharedB = new Set();
    for (let i = 0, j = 0; i < a.length && j < b.length;) {
      if (a[i] === b[j]) { sharedA.add(i++); sharedB.add(j++); }
      else if (common[i + 1][j] >= common[i][j + 1]) i++;
      else j++;
    }
    for (const [id, lines, shared] of [["konflik-disk", a, sharedA], ["konflik-saya", b, sharedB]]) {
      const box = document.getElementById(id);
      box.replaceChildren(...lines.map((line, index) => {
        const element = document.createElement(shared.has(index) ? "span" : "mark");
        element.textContent = line + "\n";
        return element;
      }));
    }
  }

  async function save(data) {
    status.textContent = "…";
    status.className = "";
    const [code, report] = await post("api/simpan", data);
    if (code === 409) {
      showSideBySide(report.disk === null ? "" : report.disk, report.mine);
      const box = document.getElementById("konflik");
      box.hidden = false;
      box.dataset.version = report.version;
      // The heading says what happened; focusing it has screen readers read it.
      status.textContent = "";
      box.querySelector("h2").focus();
      return;
    }
    if (code !== 200) { status.textContent = report.error || String(code); status.className = "gagal"; return; }
    form.dataset.base = report.version;
    localStorage.removeItem(storageKey);
    document.getElementById("konflik").hidden = true;
    document.getElementById("pulih").hidden = true;
    const errors = (report.diagnostics || []).filter((item) => item.severity === "error").length;
    status.textContent = errors ? say("saved_with_errors") : say("saved");
    status.className = errors ? "gagal" : "baik";
    showDiagnostics(report);
    form.dataset.saved = report.version;
    if (document.getElementById("pesan")) document.getElementById("pesan").value = "";
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", (event) => { event.preventDefault(); save(collect()); });
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === "s") { event.preventDefault(); save(collect()); }
  });
  document.getElementById("timpa").addEventListener("click", () => {
    form.dataset.base = document.getElementById("konflik").dataset.version;
    save(collect());
  });
  document.getElementById("konflik").querySelector("h2").tabIndex = -1;
  document.getElementById("buang").addEventListener("click", () => {
    localStorage.removeItem(storageKey);
    location.reload();
  });

  // Sources: add and remove groups.
  const sources = form.querySelector(".daftar-sumber");
  if (sources) {
    document.getElementById("sumber-tambah").addEventListener("click", () => {
      const group = sourceGroup();
      sources.append(group);
      group.querySelector("input").focus();
      changed();
    });
    sources.addEventListener("click", (event) => {
      if (!event.target.classList.contains("hapus-sumber")) return;
      event.target.closest(".satu-sumber").remove();
      changed();
    });
  }

  // The village picked by code: its name beside the field.
  // The village field: matching villages of the registry offered as the editor types a name
  // or a code; the chosen one's name shown beside the field.
  const kode = document.getElementById("f-kode");
  if (kode) {
    const list = document.getElementById("desa-daftar");
    let lookup = null;
    kode.addEventListener("input", () => {
      const option = [...list.options].find((item) => item.value === kode.value.trim());
      if (option) { document.getElementById("desa-nama").textContent = option.label; return; }
      clearTimeout(lookup);
      lookup = setTimeout(async () => {
        try {
          const response = await fetch(prefix + "api/desa?q=" + encodeURIComponent(kode.value), { credentials: "same-origin" });
          const found = await response.json();
          list.replaceChildren(...found.map((village) => {
            const item = document.createElement("option");
            item.value = village.kode;
            item.label = village.label;
            return item;
          }));
          const exact = found.find((village) => village.kode === kode.value.trim());
          document.getElementById("desa-nama").textContent = exact ? exact.label : "";
        } catch (_) { /* the picker is a help; typing the code still works */ }
      }, 150);
    });
  }

  // Toolbar: Markdown around the selection of the body.
  function edit(before, after = "", linePrefix = false) {
    const start = body.selectionStart, end = body.selectionEnd;
    const chosen = body.value.slice(start, end);
    let text;
    if (linePrefix) {
      const lineStart = body.value.lastIndexOf("\n", start - 1) + 1;
      body.setRangeText(before, lineStart, lineStart, "end");
      text = null;
    } else {
      text = before + chosen + after;
      body.setRangeText(text, start, end, "select");
    }
    body.focus();
    changed();
  }
  for (const button of document.querySelectorAll("[data-alat]")) {
    button.addEventListener("click", () => {
      switch (button.dataset.alat) {
        case "heading": edit("## ", "", true); break;
        case "bold": edit("**", "**"); break;
        case "link": edit("[", "](https://)"); break;
        case "list": edit("- ", "", true); break;
        case "citation": {
          const first = form.querySelector('[data-sumber="id"]');
          edit(`[@${first && first.value ? first.value : "id-sumber"}]`);
          break;
        }
      }
    });
  }

  // Images: checked by the server, stored under content/gambar/, inserted with their alt text.
  document.getElementById("gambar-tambah").addEventListener("click", async () => {
    const file = document.getElementById("gambar-berkas").files[0];
    const alt = document.getElementById("gambar-alt");
    if (!file) { document.getElementById("gambar-berkas").focus(); return; }
    if (!alt.value.trim()) { status.textContent = say("image_alt"); status.className = "gagal"; alt.focus(); return; }
    const [code, report] = await post("api/gambar?nama=" + encodeURIComponent(file.name), await file.arrayBuffer(), "application/octet-stream");
    if (code !== 200) { status.textContent = report.error; status.className = "gagal"; return; }
    body.setRangeText(`![${alt.value.trim().replace(/[\[\]]/g, "")}](${report.url})`, body.selectionStart, body.selectionEnd, "end");
    alt.value = "";
    changed();
  });

  // A draft of this page left in this browser (a reload, a crash, a server restart): restore it.
  const stored = localStorage.getItem(storageKey);
  if (stored) {
    const draft = JSON.parse(stored);
    if (JSON.stringify(draft) !== JSON.stringify(collect())) {
      apply(draft);
      form.dataset.base = draft.base;
      document.getElementById("pulih").hidden = false;
    }
  }
  refresh();
}
