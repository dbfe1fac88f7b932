#![forbid(unsafe_code)]

use std::io::Write;

use clap::Parser;
use notalone::cli::{Cli, Command};

fn main() {
    let cli = Cli::parse();
    let code = match cli.command {
        Some(Command::Lint { dir, format }) => notalone::commands::lint::run(dir, format),
        Some(Command::Progress(args)) => notalone::commands::progress::run(args, cli.run.data_dir.clone()),
        None => notalone::commands::run::run(cli.run),
        Some(_) => {
            let _ = writeln!(std::io::stderr(), "notalone: this command is not available yet.");
            2
        }
    };
    std::process::exit(code);
}
