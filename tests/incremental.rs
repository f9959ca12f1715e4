//! The preview's pipeline (`langso serve`, rendering each change into memory) against clean builds:
//! after every step of scripted edit sequences, its files and diagnostics must be
//! byte-identical to what `langso build` makes of the same content, and its diagnostics
//! exactly those the build prints (the whole list, not a prefix: an engine that lost a
//! warning, or reported none, fails).

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::{TestSite, langso, stderr, tree};
use langso::build::BuildError;
use langso::diag;
use langso::pipeline::Changes;
use langso::serve::preview::Preview;

const THOAI: &str = "content/pilots/an-giang/thoai-giang";
const GIAO: &str = "content/pilots/ninh-binh/giao-phong";

struct Session {
    site: TestSite,
    inc: Preview,
    out: tempfile::TempDir,
    step: usize,
}

impl Session {
    fn new() -> Session {
        Session::of("tests/fixtures/minimal")
    }

    fn of(fixture: &str) -> Session {
        let site = TestSite::from_fixture(fixture);
        let inc = Preview::new(site.root(), None);
        let mut s = Session { site, inc, out: tempfile::tempdir().unwrap(), step: 0 };
        assert!(s.check("first build", &Changes::Everything));
        s
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.site.root().join(rel)
    }

    /// Updates with the paths that changed, then compares with a clean build, which must succeed.
    fn changed(&mut self, what: &str, rels: &[&str]) {
        let paths = rels.iter().map(|r| self.path(r)).collect();
        assert!(self.check(what, &Changes::Paths(paths)), "{what}: the content should have no errors");
    }

    /// As `changed`, the way the preview does it: `update_fast`, then the deferred rest.
    fn changed_in_two_steps(&mut self, what: &str, rels: &[&str]) {
        let paths = rels.iter().map(|r| self.path(r)).collect();
        let first = self.inc.update_fast(&Changes::Paths(paths)).expect("no errors");
        assert!(first.pending, "{what}: the search index is left for later");
        assert!(first.changed.iter().all(|p| !p.starts_with("search/") || p == "search/index.html"), "{what}");
        assert!(self.check(what, &Changes::Paths(Vec::new())), "{what}: the content should have no errors");
    }

    /// As `changed`, for a change that leaves errors.
    fn broke(&mut self, what: &str, rels: &[&str]) {
        let paths = rels.iter().map(|r| self.path(r)).collect();
        assert!(!self.check(what, &Changes::Paths(paths)), "{what}: the content should have errors");
    }

    /// Whether the content built.
    fn check(&mut self, what: &str, changes: &Changes) -> bool {
        self.step += 1;
        let out = self.out.path().join(format!("step{}", self.step));
        let clean = langso(&["build", "--root", self.site.root().to_str().unwrap(), "--out", out.to_str().unwrap()]);
        let update = self.inc.update(changes);
        let root = self.site.root();
        let lang = self.inc.language().unwrap_or(diag::DEFAULT_LANG);
        let human = |d: &[diag::Diagnostic]| diag::render(d, root, lang, diag::Format::Human, false);
        match update {
            Ok(u) => {
                assert!(
                    clean.status.success(),
                    "{what}: incremental succeeded, clean build failed: {}",
                    stderr(&clean)
                );
                assert_same_diagnostics(what, &human(&u.diagnostics), &clean);
                let mine: BTreeMap<String, Vec<u8>> =
                    self.inc.outputs().iter().map(|(k, v)| (k.clone(), v.bytes().to_vec())).collect();
                // The marker naming the folder a langso output is the publisher's, not the site's.
                let mut theirs = tree(&out);
                theirs.remove(".langso-output");
                let only_mine: Vec<&String> = mine.keys().filter(|k| !theirs.contains_key(*k)).collect();
                let only_theirs: Vec<&String> = theirs.keys().filter(|k| !mine.contains_key(*k)).collect();
                assert!(
                    only_mine.is_empty() && only_theirs.is_empty(),
                    "{what}: files differ: {only_mine:?} vs {only_theirs:?}"
                );
                for (path, bytes) in &theirs {
                    assert!(mine[path] == *bytes, "{what}: `{path}` differs from the clean build");
                }
                true
            }
            Err(BuildError::Content(diags)) => {
                assert_eq!(clean.status.code(), Some(1), "{what}: incremental found errors, clean build did not");
                assert!(diags.iter().any(|d| d.is_error()), "{what}: refused without an error");
                assert_same_diagnostics(what, &human(&diags), &clean);
                false
            }
            Err(BuildError::Fatal(msg)) => {
                assert_eq!(clean.status.code(), Some(2), "{what}: incremental failed ({msg}), clean build did not");
                assert!(
                    stderr(&clean).contains(msg.trim()),
                    "{what}: the clean build failed otherwise: {}",
                    stderr(&clean)
                );
                false
            }
        }
    }

