//! The command line, as clap derive structs: one options struct per command.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use langso::diag::msg;
use langso::model::Lang;

#[derive(Parser)]
#[command(name = "langso", version, about = "Builds the smart new-rural commune pilot report site from content/")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default `<root>/public`).
    Build(BuildArgs),
    /// Check the content and report every problem, without writing a site.
    Check(CheckArgs),
    /// Start new content from a template.
    #[command(subcommand)]
    New(NewCommand),
    /// Print the JSON Schema of metrics.yaml, generated from the indicator catalog.
    Schema(SchemaArgs),
    /// Show what changes between two site roots: pilots, indicator values, proposals.
    Diff(DiffArgs),
    /// Serve a live preview that rebuilds and reloads as files are saved.
    Serve(ServeArgs),
    /// Explain a diagnostic code: what it means, an example and the fix.
    Explain(ExplainArgs),
}

#[derive(clap::Args)]
pub struct ExplainArgs {
    /// The code, as printed in brackets: `error[unknown-province]` → `unknown-province`.
    pub code: String,
    /// The language of the explanation (default: the site's, Vietnamese outside a site).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// The site root whose `language` is used: the folder that holds `content/`.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum LangArg {
    Vi,
    En,
}

#[derive(clap::Args)]
pub struct DiffArgs {
    /// The site root before the change (e.g. a checkout of the pull request's base).
    pub old_root: PathBuf,
    /// The site root after the change.
    pub new_root: PathBuf,
    /// `markdown` (for a pull-request comment) or `json`.
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: DiffFormat,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum DiffFormat {
    Markdown,
    Json,
}

#[derive(clap::Args)]
pub struct SchemaArgs {
    /// The site root: the folder that holds `content/`.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(clap::Args)]
pub struct BuildArgs {
    /// The site root: the folder that holds `content/`.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site (default: `<root>/public`); replaced only when missing, empty
    /// or a previous langso output (it holds `.langso-output`).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Publish under this address instead of `base_url` from content/site.yaml.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Replace `--out` even when it is a non-empty folder that langso did not write, and
    /// build even when nothing changed since the build that wrote it.
    #[arg(long)]
    pub force: bool,
    /// Keep processed photos in this folder (created if missing) and reuse them, so a
    /// later build (a CI run that restores the folder) encodes no photo twice.
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    /// The site root: the folder that holds `content/`.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// How to print the problems: `human` (to stderr), `json` or `github` (to stdout).
    #[arg(long, value_enum, default_value = "human")]
    pub format: CheckFormat,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
    Github,
}

#[derive(Subcommand)]
pub enum NewCommand {
    /// Create `content/pilots/<province>/<commune>/` with index.md and metrics.yaml.
    Pilot(NewPilotArgs),
}

#[derive(clap::Args)]
pub struct NewPilotArgs {
    /// The province's slug in content/provinces.yaml, e.g. `ninh-binh`.
    #[arg(long)]
    pub province: String,
    /// The commune's name, e.g. "Xã Giao Phong".
    #[arg(long)]
    pub commune: String,
    /// The site root: the folder that holds `content/`.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(clap::Args)]
pub struct ServeArgs {
    /// The site root: the folder that holds `content/`.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The address to listen on; `0.0.0.0` or `::` opens the preview to the network. Only
    /// requests naming this address (or localhost) with the port are answered.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Open the preview in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Watch by scanning the folders instead of system notifications (network drives, containers).
    #[arg(long)]
    pub poll: bool,
}

/// clap's usage errors worded in `lang` through the catalog, for the kinds an editor
/// meets (a mistyped command, option or value, a missing option); `None` for the rest,
/// which clap words itself.
pub fn usage_error(e: &clap::Error, lang: Lang) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::StyledStrs(v)) => Some(v.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", ")),
        _ => None,
    };
    let listed = |kind| match e.get(kind) {
        Some(ContextValue::Strings(v)) => Some(v.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")),
        _ => None,
    };
    let (problem, hint) = match e.kind() {
        ErrorKind::InvalidSubcommand => (
            msg!("usage-unknown-command", name = text(ContextKind::InvalidSubcommand)?),
            text(ContextKind::SuggestedSubcommand).map(|s| msg!("did-you-mean", name = s)),
        ),
        ErrorKind::UnknownArgument => (
            msg!("usage-unknown-option", name = text(ContextKind::InvalidArg)?),
            text(ContextKind::SuggestedArg).map(|s| msg!("did-you-mean", name = s)),
        ),
        ErrorKind::InvalidValue => (
            msg!(
                "usage-invalid-value",
                value = text(ContextKind::InvalidValue).unwrap_or_default(),
                option = text(ContextKind::InvalidArg)?
            ),
            listed(ContextKind::ValidValue).map(|l| msg!("usage-valid-values", list = l)),
        ),
        ErrorKind::ValueValidation => (
            msg!(
                "usage-invalid-value",
                value = text(ContextKind::InvalidValue).unwrap_or_default(),
                option = text(ContextKind::InvalidArg)?
            ),
            None,
        ),
        ErrorKind::MissingRequiredArgument => {
            let names =
                listed(ContextKind::InvalidArg).or_else(|| text(ContextKind::InvalidArg).map(|t| format!("`{t}`")));
            (msg!("usage-missing", names = names?), None)
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            (msg!("usage-no-command"), Some(msg!("usage-commands")))
        }
        _ => return None,
    };
    let mut out = msg!("cli-error", text = problem).render(lang);
    for line in hint.into_iter().chain([msg!("usage-more")]) {
        out.push_str("\n  ");
        out.push_str(&line.render(lang));
    }
    Some(out)
}
