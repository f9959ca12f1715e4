//! sitemap.xml, atom.xml and robots.txt. Dates come from content, never from the
//! clock, so two builds of the same content are byte-identical.

use std::fmt::Write as _;

use super::url;
use crate::model::*;
use crate::output::OutputFile;

/// Escapes text for XML element content and attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids are dropped rather than breaking the feed.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Every published HTML page, with the date its content last changed where known.
pub fn sitemap(site: &Site) -> OutputFile {
    let base = &site.config.base_url;
    let newest = site.pilots.iter().map(Pilot::last_changed).max();
    let mut entries: Vec<(String, Option<Date>)> = vec![(String::new(), newest)];
    for p in &site.pilots {
        entries.push((url::pilot(site, p), Some(p.last_changed())));
    }
    for section in ["provinces/", "fields/", "indicators/", "criteria/", "compare/"] {
        entries.push((section.to_string(), newest));
    }
    // Lists cut into pages are listed page by page.
    entries.extend(url::pilot_list_pages(site).into_iter().map(|path| (path, newest)));
    // A province or field page changes when one of its pilots does.
    for id in site.province_ids() {
        let last = site.pilots_in(id).map(Pilot::last_changed).max();
        entries.extend(url::province_pages(site, id).into_iter().map(|path| (path, last)));
    }
    for id in site.field_ids() {
        let last = site.pilots_of_field(id).map(Pilot::last_changed).max();
        entries.extend(url::field_pages(site, id).into_iter().map(|path| (path, last)));
    }
    for id in site.indicator_ids() {
        entries.extend(url::indicator_pages(site, id).into_iter().map(|path| (path, newest)));
    }
    for p in &site.pages {
        entries.push((url::page(&p.slug), None));
    }
    entries.sort();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, date) in entries {
        let _ = write!(xml, "  <url><loc>{}</loc>", xml_escape(&format!("{base}{path}")));
        if let Some(d) = date {
            let _ = write!(xml, "<lastmod>{d}</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    OutputFile::bytes("sitemap.xml".into(), xml.into_bytes())
}

/// The newest pilots, newest first (at most 50).
pub fn atom(site: &Site) -> OutputFile {
    let base = &site.config.base_url;
    let mut pilots: Vec<&Pilot> = site.pilots.iter().collect();
    pilots.sort_by(|a, b| {
        b.last_changed().cmp(&a.last_changed()).then_with(|| (a.province, &a.slug).cmp(&(b.province, &b.slug)))
    });
    pilots.truncate(50);
    let updated = pilots.first().map(|p| p.last_changed()).unwrap_or(Date { year: 2022, month: 8, day: 2 });
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = write!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <subtitle>{}</subtitle>\n  <id>{}</id>\n  <link rel=\"alternate\" href=\"{}\"/>\n  <link rel=\"self\" href=\"{}atom.xml\"/>\n  <updated>{updated}T00:00:00Z</updated>\n",
        site.config.language.code(),
        xml_escape(&site.config.title),
        xml_escape(&site.config.description),
        xml_escape(base),
        xml_escape(base),
        xml_escape(base),
    );
    for p in pilots {
        let link = format!("{base}{}", url::pilot(site, p));
        let author = p.authors.first().map(String::as_str).unwrap_or(&site.config.title);
        let _ = write!(
            xml,
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link rel=\"alternate\" href=\"{}\"/>\n    <published>{}T00:00:00Z</published>\n    <updated>{}T00:00:00Z</updated>\n    <author><name>{}</name></author>\n    <summary>{}</summary>\n  </entry>\n",
            xml_escape(&p.title),
            xml_escape(&link),
            xml_escape(&link),
            p.date,
            p.last_changed(),
            xml_escape(author),
            xml_escape(&p.summary),
        );
    }
    xml.push_str("</feed>\n");
    OutputFile::bytes("atom.xml".into(), xml.into_bytes())
}

pub fn robots(site: &Site) -> OutputFile {
    let text = format!("User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n", site.config.base_url);
    OutputFile::bytes("robots.txt".into(), text.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(xml_escape("a<b>&\"c'\u{1}"), "a&lt;b&gt;&amp;&quot;c&apos;");
    }
}
