//! The output safety scan: everything in a built site that could run code and did not
//! come from the theme. HTML is tokenized by html5ever (the tokenizer a browser's parser
//! is specified by: entities decoded, attribute names lower-cased, script and style
//! content read as raw text), SVG and XML parsed by roxmltree. What the theme may put in a
//! page (its module scripts, the JSON-LD data block, its search forms, its CSP meta) is
//! read from the theme's own templates, so a script added to a template is allowed and a
//! script arriving from content is not. A script file (`.js`, `.mjs`, …) must be one of the
//! theme's `static/` files, byte for byte, where the theme publishes it (`assets/`).

use std::cell::RefCell;
use std::path::Path;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};

/// Elements that run code, embed another document or change how the page's URLs resolve.
const ACTIVE: &[&str] =
    &["script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "foreignobject", "handler"];

/// Attributes holding a URL that a click, a load or a submission follows.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "codebase",
    "ping",
    "cite",
    "longdesc",
];

/// What the theme's templates put into pages: `(type, src after {{ site.base }})` of each
/// script element, the search forms' actions and the `http-equiv` metas.
pub struct ThemeAllowance {
    scripts: Vec<(String, Option<String>)>,
    /// The theme's script files (`static/<name>`, published as `assets/<name>`) and their bytes.
    script_files: Vec<(String, Vec<u8>)>,
    form_actions: Vec<String>,
    http_equiv: Vec<String>,
}

impl ThemeAllowance {
    pub fn from_templates(dir: &Path) -> ThemeAllowance {
        let mut allowance = ThemeAllowance {
            scripts: Vec::new(),
            script_files: Vec::new(),
            form_actions: Vec::new(),
            http_equiv: Vec::new(),
        };
        for entry in std::fs::read_dir(dir.parent().unwrap().join("static")).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            if is_script_file(&name) {
                allowance.script_files.push((format!("assets/{name}"), std::fs::read(entry.path()).unwrap()));
            }
        }
        for entry in walkdir::WalkDir::new(dir) {
            let entry = entry.unwrap();
            if !entry.file_type().is_file() {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for tag in template_tags(&text, "<script") {
                let src = attr(&tag, "src").map(|s| after_base(&s));
                allowance.scripts.push((attr(&tag, "type").unwrap_or_default(), src));
            }
            for tag in template_tags(&text, "<form") {
                allowance.form_actions.push(after_base(&attr(&tag, "action").unwrap_or_default()));
            }
            for tag in template_tags(&text, "<meta") {
                if let Some(v) = attr(&tag, "http-equiv") {
                    allowance.http_equiv.push(v.to_ascii_lowercase());
                }
            }
        }
        assert!(!allowance.scripts.is_empty(), "no script element found in the theme's templates");
        allowance
    }
}

/// The text of every tag of a template starting with `open` (up to its `>`).
fn template_tags(text: &str, open: &str) -> Vec<String> {
    text.match_indices(open).map(|(i, _)| text[i..].split('>').next().unwrap_or("").to_string()).collect()
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    Some(tag[start..].split('"').next().unwrap_or("").to_string())
}

/// `{{ site.base }}assets/site.js` and `/ntm/assets/site.js` both give `assets/site.js`.
fn after_base(url: &str) -> String {
    match url.rfind("}}") {
        Some(i) => url[i + 2..].to_string(),
        None => url.to_string(),
    }
}

fn is_script_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".js", ".mjs", ".cjs", ".wasm"].iter().any(|ext| lower.ends_with(ext))
}

/// Everything executable in one published file (`path` relative to the output folder, by
/// its extension), described. A script file must be one of the theme's, byte for byte.
pub fn executable_content(path: &str, bytes: &[u8], theme: &ThemeAllowance, base: &str) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let lower = path.to_ascii_lowercase();
    if [".html", ".htm", ".xhtml", ".shtml"].iter().any(|ext| lower.ends_with(ext)) {
        html_findings(&text, theme, base)
    } else if lower.ends_with(".svg") || lower.ends_with(".xml") {
        xml_findings(&text)
    } else if is_script_file(&lower) && !theme.script_files.iter().any(|(p, b)| p == path && b == bytes) {
        vec!["a script file that is not the theme's".to_string()]
    } else {
        Vec::new()
    }
}

struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    /// The raw text inside a script element.
    text: String,
}

