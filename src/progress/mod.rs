//! Learner progress: the record (pure data), the store (atomic, locked,
//! recovering), and class reports.

pub mod digest;
pub mod profile;
pub mod record;
pub mod report;
pub mod safe_fs;
mod scan;
pub mod store;
mod store_error;

pub use record::{CourseRecord, ModuleRecord, Position, Settings, Status, StepRecord};
