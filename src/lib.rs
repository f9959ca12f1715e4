//! langso: a static site generator for Vietnam's smart new-rural commune pilots.
//! The pipeline is load → render → output; see ARCHITECTURE.md.

pub mod build;
pub mod diag;
pub mod diff;
pub mod load;
pub mod model;
pub mod numbers;
pub mod output;
pub mod path_guard;
pub mod photo;
pub mod pipeline;
pub mod portable;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod slug;
pub mod unicode;
