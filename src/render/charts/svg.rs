//! What every chart shares: the palette and marker shapes, coordinates written small
//! and finite (`n`), the accessible `<svg>` head, texts, the value axis, legends and the
//! markers that tell sourced values (filled) from illustrative ones (hollow).

use std::fmt::Write;

use crate::render::feeds::xml_escape as esc;
use crate::render::theme::I18n;

/// Okabe–Ito colours as (fill, ink for text on that fill).
pub const PALETTE: [(&str, &str); 8] = [
    ("#0072B2", "#ffffff"),
    ("#E69F00", "#000000"),
    ("#009E73", "#000000"),
    ("#D55E00", "#000000"),
    ("#CC79A7", "#000000"),
    ("#56B4E9", "#000000"),
    ("#F0E442", "#000000"),
    ("#000000", "#ffffff"),
];

pub(super) const INK: &str = "#1d2733";
pub(super) const MUTED: &str = "#5b6773";
pub(super) const LINE: &str = "#d5ddd8";
pub(super) const ACCENT: &str = "#b35c00";
pub(super) const WIDTH: f64 = 400.0;

/// A marker shape; with the palette it identifies a series (a field) without relying on colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Circle,
    Square,
    TriangleUp,
    Diamond,
    TriangleDown,
}

const SHAPES: [Shape; 5] = [Shape::Circle, Shape::Square, Shape::TriangleUp, Shape::Diamond, Shape::TriangleDown];

/// The look of series `i`: colour, ink and shape (the pair repeats only after 40 series).
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub fill: &'static str,
    pub ink: &'static str,
    pub shape: Shape,
}

pub fn style(i: usize) -> Style {
    let (fill, ink) = PALETTE[i % PALETTE.len()];
    Style { fill, ink, shape: SHAPES[i % SHAPES.len()] }
}

pub(super) fn marker(out: &mut String, shape: Shape, x: f64, y: f64, r: f64, fill: &str, stroke: &str) {
    let attrs = format!("fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1\"");
    let _ = match shape {
        Shape::Circle => write!(out, "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" {attrs}/>", n(x), n(y), n(r)),
        Shape::Square => {
            let s = r * 0.9;
            write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {attrs}/>",
                n(x - s),
                n(y - s),
                n(2.0 * s),
                n(2.0 * s)
            )
        }
        Shape::TriangleUp | Shape::TriangleDown => {
            let d = if shape == Shape::TriangleUp { 1.0 } else { -1.0 };
            let (r, h) = (r * 1.15, r * 1.15 * d);
            let pts = format!("{},{} {},{} {},{}", n(x), n(y - h), n(x + r), n(y + h * 0.8), n(x - r), n(y + h * 0.8));
            write!(out, "<polygon points=\"{pts}\" {attrs}/>")
        }
        Shape::Diamond => {
            let r = r * 1.2;
            let pts =
                format!("{},{} {},{} {},{} {},{}", n(x), n(y - r), n(x + r), n(y), n(x), n(y + r), n(x - r), n(y));
            write!(out, "<polygon points=\"{pts}\" {attrs}/>")
        }
    };
}

/// A coordinate with at most one decimal, so the markup stays small and deterministic.
/// Never `NaN` or `inf`: a coordinate that is not finite (which the axis should never
/// give) is written as 0, so a bad value misplaces a mark instead of breaking the chart.
pub(super) fn n(v: f64) -> String {
    let v = if v.is_finite() { v.clamp(-COORDINATE_LIMIT, COORDINATE_LIMIT) } else { 0.0 };
    let r = (v * 10.0).round() / 10.0;
    if r == r.trunc() { format!("{}", r as i64) } else { format!("{r:.1}") }
}

/// Opens an accessible, scalable `<svg>` with its title and description.
pub(super) fn open(out: &mut String, id: &str, height: f64, title: &str, desc: &str) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {w} {h}\" width=\"100%\" \
         role=\"img\" aria-labelledby=\"{id}-t {id}-d\" font-family=\"system-ui, sans-serif\" font-size=\"14\" fill=\"{INK}\">\
         <title id=\"{id}-t\">{title}</title><desc id=\"{id}-d\">{desc}</desc>",
        w = n(WIDTH),
        h = n(height),
        title = esc(title),
        desc = esc(desc),
    );
}

