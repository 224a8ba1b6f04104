//! Text measured and cut in terminal cells, for lining up columns. The one measure lives in
//! [`crate::text`]; these are its names where the screens pad and cut.

pub use crate::text::{cut_words, fit, truncate as cut, width as cells};
