//! The binary: parse the command line, call the library, and turn the outcome into
//! an exit code in one place: 0 success, 1 content errors, 2 usage or I/O failure.

mod cli;

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use langso::build::{BuildError, BuildOptions, build};
use langso::diag::{self, report::summary};
use langso::model::Lang;

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
        cli::Command::New(cli::NewCommand::Pilot(args)) => run_new_pilot(args),
        cli::Command::Schema(args) => run_schema(args),
        cli::Command::Diff(args) => run_diff(args),
        cli::Command::Serve(args) => run_serve(args),
    }
}

/// Human diagnostics for stderr, coloured when stderr is a terminal (and `NO_COLOR` is unset).
fn human(diags: &[diag::Diagnostic], root: &Path, lang: Lang) -> String {
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    diag::render(diags, root, lang, diag::Format::Human, colour)
}

/// The site's language, to word diagnostics in (Vietnamese when site.yaml cannot say).
fn site_language(root: &Path) -> Lang {
    langso::load::registry::load_config(root, &mut Vec::new()).language
}

fn run_build(args: cli::BuildArgs) -> ExitCode {
    let opts = BuildOptions { root: args.root.clone(), out: args.out, base_url: args.base_url };
    match build(&opts) {
        Ok(report) => {
            eprint!("{}", human(&report.diagnostics, &args.root, site_language(&args.root)));
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
            let lang = site_language(&args.root);
            eprint!("{}", human(&diags, &args.root, lang));
            eprintln!("build failed: {}; the previous site was left as it was", summary(&diags, lang));
            ExitCode::from(1)
        }
        Err(BuildError::Fatal(msg)) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run_check(args: cli::CheckArgs) -> ExitCode {
    if !is_site_root(&args.root) {
        return ExitCode::from(2);
    }
    let (site, mut diags) = langso::load::load_site(&args.root);
    langso::render::check_documents(&site, &args.root, &mut diags);
    // The theme the build would load: a template tera rejects fails the build, so it fails check.
    diags.extend(langso::render::theme::Theme::check(&args.root, &site.config.theme, site.config.language));
    diag::sort(&mut diags);
    let lang = site.config.language;
    let printed = match args.format {
        cli::CheckFormat::Human => {
            eprint!("{}", human(&diags, &args.root, lang));
            eprintln!("{}", summary(&diags, lang));
            Ok(())
        }
        cli::CheckFormat::Json => print(&diag::render(&diags, &args.root, lang, diag::Format::Json, false)),
        cli::CheckFormat::Github => print(&diag::render(&diags, &args.root, lang, diag::Format::Github, false)),
    };
    if let Err(e) = printed {
        eprintln!("error: cannot write the report: {e}");
        return ExitCode::from(2);
    }
    let failed = diag::has_errors(&diags) || (args.strict && !diags.is_empty());
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// Whether `root` holds `content/`; if not, says so (the caller exits with 2).
fn is_site_root(root: &Path) -> bool {
    let ok = root.join("content").is_dir();
    if !ok {
        eprintln!("error: `{}` is not a site root: it has no `content/` folder", root.display());
    }
    ok
}

/// Writes to stdout, reporting a closed pipe as an error instead of panicking.
fn print(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

fn run_new_pilot(args: cli::NewPilotArgs) -> ExitCode {
    let opts = langso::scaffold::NewPilot { root: args.root, province: args.province, commune: args.commune };
    match langso::scaffold::new_pilot(&opts) {
        Ok(dir) => {
            println!("{dir}/index.md");
            println!("{dir}/metrics.yaml");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {}", e.0);
            ExitCode::from(2)
        }
    }
}

/// Prints the schema; errors in the registries it is generated from fail the command.
fn run_schema(args: cli::SchemaArgs) -> ExitCode {
    if !is_site_root(&args.root) {
        return ExitCode::from(2);
    }
    let (site, diags) = langso::load::load_site(&args.root);
    let registry: Vec<diag::Diagnostic> = diags
        .into_iter()
        .filter(|d| d.is_error() && !d.path.starts_with("content/pilots/") && !d.path.starts_with("content/pages/"))
        .collect();
    if !registry.is_empty() {
        eprint!("{}", human(&registry, &args.root, site.config.language));
        return ExitCode::from(1);
    }
    match print(&langso::render::schema::text(&site)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(2),
    }
}

/// Prints what changes from one site root to another; content errors in either do not
/// stop it (`check` reports those), only a missing root or theme does.
fn run_diff(args: cli::DiffArgs) -> ExitCode {
    if !is_site_root(&args.old_root) || !is_site_root(&args.new_root) {
        return ExitCode::from(2);
    }
    let (old, _) = langso::load::load_site(&args.old_root);
    let (new, _) = langso::load::load_site(&args.new_root);
    let d = langso::diff::diff(&old, &new);
    let text = match args.format {
        cli::DiffFormat::Json => langso::diff::to_json(&d),
        cli::DiffFormat::Markdown => {
            match langso::render::theme::Theme::load(&args.new_root, &new.config.theme, new.config.language) {
                Ok(theme) => langso::diff::to_markdown(&d, &theme.i18n),
                Err(e) => {
                    eprintln!("error: {}", e.0);
                    return ExitCode::from(2);
                }
            }
        }
    };
    match print(&text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(2),
    }
}

fn run_serve(args: cli::ServeArgs) -> ExitCode {
    let opts = langso::serve::ServeOptions {
        root: args.root,
        bind: args.bind,
        port: args.port,
        open: args.open,
        poll: args.poll,
    };
    match langso::serve::serve(&opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}
