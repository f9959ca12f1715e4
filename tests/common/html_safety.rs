//! Finds executable content in an HTML fragment as a browser would see it. The fragment
//! is parsed by html5ever's tree builder (the HTML standard's parsing algorithm: entities
//! decoded, names case-folded, raw-text elements, foreign content and misnested tags
//! handled as a browser handles them), so no spelling can hide a tag or attribute from
//! the check. Every element the parser creates is checked; the tree itself is not built.
//! Shared by `tests/robustness.rs` and the `markdown` fuzz target (which includes this
//! file by path).

use std::borrow::Cow;
use std::cell::RefCell;

use html5ever::interface::{ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{Attribute, LocalName, Namespace, ParseOpts, QualName, ns};

/// Elements that run script, load another document or change how the page's URLs resolve.
const FORBIDDEN_ELEMENTS: &[&str] =
    &["script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link", "style", "form"];

/// Attributes whose value a browser follows as a URL.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "poster",
    "background",
    "cite",
    "data",
    "codebase",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "ping",
    "manifest",
    "usemap",
];

/// URL schemes that run script or embed a document.
const FORBIDDEN_SCHEMES: &[&str] = &["javascript:", "vbscript:", "data:"];

/// The first executable thing in `fragment` (parsed as the content of a `<div>`, where a
/// page's Markdown goes), described for a failure message; `None` if there is none.
pub fn unsafe_html(fragment: &str) -> Option<String> {
    let context = QualName::new(None, ns!(html), LocalName::from("div"));
    let sink = html5ever::parse_fragment(Sink::default(), ParseOpts::default(), context, Vec::new(), true)
        .one(StrTendril::from(fragment));
    sink.into_iter().find_map(|(name, attrs)| problem(&name, &attrs))
}

fn problem(name: &QualName, attrs: &[Attribute]) -> Option<String> {
    let element = &*name.local;
    if FORBIDDEN_ELEMENTS.contains(&element) {
        return Some(format!("a <{element}> element"));
    }
    for a in attrs {
        let attr = &*a.name.local;
        if attr.starts_with("on") {
            return Some(format!("an event handler {attr}= on <{element}>"));
        }
        if URL_ATTRIBUTES.contains(&attr) {
            // `srcset` holds several URLs, each followed by a size.
            let urls: Vec<&str> = if attr == "srcset" { a.value.split(',').collect() } else { vec![&a.value] };
            for url in urls {
                let url = url.trim_matches(|c: char| c <= ' ');
                if let Some(scheme) = forbidden_scheme(url) {
                    return Some(format!("a {scheme} URL in {attr}= on <{element}>: {:?}", &*a.value));
                }
            }
        }
    }
    None
}

/// The scheme of `url` if it is forbidden, read as the URL standard does: leading C0
/// controls and spaces are skipped, tabs and newlines anywhere are ignored, case is not.
fn forbidden_scheme(url: &str) -> Option<&'static str> {
    let start = url.trim_start_matches(|c: char| c <= ' ');
    let compact: String =
        start.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).take(16).collect::<String>().to_ascii_lowercase();
    FORBIDDEN_SCHEMES.iter().copied().find(|s| compact.starts_with(s))
}

/// A tree sink that only records the elements created, with their attributes.
#[derive(Default)]
struct Sink {
    elements: RefCell<Vec<(QualName, Vec<Attribute>)>>,
    integration_points: RefCell<Vec<bool>>,
}

/// Handle 0 is the document; element `i` is handle `i + 1`; template contents are `usize::MAX`.
type Handle = usize;

#[derive(Debug)]
struct Name(Namespace, LocalName);

impl ElemName for Name {
    fn ns(&self) -> &Namespace {
        &self.0
    }
    fn local_name(&self) -> &LocalName {
        &self.1
    }
}

impl IntoIterator for Sink {
    type Item = (QualName, Vec<Attribute>);
    type IntoIter = std::vec::IntoIter<Self::Item>;
    fn into_iter(self) -> Self::IntoIter {
        self.elements.into_inner().into_iter()
    }
}

impl TreeSink for Sink {
    type Handle = Handle;
    type Output = Self;
    type ElemName<'a> = Name;

    fn finish(self) -> Self {
        self
    }
    fn parse_error(&self, _msg: Cow<'static, str>) {}
    fn get_document(&self) -> Handle {
        0
    }
    fn elem_name<'a>(&'a self, target: &'a Handle) -> Name {
        match self.elements.borrow().get(target.wrapping_sub(1)) {
            Some((name, _)) => Name(name.ns.clone(), name.local.clone()),
            None => Name(ns!(html), LocalName::from("template")),
        }
    }
    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        self.elements.borrow_mut().push((name, attrs));
        self.integration_points.borrow_mut().push(flags.mathml_annotation_xml_integration_point);
        self.elements.borrow().len()
    }
    fn create_comment(&self, _text: StrTendril) -> Handle {
        0
    }
    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Handle {
        0
    }
    fn append(&self, _parent: &Handle, _child: NodeOrText<Handle>) {}
    fn append_based_on_parent_node(&self, _element: &Handle, _prev: &Handle, _child: NodeOrText<Handle>) {}
    fn append_doctype_to_document(&self, _name: StrTendril, _public: StrTendril, _system: StrTendril) {}
    fn get_template_contents(&self, _target: &Handle) -> Handle {
        usize::MAX
    }
    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        x == y
    }
    fn set_quirks_mode(&self, _mode: QuirksMode) {}
    fn append_before_sibling(&self, _sibling: &Handle, _new_node: NodeOrText<Handle>) {}
    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        if let Some((_, existing)) = self.elements.borrow_mut().get_mut(target.wrapping_sub(1)) {
            existing.extend(attrs);
        }
    }
    fn remove_from_parent(&self, _target: &Handle) {}
    fn reparent_children(&self, _node: &Handle, _new_parent: &Handle) {}
    fn is_mathml_annotation_xml_integration_point(&self, handle: &Handle) -> bool {
        self.integration_points.borrow().get(handle.wrapping_sub(1)).copied().unwrap_or(false)
    }
}
