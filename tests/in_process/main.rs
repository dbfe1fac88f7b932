//! Tests that run in this process: the library, the screens (TestBackend
//! and insta), the built-in course, docs and schemas. One binary builds faster.

mod builtin_course;
mod class_report;
mod docs;
mod fuzz_props;
mod hostile_text;
mod loader_props;
mod man_page;
mod parity;
mod parity_walks;
mod plain_walk;
mod progress_store;
mod schema_validator;
mod schemas;
mod store_hostile;
mod store_kills;
mod tui_bytes;
mod tui_common;
mod tui_keys;
mod tui_parity;
mod tui_pseudo;
mod tui_scenarios;
mod tui_snapshots;
mod tui_unseen;
mod tui_watch;
mod watch;
