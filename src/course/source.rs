//! Where a course's files come from: the copy embedded in the binary, or a
//! directory on disk. Both are seen as a set of relative `/`-separated paths.

use std::path::{Path, PathBuf};

/// The built-in course (the project's `lessons/` folder), embedded at build time.
#[derive(rust_embed::Embed)]
#[folder = "lessons/"]
struct BuiltinLessons;

/// Largest lesson file read, in bytes (1 MiB).
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// Most files a course directory may hold.
pub const MAX_FILES: usize = 10_000;
/// Deepest folder nesting walked in a course directory.
const MAX_DEPTH: usize = 8;

/// A course's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CourseSource {
    /// The course embedded in the binary.
    Embedded,
    /// A course directory on disk.
    Dir(PathBuf),
}

/// Why a course's files could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("there is no course directory at {0}")]
    NoDir(String),
    #[error("{0} has no course.toml, so it is not a course directory")]
    NoCourseToml(String),
    #[error(
        "the course directory {0} holds more than {MAX_FILES} files; point at the course folder itself"
    )]
    TooManyFiles(String),
    #[error("{file} is larger than 1 MiB; split it into smaller modules")]
    TooLarge { file: String },
    #[error("could not read {file}: {error}")]
    Io { file: String, error: std::io::Error },
}

impl CourseSource {
    /// How to name this course to a human (a path, or "the built-in course").
    pub fn display_root(&self) -> String {
        match self {
            CourseSource::Embedded => "the built-in course".to_string(),
            CourseSource::Dir(p) => p.display().to_string(),
        }
    }

    /// The directory on disk, if any.
    pub fn dir(&self) -> Option<&Path> {
        match self {
            CourseSource::Embedded => None,
            CourseSource::Dir(p) => Some(p),
        }
    }

    /// Check that this source is a course at all (a directory with `course.toml`).
    pub fn check(&self) -> Result<(), SourceError> {
        if let CourseSource::Dir(dir) = self {
            if !dir.is_dir() {
                return Err(SourceError::NoDir(dir.display().to_string()));
            }
            if !dir.join("course.toml").is_file() {
                return Err(SourceError::NoCourseToml(dir.display().to_string()));
            }
        }
        Ok(())
    }

    /// Every file of the course, as sorted relative paths with `/`.
    /// Hidden files and folders (starting with `.`) are skipped.
    pub fn files(&self) -> Result<Vec<String>, SourceError> {
        match self {
            CourseSource::Embedded => {
                let mut v: Vec<String> = BuiltinLessons::iter().map(|p| p.into_owned()).collect();
                v.sort();
                Ok(v)
            }
            CourseSource::Dir(dir) => {
                self.check()?;
                let mut out = Vec::new();
                walk(dir, dir, 0, &mut out)?;
                out.sort();
                Ok(out)
            }
        }
    }

    /// The bytes of one file, `None` if it does not exist.
    pub fn read(&self, rel: &str) -> Result<Option<Vec<u8>>, SourceError> {
        match self {
            CourseSource::Embedded => Ok(BuiltinLessons::get(rel).map(|f| f.data.into_owned())),
            CourseSource::Dir(dir) => {
                let path = dir.join(rel);
                let meta = match std::fs::metadata(&path) {
                    Ok(m) => m,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
                    Err(error) => {
                        return Err(SourceError::Io {
                            file: rel.to_string(),
                            error,
                        });
                    }
                };
                if !meta.is_file() {
                    return Ok(None);
                }
                if meta.len() > MAX_FILE_BYTES {
                    return Err(SourceError::TooLarge {
                        file: rel.to_string(),
                    });
                }
                match std::fs::read(&path) {
                    Ok(b) if b.len() as u64 > MAX_FILE_BYTES => Err(SourceError::TooLarge {
                        file: rel.to_string(),
                    }),
                    Ok(b) => Ok(Some(b)),
                    Err(error) => Err(SourceError::Io {
                        file: rel.to_string(),
                        error,
                    }),
                }
            }
        }
    }
}

fn walk(root: &Path, dir: &Path, depth: usize, out: &mut Vec<String>) -> Result<(), SourceError> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    let entries = std::fs::read_dir(dir).map_err(|error| SourceError::Io {
        file: dir.display().to_string(),
        error,
    })?;
    for entry in entries {
        let entry = entry.map_err(|error| SourceError::Io {
            file: dir.display().to_string(),
            error,
        })?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if name.starts_with('.') {
            continue;
        }
        let Ok(ft) = entry.file_type() else { continue };
        let path = entry.path();
        if ft.is_dir() {
            walk(root, &path, depth + 1, out)?;
        } else if ft.is_file() {
            let Ok(rel) = path.strip_prefix(root) else {
                continue;
            };
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(rel.join("/"));
            if out.len() > MAX_FILES {
                return Err(SourceError::TooManyFiles(root.display().to_string()));
            }
        }
    }
    Ok(())
}
