//! The diff as the Markdown of a pull-request comment: worded from the catalog alone, in
//! the new site's language, every string from content shown as a code span (`code`), so
//! the pull request it describes cannot forge it.

use std::fmt::Write as _;

use super::{Change, EntryChange, KeyChange, Reach, SiteDiff, key, targets_met};
use crate::diag::{Msg, msg};
use crate::model::*;
use crate::numbers::number;

/// Text from the pull request as a GitHub Markdown code span: nothing in it becomes HTML,
/// a comment, a link, a mention, an image or math; it stays on one line (line breaks
/// become spaces), invisible and control characters are written as `<U+202E>`, and the
/// fence is longer than any run of backticks inside. Never used in a table cell (a `|`
/// there would end the cell even inside a code span); tables hold only our own words,
/// numbers and indicator ids.
fn code(s: &str) -> String {
    let shown = crate::unicode::visible(&s.replace(['\r', '\n'], " "));
    if shown.is_empty() {
        return "`\"\"`".to_string();
    }
    let longest = shown.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if shown.starts_with(['`', ' ']) || shown.ends_with(['`', ' ']) { " " } else { "" };
    format!("{fence}{pad}{shown}{pad}{fence}")
}

/// A value with its unit, in the catalog's words ("99,4 %", "58,5 triệu đồng", "Có").
fn value_text(ind: &Indicator, v: Value, lang: Lang) -> String {
    match (ind.unit, v) {
        (_, Value::Bool(true)) => msg!("value-yes").render(lang),
        (_, Value::Bool(false)) => msg!("value-no").render(lang),
        (Unit::Percent, Value::Number(n)) => format!("{} %", number(n, 2, lang)),
        (Unit::MillionVnd, Value::Number(n)) => {
            format!("{} {}", number(n, 2, lang), msg!("unit-million-vnd").render(lang))
        }
        (_, Value::Number(n)) => number(n, 2, lang),
    }
}

/// "≥ 60 %", or "" without a target.
fn target_text(ind: &Indicator, lang: Lang) -> String {
    let Some(tg) = &ind.target else { return String::new() };
    let cmp = match (tg.value, ind.better) {
        (Value::Bool(_), _) => "",
        (_, Better::Higher) => "≥ ",
        (_, Better::Lower) => "≤ ",
    };
    format!("{cmp}{}", value_text(ind, tg.value, lang))
}

fn status_text(s: Status, lang: Lang) -> String {
    Msg::new(match s {
        Status::Planned => "status-planned",
        Status::Ongoing => "status-ongoing",
        Status::Completed => "status-completed",
        Status::Recognized => "status-recognized",
    })
    .render(lang)
}

/// The diff as Markdown for a pull-request comment, worded in `lang` from the catalog alone.
pub fn to_markdown(d: &SiteDiff, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n", msg!("diff-title").render(lang));
    if d.is_empty() {
        let _ = writeln!(out, "{}", msg!("diff-none").render(lang));
        return out;
    }
    let summary = msg!("diff-summary", added = d.added.len(), removed = d.removed.len(), changed = d.changed.len());
    let _ = writeln!(out, "**{}**", summary.render(lang));
    if !d.entries.is_empty() {
        let _ = writeln!(out, "\n**{}**", msg!("diff-summary-entries", count = d.entries.len()).render(lang));
    }
    pilots_markdown(d, lang, &mut out);
    entries_markdown(&d.entries, lang, &mut out);
    out
}

