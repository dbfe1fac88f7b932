//! Build script: rebuild when embedded folders gain or lose files, and
//! record the commit the program is built from (shown by `--version`).
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    // Embedded folders do not notice added or removed files without this.
    println!("cargo:rerun-if-changed=lessons");
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-env-changed=NOTALONE_COMMIT");

    // A build from a source archive without git history can be told the
    // commit (`NOTALONE_COMMIT=abc123 cargo build --release`).
    let commit = std::env::var("NOTALONE_COMMIT")
        .ok()
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-'))
        .or_else(git_commit)
        .unwrap_or_else(|| "unknown".to_string());
    println!("cargo:rustc-env=NOTALONE_COMMIT={commit}");
    // The platform built for, so a technician can tell the downloads apart.
    let target = std::env::var("TARGET").unwrap_or_else(|_| "unknown".to_string());
    println!("cargo:rustc-env=NOTALONE_TARGET={target}");
}

/// The short hash of HEAD when this folder is the top of a git checkout
/// (not when it merely sits inside some other repository, as an unpacked
/// crate might), and the files to watch so a new commit rebuilds.
fn git_commit() -> Option<String> {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR")?);
    let top = git(&manifest, &["rev-parse", "--show-toplevel"])?;
    if !same_dir(Path::new(&top), &manifest) {
        return None;
    }
    let hash = git(&manifest, &["rev-parse", "--short=12", "HEAD"])?;
    if !hash.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    // HEAD (per worktree), the branch it points to, and packed refs.
    let mut watch = vec!["HEAD".to_string(), "packed-refs".to_string()];
    if let Some(branch) = git(&manifest, &["symbolic-ref", "-q", "HEAD"]) {
        watch.push(branch);
    }
    for name in watch {
        if let Some(p) = git(&manifest, &["rev-parse", "--git-path", &name]) {
            let p = manifest.join(p);
            if p.exists() {
                println!("cargo:rerun-if-changed={}", p.display());
            }
        }
    }
    Some(hash)
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!s.is_empty()).then_some(s)
}

fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
