//! mentorlog: an offline-first terminal journal for a mentoring relationship.

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
pub mod review;
pub mod share;
pub mod store;
pub mod text;
pub mod tui;
pub mod ui;
