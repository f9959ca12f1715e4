//! The binary: parse the command line, call the library, and turn the outcome into
//! an exit code in one place: 0 success, 1 content errors, 2 usage or I/O failure.

mod cli;

use std::process::ExitCode;

use clap::Parser;
use langso::build::{BuildError, BuildOptions, build};
use langso::diag;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        cli::Command::Build(args) => run_build(args),
        cli::Command::Check(args) => run_check(args),
    }
}

fn summary(diags: &[diag::Diagnostic]) -> String {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    format!("{errors} error(s), {warnings} warning(s)")
}

fn run_build(args: cli::BuildArgs) -> ExitCode {
    let opts = BuildOptions { root: args.root.clone(), out: args.out, base_url: args.base_url };
    match build(&opts) {
        Ok(report) => {
            eprint!("{}", diag::render_human(&report.diagnostics, &args.root));
            let stages: Vec<String> =
                report.stages.iter().map(|(name, d)| format!("{name} {:.0} ms", d.as_secs_f64() * 1000.0)).collect();
            eprintln!(
                "built {} files ({:.1} MB) into `{}` [{}]",
                report.files,
                report.bytes as f64 / 1_000_000.0,
                report.out.display(),
                stages.join(", ")
            );
            ExitCode::SUCCESS
        }
        Err(BuildError::Content(diags)) => {
            eprint!("{}", diag::render_human(&diags, &args.root));
            eprintln!("build failed: {}; the previous site was left as it was", summary(&diags));
            ExitCode::from(1)
        }
        Err(BuildError::Fatal(msg)) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run_check(args: cli::CheckArgs) -> ExitCode {
    if !args.root.join("content").is_dir() {
        eprintln!("error: `{}` is not a site root: it has no `content/` folder", args.root.display());
        return ExitCode::from(2);
    }
    let (site, mut diags) = langso::load::load_site(&args.root);
    langso::render::render_documents(&site, &args.root, &mut diags);
    diag::sort(&mut diags);
    eprint!("{}", diag::render_human(&diags, &args.root));
    eprintln!("{}", summary(&diags));
    if diag::has_errors(&diags) { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
