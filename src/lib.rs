//! langso: a static site generator for Vietnam's smart new-rural commune pilots.
//! The pipeline is load → render → output; see ARCHITECTURE.md.

pub mod build;
pub mod diag;
pub mod diff;
pub mod fault;
pub mod incremental;
pub mod load;
pub mod model;
pub mod output;
pub mod portable;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod slug;
pub mod unicode;
