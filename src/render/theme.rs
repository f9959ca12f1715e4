//! The theme: tera templates, static files and UI strings. The default theme is
//! embedded in the binary, so `langso build` works on any site root; a site root's
//! `themes/<name>/` overrides it file by file (same relative path wins).

use std::collections::BTreeMap;
use std::path::Path;

use rust_embed::RustEmbed;

use crate::diag::{Diagnostic, Location, msg};
use crate::load::yaml::{self, Kind};
use crate::model::Lang;

#[derive(RustEmbed)]
#[folder = "themes/default/"]
struct DefaultTheme;

/// UI strings of one language, from `i18n/<lang>.yaml`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct I18n {
    #[serde(skip)]
    pub lang: Lang,
    #[serde(flatten)]
    pub strings: BTreeMap<String, String>,
}

impl I18n {
    /// The string for `key`; a missing key shows as itself, so it is easy to spot.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.strings.get(key).map(String::as_str).unwrap_or(key)
    }
}

pub struct Theme {
    pub tera: tera::Tera,
    /// `static/` files: path relative to `static/` → bytes, published under `/assets/`.
    pub assets: BTreeMap<String, Vec<u8>>,
    pub i18n: I18n,
}

/// A theme that cannot be used: missing, or with a template tera rejects.
#[derive(Debug)]
pub struct ThemeError(pub String);

impl std::fmt::Display for ThemeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ThemeError {}

/// Where a theme error lies, relative to the site root: the file, line and column; and
/// what is wrong there, when the error's own text (tera's report quotes the source) is longer.
struct Place {
    path: String,
    line: usize,
    column: usize,
    what: Option<String>,
}

impl Place {
    fn file(path: String) -> Place {
        Place { path, line: 1, column: 1, what: None }
    }
}

impl Theme {
    pub fn load(root: &Path, name: &str, lang: Lang) -> Result<Theme, ThemeError> {
        Theme::load_located(root, name, lang).map_err(|(e, _)| e)
    }

    /// What `langso check` reports of the theme `build` would load: nothing, or one
    /// `invalid-theme` error at the file (and, for a template or the UI strings, the line
    /// and column) that keeps it from loading.
    pub fn check(root: &Path, name: &str, lang: Lang) -> Option<Diagnostic> {
        let (e, place) = Theme::load_located(root, name, lang).err()?;
        let at = Location::new(&place.path, place.line, place.column);
        let error = place.what.unwrap_or(e.0);
        Some(
            Diagnostic::error("invalid-theme", at, msg!("invalid-theme", error = error))
                .help(msg!("invalid-theme-help")),
        )
    }

