//! Raw HTML in Markdown. Each fragment the author wrote (an HTML block or an inline tag)
//! is read by html5ever's tokenizer, as a browser reads it (entities decoded, `<script>`
//! and `<style>` content as raw text), and written back with only what the allowlist
//! keeps: the same decisions give `langso check` its list of what will be removed and
//! the build its HTML, so the two cannot disagree. Each fragment is written back whole,
//! so no tag the author opens can swallow the markup the renderer writes after it.
//! Then the whole document goes through ammonia, whose allowlist is the same.
//!
//! What the author's markup may not take from the page: a `class` (the theme's styling)
//! is removed; an `id` (and an `<a name>`) becomes `user-content-<id>`, as GitHub does, so
//! it can never be one of the theme's ids, and a link to `#<id>` written in the same
//! document follows it. Every URL-bearing attribute goes through the scheme filter of
//! Markdown links (`url_allowed`). That link policy (`url_allowed`, `has_scheme`,
//! `LINK_REL`) lives here, beside the sanitizer whose schemes it reads, and Markdown
//! uses it from here: `markdown` uses `raw_html`, never the other way round.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};

use super::feeds::xml_escape;
use crate::diag::{Msg, msg};

/// The prefix of every id and anchor name the author's raw HTML gives.
pub const USER_CONTENT: &str = "user-content-";

/// The `rel` of every link in content.
pub(super) const LINK_REL: &str = "noopener noreferrer";

/// Whether a browser following `url` stays on the web: it has no scheme, or one the
/// sanitizer allows. Read as a browser reads it: leading spaces and control characters
/// dropped, tabs and line breaks removed anywhere.
pub(super) fn url_allowed(url: &str) -> bool {
    static SCHEMES: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let read: String =
        url.trim_start_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let Some((scheme, _)) = read.split_once(':').filter(|_| has_scheme(&read)) else { return true };
    SCHEMES.get_or_init(|| sanitizer().clone_url_schemes()).contains(scheme.to_ascii_lowercase().as_str())
}

/// Whether `dest` starts with a URL scheme (`https:`, `javascript:`): a letter, then
/// letters, digits, `+`, `-` or `.`, up to the first colon.
pub(super) fn has_scheme(dest: &str) -> bool {
    let Some(colon) = dest.find(':') else { return false };
    let scheme = &dest[..colon];
    !scheme.is_empty()
        && scheme.as_bytes()[0].is_ascii_alphabetic()
        && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.')
}

/// Attributes that hold a URL, in any element (whatever the allowlist lets through now or later).
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "srcset",
    "cite",
    "action",
    "formaction",
    "poster",
    "longdesc",
    "background",
    "codebase",
    "data",
    "ping",
    "xlink:href",
    "usemap",
    "manifest",
    "icon",
    "profile",
    "dynsrc",
    "lowsrc",
    "archive",
    "classid",
    "itemtype",
];

/// Something the publishing of a raw HTML fragment removes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Removed {
    /// An element not on the allowlist (its text stays, but for `<script>` and `<style>`).
    Tag(String),
    /// An attribute of a kept element.
    Attribute { tag: String, name: String },
    /// A tag or comment the fragment does not finish.
    Unfinished,
}

impl Removed {
    fn words(&self) -> Msg {
        match self {
            Removed::Tag(name) => msg!("html-tag", name = name),
            Removed::Attribute { tag, name } => msg!("html-attribute", tag = tag, name = name),
            Removed::Unfinished => msg!("html-unfinished"),
        }
    }
}

/// What the given items are, in one phrase ("`<script>`, `onclick` on `<a>`").
pub fn describe(removed: &[Removed]) -> Option<Msg> {
    removed.iter().map(Removed::words).reduce(|first, rest| msg!("html-list", first = first, rest = rest))
}

/// A raw HTML fragment as it will be published.
#[derive(Debug, Default)]
pub struct Cleaned {
    pub html: String,
    /// What was removed, each once, in order of appearance.
    pub removed: Vec<Removed>,
    /// The `src`/`srcset` URLs of its images on another host (removed, and an error).
    pub external: Vec<String>,
}

/// The ids and anchor names a fragment gives, as written (before `USER_CONTENT`).
pub fn author_ids(fragment: &str) -> Vec<String> {
    tokens(fragment)
        .into_iter()
        .filter_map(|t| match t {
            Tok::Start { name, attrs } => Some((name, attrs)),
            _ => None,
        })
        .flat_map(|(tag, attrs)| {
            attrs.into_iter().filter(move |(k, v)| !v.is_empty() && (k == "id" || (k == "name" && tag == "a")))
        })
        .map(|(_, v)| v)
        .collect()
}

