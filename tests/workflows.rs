//! The GitHub workflows keep the rules CONTRIBUTING.md ("The check workflow") gives them:
//! every action pinned to a full commit SHA, no token permission granted to a whole
//! workflow, each job's permissions its own, write permissions only in jobs that run no
//! code of the repository; and the check of a pull request runs langso built from the base
//! branch, never anything of the head. Read as text: these are facts about lines, and
//! GitHub reads `on:` where a YAML 1.1 parser would read `true`.

mod common;

use common::repo_root;

/// A workflow's jobs: name → the lines of its block.
fn jobs(text: &str) -> Vec<(String, Vec<String>)> {
    let mut jobs: Vec<(String, Vec<String>)> = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        if !line.starts_with(' ') && !line.is_empty() && !line.starts_with('#') {
            inside = line.trim_end() == "jobs:";
            continue;
        }
        if !inside {
            continue;
        }
        match line.strip_prefix("  ") {
            Some(rest) if !rest.starts_with(' ') && !rest.starts_with('#') && rest.ends_with(':') => {
                jobs.push((rest.trim_end_matches(':').to_string(), Vec::new()));
            }
            _ => {
                if let Some((_, lines)) = jobs.last_mut() {
                    lines.push(line.to_string());
                }
            }
        }
    }
    jobs
}

/// The permissions a job grants: `scope: level` lines under its `permissions:`.
fn permissions(job: &[String]) -> Option<Vec<String>> {
    let at = job.iter().position(|l| l.trim_end() == "    permissions:" || l.trim() == "permissions: {}")?;
    if job[at].trim() == "permissions: {}" {
        return Some(Vec::new());
    }
    Some(job[at + 1..].iter().take_while(|l| l.starts_with("      ")).map(|l| l.trim().to_string()).collect())
}

fn workflows() -> Vec<(String, String)> {
    let dir = repo_root().join(".github/workflows");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    out.sort();
    assert!(out.len() >= 4, "{out:?}");
    out
}

#[test]
fn actions_are_pinned_to_commit_shas() {
    for (name, text) in workflows() {
        for line in text.lines().filter(|l| l.trim_start().trim_start_matches("- ").starts_with("uses:")) {
            let target = line.split("uses:").nth(1).unwrap().trim();
            let (_, reference) = target.split_once('@').unwrap_or_else(|| panic!("{name}: `{line}` names no version"));
            let sha = reference.split_whitespace().next().unwrap();
            assert!(
                sha.len() == 40 && sha.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()),
                "{name}: `{line}` is not pinned to a full commit SHA"
            );
            assert!(reference.contains("# v"), "{name}: `{line}` should say which release the SHA is");
        }
    }
}

#[test]
fn every_job_has_its_own_least_permissions() {
    for (name, text) in workflows() {
        let top: Vec<&str> = text.lines().skip_while(|l| !l.starts_with("permissions:")).collect();
        assert!(!top.is_empty(), "{name}: no top-level permissions (the default token may write)");
        let granted: Vec<&&str> = top[1..].iter().take_while(|l| l.starts_with("  ")).collect();
        assert!(
            granted.iter().all(|l| l.trim().ends_with(": read")),
            "{name}: the whole workflow is granted {granted:?}; grant writes per job"
        );
        for (job, lines) in jobs(&text) {
            let perms = permissions(&lines);
            let writes = perms.iter().flatten().any(|p| p.ends_with(": write"));
            if top[0].trim() == "permissions: {}" {
                assert!(perms.is_some(), "{name}: job `{job}` has no permissions of its own");
            }
            if writes {
                // A job that may write runs no code of the repository: it checks nothing out.
                assert!(
                    !lines.iter().any(|l| l.contains("actions/checkout")),
                    "{name}: job `{job}` may write and checks out the repository"
                );
            }
        }
    }
}

#[test]
fn the_pull_request_check_runs_the_base_branch_langso_on_the_head() {
    let text = std::fs::read_to_string(repo_root().join(".github/workflows/check.yml")).unwrap();
    assert!(text.contains("ref: ${{ github.event.pull_request.base.sha }}\n          path: base"), "{text}");
    assert!(text.contains("ref: ${{ github.event.pull_request.head.sha }}\n          path: head"), "{text}");
    for line in text.lines().map(str::trim) {
        if line.contains("cargo ") {
            assert!(line.contains("--manifest-path base/Cargo.toml"), "builds something else than the base: `{line}`");
        }
        for word in line.split_whitespace() {
            if word.ends_with("langso") && word.contains('/') {
                assert_eq!(word, "base/target/release/langso", "runs a langso not built from the base: `{line}`");
            }
            assert!(!word.starts_with("head/") || word == "head/", "runs or sources a file of the head: `{line}`");
        }
        assert!(!line.starts_with("persist-credentials: true"), "{line}");
    }
    let jobs = jobs(&text);
    let writers: Vec<&str> = jobs
        .iter()
        .filter(|(_, lines)| permissions(lines).into_iter().flatten().any(|p| p == "pull-requests: write"))
        .map(|(n, _)| n.as_str())
        .collect();
    assert_eq!(writers, ["comment"], "only the job that posts the comment may write to the pull request");
}

#[test]
fn the_pages_build_keeps_its_photos_cards_and_site_between_runs() {
    let (_, text) = workflows().into_iter().find(|(name, _)| name == "pages.yml").unwrap();
    let build = text.lines().find(|l| l.contains("langso build")).expect("pages.yml runs langso build");
    let option = |name: &str| {
        let value = build.split(&format!("--{name} ")).nth(1).and_then(|v| v.split_whitespace().next());
        value.unwrap_or_else(|| panic!("the build is given --{name}: {build}")).to_string()
    };
    // Both folders are restored before the build (and saved after it) by actions/cache: the
    // photo cache, and the site the previous run built, so a run with nothing changed is
    // found up to date and any other keeps the files that did not change.
    let step = text.split("- name: ").find(|s| s.contains("actions/cache") && s.contains("langso-build-"));
    let step = step.expect("a cache step for the previous build");
    let paths: Vec<&str> = step
        .split("path: |\n")
        .nth(1)
        .expect("a list of paths")
        .lines()
        .map(str::trim)
        .take_while(|l| !l.contains(':'))
        .collect();
    for folder in [option("cache"), option("out")] {
        assert!(paths.contains(&folder.as_str()), "{folder} is cached: {step}");
    }
    let key = step.lines().find(|l| l.trim_start().starts_with("key:")).unwrap();
    assert!(key.contains("github.run_id"), "a new entry each run, so new photos are saved: {key}");
    assert!(step.contains("restore-keys: langso-build-"), "{step}");
}
