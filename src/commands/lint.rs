//! `notalone lint` (TO BE WRITTEN by the engine work).
use std::path::PathBuf;

use crate::cli::ReportFormat;

/// Run `lint`; returns the exit code (0 ok, 1 errors, 2 could not run).
pub fn run(_dir: Option<PathBuf>, _format: ReportFormat) -> i32 {
    2
}
