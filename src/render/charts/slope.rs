//! The slope chart: each pilot from its baseline (left) to its latest value (right),
//! with labels spread so they do not overlap.

use std::fmt::Write;

use super::svg::{Axis, LINE, legend, n, open, provenance_legend, provenance_marker, style, text};
use crate::render::theme::I18n;

/// One line of a slope chart: a pilot from its baseline to its latest value, each end
/// drawn as its provenance (filled when sourced, hollow when illustrative).
#[derive(Debug, Clone)]
pub struct Slope {
    pub label: String,
    pub before: f64,
    pub after: f64,
    pub series: usize,
    pub sourced: (bool, bool),
}

/// Spreads label positions so no two are closer than `gap`, keeping their order.
fn spread_labels(ys: &[f64], gap: f64) -> Vec<f64> {
    let mut order: Vec<usize> = (0..ys.len()).collect();
    order.sort_by(|&a, &b| ys[a].total_cmp(&ys[b]).then(a.cmp(&b)));
    let mut out = ys.to_vec();
    let mut last = f64::NEG_INFINITY;
    for i in order {
        out[i] = out[i].max(last + gap);
        last = out[i];
    }
    out
}

/// Before/after: each pilot's baseline on the left, its latest value on the right.
#[allow(clippy::too_many_arguments)]
pub fn slope_chart(
    id: &str,
    title: &str,
    desc: &str,
    axis: &Axis,
    slopes: &[Slope],
    headings: (&str, &str),
    fmt: &dyn Fn(f64) -> String,
    t: &I18n,
) -> String {
    let (xl, xr, top, bottom) = (72.0, 184.0, 34.0, 160.0);
    let y = |v: f64| bottom - axis.share(v) * (bottom - top);
    let left = spread_labels(&slopes.iter().map(|s| y(s.before)).collect::<Vec<_>>(), 15.0);
    let right = spread_labels(&slopes.iter().map(|s| y(s.after)).collect::<Vec<_>>(), 15.0);
    let lowest = left.iter().chain(&right).copied().fold(bottom, f64::max);
    let kinds = provenance_legend(slopes.iter().flat_map(|s| [s.sourced.0, s.sourced.1]), t);
    let mut out = String::new();
    open(&mut out, id, lowest + 22.0 + kinds.len().div_ceil(2) as f64 * 20.0, title, desc);
    text(&mut out, xl, 16.0, "middle", " font-weight=\"600\"", headings.0);
    text(&mut out, xr, 16.0, "middle", " font-weight=\"600\"", headings.1);
    for x in [xl, xr] {
        let _ = write!(out, "<path d=\"M{} {}V{}\" stroke=\"{LINE}\"/>", n(x), n(top - 6.0), n(bottom));
    }
    for (i, s) in slopes.iter().enumerate() {
        let st = style(s.series);
        let (y0, y1) = (y(s.before), y(s.after));
        let _ = write!(
            out,
            "<path d=\"M{} {}L{} {}\" stroke=\"{}\" stroke-width=\"2\"/>",
            n(xl),
            n(y0),
            n(xr),
            n(y1),
            st.fill
        );
        provenance_marker(&mut out, st, xl, y0, 5.0, s.sourced.0);
        provenance_marker(&mut out, st, xr, y1, 5.0, s.sourced.1);
        text(&mut out, xl - 10.0, left[i] + 4.0, "end", "", &fmt(s.before));
        text(&mut out, xr + 10.0, right[i] + 4.0, "start", "", &format!("{} · {}", fmt(s.after), s.label));
    }
    legend(&mut out, lowest + 26.0, &[], &kinds);
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Loading refuses such values (`Unit::hard_limits`); the charts hold anyway.
    #[test]
    fn extreme_values_give_finite_coordinates() {
        let huge = [f64::MAX, -f64::MAX, 1.79e308, f64::NAN, f64::INFINITY];
        let axis = Axis::covering(huge, false);
        assert!(axis.lo.is_finite() && axis.hi.is_finite() && axis.ticks.len() <= 10, "{axis:?}");
        let slopes: Vec<Slope> = huge
            .iter()
            .map(|&v| Slope { label: "x".into(), before: -v, after: v, series: 0, sourced: (true, true) })
            .collect();
        let t = I18n { lang: crate::model::Lang::En, strings: Default::default() };
        let svg = slope_chart("s", "t", "d", &axis, &slopes, ("a", "b"), &|v| format!("{v}"), &t);
        // Every attribute value (the labels are the caller's `fmt`'s).
        for value in svg.split("=\"").skip(1).map(|v| v.split('"').next().unwrap()) {
            assert!(!value.contains("NaN") && !value.contains("inf"), "{value} in {svg}");
            let numbers = value.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'));
            assert!(numbers.into_iter().all(|w| w.len() < 16), "{value} in {svg}");
        }
    }
}
