//! The binary: parse the command line, call the library, and turn the outcome into
//! an exit code in one place: 0 success, 1 content errors, 2 usage or I/O failure.

mod cli;

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use langso::build::{BuildError, BuildOptions, build};
use langso::diag::{self, Msg, msg, report::summary};
use langso::model::Lang;
use langso::numbers::{fixed, number};

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let lang = site_language(Path::new("."));
            match cli::usage_error(&e, lang) {
                Some(text) => eprintln!("{text}"),
                // `--help` and `--version` print to stdout, which may be closed.
                None => {
                    if let Err(failed) = e.print()
                        && !e.use_stderr()
                    {
                        return stdout_failed(&failed, lang);
                    }
                }
            }
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
        cli::Command::Explain(args) => run_explain(args),
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
    let opts = BuildOptions {
        root: args.root.clone(),
        out: args.out,
        base_url: args.base_url,
        force: args.force,
        cache: args.cache,
    };
    match build(&opts) {
        Ok(report) => {
            let lang = site_language(&args.root);
            let size = format!("{} MB", fixed(report.bytes as f64 / 1_000_000.0, 1, lang));
            if let Some(warnings) = report.up_to_date {
                let files = number(report.files as f64, 0, lang);
                let (out, warnings) = (report.out.display().to_string(), number(warnings as f64, 0, lang));
                eprintln!(
                    "{}",
                    msg!("build-up-to-date", out = out, files = files, size = size, warnings = warnings).render(lang)
                );
                return ExitCode::SUCCESS;
            }
            eprint!("{}", human(&report.diagnostics, &args.root, lang));
            let stages: Vec<String> = report
                .stages
                .iter()
                .map(|(name, d)| {
                    let ms = number(d.as_secs_f64() * 1000.0, 0, lang);
                    msg!("stage", name = stage_name(name), ms = ms).render(lang)
                })
                .collect();
            let done = msg!(
                "build-done",
                files = number(report.files as f64, 0, lang),
                size = size,
                out = report.out.display().to_string(),
                stages = stages.join(", "),
            );
            // One summary line: the photos, when there are any, at its end.
            let mut line = done.render(lang);
            if report.photos > 0 {
                let (total, processed) = (report.photos as f64, report.photos_processed as f64);
                let photos =
                    msg!("build-photos", total = number(total, 0, lang), processed = number(processed, 0, lang));
                line = format!("{line}; {}", photos.render(lang));
            }
            eprintln!("{line}");
            ExitCode::SUCCESS
        }
        Err(BuildError::Content(diags)) => {
            let lang = site_language(&args.root);
            eprint!("{}", human(&diags, &args.root, lang));
            eprintln!("{}", msg!("build-failed", summary = summary(&diags, lang)).render(lang));
            ExitCode::from(1)
        }
        Err(BuildError::Fatal(text)) => {
            // It may name or quote a file of the content (a theme template): shown, never
            // obeyed, line by line (a template error quotes the template over several lines).
            let shown: Vec<String> = text.split('\n').map(langso::unicode::visible).collect();
            fail(&shown.join("\n"), site_language(&args.root))
        }
    }
}

/// A build stage's name, as `build` reports its time.
fn stage_name(name: &str) -> Msg {
    match name {
        "load" => msg!("stage-load"),
        "theme" => msg!("stage-theme"),
        "markdown" => msg!("stage-markdown"),
        "pages" => msg!("stage-pages"),
        "swap" => msg!("stage-swap"),
        other => Msg::from(other),
    }
}

/// Prints `text` (already in `lang`) as the command's error; exit 2.
fn fail(text: &str, lang: Lang) -> ExitCode {
    eprintln!("{}", msg!("cli-error", text = text).render(lang));
    ExitCode::from(2)
}

