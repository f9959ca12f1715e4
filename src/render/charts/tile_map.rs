//! The tile-grid map: one square per provincial unit, placed on a grid that follows the
//! country's shape (`GRID`), each a link with its value, fill and field marker.

use std::fmt::Write;

use super::svg::{INK, MUTED, marker, n, style, text};
use crate::render::feeds::xml_escape as esc;

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
    fn short_names() {
        assert_eq!(short_name("Tuyên Quang"), vec!["Tuyên", "Quang"]);
        assert_eq!(short_name("Huế"), vec!["Huế"]);
        assert_eq!(short_name("TP Hồ Chí Minh"), vec!["TP HCM"]);
    }
}
