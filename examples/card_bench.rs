//! The cost of a pilot's share card (a benchmark, not a test):
//!
//!     cargo run --release --example card_bench -- 500
//!
//! Draws that many 1200×630 PNG cards with varied commune names on one thread and reports
//! the time and bytes per card, so a site of 10,000 pilots can be costed.

use std::time::Instant;

use langso::render::share::{CardText, card_png};

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(500);
    let names = ["Xã Thoại Giang", "Xã Đắk Nuê", "Xã Giao Phong", "Xã Tân Hưng Đông", "Xã Mường Khương"];
    let start = Instant::now();
    let mut bytes = 0;
    for i in 0..n {
        let name = format!("{} {i}", names[i % names.len()]);
        bytes += card_png(&CardText {
            label: "Mô hình thí điểm",
            name: &name,
            line2: "Thành phố Hồ Chí Minh",
            line3: "Du lịch nông thôn",
            footer: "Nông thôn mới thông minh — Báo cáo mô hình thí điểm",
        })
        .len();
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{n} cards: {:.2} ms per card, {:.1} KB per card (one thread)",
        secs * 1000.0 / n as f64,
        bytes as f64 / n as f64 / 1024.0
    );
}
