//! Learner progress: the record (pure data), the store (atomic, locked,
//! recovering), and class reports.

pub mod record;

pub use record::{CourseRecord, ModuleRecord, Position, Settings, Status, StepRecord};