/// `fragment` with only what the allowlist keeps. `author_anchor(f)` says whether an
/// in-page link `#f` is to an id the author gave (and so to `#user-content-f`).
pub fn clean(fragment: &str, author_anchor: &dyn Fn(&str) -> bool) -> Cleaned {
    let mut out = Cleaned::default();
    let removed = |r: Removed, out: &mut Cleaned| {
        if !out.removed.contains(&r) {
            out.removed.push(r);
        }
    };
    let tags = allowed_tags();
    let dropped_content = dropped_content_tags();
    // The element whose content is dropped with it (`<script>`), until its end tag.
    let mut skipping: Option<String> = None;
    for token in tokens(fragment) {
        match token {
            Tok::Start { .. } | Tok::End(_) | Tok::Text(_) if skipping.is_some() => {
                if matches!(&token, Tok::End(name) if Some(name) == skipping.as_ref()) {
                    skipping = None;
                }
            }
            Tok::Start { name, attrs } => {
                if !tags.contains(name.as_str()) {
                    if dropped_content.contains(name.as_str()) {
                        skipping = Some(name.clone());
                    }
                    removed(Removed::Tag(name), &mut out);
                    continue;
                }
                out.html.push('<');
                out.html.push_str(&name);
                for (key, value) in attrs {
                    if matches!(name.as_str(), "img" | "source") && matches!(key.as_str(), "src" | "srcset") {
                        let urls = candidates(&key, &value);
                        out.external.extend(urls.into_iter().filter(|u| is_on_another_host(u)).map(str::to_string));
                    }
                    match attribute(&name, &key, &value, author_anchor) {
                        Some(kept) => {
                            out.html.push(' ');
                            out.html.push_str(&key);
                            out.html.push_str("=\"");
                            out.html.push_str(&xml_escape(&kept));
                            out.html.push('"');
                        }
                        None => removed(Removed::Attribute { tag: name.clone(), name: key }, &mut out),
                    }
                }
                out.html.push('>');
            }
            Tok::End(name) => {
                if tags.contains(name.as_str()) {
                    out.html.push_str("</");
                    out.html.push_str(&name);
                    out.html.push('>');
                } else {
                    removed(Removed::Tag(name), &mut out);
                }
            }
            Tok::Text(text) => out.html.push_str(&xml_escape(&text)),
            Tok::Unfinished => removed(Removed::Unfinished, &mut out),
        }
    }
    out
}

/// What an attribute of the author's element becomes: its value, changed or not, or
/// `None` if it is removed.
fn attribute(tag: &str, name: &str, value: &str, author_anchor: &dyn Fn(&str) -> bool) -> Option<String> {
    match name {
        "id" => (!value.is_empty()).then(|| format!("{USER_CONTENT}{value}")),
        "name" if tag == "a" => (!value.is_empty()).then(|| format!("{USER_CONTENT}{value}")),
        "class" => None,
        _ if !allowed_attribute(tag, name) => None,
        "href" => match value.strip_prefix('#') {
            Some(fragment) if author_anchor(fragment) => Some(format!("#{USER_CONTENT}{fragment}")),
            _ => filter(tag, name, value),
        },
        _ => filter(tag, name, value),
    }
}

fn allowed_attribute(tag: &str, name: &str) -> bool {
    static GENERIC: OnceLock<HashSet<&'static str>> = OnceLock::new();
    static BY_TAG: OnceLock<HashMap<&'static str, HashSet<&'static str>>> = OnceLock::new();
    GENERIC.get_or_init(|| sanitizer().clone_generic_attributes()).contains(name)
        || BY_TAG.get_or_init(|| sanitizer().clone_tag_attributes()).get(tag).is_some_and(|names| names.contains(name))
}

/// The value rules of the allowlist, for the author's fragments and (as ammonia's
/// attribute filter) for the whole document: `None` removes the attribute.
fn filter(tag: &str, name: &str, value: &str) -> Option<String> {
    match (tag, name) {
        ("input", "type") if value != "checkbox" => None,
        ("div", "tabindex") if value != "0" => None,
        // The site makes no request to another host (`external-image` reports these).
        ("img" | "source", "src" | "srcset") if candidates(name, value).into_iter().any(is_on_another_host) => None,
        _ if URL_ATTRIBUTES.contains(&name) && !candidates(name, value).into_iter().all(url_allowed) => None,
        _ => Some(value.to_string()),
    }
}