    fn load_located(root: &Path, name: &str, lang: Lang) -> Result<Theme, (ThemeError, Place)> {
        let folder = format!("themes/{name}");
        let in_folder = |e: ThemeError| (e, Place::file(folder.clone()));
        let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        for path in DefaultTheme::iter() {
            if let Some(f) = DefaultTheme::get(&path) {
                files.insert(path.to_string(), f.data.into_owned());
            }
        }
        let override_dir = root.join("themes").join(name);
        if let Some(link) = crate::path_guard::symlinked_component(root, &format!("themes/{name}")) {
            // Its target may be any folder of the build machine, and `static/` is published.
            return Err(in_folder(ThemeError(format!("`{link}` is a symbolic link: put the real theme folder there"))));
        }
        if override_dir.is_dir() {
            for entry in walkdir::WalkDir::new(&override_dir).sort_by_file_name() {
                let entry = entry.map_err(|e| in_folder(ThemeError(format!("cannot read theme `{name}`: {e}"))))?;
                if !entry.file_type().is_file()
                    || crate::load::is_editor_temporary(&entry.file_name().to_string_lossy())
                {
                    continue;
                }
                let rel = crate::diag::rel_path(&override_dir, entry.path());
                let bytes = std::fs::read(entry.path()).map_err(|e| {
                    (
                        ThemeError(format!("cannot read `{}`: {e}", entry.path().display())),
                        Place::file(format!("{folder}/{rel}")),
                    )
                })?;
                files.insert(rel, bytes);
            }
        } else if name != "default" {
            let e = ThemeError(format!(
                "the theme `{name}` named in content/site.yaml does not exist: expected the folder `themes/{name}/`"
            ));
            return Err((e, Place::file("content/site.yaml".into())));
        }

        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        let mut templates = Vec::new();
        for (path, bytes) in &files {
            if let Some(name) = path.strip_prefix("templates/") {
                let text = std::str::from_utf8(bytes).map_err(|_| {
                    (ThemeError(format!("the template `{path}` is not UTF-8")), Place::file(format!("{folder}/{path}")))
                })?;
                templates.push((name.to_string(), text.to_string()));
            }
        }
        tera.add_raw_templates(templates).map_err(|e| {
            let place = template_place(&e, &folder);
            (ThemeError(format!("a theme template is invalid: {e}")), place)
        })?;

        let i18n_path = format!("i18n/{}.yaml", lang.code());
        let i18n_bytes = files.get(&i18n_path).ok_or_else(|| {
            in_folder(ThemeError(format!("the theme has no `{i18n_path}` with its interface strings")))
        })?;
        let i18n = parse_i18n(i18n_bytes, &i18n_path, lang).map_err(|(e, line, column)| {
            (e, Place { path: format!("{folder}/{i18n_path}"), line, column, what: None })
        })?;
        // Every page reads the UI strings as `t`; they belong to the theme, so they are put
        // into tera's global context once instead of being serialised into each page's.
        tera.global_context().insert("t", &i18n);

        let assets =
            files.iter().filter_map(|(p, b)| p.strip_prefix("static/").map(|s| (s.to_string(), b.clone()))).collect();
        Ok(Theme { tera, assets, i18n })
    }
}

/// Where a template error lies: the template's file in the theme folder, and the line and
/// column tera gives for a syntax error (else its first line).
fn template_place(e: &tera::Error, folder: &str) -> Place {
    use tera::ErrorKind;
    let file = |name: &str| Place { what: Some(e.to_string()), ..Place::file(format!("{folder}/templates/{name}")) };
    match e.kind() {
        ErrorKind::SyntaxError(r) => Place {
            path: format!("{folder}/templates/{}", r.filename()),
            line: r.span().start_line.max(1),
            column: r.span().start_col + 1,
            what: Some(r.message().to_string()),
        },
        ErrorKind::MissingParent { current: tpl, .. } | ErrorKind::CircularExtend { tpl, .. } => file(tpl),
        ErrorKind::CircularInclude { tpl, .. } | ErrorKind::TemplateNotFound(tpl) => file(tpl),
        _ => Place { what: Some(e.to_string()), ..Place::file(folder.to_string()) },
    }
}

/// The UI strings of `path`; an error comes with its line and column.
fn parse_i18n(bytes: &[u8], path: &str, lang: Lang) -> Result<I18n, (ThemeError, usize, usize)> {
    let text = std::str::from_utf8(bytes).map_err(|_| (ThemeError(format!("`{path}` is not UTF-8")), 1, 1))?;
    let node = yaml::parse(text, path, 0)
        .map_err(|d| (ThemeError(format!("`{path}`:{}:{}: {}", d.line, d.column, d.message)), d.line, d.column))?;
    let Kind::Map(entries) = node.kind else {
        return Err((ThemeError(format!("`{path}` must be a mapping of keys to strings")), node.line, node.column));
    };
    let mut strings = BTreeMap::new();
    for (k, v) in entries {
        let s = match v.kind {
            Kind::Str(s) => s,
            Kind::Int(i) => i.to_string(),
            _ => {
                let e = ThemeError(format!("`{path}`:{}: `{}` must be a string", k.line, k.name));
                return Err((e, k.line, k.column));
            }
        };
        strings.insert(k.name, s);
    }
    strings.insert("lang".into(), lang.code().into());
    Ok(I18n { lang, strings })
}
