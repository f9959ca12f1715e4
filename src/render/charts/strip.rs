//! The strip plot: a dot per pilot on a value line, spread over lanes where dots would
//! overlap, or past `DOT_LIMIT` pilots a bar per slice of the axis; with the target and
//! the proposed thresholds.

use std::fmt::Write;

use super::svg::{
    ACCENT, Axis, INK, LINE, Legend, MUTED, Shape, WIDTH, anchor_for, axis_line, legend, marker, n, open,
    provenance_legend, provenance_marker, style, text,
};
use crate::render::feeds::xml_escape as esc;
use crate::render::theme::I18n;

/// One dot of a strip plot: a pilot's value, its series (field) and whether the value is
/// sourced (a filled marker) or illustrative (a hollow one).
#[derive(Debug, Clone)]
pub struct Point {
    pub value: f64,
    pub series: usize,
    pub sourced: bool,
}

/// Lanes for dots that would overlap: 0, 1, -1, 2, -2… nearest the middle first.
fn lanes(xs: &[f64], gap: f64) -> Vec<i32> {
    let mut order: Vec<usize> = (0..xs.len()).collect();
    order.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]).then(a.cmp(&b)));
    // Dots are placed left to right, so the only dot of a lane that can be too close to the
    // next one is the lane's rightmost: keep that x per lane (lanes 0, 1, -1, 2, -2, … by index).
    let mut rightmost: Vec<f64> = Vec::new();
    let mut out = vec![0; xs.len()];
    for i in order {
        let k = (0..).find(|&k| rightmost.get(k).is_none_or(|&x| (xs[i] - x).abs() >= gap)).unwrap_or(0);
        if k == rightmost.len() {
            rightmost.push(xs[i]);
        } else {
            rightmost[k] = xs[i];
        }
        out[i] = if k % 2 == 0 { -((k / 2) as i32) } else { (k / 2 + 1) as i32 };
    }
    out
}

/// What a strip plot shows besides its dots.
pub struct StripPlot<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    pub axis: Axis,
    pub points: Vec<Point>,
    /// The 2025 target and its label.
    pub target: Option<(f64, String)>,
    pub proposals: Vec<f64>,
    pub legend: Vec<Legend>,
}

/// Past this many pilots a strip plot shows how many fall in each of `BINS` equal slices
/// of the axis instead of a dot each: thousands of dots would only overlap, and weigh
/// megabytes on a page meant for phones.
pub const DOT_LIMIT: usize = 150;
const BINS: usize = 48;

/// One dot per pilot on a value line (or, past `DOT_LIMIT`, a bar per slice of the axis),
/// with the target and proposed thresholds.
pub fn strip_plot(c: &StripPlot, fmt: &dyn Fn(f64) -> String, t: &I18n) -> String {
    let (left, right) = (16.0, WIDTH - 16.0);
    let top = 44.0;
    let binned = c.points.len() > DOT_LIMIT;
    let (body, band) = if binned { bars(c, left, right, top, fmt, t) } else { dots(c, left, right, top) };
    let axis_y = top + band + 8.0;
    let mut extra = provenance_legend(c.points.iter().map(|p| p.sourced), t);
    if c.target.is_some() {
        extra.push(("target", t.get("chart_target")));
    }
    if !c.proposals.is_empty() {
        extra.push(("proposal", t.get("chart_proposals")));
    }
    let series: &[Legend] = if binned { &[] } else { &c.legend };
    let legend_rows = (series.len() + extra.len()).div_ceil(2) as f64;
    let height = axis_y + 42.0 + legend_rows * 20.0;
    let mut out = String::new();
    open(&mut out, c.id, height, c.title, c.desc);
    for &tk in &c.axis.ticks {
        let x = c.axis.x(tk, left, right);
        let _ = write!(out, "<path d=\"M{} {}V{}\" stroke=\"{LINE}\"/>", n(x), n(top - 4.0), n(axis_y));
    }
    if let Some((v, label)) = &c.target {
        let x = c.axis.x(*v, left, right);
        let _ = write!(
            out,
            "<path d=\"M{} {}V{}\" stroke=\"{INK}\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/>",
            n(x),
            n(14.0),
            n(axis_y)
        );
        text(&mut out, x, 11.0, anchor_for(x), " font-weight=\"600\"", label);
    }
    // Equal proposals share one marker, with their count beside it.
    let mut proposals = c.proposals.clone();
    proposals.sort_by(f64::total_cmp);
    for (i, &p) in proposals.iter().enumerate() {
        if i > 0 && proposals[i - 1] == p {
            continue;
        }
        let x = c.axis.x(p, left, right);
        marker(&mut out, Shape::TriangleDown, x, 30.0, 5.0, "#ffffff", ACCENT);
        let same = proposals.iter().filter(|&&q| q == p).count();
        if same > 1 {
            let (dx, anchor) = if x > WIDTH - 40.0 { (-9.0, "end") } else { (9.0, "start") };
            text(&mut out, x + dx, 35.0, anchor, &format!(" font-size=\"12\" fill=\"{ACCENT}\""), &format!("×{same}"));
        }
    }
    out.push_str(&body);
    axis_line(&mut out, &c.axis, axis_y, left, right, fmt);
    legend(&mut out, axis_y + 44.0, series, &extra);
    out.push_str("</svg>");
    out
}