/// The URLs of an attribute: a `srcset` lists `URL [descriptor]` candidates separated by commas.
fn candidates<'a>(name: &str, value: &'a str) -> Vec<&'a str> {
    match name {
        "srcset" => value.split(',').filter_map(|c| c.split_whitespace().next()).collect(),
        _ => vec![value],
    }
}

/// Whether a URL points at another host (script and data URLs are the scheme filter's to strip).
pub fn is_on_another_host(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("//")
        || (has_scheme(&lower) && !["data:", "javascript:", "vbscript:"].iter().any(|s| lower.starts_with(s)))
}

/// A token of a fragment, as much of it as the allowlist looks at.
#[derive(Debug)]
enum Tok {
    Start { name: String, attrs: Vec<(String, String)> },
    End(String),
    Text(String),
    Unfinished,
}

#[derive(Default)]
struct Sink {
    tokens: RefCell<Vec<Tok>>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut tokens = self.tokens.borrow_mut();
        match token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => {
                let name = tag.name.to_string();
                let attrs = tag
                    .attrs
                    .iter()
                    .map(|a| {
                        let key = match &a.name.prefix {
                            Some(p) => format!("{p}:{}", a.name.local),
                            None => a.name.local.to_string(),
                        };
                        (key, a.value.to_string())
                    })
                    .collect();
                tokens.push(Tok::Start { name: name.clone(), attrs });
                // The content models a browser's parser switches to.
                match name.as_str() {
                    "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" => TokenSinkResult::RawData(RawKind::Rawtext),
                    "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                    "plaintext" => TokenSinkResult::Plaintext,
                    _ => TokenSinkResult::Continue,
                }
            }
            Token::TagToken(tag) => {
                tokens.push(Tok::End(tag.name.to_string()));
                TokenSinkResult::Continue
            }
            Token::CharacterTokens(t) => {
                match tokens.last_mut() {
                    Some(Tok::Text(text)) => text.push_str(&t),
                    _ => tokens.push(Tok::Text(t.to_string())),
                }
                TokenSinkResult::Continue
            }
            Token::ParseError(e) if e.contains("EOF") => {
                tokens.push(Tok::Unfinished);
                TokenSinkResult::Continue
            }
            // Comments and doctypes are not content: never published, never reported.
            _ => TokenSinkResult::Continue,
        }
    }
}

fn tokens(fragment: &str) -> Vec<Tok> {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(fragment));
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.tokens.take()
}

fn allowed_tags() -> &'static HashSet<&'static str> {
    static TAGS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    TAGS.get_or_init(|| sanitizer().clone_tags())
}

fn dropped_content_tags() -> &'static HashSet<&'static str> {
    static TAGS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    TAGS.get_or_init(|| sanitizer().clone_clean_content_tags())
}

/// The allowlist. `id` and `class` are allowed for the markup the renderer writes
/// (heading ids, footnotes, the table box); the author's fragments reach it through
/// `clean`, which prefixes or removes theirs.
pub(super) fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        // `picture`, `source` and the `img` attributes after `alt`: the renderer's own
        // responsive images (`markdown/pictures.rs`).
        b.add_tags(["input", "section", "figure", "figcaption", "picture", "source"])
            .add_generic_attributes(["id", "class"])
            .add_tag_attributes("img", ["srcset", "sizes", "loading", "decoding"])
            .add_tag_attributes("source", ["type", "srcset", "sizes"])
            .add_tag_attributes("a", ["name"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tag_attributes("div", ["tabindex"])
            .attribute_filter(|element, attribute, value| filter(element, attribute, value).map(Into::into))
            .link_rel(Some(LINK_REL));
        b
    })
}