fn pilots_markdown(d: &SiteDiff, lang: Lang, out: &mut String) {
    for (title, list) in [("diff-added", &d.added), ("diff-removed", &d.removed)] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n### {}\n", Msg::new(title).render(lang));
        for (site, p) in list.iter() {
            let (met, targets) = targets_met(site, p);
            let facts = msg!(
                "diff-pilot-facts",
                status = status_text(p.status, lang),
                indicators = p.metrics.len(),
                met = met,
                targets = targets,
            );
            let province = &site.province(p.province).name;
            let _ = writeln!(
                out,
                "- {} ({}) — {}: {}",
                code(&p.commune),
                code(province),
                code(&key(site, p)),
                facts.render(lang)
            );
        }
    }
    if !d.changed.is_empty() {
        let _ = writeln!(out, "\n### {}", msg!("diff-changed").render(lang));
    }
    for c in &d.changed {
        let _ = writeln!(out, "\n#### {} — {}\n", code(&c.new.commune), code(&c.path));
        if c.old.status != c.new.status {
            let (o, n) = (status_text(c.old.status, lang), status_text(c.new.status, lang));
            let _ = writeln!(out, "{}\n", msg!("diff-status", old = o, new = n).render(lang));
        }
        if !c.keys.is_empty() {
            keys_markdown(&c.keys, "", lang, out);
            out.push('\n');
        }
        if !c.values.is_empty() {
            let head = ["diff-col-indicator", "diff-col-old", "diff-col-new", "diff-col-target", "diff-col-crossed"];
            let head: Vec<String> = head.iter().map(|h| Msg::new(h).render(lang)).collect();
            let _ = writeln!(out, "| {} |", head.join(" | "));
            let _ = writeln!(out, "|---|--:|--:|--:|---|");
            for v in &c.values {
                let show = |x: Option<Value>| x.map(|x| value_text(v.indicator, x, lang)).unwrap_or_else(|| "—".into());
                let crossed = match v.crossed() {
                    Some(true) => msg!("diff-now-meets").render(lang),
                    Some(false) => msg!("diff-no-longer-meets").render(lang),
                    None => String::new(),
                };
                let _ = writeln!(
                    out,
                    "| `{}` | {} | {} | {} | {crossed} |",
                    v.indicator.id,
                    show(v.old),
                    show(v.new),
                    target_text(v.indicator, lang),
                );
            }
            out.push('\n');
        }
        if !c.proposals.is_empty() {
            let _ = writeln!(out, "{}:\n", msg!("diff-proposals").render(lang));
            for p in &c.proposals {
                let show = |x: Option<&Proposal>| {
                    x.map(|x| value_text(p.indicator, x.threshold, lang)).unwrap_or_else(|| "—".into())
                };
                let note = p.new.and_then(|x| x.note.as_deref()).map(|n| format!(" — {}", code(n))).unwrap_or_default();
                let _ = writeln!(out, "- `{}`: {} → {}{note}", p.indicator.id, show(p.old), show(p.new));
            }
            out.push('\n');
        }
    }
}

/// Longer values (a page's text) are only said to have changed.
const SHOWN_VALUE_CHARS: usize = 200;

/// One line per key, `- `key`: old → new`, indented by `indent`.
fn keys_markdown(keys: &[KeyChange], indent: &str, lang: Lang, out: &mut String) {
    for (k, o, n) in keys {
        let long = |v: &Option<String>| v.as_ref().is_some_and(|v| v.chars().count() > SHOWN_VALUE_CHARS);
        if long(o) || long(n) {
            let _ = writeln!(out, "{indent}- `{k}`: {}", msg!("diff-entry-changed").render(lang));
            continue;
        }
        let show = |v: &Option<String>| v.as_deref().map(code).unwrap_or_else(|| "—".into());
        let _ = writeln!(out, "{indent}- `{k}`: {} → {}", show(o), show(n));
    }
}

fn entries_markdown(entries: &[EntryChange], lang: Lang, out: &mut String) {
    if entries.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n### {}\n", msg!("diff-entries").render(lang));
    for e in entries {
        let what = match &e.id {
            Some(id) => format!("{} › {}", code(&e.file), code(id)),
            None => code(&e.file),
        };
        let change = match e.change {
            Change::Added => msg!("diff-entry-added"),
            Change::Removed => msg!("diff-entry-removed"),
            Change::Changed(_) => msg!("diff-entry-changed"),
        };
        let reach = match (&e.change, e.reach) {
            (Change::Removed, _) => None,
            (_, Reach::Everything) => Some(msg!("diff-reach-everything")),
            (_, Reach::Pilots(n)) => Some(msg!("diff-reach-pilots", count = n)),
            (_, Reach::Page) => None,
        };
        let reach = reach.map(|r| format!("; {}", r.render(lang))).unwrap_or_default();
        let _ = writeln!(out, "- {what} — {}{reach}", change.render(lang));
        if let Change::Changed(keys) = &e.change {
            keys_markdown(keys, "  ", lang, out);
        }
        if let Some(c) = &e.crossing {
            let crossing = msg!("diff-crossing", down = c.no_longer_meet, up = c.now_meet);
            let _ = writeln!(out, "  - {}", crossing.render(lang));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::code;

    #[test]
    fn code_spans_hold_any_text_on_one_line() {
        assert_eq!(code("Xã Giao Phong"), "`Xã Giao Phong`");
        assert_eq!(code("a `b` c"), "``a `b` c``");
        assert_eq!(code("``x"), "``` ``x ```");
        assert_eq!(code("x "), "` x  `");
        assert_eq!(code(""), "`\"\"`");
        assert_eq!(code("a\nb\r\nc"), "`a b  c`");
        assert_eq!(code("\u{202E}x\u{1b}[2J"), "`<U+202E>x<U+001B>[2J`");
    }
}
