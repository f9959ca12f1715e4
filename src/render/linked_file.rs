//! What a file linked from a document may be. It is copied beside the page byte for byte,
//! on the site's own origin and outside the pages' Content-Security-Policy, so it must be a
//! kind that a browser shows and never runs: an HTML, XML or script file would be a page of
//! the site written by whoever sent the pull request. Images, PDF and office or data files
//! pass by their extension; an SVG image is also parsed as XML (names resolved through
//! namespace prefixes, character references decoded, as a browser does) and refused if
//! anything in it could run or fetch.

use super::raw_html::has_scheme;

/// Extensions (lower case) of the files a document may link to.
pub const PUBLISHABLE: &[&str] = &[
    "jpg", "jpeg", "png", "webp", "gif", "avif", "svg", "pdf", "csv", "txt", "xlsx", "xls", "ods", "docx", "doc",
    "odt", "pptx", "ppt", "odp", "mp4", "webm", "mp3",
];

/// True if a file of this name may be copied into the site.
pub fn publishable(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(_, ext)| PUBLISHABLE.contains(&ext.to_ascii_lowercase().as_str()))
}

/// Elements that run code, embed other documents or listen for events, by local name
/// (lower case) in any namespace: `<s:script xmlns:s="http://www.w3.org/2000/svg">` is a script.
const ACTIVE_ELEMENTS: &[&str] = &["script", "foreignobject", "iframe", "embed", "object", "handler", "listener"];

/// Raster images an `<image>` may carry inline as a `data:` URL.
const INLINE_IMAGES: &[&str] = &["data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp"];

/// True if and only if `bytes` is well-formed SVG with no script, event handler, entity
/// declaration, link with a scheme (`javascript:`, `http:`, …) or to another host, style
/// import, or animation that rewrites a link.
pub fn svg_is_inert(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else { return false };
    if text.to_ascii_lowercase().contains("<!entity") {
        return false;
    }
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..roxmltree::ParsingOptions::default() };
    let Ok(doc) = roxmltree::Document::parse_with_options(text, options) else { return false };
    doc.descendants().all(|node| match node.node_type() {
        roxmltree::NodeType::Element => element_is_inert(node),
        roxmltree::NodeType::PI => false, // `<?xml-stylesheet href="…"?>` fetches
        roxmltree::NodeType::Text => {
            !node.parent_element().is_some_and(|p| p.tag_name().name().eq_ignore_ascii_case("style"))
                || style_is_inert(node.text().unwrap_or(""))
        }
        _ => true,
    })
}

fn element_is_inert(node: roxmltree::Node) -> bool {
    let name = node.tag_name().name().to_ascii_lowercase();
    if ACTIVE_ELEMENTS.contains(&name.as_str()) {
        return false;
    }
    let animation = matches!(name.as_str(), "set" | "animate" | "animatemotion" | "animatetransform");
    node.attributes().all(|a| {
        let key = a.name().to_ascii_lowercase();
        let value = compact(a.value());
        if key.starts_with("on") || (key == "style" && !style_is_inert(a.value())) {
            return false;
        }
        if animation && key == "attributename" && value.ends_with("href") {
            return false;
        }
        match key.as_str() {
            "href" | "src" => reference_is_local(&value, &name),
            "to" | "from" | "values" if animation => !has_scheme(&value),
            _ => !value.contains("javascript:") && !value.contains("vbscript:"),
        }
    })
}

/// A link inside the image (`#id`) or to a file beside it; a raster `data:` image in `<image>`.
fn reference_is_local(value: &str, element: &str) -> bool {
    if element == "image" && INLINE_IMAGES.iter().any(|p| value.starts_with(p)) {
        return true;
    }
    !has_scheme(value) && !value.starts_with("//")
}

fn style_is_inert(css: &str) -> bool {
    let css = compact(css);
    !(css.contains("@import")
        || css.contains("javascript:")
        || css.contains("expression(")
        || css.contains("url(//")
        || css.contains("url(\"//")
        || css.contains("url('//")
        || ["url(http", "url(\"http", "url('http"].iter().any(|p| css.contains(p)))
}

