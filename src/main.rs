#![forbid(unsafe_code)]

use notalone::cli::{Cli, Command};

fn main() {
    let cli = Cli::parse_args();
    let code = match cli.command {
        Some(Command::Lint { dir, format }) => notalone::commands::lint::run(dir, format),
        Some(Command::Progress(args)) => notalone::commands::progress::run_with(
            args,
            cli.run.data_dir.clone(),
            cli.run.lessons.clone(),
            cli.run.lang.clone(),
        ),
        Some(Command::Locales(cmd)) => {
            notalone::commands::locales::run(cmd, cli.run.lessons.clone())
        }
        Some(Command::ExportCourse { dir, force }) => notalone::commands::export::run(dir, force),
        Some(Command::New(cmd)) => notalone::commands::new::run(cmd),
        None => notalone::commands::run::run(cli.run),
    };
    std::process::exit(code);
}
