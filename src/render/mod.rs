//! Stage 6: a laid-out diagram + a theme -> SVG, and SVG -> PNG.

mod fonts;
mod frames;
pub mod marks;
pub mod png;
pub mod svg;
pub mod theme;

pub use theme::Theme;

/// What can go wrong while rendering.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("theme: {0}")]
    Theme(String),
    #[error("PNG: {0}")]
    Png(String),
}
