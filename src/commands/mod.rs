//! Commands other than taking the course.

pub mod lint;
pub mod progress;
pub mod run;
