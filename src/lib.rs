//! notalone: an offline terminal course that helps young people recognise
//! and survive financial sextortion.
//!
//! The library holds everything; the binary only parses the command line and
//! dispatches. See `docs/` for the lesson format and the design.
#![forbid(unsafe_code)]

pub mod cli;
pub mod commands;
pub mod course;
pub mod fuzzing;
pub mod host;
pub mod i18n;
pub mod plain;
pub mod progress;
pub mod schema;
pub mod session;
pub mod text;
pub mod tui;
pub mod watch;
#[cfg(windows)]
pub mod windows;
