//! Checks that could not run on this machine say so where a developer looks: the test
//! FAILS, naming what was missing and how to run it. A plain `cargo test` that prints `ok`
//! has therefore run every check; a skip that only printed a message would be captured by
//! libtest and read as a pass.
//!
//! Two variables decide, and they never conflict:
//! - `LANGSO_ALLOW_SKIP` accepts skips: `1` any, or a comma-separated list of test names
//!   (`LANGSO_ALLOW_SKIP=a_real_full_file_system_is_the_same_clear_error,…`). An accepted
//!   skip passes and prints a banner (shown with `--nocapture`).
//! - `LANGSO_REQUIRE_BROWSER` (set by `.ci/run`): a check that needs the browser never
//!   skips, whatever `LANGSO_ALLOW_SKIP` says.

/// What a check needs that a machine may lack.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Chromium, or the npm tools that drive it: `LANGSO_REQUIRE_BROWSER` makes it mandatory.
    Browser,
    /// Something of the host: mounts, a non-root user, a debug build.
    Host,
}

/// Called by `test` when it cannot run because `missing`; `how` says what makes it run.
/// Panics with both unless the skip is accepted (see the module head); returns when it is,
/// and the caller then returns without checking anything.
pub fn cannot_run(test: &str, need: Need, missing: &str, how: &str) {
    let accept_with = format!(
        "accept the skip: LANGSO_ALLOW_SKIP={test} (or LANGSO_ALLOW_SKIP=1 for every check that cannot run here)"
    );
    if need == Need::Browser && std::env::var_os("LANGSO_REQUIRE_BROWSER").is_some() {
        panic!(
            "NOT RUN: {test}: {missing}.\nTo run it: {how}.\nLANGSO_REQUIRE_BROWSER is set, so a browser check cannot be skipped."
        );
    }
    if !skip_allowed(test) {
        panic!("NOT RUN: {test}: {missing}.\nTo run it: {how}.\nOr {accept_with}.");
    }
    eprintln!(
        "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
         !! SKIPPED (LANGSO_ALLOW_SKIP) {test}: {missing}\n\
         !! to run it: {how}\n\
         !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
    );
}

/// Whether `LANGSO_ALLOW_SKIP` accepts that `test` skips.
fn skip_allowed(test: &str) -> bool {
    let allowed = std::env::var("LANGSO_ALLOW_SKIP").unwrap_or_default();
    allowed.trim() == "1" || allowed.split(',').any(|name| name.trim() == test)
}