/// Cleans an HTML document with the content allowlist.
pub fn sanitize(html: &str) -> String {
    sanitizer().clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    use super::*;
    use crate::model::{Document, Lang};
    use crate::render::markdown::{LinkTargets, Need, render};

    /// Raw HTML of every kind the allowlist decides on, one document each.
    const CORPUS: &[&str] = &[
        "<script>alert(1)</script>\n",
        "<SCRIPT SRC=//evil.test/x.js></SCRIPT>\n",
        "<style>body{display:none}</style>\n\nText.\n",
        "<iframe src=\"https://evil.test/\">x</iframe>\n",
        "<object data=\"x.swf\"></object> <embed src=\"x.swf\">\n",
        "<img src=\"anh.png\" alt=\"a\" width=\"10\" onerror=\"alert(1)\">\n",
        "<img src=\"anh.png\" srcset=\"javascript:x 1x\" longdesc=\"javascript:x\">\n",
        "<a href=\"javascript:alert(1)\">a</a> <a href=\"jav&#x61;script:x\">b</a> <a href=\" JaVaScRiPt:x\">c</a>\n",
        "<a href=\"data:text/html,x\" title=\"t\">a</a> <a href=\"vbscript:x\">b</a> <a href=\"https://vi.wikipedia.org/\">ok</a>\n",
        "<blockquote cite=\"javascript:alert(1)\">q</blockquote>\n",
        "<q cite=\"https://example.org/\">ok</q> <del cite=\"javascript:x\">d</del> <ins cite=\"data:x\">i</ins>\n",
        "<div id=\"main\" class=\"official-banner\">hijack</div>\n",
        "<p id=\"muc\">x</p>\n\n<a href=\"#muc\">to it</a> <a name=\"old\">old</a> <a href=\"#old\">to old</a>\n",
        "<span class=\"x\" style=\"color:red\" lang=\"vi\" title=\"t\">s</span>\n",
        "<div tabindex=\"1\">a</div> <div tabindex=\"0\">b</div>\n",
        "<input type=\"text\" name=\"q\" value=\"v\"> <input type=\"checkbox\" checked disabled>\n",
        "<details open ontoggle=\"alert(1)\"><summary>s</summary>x</details>\n",
        "<form action=\"javascript:x\"><button formaction=\"javascript:y\">b</button></form>\n",
        "<video poster=\"javascript:x\" src=\"v.mp4\"></video>\n",
        "<svg onload=\"alert(1)\"><a xlink:href=\"javascript:x\"><text>t</text></a></svg>\n",
        "<math><mtext>x</mtext></math>\n",
        "<noscript><b>n</b></noscript>\n",
        "<table><tr><td align=\"right\" onclick=\"x\">1</td><th scope=\"col\" class=\"c\">h</th></tr></table>\n",
        "<custom-el data-x=\"1\">c</custom-el> <b>b</b> <kbd>k</kbd> <abbr title=\"t\">a</abbr>\n",
        "<p align=\"center\" dir=\"rtl\">p</p> <hr size=\"2\"> <br>\n",
        "<base href=\"https://evil.test/\"> <meta http-equiv=\"refresh\" content=\"0\"> <link rel=\"stylesheet\" href=\"x.css\">\n",
    ];

    fn doc(md: &str) -> Document {
        Document {
            path: "content/pilots/an-giang/thoai-giang/index.md".into(),
            dir: "content/pilots/an-giang/thoai-giang".into(),
            markdown: md.into(),
            line_offset: 0,
        }
    }

    /// Every start tag, end tag and attribute of `html`, counted.
    fn items(html: &str) -> BTreeMap<Removed, usize> {
        let mut counts = BTreeMap::new();
        for t in tokens(html) {
            let found = match t {
                Tok::Start { name, attrs } => {
                    let mut found: Vec<Removed> =
                        attrs.into_iter().map(|(k, _)| Removed::Attribute { tag: name.clone(), name: k }).collect();
                    found.push(Removed::Tag(name));
                    found
                }
                Tok::End(name) => vec![Removed::Tag(name)],
                _ => vec![],
            };
            for item in found {
                *counts.entry(item).or_insert(0) += 1;
            }
        }
        counts
    }

    /// What `langso check` says will be removed, read back from its English warnings.
    fn reported(md: &str) -> BTreeSet<Removed> {
        let mut diags = Vec::new();
        render(&doc(md), Path::new("/nonexistent"), &LinkTargets::default(), "/", Need::Checks, &mut diags);
        let mut out = BTreeSet::new();
        for d in diags.iter().filter(|d| d.code == "raw-html-removed") {
            let text = d.message.render(Lang::En);
            let what = text
                .strip_prefix("raw HTML ")
                .and_then(|t| t.strip_suffix(" will be removed when the page is published"));
            for item in what.unwrap_or_else(|| panic!("{text}")).split(", ") {
                let parts: Vec<&str> = item.split('`').collect();
                let tag = |s: &str| s.trim_start_matches('<').trim_end_matches('>').to_string();
                out.insert(match parts.as_slice() {
                    ["", t, ""] => Removed::Tag(tag(t)),
                    ["", name, " on ", t, ""] => Removed::Attribute { tag: tag(t), name: name.to_string() },
                    _ => panic!("cannot read `{item}` in {text}"),
                });
            }
        }
        out
    }

    /// What the build dropped: the author's tags and attributes fewer in the published HTML
    /// than in the source (the renderer's own markup only adds: `<p>`, `rel`).
    fn dropped(md: &str) -> BTreeSet<Removed> {
        let mut diags = Vec::new();
        let page = render(&doc(md), Path::new("/nonexistent"), &LinkTargets::default(), "/", Need::Page, &mut diags);
        let published = items(&page.html);
        let fewer: BTreeSet<Removed> = items(md)
            .into_iter()
            .filter(|(item, n)| published.get(item).copied().unwrap_or(0) < *n)
            .map(|(i, _)| i)
            .collect();
        // A removed element's attributes go with it.
        let gone = |tag: &String| fewer.contains(&Removed::Tag(tag.clone()));
        fewer.iter().filter(|i| !matches!(i, Removed::Attribute { tag, .. } if gone(tag))).cloned().collect()
    }

    #[test]
    fn check_reports_exactly_what_the_build_removes() {
        let mut removed_somewhere = 0;
        for md in CORPUS {
            let (reported, dropped) = (reported(md), dropped(md));
            assert_eq!(reported, dropped, "check and build disagree on {md:?}");
            removed_somewhere += usize::from(!dropped.is_empty());
        }
        assert!(removed_somewhere >= CORPUS.len() - 2, "the corpus exercises the allowlist");
    }

    #[test]
    fn author_ids_are_prefixed_and_in_page_links_follow_them() {
        let mut diags = Vec::new();
        let md = "## Kết quả\n\n<p id=\"muc\" class=\"banner\">x</p> <a name=\"cu\">c</a>\n\n\
                  [a](#muc) <a href=\"#cu\">b</a> [c](#ket-qua) <a href=\"#ket-qua\">d</a>\n";
        let page = render(&doc(md), Path::new("/nonexistent"), &LinkTargets::default(), "/", Need::Page, &mut diags);
        let html = &page.html;
        assert!(html.contains("<p id=\"user-content-muc\">x</p>"), "{html}");
        assert!(html.contains("<a name=\"user-content-cu\""), "{html}");
        assert!(html.contains("href=\"#user-content-muc\"") && html.contains("href=\"#user-content-cu\""), "{html}");
        assert!(html.contains("<h2 id=\"ket-qua\">") && html.matches("href=\"#ket-qua\"").count() == 2, "{html}");
        assert!(!html.contains("banner"), "{html}");
        assert!(page.anchors.is_empty() || page.anchors.iter().all(|a| a.fragment == "ket-qua"), "{:?}", page.anchors);
        assert!(diags.iter().all(|d| d.code == "raw-html-removed"), "{diags:?}");
    }

    /// A tag cut off by the end of its fragment (a blank line ends an HTML block) is
    /// dropped and reported; it cannot take the renderer's markup after it as attributes.
    #[test]
    fn unfinished_tags_are_dropped_and_reported() {
        let cleaned = clean("<div title='a", &|_| false);
        assert_eq!((cleaned.html.as_str(), cleaned.removed.as_slice()), ("", &[Removed::Unfinished][..]));
        let mut diags = Vec::new();
        let md = "<div title='a\n\nb'><script>alert(1)</script>\n";
        let page = render(&doc(md), Path::new("/nonexistent"), &LinkTargets::default(), "/", Need::Page, &mut diags);
        assert!(!page.html.contains("title") && !page.html.contains("<script"), "{}", page.html);
        let what = diags.iter().map(|d| d.message.render(Lang::En)).collect::<Vec<_>>().join("\n");
        assert!(what.contains("an unfinished tag or comment"), "{what}");
    }

    #[test]
    fn every_url_attribute_is_scheme_filtered() {
        for (tag, attr) in
            [("blockquote", "cite"), ("q", "cite"), ("del", "cite"), ("ins", "cite"), ("a", "href"), ("img", "src")]
        {
            assert_eq!(filter(tag, attr, "javascript:alert(1)"), None, "{tag} {attr}");
            assert_eq!(filter(tag, attr, " JAVA\tSCRIPT:x"), None, "{tag} {attr}");
            assert!(filter(tag, attr, "anh.png").is_some(), "{tag} {attr}");
        }
        let html = sanitize("<blockquote cite=\"javascript:alert(1)\">q</blockquote>");
        assert_eq!(html, "<blockquote>q</blockquote>");
        // The site loads nothing from another host, however the address is spelled.
        let html = sanitize("<img src=\"h&#116;tp://tracker.example/p.png\" srcset=\"//x.test/a.png 1x\" alt=\"a\">");
        assert_eq!(html, "<img alt=\"a\">");
    }
}
