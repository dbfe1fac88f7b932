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
    // mio is there for terminal events only: its `net` feature (sockets) must stay off.
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
    assert!(
        !f.contains("mio feature \"net\""),
        "mio's net feature is on:\n{f}"
    );
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
