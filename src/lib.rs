//! mentorlog: an offline-first terminal journal for a mentoring relationship.
//!
//! The modules are layers; each uses only its own and the ones below it (tests/layers.rs
//! checks this, and that no two modules use each other), bottom first:
//!
//! - `domain`, `words`, `progress`: plain types and pure rules, counts in words, and how long
//!   work reports how far it got, using nothing of ours
//! - `text`, `external`: measuring, wrapping and cleaning text; the person's own editor
//! - `content`, `error`; then `config`
//! - `store`: the one owner of the journal file
//! - `review`, `backup`, `health`, `demo`, `exchange`, `share`, `generate`, `cli`: what works
//!   on a journal without a screen
//! - `app` (state and update), then `ui` (drawing)
//! - `tui` and `cli::launch`: the terminal program, put together

pub mod app;
pub mod backup;
pub mod cli;
pub use cli::capture;
pub mod config;
pub mod content;
pub mod demo;
pub mod domain;
pub mod error;
pub mod exchange;
pub mod external;
pub mod generate;
pub mod health;
pub mod progress;
pub mod review;
pub mod share;
pub mod store;
pub mod text;
pub mod tui;
pub mod ui;
pub mod words;
