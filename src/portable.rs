//! Names that become paths: every folder, page and linked file of the content is
//! published under its own name, and the site is built and checked out on Windows, macOS
//! and Linux. A name one of them refuses (`CON`, `a:b`, a 253-byte folder) passes on
//! another and then breaks a build or a checkout there, so each such name is checked
//! here, once, wherever a name becomes a path (`unportable-name`).
//!
//! The budget: a slug (pilot, province, page, field, region folder) has at most
//! `SLUG_MAX` bytes, any other name at most `NAME_MAX`, and a published path below the
//! output folder at most `PATH_MAX`. The longest path the build makes from slugs,
//! `pilots/<province>/<commune>/index.html`, is 147 bytes at the limits, and its longest
//! component, the share card `<commune>.png`, 68: within `PATH_MAX`, which leaves 60 of
//! Windows' 260 for the output folder's own path, and far within the 255 bytes every
//! file system allows a name.

use crate::diag::{Diagnostic, Location, Msg, msg};

/// The longest slug, in bytes.
pub const SLUG_MAX: usize = 64;
/// The longest name of a linked file or of a folder on its way, in bytes.
pub const NAME_MAX: usize = 100;
/// The longest published path below the output folder, in bytes.
pub const PATH_MAX: usize = 200;

/// Device names Windows reserves, with any extension and in any case (`con.png`, `Nul`).
/// `COM¹`–`³` and `LPT¹`–`³` count too: Windows reads the superscripts as digits.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "com¹",
    "com²", "com³", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9", "lpt¹", "lpt²",
    "lpt³", "conin$", "conout$",
];

/// Why a name cannot be a file or folder name everywhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A device name Windows reserves (`CON`, `nul.txt`).
    Reserved,
    /// A character Windows forbids in names: `<>:"/\|?*` or a control character.
    Character(char),
    /// A final dot or space, which Windows drops (two names then meet).
    Ending,
    /// Longer than allowed, in bytes.
    TooLong { len: usize, max: usize },
}

/// What keeps `name` from being a name on every system, if anything; `max` is its
/// budget in bytes (`SLUG_MAX` or `NAME_MAX`).
pub fn problem(name: &str, max: usize) -> Option<Problem> {
    if let Some(c) = name.chars().find(|&c| c.is_control() || "<>:\"/\\|?*".contains(c)) {
        return Some(Problem::Character(c));
    }
    if name.ends_with(['.', ' ']) && name != "." && name != ".." {
        return Some(Problem::Ending);
    }
    // Windows ignores what follows the first dot, and spaces before it.
    let stem = name.split('.').next().unwrap_or(name).trim_end_matches(' ').to_lowercase();
    if RESERVED.contains(&stem.as_str()) {
        return Some(Problem::Reserved);
    }
    (name.len() > max).then_some(Problem::TooLong { len: name.len(), max })
}

impl Problem {
    /// The message and help of the diagnostic about `name`.
    pub fn words(&self, name: &str) -> (Msg, Msg) {
        match self {
            Problem::Reserved => (msg!("unportable-reserved", name = name), msg!("unportable-reserved-help")),
            Problem::Character(c) => (
                msg!("unportable-character", name = name, character = format!("`{c}` (U+{:04X})", u32::from(*c))),
                msg!("unportable-character-help"),
            ),
            Problem::Ending => (msg!("unportable-ending", name = name), msg!("unportable-ending-help")),
            Problem::TooLong { len, max } => {
                (msg!("unportable-long", name = name, len = *len, max = *max), msg!("unportable-long-help"))
            }
        }
    }
}

/// Reports `unportable-name` at `at` if `name` cannot be a name everywhere; true if it can.
pub fn check_name(name: &str, max: usize, at: Location<'_>, diags: &mut Vec<Diagnostic>) -> bool {
    let Some(problem) = problem(name, max) else { return true };
    let (message, help) = problem.words(name);
    diags.push(Diagnostic::error("unportable-name", at, message).help(help));
    false
}

/// Reports `unportable-name` at `at` if the published path `path` (below the output
/// folder) is longer than `PATH_MAX`; true if it is not.
pub fn check_path(path: &str, at: Location<'_>, diags: &mut Vec<Diagnostic>) -> bool {
    if path.len() <= PATH_MAX {
        return true;
    }
    let message = msg!("unportable-path", path = path, len = path.len(), max = PATH_MAX);
    diags.push(Diagnostic::error("unportable-name", at, message).help(msg!("unportable-long-help")));
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_device_names_are_reserved_with_any_extension_and_case() {
        for name in ["con", "CON", "Nul.txt", "aux.tar.gz", "com1", "LPT9.png", "prn", "com¹.jpg", "nul .png"] {
            assert_eq!(problem(name, NAME_MAX), Some(Problem::Reserved), "{name}");
        }
        for name in ["console", "com10", "lpt", "nul-1", "xa-con", "contract.pdf", "com"] {
            assert_eq!(problem(name, NAME_MAX), None, "{name}");
        }
    }

    #[test]
    fn characters_and_endings_windows_forbids() {
        for (name, c) in [("a:b", ':'), ("a?b", '?'), ("a*", '*'), ("a|b", '|'), ("a\"b", '"'), ("a<b>", '<')] {
            assert_eq!(problem(name, NAME_MAX), Some(Problem::Character(c)), "{name}");
        }
        assert_eq!(problem("a\u{1}b", NAME_MAX), Some(Problem::Character('\u{1}')));
        assert_eq!(problem("anh.", NAME_MAX), Some(Problem::Ending));
        assert_eq!(problem("anh ", NAME_MAX), Some(Problem::Ending));
        assert_eq!(problem("ảnh đẹp.jpg", NAME_MAX), None);
    }

    #[test]
    fn lengths_count_bytes() {
        assert_eq!(problem(&"a".repeat(SLUG_MAX), SLUG_MAX), None);
        assert_eq!(problem(&"a".repeat(SLUG_MAX + 1), SLUG_MAX), Some(Problem::TooLong { len: 65, max: 64 }));
        // 33 two-byte letters.
        assert!(matches!(problem(&"đ".repeat(33), SLUG_MAX), Some(Problem::TooLong { len: 66, .. })));
    }

    #[test]
    fn the_longest_slug_paths_fit_the_budget() {
        let slug = "a".repeat(SLUG_MAX);
        assert!(format!("pilots/{slug}/{slug}/index.html").len() <= PATH_MAX);
        assert!(format!("share/{slug}/{slug}.png").len() <= PATH_MAX);
    }
}