    fn rename(&self, from: &str, to: &str) {
        std::fs::create_dir_all(self.path(to).parent().unwrap()).unwrap();
        std::fs::rename(self.path(from), self.path(to)).unwrap();
    }
}

/// `langso build` prints its diagnostics, then one closing line (what it built, or that it
/// failed and why): everything before that line must be `diagnostics`, byte for byte.
fn assert_same_diagnostics(what: &str, diagnostics: &str, clean: &std::process::Output) {
    let err = stderr(clean);
    let body = err.strip_suffix('\n').unwrap_or(&err);
    let printed = body.rfind('\n').map_or("", |end| &body[..=end]);
    assert_eq!(printed, diagnostics, "{what}: the incremental engine's diagnostics differ from the clean build's");
}

#[test]
fn edits_to_pilots_match_a_clean_build() {
    let mut s = Session::new();
    let index = format!("{THOAI}/index.md");
    let metrics = format!("{GIAO}/metrics.yaml");

    s.site.edit(&index, "có tổ công nghệ số", "có một tổ công nghệ số mới");
    s.changed("edit text", &[&index]);

    s.site.edit(&index, "có một tổ công nghệ số mới", "có hai tổ công nghệ số");
    s.changed_in_two_steps("edit text, search index after", &[&index]);

    s.site.edit(&index, "## Bối cảnh", "## Bối cảnh\n\n### Mục mới\n\nThêm một đoạn.\n\n## Kết quả");
    s.changed("add headings", &[&index]);

    s.site.edit(&index, "y tế số\"", "y tế số cho mọi nhà\"");
    s.changed("edit the title", &[&index]);

    s.site.edit(&metrics, "value: 75, year: 2025", "value: 76, year: 2025");
    s.changed("edit a metric", &[&metrics]);

    s.site.edit(&metrics, "population: ", "population: 1");
    s.changed("edit a figure that no list shows", &[&metrics]);

    s.site.edit(&format!("{THOAI}/metrics.yaml"), "status: ongoing", "status: completed");
    s.changed("edit the status", &[&format!("{THOAI}/metrics.yaml")]);

    // A new pilot, written the way an editor's tool would: a temporary file renamed into place.
    let new_dir = "content/pilots/an-giang/my-hoa";
    s.site.write(&format!("{new_dir}/index.md.tmp"), &s.site.read(&index).replace("Thoại Giang", "Mỹ Hòa"));
    s.rename(&format!("{new_dir}/index.md.tmp"), &format!("{new_dir}/index.md"));
    s.site.write(
        &format!("{new_dir}/metrics.yaml"),
        &s.site.read(&format!("{THOAI}/metrics.yaml")).replace("Thoại Giang", "Mỹ Hòa"),
    );
    s.changed("add a pilot", &[new_dir, &format!("{new_dir}/index.md"), &format!("{new_dir}/metrics.yaml")]);

    s.rename(new_dir, "content/pilots/an-giang/my-hoa-2");
    s.changed("rename a pilot folder", &[new_dir, "content/pilots/an-giang/my-hoa-2"]);

    std::fs::remove_dir_all(s.path("content/pilots/an-giang/my-hoa-2")).unwrap();
    s.changed("delete a pilot", &["content/pilots/an-giang/my-hoa-2"]);

    // Some watchers report only the files of a new folder.
    s.site.write("content/pilots/ninh-binh/yen-tu/index.md", &s.site.read(&index).replace("Thoại Giang", "Yên Tử"));
    s.site.write(
        "content/pilots/ninh-binh/yen-tu/metrics.yaml",
        &s.site
            .read(&format!("{THOAI}/metrics.yaml"))
            .replace("Thoại Giang", "Yên Tử")
            .replace("an-giang", "ninh-binh"),
    );
    s.changed(
        "add a pilot, files only",
        &["content/pilots/ninh-binh/yen-tu/index.md", "content/pilots/ninh-binh/yen-tu/metrics.yaml"],
    );

    // Break a file, then fix it: the clean build fails in between, and so must the update.
    let good = s.site.read(&metrics);
    s.site.write(&metrics, &good.replace("status:", "status: [oops\nstatus2:"));
    s.broke("break metrics.yaml", &[&metrics]);
    s.site.write(&metrics, &good.replace("status:", "status: {oops\nstatus3:"));
    s.broke("break it differently", &[&metrics]);
    s.site.write(&metrics, &good);
    s.changed("fix metrics.yaml", &[&metrics]);

    // Renaming a linked pilot breaks the link to it; putting it back repairs it.
    s.rename(GIAO, "content/pilots/ninh-binh/giao-phong-moi");
    s.broke("rename a linked pilot", &[GIAO, "content/pilots/ninh-binh/giao-phong-moi"]);
    s.rename("content/pilots/ninh-binh/giao-phong-moi", GIAO);
    s.changed("rename it back", &[GIAO, "content/pilots/ninh-binh/giao-phong-moi"]);

    std::fs::write(
        s.path(&format!("{GIAO}/so-do.svg")),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"2\" height=\"2\"/></svg>",
    )
    .unwrap();
    s.changed("edit an image", &[&format!("{GIAO}/so-do.svg")]);

    // Photos: added, replaced by another (a new key, so new variant names on the page),
    // and broken; the preview keeps its processed photos in memory, the clean build has none.
    let photo = format!("{THOAI}/anh.jpg");
    let jpeg = |seed| common::photos::jpeg(&common::photos::photo_like(900, 600, seed), 85);
    std::fs::write(s.path(&photo), jpeg(1)).unwrap();
    s.site.edit(&index, "## Kết quả", "![Ảnh](anh.jpg)\n\n## Kết quả");
    s.changed("add a photo", &[&photo, &index]);
    std::fs::write(s.path(&photo), jpeg(2)).unwrap();
    s.changed("replace the photo", &[&photo]);
    std::fs::write(s.path(&photo), b"not a photo").unwrap();
    s.broke("break the photo", &[&photo]);
    std::fs::write(s.path(&photo), jpeg(2)).unwrap();
    s.changed("mend it", &[&photo]);
}

