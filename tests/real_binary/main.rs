//! Tests that drive the real `notalone` binary: plain mode, the CLI
//! commands, and the full-screen UI in a pty. One binary builds faster.

mod ftl;
mod hostile_env;
mod interface;
mod lint_fixtures;
mod lint_limits;
mod locales_cli;
mod no_network;
mod plain_class;
mod plain_e2e;
mod po_cli;
mod profile_screens;
mod progress_cli;
mod release_build;
#[path = "../common/report_class.rs"]
mod report_class;
mod report_html;
mod report_views;
mod runner;
mod scaffold;
#[cfg(unix)]
mod shared_folder;
mod tui_pty;
mod tui_pty_watch;
mod write_links;
