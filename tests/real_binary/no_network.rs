//! No network, provably: no HTTP, TLS or socket crate in the dependency
//! tree, and no socket in the code. (The crossterm/signal-hook-mio wakeup
//! uses a Unix socketpair inside the process; that is not a network.)

use std::process::Command;

/// Crates that exist to talk over a network.
const NETWORK_CRATES: &[&str] = &[
    "reqwest",
    "hyper",
    "hyper-util",
    "h2",
    "h3",
    "http",
    "http-body",
    "ureq",
    "curl",
    "curl-sys",
    "isahc",
    "attohttpc",
    "surf",
    "native-tls",
    "openssl",
    "openssl-sys",
    "rustls",
    "rustls-pki-types",
    "webpki",
    "webpki-roots",
    "ring",
    "tokio",
    "tokio-native-tls",
    "tokio-rustls",
    "async-std",
    "socket2",
    "trust-dns-resolver",
    "hickory-resolver",
    "quinn",
    "tungstenite",
    "websocket",
    "sentry",
    "opentelemetry",
    "posthog-rs",
    "segment",
];

#[test]
fn no_network_crate_in_the_dependency_tree() {
    let out = Command::new(env!("CARGO"))
        .args([
            "tree",
            "--offline",
            "--locked",
            "-e",
            "normal",
            "--prefix",
            "none",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8_lossy(&out.stdout);
    let names: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(names.contains(&"ratatui"), "the tree was read: {tree}");
    for bad in NETWORK_CRATES {
        assert!(
            !names.contains(bad),
            "`{bad}` is in the dependency tree: notalone must never use the network"
        );
    }
    // mio is there for terminal events only. Its `net` feature is switched
    // on by signal-hook-mio alone, for an in-process Unix socketpair that
    // wakes the event loop on a signal; nothing else may ask for it.
    let features = Command::new(env!("CARGO"))
        .args([
            "tree",
            "--offline",
            "--locked",
            "-e",
            "features",
            "-i",
            "mio",
            "--prefix",
            "none",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    let f = String::from_utf8_lossy(&features.stdout);
    let lines: Vec<&str> = f.lines().collect();
    if let Some(i) = lines.iter().position(|l| *l == "mio feature \"net\"") {
        let users: Vec<&str> = lines[i + 1..]
            .iter()
            .take_while(|l| !l.starts_with("mio feature"))
            .copied()
            .collect();
        assert!(
            users.iter().all(|u| u.starts_with("signal-hook-mio")),
            "mio's net feature is wanted by {users:?}"
        );
    }
}

#[test]
fn no_socket_in_the_code() {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).expect("read src").flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(files.len() > 10);
    for f in files {
        let text = std::fs::read_to_string(&f).expect("read");
        for bad in [
            "std::net",
            "TcpStream",
            "TcpListener",
            "UdpSocket",
            "UnixStream",
            "UnixListener",
            "ToSocketAddrs",
        ] {
            assert!(!text.contains(bad), "{} uses {bad}", f.display());
        }
    }
}

/// The real binary, run through plain mode under strace: the only
/// network-family call allowed is a Unix socketpair (signal wakeup).
#[test]
fn plain_mode_makes_no_network_call() {
    let Ok(probe) = Command::new("strace").arg("-V").output() else {
        eprintln!("strace is not installed; skipped (CI installs it)");
        return;
    };
    assert!(probe.status.success());
    let dir = tempfile::tempdir().expect("tmp");
    let log = dir.path().join("net.trace");
    let mut child = Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=%network", "-o"])
        .arg(&log)
        .arg(env!("CARGO_BIN_EXE_notalone"))
        .args(["--plain", "--profile", "sam", "--data-dir"])
        .arg(dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("strace runs");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        let _ = stdin.write_all(b"\n\n\n\n\nh\nq\n");
    }
    let status = child.wait().expect("exits");
    if !status.success() {
        // ptrace may be forbidden in a container: nothing to conclude.
        eprintln!("strace could not trace here; skipped");
        return;
    }
    let trace = std::fs::read_to_string(&log).unwrap_or_default();
    for line in trace.lines() {
        assert!(
            line.contains("socketpair(AF_UNIX"),
            "a network call: {line}"
        );
    }
}