pub(super) fn text(out: &mut String, x: f64, y: f64, anchor: &str, extra: &str, s: &str) {
    let _ = write!(out, "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\"{extra}>{}</text>", n(x), n(y), esc(s));
}

/// The largest magnitude an axis spans: past every unit's hard limit
/// (`model::Unit::hard_limits`), far below where its arithmetic would overflow.
const AXIS_LIMIT: f64 = 1e15;
/// The largest coordinate written: far outside any chart, far below `i64::MAX`.
const COORDINATE_LIMIT: f64 = 1e9;

/// A value axis: its range and labelled ticks.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    pub lo: f64,
    pub hi: f64,
    pub ticks: Vec<f64>,
}

impl Axis {
    /// A range covering `values` with round ticks; percentages always span 0–100.
    /// Values past ±`AXIS_LIMIT` (which loading refuses) are drawn at that limit, so the
    /// range, its step and its ticks are always finite and few.
    pub fn covering(values: impl IntoIterator<Item = f64>, percent: bool) -> Axis {
        let vals: Vec<f64> =
            values.into_iter().filter(|v| v.is_finite()).map(|v| v.clamp(-AXIS_LIMIT, AXIS_LIMIT)).collect();
        let (mut lo, mut hi) = if percent {
            (0.0, 100.0)
        } else {
            let lo = vals.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = vals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            if lo.is_finite() { (lo.min(0.0), hi) } else { (0.0, 1.0) }
        };
        if percent {
            lo = lo.min(vals.iter().copied().fold(0.0, f64::min));
            hi = hi.max(vals.iter().copied().fold(100.0, f64::max));
        }
        // Values closer than a millionth look equal (and a span of 5e-324 has no ticks).
        if hi - lo < 1e-6 {
            hi = lo + 1.0;
        }
        let raw = (hi - lo) / 4.0;
        let mag = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * mag).find(|s| *s >= raw).unwrap_or(10.0 * mag);
        let lo = (lo / step).floor() * step;
        let hi = (hi / step).ceil() * step;
        let count = ((hi - lo) / step).round() as usize;
        Axis { lo, hi, ticks: (0..=count).map(|i| lo + step * i as f64).collect() }
    }

    /// Where `v` lies on the axis, from 0 (`lo`) to 1 (`hi`); a value off the axis is at its end.
    pub(super) fn share(&self, v: f64) -> f64 {
        // `max` then `min`, not `clamp`, which panics on a NaN bound.
        let v = if v.is_nan() { self.lo } else { v.max(self.lo).min(self.hi) };
        (v - self.lo) / (self.hi - self.lo)
    }

    pub(super) fn x(&self, v: f64, left: f64, right: f64) -> f64 {
        left + self.share(v) * (right - left)
    }
}

/// A series marker as its value's provenance draws it: filled when sourced, hollow (white,
/// outlined thickly in the series colour) when illustrative, so the two read apart in
/// greyscale print too.
pub(super) fn provenance_marker(out: &mut String, st: Style, x: f64, y: f64, r: f64, sourced: bool) {
    if sourced {
        marker(out, st.shape, x, y, r, st.fill, INK);
    } else {
        let before = out.len();
        marker(out, st.shape, x, y, r, "#ffffff", st.fill);
        let drawn = out.split_off(before).replacen("stroke-width=\"1\"", "stroke-width=\"2.5\"", 1);
        out.push_str(&drawn);
    }
}

/// A legend entry: a series and its name.
#[derive(Debug, Clone)]
pub struct Legend {
    pub series: usize,
    pub name: String,
}

