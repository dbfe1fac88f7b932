//! The first version's name of the host; kept while tests move to [`crate::host`].
pub use crate::host::{Host as App, StartError, load_course, pseudo_course};
