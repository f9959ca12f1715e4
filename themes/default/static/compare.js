// /compare/: two to four pilots side by side against the 2025 targets, read from
// /data/pilots.json and /data/indicators.json. The choice lives in the address
// (?p=province/commune,province/commune) so it can be shared. A value without a source
// (only in a sample pilot) is tagged illustrative in its own cell. DOM APIs and
// textContent only: no markup is built from data.

const MAX = 4;
const root = document.getElementById("compare");
const d = root.dataset;
const form = root.querySelector(".compare-form");
const status = root.querySelector(".compare-status");
const result = root.querySelector(".compare-result");
const numbers = new Intl.NumberFormat(d.lang === "en" ? "en-GB" : "vi-VN", { maximumFractionDigits: 2 });
const groupNames = d.groups.split("|");
const groupOrder = ["chinh-quyen-so", "kinh-te-so", "xa-hoi-so", "ha-tang-so"];

function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

function formatValue(indicator, value) {
  if (typeof value === "boolean") return value ? d.yes : d.no;
  const text = numbers.format(value);
  if (indicator.unit === "percent") return `${text} %`;
  if (indicator.unit === "million_vnd") return `${text} ${d.million}`;
  return text;
}

function targetText(indicator) {
  const target = indicator.target;
  if (!target) return "—";
  if (typeof target.value === "boolean") return formatValue(indicator, target.value);
  return `${indicator.better === "lower" ? "≤" : "≥"} ${formatValue(indicator, target.value)}`;
}

function keysFromAddress() {
  const params = new URLSearchParams(window.location.search);
  return params.getAll("p").flatMap((v) => v.split(",")).map((k) => k.trim()).filter(Boolean);
}

function writeAddress(keys) {
  const query = keys.length ? `?p=${keys.join(",")}` : "";
  window.history.replaceState(null, "", `${window.location.pathname}${query}`);
}

function render(chosen, indicators) {
  result.replaceChildren();
  if (chosen.length < 2) {
    status.textContent = d.empty;
    return;
  }
  status.textContent = "";
  const wrap = el("div", undefined, "table-scroll");
  const table = el("table", undefined, "data compare");
  table.createCaption().textContent = d.caption;
  const head = table.createTHead().insertRow();
  for (const text of [d.indicator, d.target]) {
    const th = el("th", text);
    th.scope = "col";
    head.appendChild(th);
  }
  for (const p of chosen) {
    const th = el("th");
    th.scope = "col";
    const a = el("a", p.commune);
    a.href = `${d.base}pilots/${p.province}/${p.slug}/`;
    th.append(a, el("span", p.province_name, "group"));
    head.appendChild(th);
  }
  const body = table.createTBody();
  let illustrative = false;
  for (const [g, group] of groupOrder.entries()) {
    const rows = indicators.filter((i) => i.group === group && chosen.some((p) => i.id in p.indicators));
    if (!rows.length) continue;
    const th = el("th", groupNames[g], "group-row");
    th.colSpan = chosen.length + 2;
    th.scope = "colgroup";
    body.insertRow().appendChild(th);
    for (const indicator of rows) {
      const row = body.insertRow();
      const name = el("th");
      name.scope = "row";
      const link = el("a", indicator.name[d.lang] || indicator.name.vi);
      link.href = `${d.base}indicators/${indicator.id}/`;
      name.appendChild(link);
      row.appendChild(name);
      row.appendChild(el("td", targetText(indicator), "num"));
      for (const p of chosen) {
        const metric = p.indicators[indicator.id];
        const cell = el("td", metric ? formatValue(indicator, metric.value) : "—", "num");
        if (metric && metric.meets_target !== undefined) {
          const met = metric.meets_target;
          cell.append(" ", el("span", met ? `✓ ${d.met}` : `✗ ${d.notMet}`, met ? "met" : "not-met"));
        }
        if (metric && !metric.source) {
          illustrative = true;
          cell.append(" ", el("span", d.illustrative, "tag-sample"));
        }
        row.appendChild(cell);
      }
    }
  }
  wrap.appendChild(table);
  result.appendChild(wrap);
  if (illustrative) result.appendChild(el("p", d.legend, "note"));
}

// The picker lists the pilots of the unit chosen above it (from pilots.json, which the
// page reads anyway; the page itself lists no pilot, so it stays small at any size),
// the chosen pilots first, whatever their unit.
function listChoices(pilots, byKey, keys, province) {
  const chosen = keys.map((k) => byKey.get(k));
  const rest = pilots
    .filter((p) => p.province === province && !keys.includes(`${p.province}/${p.slug}`))
    .sort((a, b) => a.commune.localeCompare(b.commune, "vi"));
  const items = [...chosen, ...rest].map((p) => {
    const box = el("input");
    box.type = "checkbox";
    box.name = "p";
    box.value = `${p.province}/${p.slug}`;
    box.checked = keys.includes(box.value);
    const label = el("label");
    label.append(box, ` ${p.commune} `, el("span", `(${p.province_name})`, "muted"));
    const item = el("li");
    item.appendChild(label);
    return item;
  });
  form.querySelector(".compare-choices").replaceChildren(...items);
}

async function main() {
  let pilots;
  let indicators;
  try {
    const load = (name) => fetch(`${d.base}data/${name}.json`).then((r) => (r.ok ? r.json() : Promise.reject(r.status)));
    [pilots, indicators] = await Promise.all([load("pilots"), load("indicators")]);
  } catch {
    status.textContent = d.error;
    return;
  }
  const byKey = new Map(pilots.map((p) => [`${p.province}/${p.slug}`, p]));
  let keys = [...new Set(keysFromAddress())].filter((k) => byKey.has(k)).slice(0, MAX);
  const unit = form.querySelector("select[name=province]");
  unit.value = keys.length ? byKey.get(keys[0]).province : "";
  listChoices(pilots, byKey, keys, unit.value);
  root.querySelector(".compare-nojs").hidden = true;
  form.hidden = false;
  form.addEventListener("change", (e) => {
    if (e.target === unit) {
      listChoices(pilots, byKey, keys, unit.value);
      return;
    }
    const box = e.target;
    if (box.checked && keys.length >= MAX) {
      box.checked = false;
      status.textContent = d.tooMany;
      return;
    }
    keys = box.checked ? [...keys, box.value] : keys.filter((k) => k !== box.value);
    writeAddress(keys);
    render(keys.map((k) => byKey.get(k)), indicators);
  });
  render(keys.map((k) => byKey.get(k)), indicators);
}

main();
