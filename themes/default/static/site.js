// langso default theme: progressive enhancements only; every page works without it.
// Tables marked data-sortable get sort buttons in their column headings.

function cellValue(row, index) {
  const cell = row.cells[index];
  if (!cell) return "";
  return cell.dataset.sortValue ?? cell.textContent.trim();
}

function compare(a, b) {
  const na = Number(a);
  const nb = Number(b);
  if (a !== "" && b !== "" && !Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  return a.localeCompare(b, document.documentElement.lang || "vi", { sensitivity: "base", numeric: true });
}

function makeSortable(table) {
  const headings = table.tHead ? Array.from(table.tHead.rows[0].cells) : [];
  const body = table.tBodies[0];
  if (!body) return;
  headings.forEach((th, index) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", () => {
      const ascending = th.getAttribute("aria-sort") !== "ascending";
      headings.forEach((h) => h.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const rows = Array.from(body.rows);
      rows.sort((r1, r2) => compare(cellValue(r1, index), cellValue(r2, index)) * (ascending ? 1 : -1));
      rows.forEach((r) => body.appendChild(r));
    });
  });
}

document.querySelectorAll("table[data-sortable]").forEach(makeSortable);

// The comparison page loads its own module only where it is needed.
if (document.getElementById("compare")) import("./compare.js");
