//! The bar chart of a yes/no indicator: a horizontal bar per answer out of all pilots,
//! its sourced part solid and its illustrative rest hollow.

use std::fmt::Write;

use super::svg::{INK, MUTED, legend, n, open, provenance_legend, text};
use crate::render::theme::I18n;

/// One bar of a bar chart: a label, a count out of the total and, for answers, how many
/// of them are sourced (drawn solid; the illustrative rest outlined).
pub struct Bar {
    pub label: String,
    pub count: usize,
    pub sourced: Option<usize>,
}

/// A horizontal bar per answer out of `total`, for yes/no indicators.
pub fn bar_chart(id: &str, title: &str, desc: &str, bars: &[Bar], total: usize, t: &I18n) -> String {
    let (label_w, bar_w, row) = (130.0, 140.0, 30.0);
    let kinds = provenance_legend(
        bars.iter()
            .filter_map(|b| b.sourced.map(|s| (b.count, s)))
            .flat_map(|(k, s)| std::iter::repeat_n(true, s).chain(std::iter::repeat_n(false, k - s.min(k)))),
        t,
    );
    let height = bars.len() as f64 * row + 8.0;
    let mut out = String::new();
    open(&mut out, id, height + kinds.len().div_ceil(2) as f64 * 20.0 + 8.0, title, desc);
    let fills = [("#0072B2", INK), ("#E69F00", INK), ("#ffffff", MUTED)];
    let width = |count: usize| if total == 0 { 0.0 } else { count as f64 / total as f64 * bar_w };
    for (i, b) in bars.iter().enumerate() {
        let y = 4.0 + i as f64 * row;
        let (fill, stroke) = fills[i.min(fills.len() - 1)];
        let w = width(b.count);
        text(&mut out, label_w - 8.0, y + 16.0, "end", "", &b.label);
        let rect = |out: &mut String, x: f64, w: f64, fill: &str, stroke: &str, sw: f64| {
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"20\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{}\"/>",
                n(x),
                n(y + 2.0),
                n(w.max(1.0)),
                n(sw)
            );
        };
        match b.sourced {
            Some(s) if s < b.count => {
                // Sourced solid, then the illustrative rest hollow in the bar's colour.
                let ws = width(s);
                if s > 0 {
                    rect(&mut out, label_w, ws, fill, stroke, 1.0);
                }
                rect(&mut out, label_w + ws, w - ws, "#ffffff", fill, 2.5);
            }
            _ => rect(&mut out, label_w, w, fill, stroke, 1.0),
        }
        let count = match b.sourced {
            Some(s) => format!("{}/{total} ({s} {})", b.count, t.get("value_sourced")),
            None => format!("{}/{total}", b.count),
        };
        text(&mut out, label_w + w + 6.0, y + 16.0, "start", " font-weight=\"600\"", &count);
    }
    legend(&mut out, height + 14.0, &[], &kinds);
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_escaped() {
        let t = I18n { lang: crate::model::Lang::En, strings: Default::default() };
        let bars = [Bar { label: "<b>".into(), count: 1, sourced: Some(0) }];
        let svg = bar_chart("x", "<a>", "\"&\"", &bars, 2, &t);
        assert!(svg.contains("<title id=\"x-t\">&lt;a&gt;</title>"));
        assert!(svg.contains("&lt;b&gt;") && !svg.contains("<b>"));
    }
}
