//! Commands other than taking the course.

pub mod lint;
