#![forbid(unsafe_code)]

use clap::Parser;
use notalone::cli::{Cli, Command};

fn main() {
    let cli = Cli::parse();
    let code = match cli.command {
        Some(Command::Lint { dir, format }) => notalone::commands::lint::run(dir, format),
        _ => {
            eprintln!("not yet");
            2
        }
    };
    std::process::exit(code);
}