/// Legend rows in two columns below a chart; returns the height used.
pub(super) fn legend(out: &mut String, y: f64, items: &[Legend], extra: &[(&str, &str)]) -> f64 {
    let mut entries: Vec<(Option<usize>, &str, &str)> =
        items.iter().map(|l| (Some(l.series), "", l.name.as_str())).collect();
    entries.extend(extra.iter().map(|(kind, label)| (None, *kind, *label)));
    for (i, (series, kind, label)) in entries.iter().enumerate() {
        let x = 14.0 + (i % 2) as f64 * 196.0;
        let yy = y + (i / 2) as f64 * 20.0;
        match (series, *kind) {
            (Some(s), _) => {
                let st = style(*s);
                marker(out, st.shape, x + 5.0, yy - 4.0, 5.0, st.fill, INK);
            }
            // Squares: filled or hollow is what tells the two apart, whatever a series' shape.
            (None, "sourced") => marker(out, Shape::Square, x + 5.0, yy - 4.0, 5.0, MUTED, INK),
            (None, "illustrative") => provenance_marker(
                out,
                Style { fill: MUTED, ink: INK, shape: Shape::Square },
                x + 5.0,
                yy - 4.0,
                5.0,
                false,
            ),
            (None, "target") => {
                let _ = write!(
                    out,
                    "<path d=\"M{} {}v12\" stroke=\"{INK}\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/>",
                    n(x + 5.0),
                    n(yy - 10.0)
                );
            }
            (None, _) => marker(out, Shape::TriangleDown, x + 5.0, yy - 4.0, 5.0, "#ffffff", ACCENT),
        }
        text(out, x + 15.0, yy, "start", "", label);
    }
    entries.len().div_ceil(2) as f64 * 20.0
}

pub(super) fn anchor_for(x: f64) -> &'static str {
    if x < 70.0 {
        "start"
    } else if x > WIDTH - 70.0 {
        "end"
    } else {
        "middle"
    }
}

/// Labels an axis with its ticks below `y`.
pub(super) fn axis_line(out: &mut String, axis: &Axis, y: f64, left: f64, right: f64, fmt: &dyn Fn(f64) -> String) {
    let _ = write!(out, "<path d=\"M{} {}H{}\" stroke=\"{MUTED}\"/>", n(left), n(y), n(right));
    for &tk in &axis.ticks {
        let x = axis.x(tk, left, right);
        let _ = write!(out, "<path d=\"M{} {}v4\" stroke=\"{MUTED}\"/>", n(x), n(y));
        text(out, x, y + 17.0, anchor_for(x), " font-size=\"13\"", &fmt(tk));
    }
}

/// The legend entries for the provenance of `points`: only the kinds that occur.
pub(super) fn provenance_legend(points: impl Iterator<Item = bool>, t: &I18n) -> Vec<(&'static str, &str)> {
    let (mut sourced, mut illustrative) = (false, false);
    for s in points {
        if s { sourced = true } else { illustrative = true }
    }
    let mut out = Vec::new();
    if sourced {
        out.push(("sourced", t.get("value_sourced")));
    }
    if illustrative {
        out.push(("illustrative", t.get("value_illustrative")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_are_round() {
        // A span below any tick (found by tests/accepted_builds.rs: NaN ticks, then a panic).
        let tiny = Axis::covering([5e-324, -0.0], false);
        assert!(tiny.ticks.iter().all(|t| t.is_finite()) && tiny.hi > tiny.lo, "{tiny:?}");
        let a = Axis::covering([3.0, 17.0], false);
        assert_eq!((a.lo, a.hi), (0.0, 20.0));
        assert_eq!(a.ticks, vec![0.0, 5.0, 10.0, 15.0, 20.0]);
        let p = Axis::covering([40.0], true);
        assert_eq!((p.lo, p.hi, p.ticks.len()), (0.0, 100.0, 5));
    }

    #[test]
    fn illustrative_points_are_hollow_and_sourced_ones_filled() {
        let st = style(0);
        let (mut sourced, mut illustrative) = (String::new(), String::new());
        provenance_marker(&mut sourced, st, 10.0, 10.0, 5.0, true);
        provenance_marker(&mut illustrative, st, 10.0, 10.0, 5.0, false);
        assert!(sourced.contains(&format!("fill=\"{}\"", st.fill)), "{sourced}");
        assert!(illustrative.contains("fill=\"#ffffff\"") && illustrative.contains("stroke-width=\"2.5\""));
    }
}
