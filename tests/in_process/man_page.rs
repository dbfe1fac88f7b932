//! The man page (`docs/man/notalone.1`, installed by the Debian package) is
//! generated from the clap definitions; this test builds it and fails when
//! the checked-in copy is stale. Regenerate: `UPDATE_MAN=1 cargo test --test man_page`.

use clap::CommandFactory;

fn render() -> String {
    // The page names the version only, not the commit `--version` shows
    // (that would make the checked-in page stale at every commit).
    let cmd = notalone::cli::Cli::command().long_version(None);
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd.clone())
        .render(&mut out)
        .expect("renders");
    // Subcommands get their own sections in the same page.
    for sub in cmd.get_subcommands() {
        let name = format!("notalone-{}", sub.get_name());
        let mut page = Vec::new();
        clap_mangen::Man::new(sub.clone().name(&*Box::leak(name.into_boxed_str())))
            .render(&mut page)
            .expect("renders");
        out.extend_from_slice(b"\n");
        // Keep only the body of the subcommand page, after its .TH line.
        let text = String::from_utf8_lossy(&page);
        let body: Vec<&str> = text.lines().filter(|l| !l.starts_with(".TH")).collect();
        out.extend_from_slice(body.join("\n").as_bytes());
        out.extend_from_slice(b"\n");
    }
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn man_page_is_built_and_current() {
    let page = render();
    assert!(
        page.contains(".TH notalone 1"),
        "{}",
        &page[..200.min(page.len())]
    );
    assert!(page.contains("\\-\\-plain"));
    assert!(page.contains("notalone\\-lint") || page.contains("notalone-lint"));
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/man/notalone.1");
    if std::env::var_os("UPDATE_MAN").is_some() {
        std::fs::write(&path, &page).expect("write");
        return;
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == page,
        "docs/man/notalone.1 is stale: run `UPDATE_MAN=1 cargo test --test man_page` and commit it"
    );
}