#[derive(Default)]
struct Sink {
    elements: RefCell<Vec<Element>>,
    in_script: RefCell<Option<usize>>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
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
                let mut elements = self.elements.borrow_mut();
                elements.push(Element { name: name.clone(), attrs, text: String::new() });
                match name.as_str() {
                    "script" => {
                        *self.in_script.borrow_mut() = Some(elements.len() - 1);
                        TokenSinkResult::RawData(RawKind::ScriptData)
                    }
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" => TokenSinkResult::RawData(RawKind::Rawtext),
                    "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                    "plaintext" => TokenSinkResult::Plaintext,
                    _ => TokenSinkResult::Continue,
                }
            }
            Token::TagToken(tag) => {
                if &*tag.name == "script" {
                    *self.in_script.borrow_mut() = None;
                }
                TokenSinkResult::Continue
            }
            Token::CharacterTokens(t) => {
                if let Some(i) = *self.in_script.borrow() {
                    self.elements.borrow_mut()[i].text.push_str(&t);
                }
                TokenSinkResult::Continue
            }
            _ => TokenSinkResult::Continue,
        }
    }
}

fn html_elements(text: &str) -> Vec<Element> {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(text));
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.elements.take()
}

pub fn html_findings(text: &str, theme: &ThemeAllowance, base: &str) -> Vec<String> {
    let mut found = Vec::new();
    for e in html_elements(text) {
        let get = |k: &str| e.attrs.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
        let describe = || format!("<{} {:?}>", e.name, e.attrs);
        let allowed = match e.name.as_str() {
            "script" => {
                let ty = get("type").unwrap_or("").to_string();
                let src = get("src").map(|s| s.strip_prefix(base).unwrap_or("(another base)").to_string());
                let from_theme = theme.scripts.contains(&(ty.clone(), src.clone())) && e.attrs.len() <= 2;
                // A data block is never run; it must not be able to close its element either.
                let inert = match (ty.as_str(), &src) {
                    ("module", Some(_)) => e.text.trim().is_empty(),
                    ("application/ld+json", None) => {
                        !e.text.contains('<') && serde_json::from_str::<serde_json::Value>(&e.text).is_ok()
                    }
                    _ => false,
                };
                from_theme && inert
            }
            "form" => {
                let action = get("action").and_then(|a| a.strip_prefix(base)).unwrap_or("(another base)");
                theme.form_actions.iter().any(|a| a == action) && get("method") == Some("get")
            }
            name => !ACTIVE.contains(&name),
        };
        if !allowed {
            found.push(format!("element {}", describe()));
        }
        if e.name == "meta"
            && let Some(v) = get("http-equiv")
            && !theme.http_equiv.contains(&v.to_ascii_lowercase())
        {
            found.push(format!("http-equiv {}", describe()));
        }
        for (key, value) in &e.attrs {
            if key.starts_with("on") {
                found.push(format!("handler {key} in {}", describe()));
            }
            if URL_ATTRIBUTES.contains(&key.as_str()) && script_url(value) {
                found.push(format!("script URL in {}", describe()));
            }
            if key == "srcset" && value.split(',').any(script_url) {
                found.push(format!("script URL in {}", describe()));
            }
        }
    }
    found
}

/// A URL a browser would run or render as a document of its own: `javascript:`,
/// `vbscript:`, `data:` (the theme uses none), read as a browser does (ASCII whitespace
/// and control characters dropped, any case).
pub fn script_url(value: &str) -> bool {
    let url: String =
        value.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control()).collect::<String>().to_lowercase();
    ["javascript:", "vbscript:", "data:", "livescript:"].iter().any(|s| url.starts_with(s))
}

pub fn xml_findings(text: &str) -> Vec<String> {
    let options = roxmltree::ParsingOptions { allow_dtd: false, ..Default::default() };
    let doc = match roxmltree::Document::parse_with_options(text, options) {
        Ok(d) => d,
        Err(e) => return vec![format!("not well-formed XML: {e}")],
    };
    let mut found = Vec::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name().to_ascii_lowercase();
        if ACTIVE.contains(&name.as_str()) {
            found.push(format!("element <{name}>"));
        }
        for a in node.attributes() {
            let key = a.name().to_ascii_lowercase();
            if key.starts_with("on") {
                found.push(format!("handler {key} in <{name}>"));
            }
            if (key == "href" || key == "src") && script_url(a.value()) {
                found.push(format!("script URL in <{name}>"));
            }
        }
    }
    found
}
