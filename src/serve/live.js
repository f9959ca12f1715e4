// langso serve only (never in a built site): reloads the page when the files it shows
// are rebuilt, and shows content errors over the page until they are fixed. Every
// text from the server is inserted with textContent, never as markup.

const style = document.createElement("link");
style.rel = "stylesheet";
style.href = "/__langso/live.css";
document.head.append(style);

/** The built file this page was served from, as the server names it. */
function currentFile() {
  let path = decodeURIComponent(location.pathname).replace(/^\/+/, "");
  if (path === "" || path.endsWith("/")) path += "index.html";
  return path;
}

let overlay = null;

function element(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function showErrors(errors) {
  if (overlay) overlay.remove();
  overlay = null;
  if (!Array.isArray(errors) || errors.length === 0) return;
  overlay = element("section", "langso-overlay");
  overlay.setAttribute("role", "alert");
  overlay.setAttribute("aria-label", "langso");
  const close = element("button", "langso-close", "×");
  close.type = "button";
  // In the page's language, as the messages below are.
  const english = document.documentElement.lang === "en";
  close.setAttribute("aria-label", english ? "Close" : "Đóng");
  close.addEventListener("click", () => overlay.remove());
  overlay.append(close);
  const n = errors.length;
  overlay.append(element("h2", "", english
    ? `${n} error(s) in the content — showing the last good version of the site`
    : `Nội dung có ${n} lỗi — trang đang hiển thị bản đúng gần nhất`));
  const list = element("ol", "langso-errors");
  for (const e of errors) {
    const item = element("li");
    const where = e.path ? `${e.path}:${e.line}:${e.column}` : "";
    item.append(element("p", "langso-where", `${where} [${e.code}]`.trim()));
    item.append(element("p", "langso-message", e.message));
    if (e.help) item.append(element("p", "langso-help", e.help));
    list.append(item);
  }
  overlay.append(list);
  document.body.append(overlay);
}

const events = new EventSource("/__langso/events");
events.addEventListener("errors", (ev) => showErrors(JSON.parse(ev.data)));
events.addEventListener("reload", (ev) => {
  const change = JSON.parse(ev.data);
  const here = currentFile();
  // A page reloads when it changed, or a file it may use (style, script, image) did.
  if (change.all || change.paths.some((p) => p === here || !p.endsWith(".html"))) {
    location.reload();
  } else {
    showErrors([]);
  }
});
