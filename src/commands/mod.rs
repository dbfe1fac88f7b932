//! Commands other than taking the course.

pub mod export;
pub mod lint;
pub mod locales;
pub mod new;
pub mod po;
pub mod progress;
pub mod run;
