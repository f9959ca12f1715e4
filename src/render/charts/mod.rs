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
//!
//! One file a chart: `strip.rs` (strip plot, binned past `DOT_LIMIT`), `slope.rs`
//! (before/after), `bar.rs` (yes/no answers) and `tile_map.rs` (the provinces); `svg.rs`
//! holds what they share (palette, markers, the value axis, legends, the `<svg>` head).

mod bar;
mod slope;
mod strip;
mod svg;
mod tile_map;

pub use bar::{Bar, bar_chart};
pub use slope::{Slope, slope_chart};
pub use strip::{DOT_LIMIT, Point, StripPlot, strip_plot};
pub use svg::{Axis, Legend, PALETTE, Shape, Style, style};
pub use tile_map::{Swatch, Tile, short_name, tile_map};