fn run_check(args: cli::CheckArgs) -> ExitCode {
    if !is_site_root(&args.root) {
        return ExitCode::from(2);
    }
    let (diags, lang) = langso::pipeline::Pipeline::check(&args.root);
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
        return stdout_failed(&e, lang);
    }
    if args.strict
        && let Some(why) = diag::report::strict_failure(&diags, lang)
    {
        eprintln!("{why}");
    }
    let failed = diag::has_errors(&diags) || (args.strict && !diags.is_empty());
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// Whether `root` holds `content/`; if not, says so (the caller exits with 2).
fn is_site_root(root: &Path) -> bool {
    let ok = root.join("content").is_dir();
    if !ok {
        fail(&langso::build::not_a_site_root(root), diag::DEFAULT_LANG);
    }
    ok
}

/// Writes to stdout, returning a closed pipe or a full disk as an error instead of
/// panicking as `println!` does. Every command's stdout goes through here.
fn print(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Says that stdout could not be written (closed or full) and gives the exit code (2).
fn stdout_failed(e: &std::io::Error, lang: Lang) -> ExitCode {
    fail(&msg!("stdout-failed", error = e.to_string()).render(lang), lang)
}

fn run_new_pilot(args: cli::NewPilotArgs) -> ExitCode {
    let lang = site_language(&args.root);
    let opts = langso::scaffold::NewPilot { root: args.root, province: args.province, commune: args.commune };
    match langso::scaffold::new_pilot(&opts) {
        Ok(dir) => match print(&format!("{dir}/index.md\n{dir}/metrics.yaml\n")) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => stdout_failed(&e, lang),
        },
        Err(e) => fail(&e.0, lang),
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
        Err(e) => stdout_failed(&e, site.config.language),
    }
}

/// Prints what changes from one site root to another; content errors in either do not
/// stop it (`check` reports those), only a missing root does.
fn run_diff(args: cli::DiffArgs) -> ExitCode {
    if !is_site_root(&args.old_root) || !is_site_root(&args.new_root) {
        return ExitCode::from(2);
    }
    let (old, _) = langso::load::load_site(&args.old_root);
    let (new, _) = langso::load::load_site(&args.new_root);
    let d = langso::diff::diff(&old, &new, &args.old_root, &args.new_root);
    // Worded from the catalog alone: the new root's theme is the pull request's to change.
    let text = match args.format {
        cli::DiffFormat::Json => langso::diff::to_json(&d),
        cli::DiffFormat::Markdown => langso::diff::to_markdown(&d, new.config.language),
    };
    match print(&text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => stdout_failed(&e, new.config.language),
    }
}

fn run_serve(args: cli::ServeArgs) -> ExitCode {
    let lang = site_language(&args.root);
    let opts = langso::serve::ServeOptions {
        root: args.root,
        bind: args.bind,
        port: args.port,
        open: args.open,
        poll: args.poll,
    };
    match langso::serve::serve(&opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(text) => fail(&text, lang),
    }
}

/// Prints what a diagnostic code means, an example and the fix, in `--lang` or the
/// site's language (Vietnamese outside a site root). An unknown code is a usage error
/// that names the closest code and lists them all.
fn run_explain(args: cli::ExplainArgs) -> ExitCode {
    let lang = match args.lang {
        Some(cli::LangArg::Vi) => Lang::Vi,
        Some(cli::LangArg::En) => Lang::En,
        None => site_language(&args.root),
    };
    if let Some(e) = diag::explain::find(&args.code) {
        return match print(&diag::explain::explain(e, lang)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => stdout_failed(&e, lang),
        };
    }
    let codes: Vec<&str> = diag::explain::codes().collect();
    let mut text = msg!("explain-unknown", code = &args.code).render(lang);
    if let Some(near) = diag::suggest(&args.code, codes.iter().copied()) {
        text = format!("{text}\n  {}", msg!("did-you-mean", name = near).render(lang));
    }
    let list: Vec<String> = codes.iter().map(|c| format!("`{c}`")).collect();
    text = format!("{text}\n  {}", msg!("explain-codes", list = list.join(", ")).render(lang));
    fail(&text, lang)
}