#[test]
fn edits_to_pages_registries_and_templates_match_a_clean_build() {
    let mut s = Session::new();
    let page = "content/pages/gioi-thieu.md";
    let text = s.site.read(page);
    s.site.write(page, &format!("{text}\n\nXem [Thoại Giang](../pilots/an-giang/thoai-giang/).\n"));
    s.changed("edit a page", &[page]);

    s.site.write("content/pages/moi.md", "---\ntitle: \"Trang mới\"\n---\n\nNội dung.\n");
    s.changed("add a page", &["content/pages/moi.md"]);

    s.site.edit("content/fields.yaml", "\"Giáo dục\"", "\"Giáo dục số\"");
    s.changed("edit a registry", &["content/fields.yaml"]);

    let template = common::repo_root().join("themes/default/templates/pilot.html");
    let original = std::fs::read_to_string(template).unwrap();
    let over = "themes/default/templates/pilot.html";
    s.site.write(over, &original.replacen("</article>", "<p class=\"extra\">Bản xem trước</p></article>", 1));
    s.changed("override a template", &[over]);

    s.site.write(over, "{% extends \"base.html\" %}{% block content %}{{ broken }{% endblock %}");
    s.broke("break the template", &[over]);
    std::fs::remove_file(s.path(over)).unwrap();
    s.changed("remove the override", &[over]);

    s.site.edit("content/site.yaml", "title:", "title: \"Mới\"\nold_title:");
    s.broke("break site.yaml", &["content/site.yaml"]);
    s.site.edit("content/site.yaml", "title: \"Mới\"\nold_title:", "title:");
    s.changed("fix site.yaml", &["content/site.yaml"]);
}

#[test]
fn edits_to_figures_behind_the_criteria_dashboard_match_a_clean_build() {
    let mut s = Session::of("tests/fixtures/criteria");
    let metrics = "content/pilots/ninh-binh/an-binh/metrics.yaml";
    s.site.edit(metrics, "threshold: 70", "threshold: 75");
    s.changed("edit a proposal", &[metrics]);
    s.site.edit(metrics, "a_pct: { value: 20, year: 2022 }", "a_pct: { value: 25, year: 2022 }");
    s.changed("edit a baseline", &[metrics]);
    s.site.edit(metrics, "d_bool: true", "d_bool: false");
    s.changed("edit a yes/no value", &[metrics]);
    s.site.edit(metrics, "  b_count: 1\n", "");
    s.changed("remove a value", &[metrics]);
    s.site.edit(metrics, "fields: [giao-duc]", "fields: [giao-duc, y-te]");
    s.changed("add a field", &[metrics]);
}

/// A site-root link (`@/pilots/…/`) depends on the pilot it names as a relative link does:
/// renaming that pilot breaks it in the preview too, and renaming it back repairs it.
#[test]
fn site_root_links_follow_the_pilots_they_name() {
    let mut s = Session::new();
    let index = format!("{THOAI}/index.md");
    s.site.edit(
        &index,
        "[Giao Phong](../../ninh-binh/giao-phong/index.md#bai-hoc)",
        "[Giao Phong](@/pilots/ninh-binh/giao-phong/#bai-hoc), [tỉnh](@/provinces/ninh-binh/)",
    );
    s.changed("write site-root links", &[&index]);
    let moved = "content/pilots/ninh-binh/giao-phong-moi";
    s.rename(GIAO, moved);
    s.broke("rename the pilot a site-root link names", &[GIAO, moved]);
    s.rename(moved, GIAO);
    s.changed("rename it back", &[GIAO, moved]);
}
