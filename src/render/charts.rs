//! Static SVG charts drawn at build time, with no chart library and no script: a strip
//! plot per numeric indicator, a before/after slope chart, a bar chart for yes/no
//! indicators and a tile-grid map of the 34 provincial units.
//!
//! Every chart is inlined in the page: it has a `<title>` and a `<desc>` (named by
//! `aria-labelledby`), a `viewBox` with `width="100%"` so it scales with a phone's screen,
//! and only presentation attributes (the CSP forbids `style`). Colours come from the
//! Okabe–Ito palette, which colour-blind readers can tell apart, and every colour is
//! paired with a marker shape or a text label. Every text is escaped here.
//! The functions take plain, already formatted values, so they can be called from anywhere.

use std::fmt::Write;

use super::feeds::xml_escape as esc;
use super::theme::I18n;

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

const INK: &str = "#1d2733";
const MUTED: &str = "#5b6773";
const LINE: &str = "#d5ddd8";
const ACCENT: &str = "#b35c00";
const WIDTH: f64 = 400.0;

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

fn marker(out: &mut String, shape: Shape, x: f64, y: f64, r: f64, fill: &str, stroke: &str) {
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
fn n(v: f64) -> String {
    let v = if v.is_finite() { v.clamp(-COORDINATE_LIMIT, COORDINATE_LIMIT) } else { 0.0 };
    let r = (v * 10.0).round() / 10.0;
    if r == r.trunc() { format!("{}", r as i64) } else { format!("{r:.1}") }
}

/// Opens an accessible, scalable `<svg>` with its title and description.
fn open(out: &mut String, id: &str, height: f64, title: &str, desc: &str) {
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

fn text(out: &mut String, x: f64, y: f64, anchor: &str, extra: &str, s: &str) {
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
    fn share(&self, v: f64) -> f64 {
        // `max` then `min`, not `clamp`, which panics on a NaN bound.
        let v = if v.is_nan() { self.lo } else { v.max(self.lo).min(self.hi) };
        (v - self.lo) / (self.hi - self.lo)
    }

    fn x(&self, v: f64, left: f64, right: f64) -> f64 {
        left + self.share(v) * (right - left)
    }
}

/// One dot of a strip plot: a pilot's value, its series (field) and whether the value is
/// sourced (a filled marker) or illustrative (a hollow one).
#[derive(Debug, Clone)]
pub struct Point {
    pub value: f64,
    pub series: usize,
    pub sourced: bool,
}

/// A series marker as its value's provenance draws it: filled when sourced, hollow (white,
/// outlined thickly in the series colour) when illustrative, so the two read apart in
/// greyscale print too.
fn provenance_marker(out: &mut String, st: Style, x: f64, y: f64, r: f64, sourced: bool) {
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

/// Legend rows in two columns below a chart; returns the height used.
fn legend(out: &mut String, y: f64, items: &[Legend], extra: &[(&str, &str)]) -> f64 {
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

fn anchor_for(x: f64) -> &'static str {
    if x < 70.0 {
        "start"
    } else if x > WIDTH - 70.0 {
        "end"
    } else {
        "middle"
    }
}

/// Labels an axis with its ticks below `y`.
fn axis_line(out: &mut String, axis: &Axis, y: f64, left: f64, right: f64, fmt: &dyn Fn(f64) -> String) {
    let _ = write!(out, "<path d=\"M{} {}H{}\" stroke=\"{MUTED}\"/>", n(left), n(y), n(right));
    for &tk in &axis.ticks {
        let x = axis.x(tk, left, right);
        let _ = write!(out, "<path d=\"M{} {}v4\" stroke=\"{MUTED}\"/>", n(x), n(y));
        text(out, x, y + 17.0, anchor_for(x), " font-size=\"13\"", &fmt(tk));
    }
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

/// The legend entries for the provenance of `points`: only the kinds that occur.
fn provenance_legend(points: impl Iterator<Item = bool>, t: &I18n) -> Vec<(&'static str, &str)> {
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

/// Grid positions (column, row) of the 34 provincial units since 1 July 2025, north to
/// south, following the country's shape. Units of other sites go in rows below.
const GRID: [(&str, u8, u8); 34] = [
    ("lai-chau", 2, 0),
    ("lao-cai", 3, 0),
    ("tuyen-quang", 4, 0),
    ("cao-bang", 5, 0),
    ("dien-bien", 1, 1),
    ("son-la", 2, 1),
    ("phu-tho", 3, 1),
    ("thai-nguyen", 4, 1),
    ("lang-son", 5, 1),
    ("ha-noi", 3, 2),
    ("bac-ninh", 4, 2),
    ("quang-ninh", 5, 2),
    ("thanh-hoa", 2, 3),
    ("ninh-binh", 3, 3),
    ("hung-yen", 4, 3),
    ("hai-phong", 5, 3),
    ("nghe-an", 2, 4),
    ("ha-tinh", 3, 4),
    ("quang-tri", 3, 5),
    ("hue", 4, 5),
    ("da-nang", 4, 6),
    ("quang-ngai", 4, 7),
    ("gia-lai", 4, 8),
    ("dak-lak", 4, 9),
    ("lam-dong", 3, 10),
    ("khanh-hoa", 4, 10),
    ("tay-ninh", 1, 11),
    ("ho-chi-minh", 2, 11),
    ("dong-nai", 3, 11),
    ("an-giang", 0, 12),
    ("dong-thap", 1, 12),
    ("vinh-long", 2, 12),
    ("ca-mau", 0, 13),
    ("can-tho", 1, 13),
];

/// One provincial unit on the tile map.
#[derive(Debug, Clone)]
pub struct Tile {
    pub slug: String,
    pub name: String,
    /// Link target relative to the page (already with the base path).
    pub href: String,
    /// A short second text under the name (a value or a count), may be empty.
    pub value: String,
    pub fill: String,
    pub ink: String,
    /// Drawn with a dashed outline: no data.
    pub empty: bool,
    /// Drawn hollow (white, outlined thickly in `fill`, text in ink): none of its values
    /// is sourced, as the hollow markers of the strip plots.
    pub hollow: bool,
    /// A field marker in the corner, for readers who cannot tell the colours apart.
    pub series: Option<usize>,
}

/// A legend swatch of a tile map.
#[derive(Debug, Clone)]
pub struct Swatch {
    pub fill: String,
    pub empty: bool,
    /// White with a thick outline in `fill`, as a hollow tile.
    pub hollow: bool,
    pub series: Option<usize>,
    pub label: String,
}

/// A name as one or two short lines: "Tuyên Quang" → ["Tuyên", "Quang"], "TP Hồ Chí Minh" → ["TP HCM"].
pub fn short_name(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.len() {
        0..=2 => words.iter().map(|w| w.to_string()).collect(),
        _ => {
            let initials: String = words[1..].iter().filter_map(|w| w.chars().next()).collect();
            vec![format!("{} {}", words[0], initials)]
        }
    }
}

const TILE: f64 = 52.0;
const CELL: f64 = 56.0;

/// The tile-grid map: one square per provincial unit, in the order of `tiles`.
pub fn tile_map(id: &str, title: &str, desc: &str, tiles: &[Tile], swatches: &[Swatch]) -> String {
    let mut extra = 0u8;
    let positions: Vec<(f64, f64)> = tiles
        .iter()
        .map(|tile| match GRID.iter().find(|g| g.0 == tile.slug) {
            Some(&(_, c, r)) => (f64::from(c), f64::from(r)),
            None => {
                extra += 1;
                (f64::from((extra - 1) % 6), 14.0 + f64::from((extra - 1) / 6))
            }
        })
        .collect();
    let rows = positions.iter().map(|p| p.1).fold(0.0, f64::max) + 1.0;
    let grid_h = rows * CELL;
    let mut out = String::new();
    let legend_h = swatches.len() as f64 * 20.0 + 8.0;
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart tile-map\" viewBox=\"0 0 {} {}\" width=\"100%\" \
         role=\"group\" aria-labelledby=\"{id}-t {id}-d\" font-family=\"system-ui, sans-serif\" font-size=\"10\" fill=\"{INK}\">\
         <title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        n(6.0 * CELL),
        n(grid_h + legend_h),
        esc(title),
        esc(desc)
    );
    for (tile, (c, r)) in tiles.iter().zip(&positions) {
        let (x, y) = (c * CELL + 2.0, r * CELL + 2.0);
        let dash = if tile.empty { " stroke-dasharray=\"3 2\"" } else { "" };
        let (fill, stroke, width) = match (tile.empty, tile.hollow) {
            (true, _) => (tile.fill.as_str(), MUTED, 1.0),
            (false, true) => ("#ffffff", tile.fill.as_str(), 4.0),
            (false, false) => (tile.fill.as_str(), INK, 1.0),
        };
        let _ = write!(
            out,
            "<a href=\"{}\" class=\"tile\" data-slug=\"{}\"><title>{}</title>\
             <rect x=\"{}\" y=\"{}\" width=\"{TILE}\" height=\"{TILE}\" rx=\"4\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"{dash}/>",
            esc(&tile.href),
            esc(&tile.slug),
            esc(&if tile.value.is_empty() { tile.name.clone() } else { format!("{}: {}", tile.name, tile.value) }),
            n(x),
            n(y),
            esc(fill),
            esc(stroke),
            n(width),
        );
        if tile.hollow && !tile.empty {
            // A thin inner line in ink: the palest class still reads as a hollow tile, not a blank one.
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\" fill=\"none\" stroke=\"{INK}\"/>",
                n(x + 2.5),
                n(y + 2.5),
                n(TILE - 5.0),
                n(TILE - 5.0)
            );
        }
        let ink = if tile.hollow { INK.to_string() } else { esc(&tile.ink) };
        let lines = short_name(&tile.name);
        let first = if lines.len() > 1 { y + 19.0 } else { y + 24.0 };
        for (i, line) in lines.iter().enumerate() {
            text(&mut out, x + TILE / 2.0, first + i as f64 * 11.0, "middle", &format!(" fill=\"{ink}\""), line);
        }
        if !tile.value.is_empty() {
            text(
                &mut out,
                x + TILE / 2.0,
                y + 46.0,
                "middle",
                &format!(" fill=\"{ink}\" font-weight=\"700\""),
                &tile.value,
            );
        }
        if let Some(s) = tile.series {
            marker(&mut out, style(s).shape, x + 8.0, y + 8.0, 3.5, &tile.ink, &tile.fill);
        }
        out.push_str("</a>");
    }
    for (i, s) in swatches.iter().enumerate() {
        let y = grid_h + 4.0 + i as f64 * 20.0;
        let dash = if s.empty { " stroke-dasharray=\"3 2\"" } else { "" };
        let (fill, stroke, width) =
            if s.hollow { ("#ffffff", s.fill.as_str(), 3.0) } else { (s.fill.as_str(), INK, 1.0) };
        let _ = write!(
            out,
            "<rect x=\"4\" y=\"{}\" width=\"16\" height=\"16\" rx=\"2\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"{dash}/>",
            n(y),
            esc(fill),
            esc(stroke),
            n(width)
        );
        if let Some(series) = s.series {
            let st = style(series);
            marker(&mut out, st.shape, 12.0, y + 8.0, 3.5, st.ink, st.fill);
        }
        text(&mut out, 28.0, y + 13.0, "start", " font-size=\"12\"", &s.label);
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_places_every_unit_once() {
        let mut cells: Vec<(u8, u8)> = GRID.iter().map(|g| (g.1, g.2)).collect();
        cells.sort();
        cells.dedup();
        assert_eq!(cells.len(), GRID.len(), "two units share a cell");
        assert!(GRID.iter().all(|g| g.1 < 6), "six columns");
    }

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

    #[test]
    fn short_names() {
        assert_eq!(short_name("Tuyên Quang"), vec!["Tuyên", "Quang"]);
        assert_eq!(short_name("Huế"), vec!["Huế"]);
        assert_eq!(short_name("TP Hồ Chí Minh"), vec!["TP HCM"]);
    }

    #[test]
    fn overlapping_dots_take_lanes_nearest_the_middle() {
        assert_eq!(lanes(&[10.0, 10.0, 10.0, 50.0], 5.0), vec![0, 1, -1, 0]);
    }

    #[test]
    fn texts_are_escaped() {
        let t = I18n { lang: crate::model::Lang::En, strings: Default::default() };
        let bars = [Bar { label: "<b>".into(), count: 1, sourced: Some(0) }];
        let svg = bar_chart("x", "<a>", "\"&\"", &bars, 2, &t);
        assert!(svg.contains("<title id=\"x-t\">&lt;a&gt;</title>"));
        assert!(svg.contains("&lt;b&gt;") && !svg.contains("<b>"));
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