/// A dot per pilot, spread over lanes where they would overlap; returns the drawing and
/// the height of its band.
fn dots(c: &StripPlot, left: f64, right: f64, top: f64) -> (String, f64) {
    let r = 6.0;
    let xs: Vec<f64> = c.points.iter().map(|p| c.axis.x(p.value, left, right)).collect();
    let lane = lanes(&xs, 2.0 * r + 1.0);
    let spread = lane.iter().map(|l| l.abs()).max().unwrap_or(0) as f64;
    // Many equal values would make a tall column: past four lanes the dots overlap by half.
    let step = if spread > 4.0 { r + 1.0 } else { 2.0 * r + 2.0 };
    let band = (2.0 * spread + 1.0) * step + 2.0;
    let mid = top + band / 2.0;
    let mut out = String::new();
    for ((p, x), l) in c.points.iter().zip(&xs).zip(&lane) {
        provenance_marker(&mut out, style(p.series), *x, mid + *l as f64 * step, r, p.sourced);
    }
    (out, band)
}

/// How many pilots fall in each of `BINS` equal slices of the axis, as bars rising from
/// the axis, the tallest `BAND` high; each bar's title gives its slice and count.
fn bars(c: &StripPlot, left: f64, right: f64, top: f64, fmt: &dyn Fn(f64) -> String, t: &I18n) -> (String, f64) {
    const BAND: f64 = 96.0;
    // Per slice: (all, sourced).
    let mut counts = [(0usize, 0usize); BINS];
    let slice = (right - left) / BINS as f64;
    for p in &c.points {
        let x = c.axis.x(p.value, left, right);
        let bin = &mut counts[(((x - left) / slice) as usize).min(BINS - 1)];
        bin.0 += 1;
        bin.1 += usize::from(p.sourced);
    }
    let most = counts.iter().map(|c| c.0).max().unwrap_or(1).max(1) as f64;
    let bottom = top + BAND;
    let mut out = String::new();
    for (i, &(k, sourced)) in counts.iter().enumerate().filter(|(_, k)| k.0 > 0) {
        let h = (k as f64 / most * BAND).max(1.5);
        let hs = sourced as f64 / k as f64 * h;
        let x = left + i as f64 * slice;
        let value = |x: f64| c.axis.lo + (x - left) / (right - left) * (c.axis.hi - c.axis.lo);
        let label = format!(
            "{} – {}: {k} {} ({sourced} {})",
            fmt(value(x)),
            fmt(value(x + slice)),
            t.get("chart_bin_pilots"),
            t.get("value_sourced")
        );
        // The sourced part solid from the axis up, the illustrative part outlined above it.
        let _ = write!(
            out,
            "<g><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\" stroke=\"{MUTED}\"/>",
            esc(&label),
            n(x + 0.5),
            n(bottom - h),
            n(slice - 1.0),
            n(h),
        );
        if sourced > 0 {
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{MUTED}\"/>",
                n(x + 0.5),
                n(bottom - hs),
                n(slice - 1.0),
                n(hs)
            );
        }
        out.push_str("</g>");
    }
    (out, BAND)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_dots_take_lanes_nearest_the_middle() {
        assert_eq!(lanes(&[10.0, 10.0, 10.0, 50.0], 5.0), vec![0, 1, -1, 0]);
    }
}
