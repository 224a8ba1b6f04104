//! mentorlog: an offline-first terminal journal for a mentoring relationship.

pub mod app;
pub mod backup;
pub mod capture;
pub mod cli;
pub mod config;
pub mod content;
pub mod demo;
pub mod domain;
pub mod error;
pub mod exchange;
pub mod external;
pub mod generate;
pub mod health;
pub mod share;
pub mod store;
pub mod text;
pub mod tui;
pub mod ui;
pub mod words;
