// langso search: the browser half of src/render/search/. Folds the query like the indexer
// (fold, syllables, hash and the order of strings must agree with src/slug.rs and
// src/render/search/), fetches only the shards its words need, ranks, counts facets and
// renders with DOM APIs (never innerHTML).
// The page's state lives in its URL: /search/?q=dong+thap&field=du-lich-nong-thon.

const FACETS = ["province", "region", "field", "status", "year"];
const PAGE = 20;

/** Vietnamese folding: NFD, lower case, marks removed, đ/ð → d. Same as `slug::fold`. */
export function fold(text) {
  return text.normalize("NFD").toLowerCase().replace(/\p{M}/gu, "").replace(/[đð]/g, "d");
}

/** Syllables of a text as {w: written (NFC, lower case), f: folded}. */
export function syllables(text) {
  return (text.match(/[\p{L}\p{N}\p{M}]+/gu) || []).map((s) => {
    const w = s.normalize("NFC").toLowerCase();
    return { w, f: fold(w) };
  });
}

const encoder = new TextEncoder();
/** FNV-1a (32 bit) of the UTF-8 bytes, as `search::hash`. */
export function hash(s) {
  let h = 0x811c9dc5;
  for (const b of encoder.encode(s)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

const cache = new Map();
function getJson(url, init) {
  if (!cache.has(url)) {
    cache.set(
      url,
      fetch(url, init).then((r) => {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.json();
      }),
    );
  }
  return cache.get(url);
}

/** Postings of a term: Map pilot → {w: weight, m: mask of written forms}, and the forms. */
function postings(entry) {
  const map = new Map();
  if (!entry) return { forms: [], map };
  const [forms, flat, masked] = entry;
  const stride = masked ? 3 : 2;
  let doc = 0;
  for (let i = 0; i < flat.length; i += stride) {
    doc += flat[i];
    map.set(doc, { w: flat[i + 1], m: masked ? flat[i + 2] : 1 });
  }
  return { forms, map };
}

// An exact-diacritic match outranks any amount of folded ones: "Đà Nẵng" before "đa năng".
const EXACT = 10000;

/** Weight of a hit; doubled, plus EXACT, when the pilot writes the term as the query does. */
function score(p, hit, written, exactPrefix) {
  const hasMarks = written !== fold(written);
  if (hasMarks) {
    for (let i = 0; i < p.forms.length; i++) {
      const f = p.forms[i];
      if (hit.m & (1 << i) && (f === written || (exactPrefix && f.startsWith(written)))) return hit.w * 2 + EXACT;
    }
  }
  return hit.w;
}

class Index {
  constructor(base) {
    this.base = base;
  }
  async load() {
    // Revalidated each time: it names the version the other files are fetched with.
    this.m = await getJson(this.base + "manifest.json", { cache: "no-cache" });
    return this;
  }
  url(path) {
    return this.base + path + ".json?v=" + this.m.version;
  }
  /** The term shard holding `t`: as many as the bounds not greater than it (`search::term_shard`). */
  shard(t) {
    const bounds = this.m.termBounds;
    let lo = 0;
    let hi = bounds.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bounds[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  async terms(list) {
    const shards = await Promise.all(list.map((t) => getJson(this.url("t/" + this.shard(t)))));
    const out = new Map();
    list.forEach((t, i) => out.set(t, postings(shards[i][t])));
    return out;
  }
  async completions(prefix) {
    const key = Array.from(prefix).slice(0, 2).join("");
    const lex = await getJson(this.url("l/" + (hash(key) % this.m.lexiconShards)));
    return Object.keys(lex)
      .filter((t) => t.startsWith(prefix) && t !== prefix)
      .sort((a, b) => lex[b] - lex[a] || (a < b ? -1 : 1))
      .slice(0, 5);
  }
  facets() {
    this.fc ??= getJson(this.url("facets")).then(readFacets);
    return this.fc;
  }
  async entries(docs) {
    const per = this.m.entriesPerFile;
    const files = await Promise.all(docs.map((d) => getJson(this.url("e/" + Math.floor(d / per)))));
    return docs.map((d, i) => files[i][d % per]);
  }

  /** Pilots containing every query word (the last one also as a prefix), best first. */
  async search(words) {
    const last = words[words.length - 1];
    const more = last.f.length >= 2 ? await this.completions(last.f) : [];
    const lastTerms = [last.f, ...more];
    const wanted = new Set(words.map((w) => w.f).concat(more));
    for (let i = 1; i < words.length; i++) {
      const ends = i === words.length - 1 ? lastTerms : [words[i].f];
      for (const e of ends) wanted.add(words[i - 1].f + " " + e);
    }
    const got = await this.terms([...wanted]);
    let scores = null;
    words.forEach((word, i) => {
      const terms = i === words.length - 1 ? lastTerms : [word.f];
      const mine = new Map();
      for (const t of terms) {
        const p = got.get(t);
        const exact = t === word.f;
        for (const [doc, hit] of p.map) {
          const s = score(p, hit, word.w, !exact) * (exact ? 1 : 0.5);
          mine.set(doc, Math.max(mine.get(doc) || 0, s));
        }
      }
      const next = new Map();
      for (const [doc, s] of mine) if (!scores || scores.has(doc)) next.set(doc, (scores ? scores.get(doc) : 0) + s);
      scores = next;
    });
    for (let i = 1; i < words.length; i++) {
      const ends = i === words.length - 1 ? lastTerms : [words[i].f];
      const written = words[i - 1].w + " " + words[i].w;
      for (const e of ends) {
        const p = got.get(words[i - 1].f + " " + e);
        for (const [doc, hit] of p.map) {
          if (scores.has(doc)) scores.set(doc, scores.get(doc) + 3 * score(p, hit, written, e !== words[i].f));
        }
      }
    }
    const matched = new Set(words.map((w) => w.f));
    return {
      docs: [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map((e) => e[0]),
      matches: (f) => matched.has(f) || (last.f.length >= 2 && f.startsWith(last.f)),
    };
  }
}

/** A facet column: `[least, text]`, one character a pilot ('0' + value − least), or numbers. */
function readColumn(col) {
  if (!Array.isArray(col) || typeof col[1] !== "string") return col;
  const [least, text] = col;
  return Array.from(text, (c) => least + c.charCodeAt(0) - 48);
}

/** facets.json as arrays by pilot: province, status, start, end numbers, field lists. */
function readFacets(raw) {
  const fc = {};
  for (const k of ["province", "status", "start", "end"]) fc[k] = readColumn(raw[k]);
  fc.field = raw.field.split(",").map((s) => Array.from(s, (c) => c.charCodeAt(0) - 48));
  return fc;
}

/** The facet values of pilot `d`, by facet name (years: every year of its period). */
function valuesOf(m, fc, d) {
  const prov = fc.province[d];
  const years = [];
  for (let y = fc.start[d]; y <= fc.end[d]; y++) years.push(String(y));
  const region = m.province[prov][2];
  return {
    province: [m.province[prov][0]],
    region: region == null ? [] : [m.region[region][0]],
    field: fc.field[d].map((f) => m.field[f][0]),
    status: [m.status[fc.status[d]][0]],
    year: years,
  };
}

function labelOf(m, facet, value) {
  const row = (m[facet] || []).find((r) => r[0] === value);
  return row ? row[1] : value;
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "text") e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

/** `text` with the words `matches` accepts wrapped in <mark>, as DOM nodes. */
function highlight(text, matches) {
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    if (!matches(fold(m[0]))) continue;
    frag.append(text.slice(at, m.index), el("mark", { text: m[0] }));
    at = m.index + m[0].length;
  }
  frag.append(text.slice(at));
  return frag;
}

/** The part of `text` around its first match, at most about 220 characters. */
function around(text, matches) {
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    if (!matches(fold(m[0]))) continue;
    if (text.length <= 220) return text;
    const start = Math.max(0, text.lastIndexOf(" ", Math.max(0, m.index - 60)));
    const cut = text.slice(start, start + 220);
    return (start > 0 ? "…" : "") + cut.trim() + (start + 220 < text.length ? "…" : "");
  }
  return null;
}

function fill(template, vars) {
  return template.replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? "");
}

function init(root) {
  const t = root.dataset;
  const index = new Index(t.index);
  const input = root.querySelector("#search-q");
  const status = root.querySelector("#search-status");
  const results = root.querySelector("#search-results");
  const facetsBox = root.querySelector("#search-facets");
  const state = { q: "", filters: {} };
  let seq = 0;

  function readUrl() {
    const params = new URLSearchParams(location.search);
    state.q = params.get("q") || "";
    state.filters = {};
    for (const f of FACETS) if (params.get(f)) state.filters[f] = params.get(f);
    input.value = state.q;
  }

  function href(filters) {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    for (const f of FACETS) if (filters[f]) params.set(f, filters[f]);
    const s = params.toString();
    return location.pathname + (s ? "?" + s : "");
  }

  async function run() {
    const mine = ++seq;
    history.replaceState(null, "", href(state.filters));
    const words = syllables(state.q);
    const clear = () => {
      results.replaceChildren();
      facetsBox.replaceChildren();
      facetsBox.hidden = true;
      root.querySelector(".search-more")?.remove();
    };
    if (!words.length) {
      clear();
      status.textContent = t.tEmpty;
      return;
    }
    // The previous results stay until the new ones are ready, so typing does not flicker.
    if (!results.childElementCount) status.textContent = t.tLoading;
    try {
      if (!index.m) await index.load();
      const [found, fc] = await Promise.all([index.search(words), index.facets()]);
      const m = index.m;
      const vals = found.docs.map((d) => valuesOf(m, fc, d));
      const passes = (v, except) =>
        FACETS.every((f) => f === except || !state.filters[f] || v[f].includes(state.filters[f]));
      const shown = found.docs.filter((_, i) => passes(vals[i]));
      await index.entries(shown.slice(0, PAGE));
      if (mine !== seq) return;
      clear();
      renderFacets(m, vals, passes);
      const q = state.q.trim();
      status.textContent = shown.length
        ? fill(shown.length === 1 ? t.tCountOne : t.tCount, { n: shown.length.toLocaleString(document.documentElement.lang), q })
        : fill(t.tNone, { q });
      await renderResults(shown, 0, found.matches, fc, mine);
    } catch (e) {
      if (mine === seq) status.textContent = t.tError;
      throw e;
    }
  }

  async function renderResults(docs, from, matches, fc, mine) {
    const page = docs.slice(from, from + PAGE);
    const entries = await index.entries(page);
    if (mine !== seq) return;
    const firstNew = results.childElementCount;
    const m = index.m;
    page.forEach((d, i) => {
      const [url, title, summary, sourced, values] = entries[i];
      const snippet = around(summary, matches) || summary;
      const meta = [m.province[fc.province[d]][1], fc.field[d].map((f) => m.field[f][1]).join(", "), m.status[fc.status[d]][1]];
      results.append(
        el(
          "li",
          { class: "search-result" },
          el("h2", {}, el("a", { href: t.base + url }, highlight(title, matches))),
          el("p", { class: "search-meta" }, highlight(meta.join(" · "), matches)),
          el("p", { class: "search-snippet" }, highlight(snippet, matches)),
          values ? el("p", { class: "search-provenance", text: fill(t.tSourced, { sourced, values }) }) : null,
        ),
      );
    });
    root.querySelector(".search-more")?.remove();
    // After "show more", the keyboard continues at the first new result.
    if (from > 0) results.children[firstNew]?.querySelector("a")?.focus();
    if (docs.length > from + PAGE) {
      const more = el("button", { type: "button", class: "search-more", text: t.tMore });
      more.addEventListener("click", () => renderResults(docs, from + PAGE, matches, fc, seq));
      results.after(more);
    }
  }

  function renderFacets(m, vals, passes) {
    // Open beside the results on wide screens; one tap away above them on phones.
    const box = el("details", {}, el("summary", { text: t.tFilters }));
    box.open = matchMedia("(min-width: 48rem)").matches || Object.values(state.filters).some(Boolean);
    facetsBox.append(box);
    for (const facet of FACETS) {
      const counts = new Map();
      for (const v of vals) if (passes(v, facet)) for (const x of v[facet]) counts.set(x, (counts.get(x) || 0) + 1);
      const selected = state.filters[facet];
      if (selected && !counts.has(selected)) counts.set(selected, 0);
      if (!counts.size) continue;
      const order = [...counts].sort((a, b) =>
        facet === "year" ? (a[0] < b[0] ? -1 : 1) : b[1] - a[1] || labelOf(m, facet, a[0]).localeCompare(labelOf(m, facet, b[0])),
      );
      const id = "facet-" + facet;
      const list = el("ul", { class: "facet-values", "aria-labelledby": id });
      for (const [value, n] of order) {
        const on = selected === value;
        const next = { ...state.filters, [facet]: on ? "" : value };
        const a = el(
          "a",
          { href: href(next), "data-facet": facet, "data-value": on ? "" : value, "data-key": facet + ":" + value },
          labelOf(m, facet, value),
          " ",
          el("span", { class: "count", text: String(n) }),
        );
        if (on) a.setAttribute("aria-current", "true");
        list.append(el("li", {}, a));
      }
      box.append(el("section", { class: "facet" }, el("h2", { id, text: t["t" + facet[0].toUpperCase() + facet.slice(1)] }), list));
    }
    if (Object.values(state.filters).some(Boolean)) {
      const clear = el("a", { href: href({}), class: "facet-clear", "data-facet": "*", text: t.tClear });
      box.append(clear);
    }
    facetsBox.hidden = false;
  }

  facetsBox.addEventListener("click", (ev) => {
    const a = ev.target.closest("a[data-facet]");
    if (!a) return;
    ev.preventDefault();
    if (a.dataset.facet === "*") state.filters = {};
    else state.filters[a.dataset.facet] = a.dataset.value;
    // Keep the keyboard where it was: on the same option, now (un)selected.
    const key = a.dataset.key;
    run().then(() => facetsBox.querySelector(`[data-key="${CSS.escape(key || "")}"]`)?.focus());
  });

  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      state.q = input.value;
      run();
    }, 150);
  });
  root.querySelector(".search-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    clearTimeout(timer);
    state.q = input.value;
    run();
  });
  readUrl();
  run();
}

const root = document.getElementById("search");
if (root) init(root);