/// The value as a browser reads a URL: ASCII whitespace and control characters anywhere
/// dropped (`java\tscript:` is `javascript:`), lower case.
fn compact(value: &str) -> String {
    value.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control()).collect::<String>().to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::{publishable, svg_is_inert as is_inert};

    const NS: &str = "xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"";

    fn svg(body: &str) -> String {
        format!("<svg {NS} viewBox=\"0 0 10 10\">{body}</svg>")
    }

    #[test]
    fn only_kinds_a_browser_never_runs_are_published() {
        for name in ["anh.JPG", "so-do.svg", "bao-cao.pdf", "so-lieu.xlsx", "a.b.png"] {
            assert!(publishable(name), "{name}");
        }
        for name in
            ["trang.html", "TRANG.HTM", "a.xhtml", "a.xml", "a.js", "a.mjs", "a.php", "a.css", "README", "a.svgz"]
        {
            assert!(!publishable(name), "{name}");
        }
    }

    #[test]
    fn plain_drawings_pass() {
        for body in [
            "<rect width=\"1\" height=\"1\" fill=\"#eee\"/><text x=\"1\" y=\"5\">Trường học</text>",
            "<defs><linearGradient id=\"g\"/></defs><rect fill=\"url(#g)\" width=\"1\" height=\"1\"/>",
            "<use href=\"#g\"/><use xlink:href=\"#g\"/><a href=\"so-do.png\"><circle r=\"1\"/></a>",
            "<image href=\"data:image/png;base64,iVBORw0KGgo=\" width=\"1\" height=\"1\"/>",
            "<style>rect { fill: #eee }</style><rect style=\"stroke: red\" width=\"1\" height=\"1\"/>",
        ] {
            assert!(is_inert(svg(body).as_bytes()), "{body}");
        }
        let doctype = format!(
            "<?xml version=\"1.0\"?><!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \
             \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">{}",
            svg("<rect width=\"1\" height=\"1\"/>")
        );
        assert!(is_inert(doctype.as_bytes()), "a DOCTYPE without entities is accepted");
    }

    #[test]
    fn anything_that_runs_or_fetches_is_refused() {
        for body in [
            "<script>alert(1)</script>",
            "<s:script xmlns:s=\"http://www.w3.org/2000/svg\">alert(1)</s:script>",
            "<SCRIPT>alert(1)</SCRIPT>",
            "<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">x</div></foreignObject>",
            "<rect onload=\"alert(1)\"/>",
            "<rect ONCLICK=\"alert(1)\"/>",
            "<a href=\"javascript:alert(1)\"><text>x</text></a>",
            "<a href=\"jav&#x61;script:alert(1)\"><text>x</text></a>",
            "<a href=\"&#106;avascript:alert(1)\"><text>x</text></a>",
            "<a xlink:href=\"JaVaScRiPt:alert(1)\"><text>x</text></a>",
            "<a href=\"java&#9;script:alert(1)\"><text>x</text></a>",
            "<a href=\"  javascript:alert(1)\"><text>x</text></a>",
            "<a href=\"vbscript:msgbox(1)\"><text>x</text></a>",
            "<a href=\"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;\"><text>x</text></a>",
            "<image href=\"https://evil.test/x.png\"/>",
            "<image href=\"//evil.test/x.png\"/>",
            "<a id=\"l\"><text>x</text></a><set href=\"#l\" attributeName=\"href\" to=\"javascript:alert(1)\"/>",
            "<animate attributeName=\"xlink:href\" values=\"#a;#b\"/>",
            "<style>@import url(https://evil.test/x.css);</style>",
            "<rect style=\"fill: url(https://evil.test/x.svg#p)\"/>",
            "<iframe src=\"x\"/>",
        ] {
            assert!(!is_inert(svg(body).as_bytes()), "{body}");
        }
        let entity = format!("<!DOCTYPE svg [<!ENTITY a \"b\">]>{}", svg("<text>&a;</text>"));
        assert!(!is_inert(entity.as_bytes()));
        let stylesheet = format!("<?xml-stylesheet href=\"https://evil.test/x.css\"?>{}", svg(""));
        assert!(!is_inert(stylesheet.as_bytes()));
        assert!(!is_inert(b"<svg><rect></svg>"), "not well-formed");
        assert!(!is_inert(b"\xff\xfe<svg/>"), "not UTF-8");
    }
}
