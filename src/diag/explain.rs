//! What each diagnostic code means, an example and the fix, in English and Vietnamese.
//! This table is the one source of `langso explain CODE` and of `docs/diagnostics.md`
//! and `docs/diagnostics.vi.md`, which `document` generates (a test keeps the files equal
//! to it and the codes equal to those the source emits). A new code is one entry here,
//! in its group, in the order the documents show it.
//!
//! Long because it is one table, an entry per code: split, it would be harder to keep
//! in the order the documents show.

use super::Severity::{self, Error, Warning};
use crate::model::Lang;

/// One code's explanation.
pub struct Explanation {
    pub code: &'static str,
    pub severity: Severity,
    pub group: Group,
    pub en: Text,
    pub vi: Text,
}

/// The three parts of an explanation, in one language. Inline Markdown (backticks) is
/// allowed: the terminal shows it as it is, the documents render it.
pub struct Text {
    pub meaning: &'static str,
    pub example: &'static str,
    pub fix: &'static str,
}

/// The headings the documents group codes under, in their order.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Files,
    Yaml,
    Registries,
    Pilots,
    Plausibility,
    Links,
}
use Group::{Files, Links, Pilots, Plausibility, Registries, Yaml};

impl Group {
    const ALL: [Group; 6] = [Files, Yaml, Registries, Pilots, Plausibility, Links];

    fn title(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Files, Lang::En) => "Files and text",
            (Files, Lang::Vi) => "Tệp và văn bản",
            (Yaml, _) => "YAML",
            (Registries, Lang::En) => "Registries and ids",
            (Registries, Lang::Vi) => "Danh mục và mã",
            (Pilots, Lang::En) => "Pilots",
            (Pilots, Lang::Vi) => "Mô hình thí điểm",
            (Plausibility, Lang::En) => "Plausibility and consistency",
            (Plausibility, Lang::Vi) => "Số liệu hợp lý và nhất quán",
            (Links, Lang::En) => "Links and images in Markdown",
            (Links, Lang::Vi) => "Liên kết và ảnh trong Markdown",
        }
    }

    /// The paragraph under the group's heading, for what its codes have in common.
    fn intro(self, lang: Lang) -> Option<&'static str> {
        match (self, lang) {
            (Plausibility, Lang::En) => Some(
                "Numbers that parse but cannot be what the editor meant. Which indicators a rule concerns is data of the catalog (`unit`, and the optional `typical` range in `indicators.yaml`, see [content-checks.md](content-checks.md)), not code.",
            ),
            (Plausibility, Lang::Vi) => Some(
                "Những con số đọc được nhưng khó có thể là điều người soạn muốn ghi. Quy tắc nào áp dụng cho chỉ tiêu nào là do danh mục chỉ tiêu quyết định (`unit` và khoảng thường gặp `typical`, không bắt buộc, trong `indicators.yaml`; xem [content-checks.md](content-checks.md), bằng tiếng Anh), không nằm trong mã chương trình.",
            ),
            _ => None,
        }
    }
}

impl Explanation {
    pub fn text(&self, lang: Lang) -> &Text {
        match lang {
            Lang::En => &self.en,
            Lang::Vi => &self.vi,
        }
    }
}

/// The explanation of `code`, if it is one.
pub fn find(code: &str) -> Option<&'static Explanation> {
    EXPLANATIONS.iter().find(|e| e.code == code)
}

/// Every code, in the documents' order.
pub fn codes() -> impl Iterator<Item = &'static str> {
    EXPLANATIONS.iter().map(|e| e.code)
}

/// The words around an explanation, in one language.
struct Words {
    error: &'static str,
    warning: &'static str,
    example: &'static str,
    fix: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::En => Words { error: "error", warning: "warning", example: "Example", fix: "Fix" },
        Lang::Vi => Words { error: "lỗi", warning: "cảnh báo", example: "Ví dụ", fix: "Cách sửa" },
    }
}

fn severity(s: Severity, w: &Words) -> &'static str {
    match s {
        Error => w.error,
        Warning => w.warning,
    }
}

/// `code` explained for the terminal, as `langso explain` prints it.
pub fn explain(e: &Explanation, lang: Lang) -> String {
    let w = words(lang);
    format!("{} ({})\n\n{}", e.code, severity(e.severity, &w), body(e, lang, &w))
}

/// The meaning, the example and the fix, a paragraph each.
fn body(e: &Explanation, lang: Lang, w: &Words) -> String {
    let t = e.text(lang);
    format!("{}\n\n{}: {}\n\n{}: {}\n", t.meaning, w.example, t.example, w.fix, t.fix)
}

/// The whole diagnostics document in `lang`: `docs/diagnostics.md` (English) or
/// `docs/diagnostics.vi.md` (Vietnamese).
pub fn document(lang: Lang) -> String {
    let w = words(lang);
    let mut out = String::from(match lang {
        Lang::En => PREAMBLE_EN,
        Lang::Vi => PREAMBLE_VI,
    });
    for group in Group::ALL {
        out.push_str(&format!("\n## {}\n", group.title(lang)));
        if let Some(intro) = group.intro(lang) {
            out.push_str(&format!("\n{intro}\n"));
        }
        for e in EXPLANATIONS.iter().filter(|e| e.group == group) {
            out.push_str(&format!("\n### `{}`\n**{}.** {}", e.code, severity(e.severity, &w), body(e, lang, &w)));
        }
    }
    out
}

const PREAMBLE_EN: &str = "# Diagnostics

<!-- Generated from src/diag/explain.rs: edit that file, then run
     `LANGSO_BLESS=1 cargo test --test explain` (see CONTRIBUTING.md). -->

`langso check` (and `langso build`) report every problem in the content at once, each
with a stable **code**, a **file**, a **line** and a **column** (both counted from 1,
columns in characters), a message and a `help` line saying what to do. Messages are in
Vietnamese when `content/site.yaml` has `language: vi`, in English otherwise; the
wording of every message lives in one catalog, `src/diag/catalog.rs`. In Vietnamese:
[diagnostics.vi.md](diagnostics.vi.md).

- **error**: the site is not built (`check` and `build` exit with status 1).
- **warning**: the site is built; `check --strict` fails on warnings too, and when only
  warnings made it fail it says so on its last line, naming their codes and counts
  (\"failed because of `--strict`, which counts these warnings as errors: `heading-level` ×1\").

`langso explain CODE` prints one entry of this page in the terminal, in the site's
language (`--lang vi|en` to choose); every diagnostic ends with that command.

Codes are never renamed. Each code below has a fixture site under
`tests/fixtures/check/<code>/` that `tests/check.rs` runs through the real binary, and a
test keeps this page, the source and the fixtures listing the same codes.

```
langso check [--root DIR] [--format human|json|github] [--strict]
```

## Size limits

| file | limit |
|---|---|
| `pilots/*/*/index.md`, `pages/*.md` | 2 MB |
| `pilots/*/*/metrics.yaml` | 256 KB |
| `site.yaml`, `provinces.yaml`, `regions.yaml`, `fields.yaml`, `indicators.yaml` | 2 MB |
| one image or other file linked from a document | 10 MB |

YAML is also bounded in what it may expand to (anchors and aliases) and in how deep it
may nest (20 levels): beyond that it is `yaml-too-complex`. Markdown and raw HTML may nest
100 levels deep (`markdown-too-deep`).
";

const PREAMBLE_VI: &str = "# Thông báo lỗi và cảnh báo

<!-- Tệp này được tạo tự động từ src/diag/explain.rs: sửa tệp đó, rồi chạy
     `LANGSO_BLESS=1 cargo test --test explain` (xem CONTRIBUTING.md). -->

`langso check` (và `langso build`) báo cùng lúc mọi chỗ sai trong nội dung. Mỗi thông báo
có một **mã** cố định, **tên tệp**, **số dòng** và **số cột** (đếm từ 1, cột tính theo ký
tự), câu mô tả chỗ sai và một dòng `help` nói cách sửa. Thông báo viết bằng tiếng Việt
khi `content/site.yaml` có `language: vi`. Bản tiếng Anh: [diagnostics.md](diagnostics.md).

- **lỗi** (`error`): trang không được dựng (`check` và `build` kết thúc với mã 1).
- **cảnh báo** (`warning`): trang vẫn được dựng; `check --strict` coi cảnh báo như lỗi, và
  khi lệnh không đạt chỉ vì cảnh báo thì dòng cuối cùng nói rõ điều đó, kèm mã và số lượng
  từng loại cảnh báo (\"không đạt vì có `--strict`, các cảnh báo sau được tính là lỗi:
  `heading-level` ×1\").

Lệnh `langso explain MÃ` in một mục của trang này ra cửa sổ lệnh, ví dụ
`.\\langso.exe explain unknown-province` trên Windows; mỗi thông báo đều kết thúc bằng
lệnh đó. Hướng dẫn gửi mô hình từng bước nằm ở
[content/pages/huong-dan-gui-mo-hinh.md](../content/pages/huong-dan-gui-mo-hinh.md).

## Giới hạn kích thước

| tệp | giới hạn |
|---|---|
| `pilots/*/*/index.md`, `pages/*.md` | 2 MB |
| `pilots/*/*/metrics.yaml` | 256 KB |
| `site.yaml`, `provinces.yaml`, `regions.yaml`, `fields.yaml`, `indicators.yaml` | 2 MB |
| một ảnh hoặc tệp khác được bài viết liên kết tới | 10 MB |

YAML còn bị giới hạn ở số giá trị mà neo và bí danh nở ra và ở độ sâu lồng nhau (20
tầng): quá mức đó là `yaml-too-complex`. Markdown và HTML được lồng sâu tối đa 100 tầng
(`markdown-too-deep`).
";

static EXPLANATIONS: &[Explanation] = &[
    Explanation {
        code: "unreadable-file",
        severity: Error,
        group: Files,
        en: Text {
            meaning: "The file exists but cannot be read (missing permissions), or is not a regular file: a folder named like a file, a named pipe (FIFO), a socket or a device, which langso refuses without opening (a pipe would make `check` wait for ever).",
            example: "a folder `content/pages/thu.md/`, or `mkfifo content/site.yaml`.",
            fix: "make it an ordinary, readable file.",
        },
        vi: Text {
            meaning: "Tệp có trong thư mục nhưng không đọc được (thiếu quyền đọc), hoặc không phải là tệp thông thường: một thư mục đặt tên giống tệp, hay một tệp đặc biệt của hệ điều hành (ống dẫn có tên, điểm kết nối, thiết bị). langso từ chối những thứ này mà không mở ra (mở một ống dẫn có tên thì `check` sẽ phải chờ mãi).",
            example: "thư mục `content/pages/thu.md/`, hoặc một ống dẫn có tên tạo bằng lệnh `mkfifo content/site.yaml`.",
            fix: "thay bằng một tệp bình thường, đọc được.",
        },
    },
    Explanation {
        code: "file-too-large",
        severity: Error,
        group: Files,
        en: Text {
            meaning: "The file is over its size limit (see above); reported at 1:1 (for an image, at its link).",
            example: "a 300 KB `metrics.yaml`.",
            fix: "split the text, compress the image (1600 px wide is plenty), or move bulk data out of the content.",
        },
        vi: Text {
            meaning: "Tệp lớn hơn giới hạn cho phép (xem bảng ở đầu trang); báo ở dòng 1, cột 1 (với ảnh thì báo ở chỗ liên kết tới ảnh).",
            example: "tệp `metrics.yaml` nặng 300 KB.",
            fix: "chia nhỏ bài viết, nén ảnh lại (rộng 1600 điểm ảnh là đủ), hoặc bỏ bớt số liệu chi tiết ra khỏi nội dung.",
        },
    },
    Explanation {
        code: "invalid-utf8",
        severity: Error,
        group: Files,
        en: Text {
            meaning: "The file is not UTF-8; reported at the first bad byte.",
            example: "a case study saved as Windows-1258.",
            fix: "save it again with UTF-8 encoding.",
        },
        vi: Text {
            meaning: "Tệp không được lưu theo bảng mã UTF-8; báo ở byte sai đầu tiên.",
            example: "bài viết được lưu bằng bảng mã Windows-1258.",
            fix: "mở tệp và lưu lại với bảng mã UTF-8.",
        },
    },
    Explanation {
        code: "nul-byte",
        severity: Error,
        group: Files,
        en: Text {
            meaning: "The text contains a NUL byte, at its place: usually a binary or damaged file.",
            example: "a case study saved as UTF-16 by a word processor.",
            fix: "save it again as plain UTF-8 text.",
        },
        vi: Text {
            meaning: "Văn bản có ký tự NUL, báo ở đúng chỗ đó: thường là tệp nhị phân hoặc tệp bị hỏng.",
            example: "bài viết được trình soạn thảo văn bản lưu dưới dạng UTF-16.",
            fix: "lưu lại dưới dạng văn bản thuần, bảng mã UTF-8.",
        },
    },
    Explanation {
        code: "not-nfc",
        severity: Warning,
        group: Files,
        en: Text {
            meaning: "Text with decomposed accents (Unicode NFD, e.g. `o` + combining grave instead of `ò`), at the first combining mark. langso publishes it normalised.",
            example: "text pasted from a PDF or typed with some Vietnamese keyboard settings.",
            fix: "retype the words or save the file as NFC. (A byte-order mark and CRLF line ends are accepted silently.)",
        },
        vi: Text {
            meaning: "Văn bản có dấu gõ tách rời (dạng Unicode NFD, ví dụ chữ `o` cộng dấu huyền rời thay cho `ò`), báo ở dấu rời đầu tiên. langso vẫn công bố văn bản sau khi ghép dấu lại.",
            example: "văn bản dán từ tệp PDF, hoặc gõ bằng một số cách cài đặt bộ gõ tiếng Việt.",
            fix: "gõ lại các chữ đó, hoặc lưu tệp ở dạng NFC (dựng sẵn). (Ký hiệu BOM ở đầu tệp và kiểu xuống dòng CRLF của Windows đều được chấp nhận.)",
        },
    },
    Explanation {
        code: "invisible-character",
        severity: Error,
        group: Files,
        en: Text {
            meaning: "A name or title holds a character that draws nothing or reorders the text around it: a zero-width space or joiner (U+200B–U+200D), a bidi mark, embedding, override or isolate (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), the word joiner (U+2060), the Mongolian vowel separator (U+180E), a variation selector, the byte order mark (U+FEFF) or another default-ignorable character. Such a name can look exactly like another one, or read backwards. Checked in every name and title: `commune`, `former_district`, the case study's `title` and `authors`, page titles, the site's `title`, and the names of regions, provinces (and their former units), fields and indicators. Reported at the value; reports show the character as `<U+200B>`.",
            example: r#"`commune: "Xã Giao Phong"` typed with a zero-width space (U+200B) between `Pho` and `ng`."#,
            fix: "retype the name.",
        },
        vi: Text {
            meaning: "Một tên hoặc tiêu đề chứa ký tự không hiện ra trên màn hình, hoặc làm đảo thứ tự các chữ xung quanh: dấu cách rộng bằng không hay ký tự nối rộng bằng không (U+200B–U+200D), ký tự đánh dấu, nhúng, ghi đè hay cô lập hướng viết chữ (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), ký tự nối từ (U+2060), ký tự tách nguyên âm tiếng Mông Cổ (U+180E), ký tự chọn biến thể, ký hiệu BOM (U+FEFF) hoặc một ký tự khác vốn không được hiển thị. Tên như vậy có thể trông y hệt một tên khác, hoặc hiện ra theo thứ tự ngược. Được kiểm tra ở mọi tên và tiêu đề: `commune`, `former_district`, `title` và `authors` của bài viết, tiêu đề các trang, `title` của website, và tên các vùng, tỉnh (kể cả các đơn vị cũ), lĩnh vực và chỉ tiêu. Báo ở chỗ giá trị; thông báo ghi ký tự đó dưới dạng `<U+200B>`.",
            example: r#"`commune: "Xã Giao Phong"` bị gõ lẫn một dấu cách rộng bằng không (U+200B) vào giữa `Pho` và `ng`."#,
            fix: "xóa ký tự đó bằng cách gõ lại cả tên.",
        },
    },
    Explanation {
        code: "symlink",
        severity: Error,
        group: Files,
        en: Text {
            meaning: "A symbolic link where content is expected: `content/pilots`, `content/pages`, a pilot or province folder, a content file, or a file linked from a document or a folder on its path. A link may point anywhere on the machine that builds the site, so langso never follows one.",
            example: "`content/pilots/an-giang/lien-ket -> thoai-giang`.",
            fix: "put the real file or folder there.",
        },
        vi: Text {
            meaning: "Một liên kết tượng trưng (symbolic link) nằm ở chỗ cần nội dung thật: `content/pilots`, `content/pages`, thư mục tỉnh hoặc thư mục mô hình, một tệp nội dung, hoặc một tệp được bài viết liên kết tới (hay một thư mục trên đường dẫn của nó). Liên kết như vậy có thể trỏ tới bất cứ tệp nào trên máy dựng trang, nên langso không bao giờ đi theo.",
            example: "`content/pilots/an-giang/lien-ket -> thoai-giang`.",
            fix: "đặt tệp hoặc thư mục thật vào chỗ đó.",
        },
    },
    Explanation {
        code: "stray-file",
        severity: Warning,
        group: Files,
        en: Text {
            meaning: "A file in `content/pilots/` or `content/pilots/<province>/` that no pilot uses.",
            example: "`content/pilots/an-giang/ghi-chu.txt`.",
            fix: "move it into the pilot's folder or delete it.",
        },
        vi: Text {
            meaning: "Một tệp nằm trong `content/pilots/` hoặc `content/pilots/<tỉnh>/` mà không mô hình nào dùng.",
            example: "`content/pilots/an-giang/ghi-chu.txt`.",
            fix: "chuyển tệp vào thư mục của mô hình, hoặc xóa đi.",
        },
    },
    Explanation {
        code: "missing-file",
        severity: Error,
        group: Files,
        en: Text {
            meaning: "A pilot folder without `index.md` or `metrics.yaml` (reported at the folder), or a site without one of its registries.",
            example: "`content/pilots/an-giang/thoai-giang/` holding only `index.md`.",
            fix: "add the file; `langso new pilot` creates both files of a pilot.",
        },
        vi: Text {
            meaning: "Thư mục mô hình thiếu `index.md` hoặc `metrics.yaml` (báo ở thư mục), hoặc trang thiếu một tệp danh mục.",
            example: "`content/pilots/an-giang/thoai-giang/` chỉ có `index.md`.",
            fix: "thêm tệp còn thiếu; lệnh `langso new pilot` tạo sẵn cả hai tệp của một mô hình. Lưu ý tên tệp phải đúng từng chữ: `metrics.yaml`, `index.md`, viết thường.",
        },
    },
    Explanation {
        code: "misnamed-file",
        severity: Error,
        group: Files,
        en: Text {
            meaning: "A pilot folder lacks `index.md` or `metrics.yaml` but holds a file named almost so, reported at that file instead of `missing-file`: upper case (`Index.md`, `index.MD`), `.yml` for `.yaml`, `.markdown` for `.md`, or `.txt` added by an editor on Windows, which hides extensions (`metrics.yaml.txt`).",
            example: "`content/pilots/an-giang/thoai-giang/metrics.yml`.",
            fix: r#"rename the file to exactly `index.md` or `metrics.yaml`; turn on "File name extensions" in File Explorer to see the whole name."#,
        },
        vi: Text {
            meaning: "Thư mục mô hình thiếu `index.md` hoặc `metrics.yaml` nhưng có một tệp tên gần giống, báo ở tệp đó thay cho `missing-file`: tên viết hoa (`Index.md`, `index.MD`), đuôi `.yml` thay cho `.yaml`, `.markdown` thay cho `.md`, hoặc bị thêm đuôi `.txt` khi soạn tệp trên Windows (Windows thường ẩn phần đuôi của tên tệp nên khó nhận ra, ví dụ `metrics.yaml.txt`).",
            example: "`content/pilots/an-giang/thoai-giang/metrics.yml`.",
            fix: r#"đổi tên tệp thành đúng `index.md` hoặc `metrics.yaml`; để thấy cả phần đuôi của tên tệp, bật hiển thị "phần mở rộng tên tệp" trong trình quản lý tệp của Windows."#,
        },
    },
    Explanation {
        code: "front-matter-missing",
        severity: Error,
        group: Files,
        en: Text {
            meaning: "A Markdown file that does not start with a `---` line.",
            example: "a case study starting with `# Xã …`.",
            fix: r#"start with `---`, the keys (`title: "…"`, …), then `---`."#,
        },
        vi: Text {
            meaning: "Tệp Markdown không bắt đầu bằng một dòng `---`.",
            example: "bài viết mở đầu ngay bằng `# Xã …`.",
            fix: r#"mở đầu tệp bằng dòng `---`, rồi các khóa (`title: "…"`, …), rồi thêm một dòng `---`."#,
        },
    },
    Explanation {
        code: "front-matter-unterminated",
        severity: Error,
        group: Files,
        en: Text {
            meaning: "The opening `---` is never closed; reported at line 1.",
            example: r#"`---`, `title: "…"`, then the text at once."#,
            fix: "add a line with only `---` after the last key.",
        },
        vi: Text {
            meaning: "Dòng `---` mở đầu không có dòng `---` đóng lại; báo ở dòng 1.",
            example: r#"`---`, `title: "…"`, rồi vào bài viết luôn."#,
            fix: "thêm một dòng chỉ có `---` sau khóa cuối cùng.",
        },
    },
    Explanation {
        code: "yaml-syntax",
        severity: Error,
        group: Yaml,
        en: Text {
            meaning: r#"The YAML cannot be read. The common mistakes are named, each with its fix: a tab used for indentation; a value containing `: ` (`title: Xã A: du lịch`, fix: put it in quotes, the help shows the line quoted); a quote never closed, or text after the closing quote (`title: "Xã "A" B"`, fix: single quotes outside); a line indented unlike the other keys of its block; a key with no colon (`status ongoing`); a `[` or `{` left open (reported at the bracket, even when the parser stopped on a later line). Other mistakes are reported where the parser stopped (which may be the line after the real mistake), in its own words."#,
            example: "`fields: [y-te, giao-duc` with no `]`.",
            fix: "as the help says; in general two spaces of indentation, no tabs, `key: value` with a space after the colon, closed quotes and brackets.",
        },
        vi: Text {
            meaning: r#"Không đọc được tệp YAML. Các lỗi hay gặp được gọi đúng tên, kèm cách sửa: dùng phím Tab để thụt lề; giá trị có chứa `: ` (`title: Xã A: du lịch`; cách sửa: đặt giá trị trong dấu ngoặc kép, dòng gợi ý ghi sẵn dòng đó đã thêm ngoặc); dấu ngoặc kép mở mà không đóng, hoặc còn chữ sau dấu ngoặc kép đóng (`title: "Xã "A" B"`; cách sửa: dùng dấu nháy đơn bao ngoài); một dòng thụt lề không khớp với các khóa khác cùng khối; khóa thiếu dấu hai chấm (`status ongoing`); dấu `[` hoặc `{` mở mà không đóng (báo ở chỗ dấu ngoặc, kể cả khi trình đọc YAML dừng ở một dòng phía dưới). Các lỗi khác được báo ở chỗ trình đọc YAML dừng lại (có thể là dòng ngay sau chỗ sai thật), bằng lời của chính trình đọc, tức là bằng tiếng Anh."#,
            example: "`fields: [y-te, giao-duc` thiếu dấu `]`.",
            fix: "làm theo dòng gợi ý; nói chung: thụt lề bằng hai dấu cách, không dùng phím Tab, viết `khóa: giá trị` với một dấu cách sau dấu hai chấm, đóng đủ các dấu ngoặc kép và ngoặc vuông.",
        },
    },
    Explanation {
        code: "yaml-too-complex",
        severity: Error,
        group: Yaml,
        en: Text {
            meaning: r#"Anchors and aliases that expand to too many values (an "alias bomb"), or nesting deeper than 20 levels."#,
            example: "`a: &a [1,1,1]`, `b: &b [*a,*a,*a]`, … eight levels down.",
            fix: "write the values out plainly; content needs no `&`/`*`.",
        },
        vi: Text {
            meaning: "Neo và bí danh (`&`, `*`) nở ra quá nhiều giá trị, hoặc các khối lồng nhau sâu quá 20 tầng.",
            example: "`a: &a [1,1,1]`, `b: &b [*a,*a,*a]`, … lồng tám tầng.",
            fix: "viết thẳng các giá trị ra; nội dung không cần `&` hay `*`.",
        },
    },
    Explanation {
        code: "duplicate-key",
        severity: Error,
        group: Yaml,
        en: Text {
            meaning: "The same key twice in one mapping, at the second one.",
            example: "two `status:` lines.",
            fix: "keep one.",
        },
        vi: Text {
            meaning: "Cùng một khóa xuất hiện hai lần trong một khối, báo ở lần thứ hai.",
            example: "hai dòng `status:`.",
            fix: "giữ lại một dòng, xóa dòng kia.",
        },
    },
    Explanation {
        code: "blank-text",
        severity: Warning,
        group: Yaml,
        en: Text {
            meaning: r#"Optional text left blank (empty or only spaces): a value's `source` or `note`, the pilot's `source`, `former_district`, `summary_en`, a target's `source`. Blank text counts as not given, so `source: ""` is no source (and in a pilot that is not `sample: true` the value is then a `value-without-source` error). Reported at the value."#,
            example: r#"`note: ""`."#,
            fix: "fill it in or delete the key.",
        },
        vi: Text {
            meaning: r#"Một mục văn bản không bắt buộc bị để trống (rỗng hoặc chỉ có dấu cách): `source` hoặc `note` của một giá trị, `source` chung của mô hình, `former_district`, `summary_en`, `source` của một mục tiêu. Văn bản để trống được coi như không ghi, nên `source: ""` không phải là nguồn (và trong mô hình không ghi `sample: true`, giá trị đó sẽ bị báo lỗi `value-without-source`). Báo ở chỗ giá trị."#,
            example: r#"`note: ""`."#,
            fix: "điền nội dung, hoặc xóa dòng đó.",
        },
    },
    Explanation {
        code: "blank-name",
        severity: Error,
        group: Yaml,
        en: Text {
            meaning: "A name or title that must be given is blank: a pilot's `commune`, `title` or `summary`, a page's or the site's `title`, a province's or former unit's `name`, the `vi` name of a region, field or indicator. Reported at the value.",
            example: r#"`commune: ""`."#,
            fix: "write the name.",
        },
        vi: Text {
            meaning: "Một tên hoặc tiêu đề bắt buộc bị để trống: `commune`, `title` hoặc `summary` của mô hình, `title` của một trang hoặc của cả website, `name` của một tỉnh hoặc đơn vị hành chính cũ, tên `vi` của một vùng, lĩnh vực hoặc chỉ tiêu. Báo ở chỗ giá trị.",
            example: r#"`commune: ""`."#,
            fix: "ghi tên vào; tên này hiện trên trang và trong mọi danh sách.",
        },
    },
    Explanation {
        code: "typographic-quotes",
        severity: Warning,
        group: Yaml,
        en: Text {
            meaning: "Text wrapped in typographic quotes (“…” or ‘…’), as a word processor types them. YAML only knows straight quotes, so it keeps these as part of the text; langso takes them off and says so. Reported at the value.",
            example: "`former_district: “Thoại Sơn”`.",
            fix: r#"write `"Thoại Sơn"` with straight quotes, or no quotes."#,
        },
        vi: Text {
            meaning: r#"Văn bản nằm trong cặp dấu ngoặc cong (“…” hoặc ‘…’), thường do phần mềm soạn thảo văn bản tự đổi từ dấu ngoặc thẳng. YAML chỉ hiểu dấu ngoặc thẳng (`"` và `'`), nên giữ dấu ngoặc cong như một phần của nội dung; langso tự bỏ chúng đi và báo cho biết. Báo ở chỗ giá trị."#,
            example: "`former_district: “Thoại Sơn”`.",
            fix: r#"viết `"Thoại Sơn"` bằng dấu ngoặc kép thẳng, hoặc bỏ ngoặc."#,
        },
    },
    Explanation {
        code: "missing-key",
        severity: Error,
        group: Yaml,
        en: Text {
            meaning: "A required key is absent, reported at the first line of the mapping that should hold it (also: an empty `fields: []`). A key written with nothing after it (`value:`) is reported at that key.",
            example: "`metrics.yaml` without `status:`.",
            fix: "add the key, or its value; the help says what value it takes.",
        },
        vi: Text {
            meaning: "Thiếu một khóa bắt buộc, báo ở dòng đầu của khối lẽ ra phải chứa khóa đó (cũng báo khi `fields: []` để trống). Khóa đã ghi mà không có gì phía sau (`value:`) thì báo ở chính khóa đó.",
            example: "`metrics.yaml` không có `status:`.",
            fix: "thêm khóa đó, hoặc giá trị của nó; dòng gợi ý cho biết cần ghi giá trị gì.",
        },
    },
    Explanation {
        code: "unknown-key",
        severity: Error,
        group: Yaml,
        en: Text {
            meaning: r#"A key langso does not know, with "did you mean"."#,
            example: "`populaton: 5200` → did you mean `population`?",
            fix: "correct the spelling or remove the line.",
        },
        vi: Text {
            meaning: "Một khóa mà langso không biết, kèm gợi ý tên gần nhất.",
            example: "`populaton: 5200` → có phải ý bạn là `population`?",
            fix: "sửa lại chính tả hoặc xóa dòng đó.",
        },
    },
    Explanation {
        code: "wrong-type",
        severity: Error,
        group: Yaml,
        en: Text {
            meaning: "A value of the wrong kind, at the value. Numbers written the Vietnamese way are named as such: a decimal comma (`value: 64,5`, also inside `{ value: 64,5 }`, where YAML would otherwise read a key `5`) → write `64.5`; thousands separators in a whole number (`population: 15,600`, `15 600`, `1.200.000`) → write `15600`; a month and a year or a date where a year belongs (`year: 11/2025`) → write `2025` (and `value-without-year` is then not given beside the error); a percent sign (`value: 64%`) → write `64`; yes or no in words where `true`/`false` belongs (`có`, `không`, `đạt`, `chưa`). A single point followed by three digits (`population: 15.600`, `ocop_products: 1.200`, which YAML reads as 15.6 and 1.2) is a number for YAML: that mistake is `thousands-separator`.",
            example: "`population: nhiều` (expected a whole number); `ocop_products: 2.5` (a count must be whole).",
            fix: "write the kind of value named in the message.",
        },
        vi: Text {
            meaning: "Giá trị sai kiểu, báo ở chỗ giá trị. Những số viết theo kiểu Việt Nam được gọi đúng tên lỗi: dấu phẩy thập phân (`value: 64,5`, cả khi nằm trong `{ value: 64,5 }`, nơi YAML sẽ hiểu nhầm thành một khóa `5`) → ghi `64.5`; dấu phân cách hàng nghìn trong số nguyên (`population: 15,600`, `15 600`, `1.200.000`) → ghi `15600`; tháng và năm, hoặc một ngày, ở chỗ chỉ cần ghi năm (`year: 11/2025`) → ghi `2025` (khi đó không báo thêm cảnh báo `value-without-year` bên cạnh lỗi này); dấu phần trăm (`value: 64%`) → ghi `64`; có hoặc không viết bằng chữ ở chỗ cần `true`/`false` (`có`, `không`, `đạt`, `chưa`). Riêng một dấu chấm duy nhất với ba chữ số phía sau (`population: 15.600`, `ocop_products: 1.200`, YAML đọc thành 15,6 và 1,2) vẫn là số đối với YAML: lỗi đó thuộc mã `thousands-separator`.",
            example: "`population: nhiều` (cần một số nguyên); `ocop_products: 2.5` (số đếm phải là số nguyên).",
            fix: "ghi đúng kiểu giá trị mà thông báo nêu. Số thập phân trong YAML viết bằng dấu chấm (`64.5`), không có dấu phân cách hàng nghìn (`15600`).",
        },
    },
    Explanation {
        code: "invalid-value",
        severity: Error,
        group: Yaml,
        en: Text {
            meaning: r#"A word outside a fixed set, with "did you mean"."#,
            example: "`status: complete` → `completed`. The sets: `status` planned | ongoing | completed | recognized; `language` vi | en; `kind`, `unit`, `group`, `better` in the registries.",
            fix: "write one of the words the help lists.",
        },
        vi: Text {
            meaning: "Một từ nằm ngoài tập giá trị cho phép, kèm gợi ý từ gần nhất.",
            example: "`status: complete` → `completed`. Các tập giá trị: `status` planned | ongoing | completed | recognized; `language` vi | en; `kind`, `unit`, `group`, `better` trong các tệp danh mục.",
            fix: "ghi một trong các từ mà dòng gợi ý liệt kê.",
        },
    },
    Explanation {
        code: "invalid-date",
        severity: Error,
        group: Yaml,
        en: Text {
            meaning: "A date that is not `YYYY-MM-DD` or does not exist. A date written day first (`10/05/2024`, `10.05.2024`) or a month (`11/2025`) gets the ISO date to write instead (`2024-05-10`).",
            example: "`date: 2024-13-01`.",
            fix: "write a real date, e.g. `2025-11-02`.",
        },
        vi: Text {
            meaning: "Ngày không viết theo dạng `NĂM-THÁNG-NGÀY` (`YYYY-MM-DD`) hoặc không có thật. Ngày viết theo thứ tự ngày trước (`10/05/2024`, `10.05.2024`) hoặc chỉ có tháng và năm (`11/2025`) được gợi ý sẵn ngày cần ghi theo đúng dạng (`2024-05-10`).",
            example: "`date: 2024-13-01`.",
            fix: "ghi một ngày có thật, ví dụ `2025-11-02` cho ngày 2/11/2025.",
        },
    },
    Explanation {
        code: "out-of-range",
        severity: Error,
        group: Yaml,
        en: Text {
            meaning: "A number outside its bounds, at the value: a percent outside 0–100, a negative count or amount, a value outside the indicator's `min`/`max` in `indicators.yaml`, a year outside 2000–2100, a period that ends before it starts, or a `typical` range whose `min` is above its `max`. Whatever the catalog says, every unit has hard limits, far past any commune's figure and small enough that sums and chart axes over every pilot stay finite: a percentage within ±10,000, a count within ±10⁹, an amount in millions of đồng within ±10⁹, a plain number within ±10¹²; `area_ha` and the budget's figures at most 10⁹. They apply to values, baselines, proposed thresholds and the catalog's targets.",
            example: "`commune_records_online_pct: { value: 158 }`, or `ocop_products: 1.79e308`.",
            fix: "correct the value.",
        },
        vi: Text {
            meaning: "Một số nằm ngoài giới hạn, báo ở chỗ giá trị: phần trăm ngoài khoảng 0–100, số đếm hoặc số tiền âm, giá trị ngoài `min`/`max` của chỉ tiêu trong `indicators.yaml`, năm ngoài khoảng 2000–2100, thời gian thí điểm kết thúc trước khi bắt đầu, hoặc khoảng thường gặp (`typical`) có `min` lớn hơn `max`. Dù `indicators.yaml` ghi thế nào, mỗi đơn vị tính còn có một giới hạn cứng, vượt rất xa số liệu của bất kỳ xã nào, nhưng đủ nhỏ để khi cộng số liệu của mọi mô hình hay vẽ trục biểu đồ thì kết quả vẫn tính được: phần trăm trong khoảng ±10.000, số đếm trong khoảng ±10⁹, số tiền (triệu đồng) trong khoảng ±10⁹, số thông thường trong khoảng ±10¹²; `area_ha` và các số của kinh phí không quá 10⁹. Giới hạn này áp dụng cho giá trị, giá trị trong `baseline:`, ngưỡng đề xuất và mục tiêu trong danh mục chỉ tiêu.",
            example: "`commune_records_online_pct: { value: 158 }`, hoặc `ocop_products: 1.79e308`.",
            fix: "sửa lại giá trị cho đúng.",
        },
    },
    Explanation {
        code: "invalid-slug",
        severity: Error,
        group: Registries,
        en: Text {
            meaning: "A slug or id that is not lower-case ASCII with `-` (snake_case `_` for indicator ids), or a page file named like one of langso's own addresses (`pilots.md`).",
            example: "`slug: Nong Nghiep` in `fields.yaml` → `nong-nghiep`.",
            fix: "use the suggested form.",
        },
        vi: Text {
            meaning: "Một mã (slug) không viết bằng chữ thường không dấu nối bằng `-` (mã chỉ tiêu nối bằng `_`), hoặc một trang đặt tên trùng với một địa chỉ của chính langso (`pilots.md`).",
            example: "`slug: Nong Nghiep` trong `fields.yaml` → `nong-nghiep`.",
            fix: "dùng dạng được gợi ý.",
        },
    },
    Explanation {
        code: "invalid-url",
        severity: Error,
        group: Registries,
        en: Text {
            meaning: "`base_url` in `site.yaml` is not an address a site can be published at: it must start with `https://` or `http://` and a host, or be a path from the root such as `/ntm/`. It starts every link of the feed, the sitemap and the share tags, so a `javascript:` or `data:` address would put a script link into them. It may not be protocol-relative (`//host/`: the pages would load their styles and scripts from that host) nor carry a `?query` or `#fragment` (every page path is appended to it). `build --base-url` is held to the same rule (exit 2 with this message).",
            example: r#"`base_url: "ntm-thong-minh"`, or `base_url: "https://example.gov.vn/ntm/?utm_source=x"`."#,
            fix: "write the full address, `https://…/`, without `?` or `#`.",
        },
        vi: Text {
            meaning: "`base_url` trong `site.yaml` không phải là địa chỉ có thể công bố trang: phải bắt đầu bằng `https://` hoặc `http://` và tên máy chủ, hoặc là một đường dẫn từ gốc như `/ntm/`. Mọi liên kết trong bản tin, sơ đồ trang và thẻ chia sẻ đều bắt đầu bằng địa chỉ này, nên một địa chỉ `javascript:` hay `data:` sẽ đưa liên kết chạy mã vào đó. Địa chỉ cũng không được bắt đầu bằng `//` mà bỏ trống giao thức (`//máy-chủ/`: các trang sẽ tải kiểu trình bày và mã lệnh từ máy chủ đó), và không được có phần `?…` hay `#…` (đường dẫn của từng trang được nối vào sau địa chỉ này). Tùy chọn `build --base-url` cũng theo đúng quy tắc này (lệnh dừng với mã 2 và báo lỗi này).",
            example: r#"`base_url: "ntm-thong-minh"`, hoặc `base_url: "https://example.gov.vn/ntm/?utm_source=x"`."#,
            fix: "ghi địa chỉ đầy đủ, `https://…/`, không có `?` hay `#`.",
        },
    },
    Explanation {
        code: "duplicate-id",
        severity: Error,
        group: Registries,
        en: Text {
            meaning: "The same slug or indicator id twice in a registry, at the second.",
            example: "two entries `slug: y-te` in `fields.yaml`.",
            fix: "delete or rename one.",
        },
        vi: Text {
            meaning: "Cùng một mã (slug hoặc mã chỉ tiêu) xuất hiện hai lần trong một tệp danh mục, báo ở lần thứ hai.",
            example: "hai mục `slug: y-te` trong `fields.yaml`.",
            fix: "xóa hoặc đổi mã của một mục.",
        },
    },
    Explanation {
        code: "unknown-province",
        severity: Error,
        group: Registries,
        en: Text {
            meaning: r#"A folder `content/pilots/<province>/` that is not a slug of `provinces.yaml`, with "did you mean". A province's name (`content/pilots/Nghệ An/`) gets its slug (`nghe-an`); a unit merged on 1 July 2025 gets the unit that absorbed it, with the merger named (`tien-giang` → "`tien-giang` is Tiền Giang: on 1 July 2025 Đồng Tháp, Tiền Giang were merged into Đồng Tháp; write `dong-thap`"), from the `former` lists of `provinces.yaml`. The same help is given by `langso new pilot --province`."#,
            example: "`content/pilots/ninh-bihn/` → `ninh-binh`.",
            fix: "rename the folder.",
        },
        vi: Text {
            meaning: r#"Thư mục `content/pilots/<tỉnh>/` không phải là mã tỉnh có trong `provinces.yaml`, kèm gợi ý mã gần nhất. Nếu thư mục mang tên tỉnh (`content/pilots/Nghệ An/`) thì được gợi ý mã của tỉnh đó (`nghe-an`); nếu là một tỉnh đã hợp nhất ngày 1/7/2025 thì được gợi ý tỉnh mới đã tiếp nhận nó, kèm nêu rõ việc hợp nhất (`tien-giang` → "`tien-giang` là Tiền Giang: từ ngày 1/7/2025, Đồng Tháp, Tiền Giang hợp nhất thành Đồng Tháp; ghi `dong-thap`"), theo danh sách `former` trong `provinces.yaml`. Lệnh `langso new pilot --province` cũng gợi ý như vậy."#,
            example: "`content/pilots/ninh-bihn/` → `ninh-binh`.",
            fix: "đổi tên thư mục theo mã tỉnh, thành phố hiện nay (viết thường, không dấu, nối bằng `-`).",
        },
    },
    Explanation {
        code: "unknown-region",
        severity: Error,
        group: Registries,
        en: Text {
            meaning: r#"A province's `region:` not in `regions.yaml`, with "did you mean"."#,
            example: "`region: dong-bang-song-cuu-lng` → `dong-bang-song-cuu-long`.",
            fix: "use a listed region slug.",
        },
        vi: Text {
            meaning: "`region:` của một tỉnh không có trong `regions.yaml`, kèm gợi ý mã gần nhất.",
            example: "`region: dong-bang-song-cuu-lng` → `dong-bang-song-cuu-long`.",
            fix: "dùng một mã vùng có trong danh sách.",
        },
    },
    Explanation {
        code: "unknown-field",
        severity: Error,
        group: Registries,
        en: Text {
            meaning: "A pilot's field not in `fields.yaml`, at the item.",
            example: "`fields: [y-tee]` → `y-te`.",
            fix: "use a slug listed in `fields.yaml`.",
        },
        vi: Text {
            meaning: "Lĩnh vực của mô hình không có trong `fields.yaml`, báo ở mục đó.",
            example: "`fields: [y-tee]` → `y-te`.",
            fix: "dùng một mã có trong `fields.yaml`.",
        },
    },
    Explanation {
        code: "unknown-indicator",
        severity: Error,
        group: Registries,
        en: Text {
            meaning: "An indicator id (in `indicators:`, `baseline:` or a proposal) not in `indicators.yaml`, at the key.",
            example: "`fibre_households_pct` → `fiber_households_pct`.",
            fix: "use an id from `indicators.yaml` (the comments of a `langso new pilot` metrics.yaml list them all).",
        },
        vi: Text {
            meaning: "Mã chỉ tiêu (trong `indicators:`, `baseline:` hoặc một đề xuất) không có trong `indicators.yaml`, báo ở khóa.",
            example: "`fibre_households_pct` → `fiber_households_pct`.",
            fix: "dùng một mã trong `indicators.yaml` (tệp `metrics.yaml` do `langso new pilot` tạo liệt kê đủ các mã trong phần ghi chú).",
        },
    },
    Explanation {
        code: "province-mismatch",
        severity: Error,
        group: Pilots,
        en: Text {
            meaning: r#"`province:` in `metrics.yaml` differs from the province folder. The help names the likely mistake: the name written instead of the slug (`province: "Nghệ An"` → `nghe-an`), a former unit of the folder's province (`province: nam-dinh` under `ninh-binh/` → write `province: ninh-binh` and `former_province: nam-dinh`), or a merged unit (as for `unknown-province`)."#,
            example: "`province: ninh-binh` in `content/pilots/an-giang/…`.",
            fix: "correct the value or move the folder.",
        },
        vi: Text {
            meaning: r#"`province:` trong `metrics.yaml` khác với thư mục tỉnh chứa mô hình. Dòng gợi ý nêu chỗ có lẽ đã nhầm: ghi tên tỉnh thay cho mã (`province: "Nghệ An"` → `nghe-an`), ghi một đơn vị cũ của tỉnh chứa thư mục (`province: nam-dinh` trong thư mục `ninh-binh/` → ghi `province: ninh-binh` và `former_province: nam-dinh`), hoặc ghi một tỉnh đã hợp nhất (gợi ý như với `unknown-province`)."#,
            example: "`province: ninh-binh` nằm trong `content/pilots/an-giang/…`.",
            fix: "sửa giá trị hoặc chuyển thư mục mô hình sang đúng tỉnh.",
        },
    },
    Explanation {
        code: "former-province",
        severity: Error,
        group: Pilots,
        en: Text {
            meaning: "`former_province:` is not one of the units the province was formed from on 2025-07-01 (nor the province itself). A name instead of the slug (`Nam Định`) gets the slug; a unit merged into another province gets that province named.",
            example: "`former_province: nam-dinh` for An Giang.",
            fix: "use one of the `former` slugs listed for the unit in `provinces.yaml`.",
        },
        vi: Text {
            meaning: "`former_province:` không phải là một trong các tỉnh đã hợp thành tỉnh này ngày 1/7/2025 (cũng không phải chính tỉnh đó). Nếu ghi tên thay cho mã (`Nam Định`) thì được gợi ý mã; nếu ghi một đơn vị đã hợp nhất vào tỉnh khác thì được cho biết tên tỉnh đó.",
            example: "`former_province: nam-dinh` cho một mô hình ở An Giang.",
            fix: "dùng một mã trong danh sách `former` của tỉnh đó trong `provinces.yaml`.",
        },
    },
    Explanation {
        code: "commune-folder-mismatch",
        severity: Warning,
        group: Pilots,
        en: Text {
            meaning: r#"The commune's name does not fold to its folder name (the prefix "Xã", "Phường", "Thị trấn" or "Đặc khu" is dropped)."#,
            example: r#"`commune: "Xã Thoại Sơn"` in `thoai-giang/`."#,
            fix: "rename the folder to the suggested slug or correct the name.",
        },
        vi: Text {
            meaning: r#"Tên xã chuyển sang dạng không dấu không khớp với tên thư mục (bỏ tiền tố "Xã", "Phường", "Thị trấn" hoặc "Đặc khu")."#,
            example: r#"`commune: "Xã Thoại Sơn"` nằm trong thư mục `thoai-giang/`."#,
            fix: "đổi tên thư mục theo mã được gợi ý, hoặc sửa lại tên xã.",
        },
    },
    Explanation {
        code: "duplicate-pilot",
        severity: Error,
        group: Pilots,
        en: Text {
            meaning: "Two pilot folders of one province whose commune names fold to the same slug (one commune submitted twice; the two slugs collide), or look the same: after removing invisible characters, the two names have one UTS #39 confusable skeleton (a Cyrillic `Р` for a Latin `P`, a zero-width space inside a word). Names that differ by a Vietnamese mark (`Hòa`/`Hóa`, `o`/`ơ`) do not look the same. Reported at the `commune:` value of the second (in folder order).",
            example: r#"`an-giang/thoai-giang/` and `an-giang/thoai-giang-moi/` both with `commune: "Xã Thoại Giang"`; or `ninh-binh/giao-phong-2/` with `commune: "Xã Giao Рhong"` (Cyrillic `Р`) beside `ninh-binh/giao-phong/`."#,
            fix: "merge the two submissions (and retype the name).",
        },
        vi: Text {
            meaning: r#"Hai thư mục mô hình trong cùng một tỉnh có tên xã chuyển thành cùng một mã (một xã gửi hai lần, hai mã trùng nhau), hoặc hai tên trông giống hệt nhau: sau khi bỏ các ký tự vô hình, hai tên có cùng một "bộ khung" theo chuẩn Unicode UTS #39 về các ký tự dễ nhầm lẫn (chữ `Р` của bảng chữ cái Kirin thay cho chữ `P` Latinh, một dấu cách rộng bằng không chen vào giữa một chữ). Hai tên chỉ khác nhau ở dấu tiếng Việt (`Hòa`/`Hóa`, `o`/`ơ`) không bị coi là giống nhau. Báo ở giá trị `commune:` của thư mục thứ hai (theo thứ tự thư mục)."#,
            example: r#"`an-giang/thoai-giang/` và `an-giang/thoai-giang-moi/` đều ghi `commune: "Xã Thoại Giang"`; hoặc `ninh-binh/giao-phong-2/` ghi `commune: "Xã Giao Рhong"` (chữ `Р` Kirin) bên cạnh `ninh-binh/giao-phong/`."#,
            fix: "gộp hai bài gửi thành một (và gõ lại tên xã).",
        },
    },
    Explanation {
        code: "year-outside-period",
        severity: Warning,
        group: Pilots,
        en: Text {
            meaning: "An indicator value whose `year` is outside the pilot's `period`, at the year.",
            example: "`year: 2021` with `period: { start: 2023, end: 2025 }`.",
            fix: "check the year, or move the value to `baseline:`.",
        },
        vi: Text {
            meaning: "Năm (`year`) của một giá trị chỉ tiêu nằm ngoài thời gian thí điểm (`period`), báo ở chỗ năm.",
            example: "`year: 2021` trong khi `period: { start: 2023, end: 2025 }`.",
            fix: "kiểm tra lại năm, hoặc chuyển giá trị đó sang phần `baseline:` (trước thí điểm).",
        },
    },
    Explanation {
        code: "value-without-source",
        severity: Error,
        group: Pilots,
        en: Text {
            meaning: r#"In a pilot that is not `sample: true`, a value (under `indicators:` or `baseline:`) with no source: neither its own `source:` nor the pilot's `source:` (the top-level key of `metrics.yaml`, the source of every value that names none). A blank `source: ""` is no source (`blank-text`). Reported at the value's key."#,
            example: "`fiber_households_pct: 90.5` in a pilot with `sample: false` and no pilot `source:`.",
            fix: r#"write `{ value: 90.5, year: 2024, source: "Báo cáo UBND xã, 11/2024" }`, or one `source: "Báo cáo UBND xã, 11/2024"` for the whole pilot. In a sample pilot (`sample: true`) a value without a source is allowed: it is *illustrative*, and the site marks it so wherever it is shown. (Before this code became an error it also covered a missing year; that is now `value-without-year`.)"#,
        },
        vi: Text {
            meaning: r#"Trong mô hình không ghi `sample: true`, một giá trị (trong `indicators:` hoặc `baseline:`) không có nguồn: giá trị không có `source:` riêng, mà mô hình cũng không có `source:` chung (khóa `source:` ở cấp ngoài cùng của `metrics.yaml`, là nguồn của mọi giá trị không ghi nguồn riêng). Ghi `source: ""` để trống thì không được tính là có nguồn (`blank-text`). Báo ở khóa của giá trị."#,
            example: "`fiber_households_pct: 90.5` trong một mô hình ghi `sample: false` và không có `source:` chung.",
            fix: r#"ghi `{ value: 90.5, year: 2024, source: "Báo cáo UBND xã, 11/2024" }`, hoặc ghi một dòng `source: "Báo cáo UBND xã, 11/2024"` chung cho cả mô hình. Trong mô hình mẫu (`sample: true`), giá trị không có nguồn vẫn được phép: đó là số liệu *minh họa*, và trang ghi rõ điều này ở mọi chỗ hiện giá trị đó. (Trước khi thành lỗi, mã này còn báo cả giá trị thiếu năm; nay việc đó thuộc mã `value-without-year`.)"#,
        },
    },
    Explanation {
        code: "value-without-year",
        severity: Warning,
        group: Pilots,
        en: Text {
            meaning: "In a pilot that is not `sample: true`, a value under `indicators:` without a `year`, at its key.",
            example: r#"`fiber_households_pct: { value: 90.5, source: "Báo An Giang" }`."#,
            fix: "add the year it was measured: `{ value: 90.5, year: 2024, source: … }`.",
        },
        vi: Text {
            meaning: "Trong mô hình không ghi `sample: true`, một giá trị trong `indicators:` chưa có năm (`year`), báo ở khóa của giá trị.",
            example: r#"`fiber_households_pct: { value: 90.5, source: "Báo An Giang" }`."#,
            fix: "thêm năm thu thập số liệu: `{ value: 90.5, year: 2024, source: … }`.",
        },
    },
    Explanation {
        code: "missing-section",
        severity: Warning,
        group: Pilots,
        en: Text {
            meaning: r#"A recommended section of the case study is missing: Bối cảnh, Giải pháp, Nền tảng số, Kết quả, Bài học, Đề xuất tiêu chí (any heading level; a heading matches when its text starts with the section's name, so "Bài học rút ra" counts; English names are accepted too). Reported where the section belongs: at the next recommended heading, or at the last line."#,
            example: "a case study going from `## Kết quả` straight to `## Đề xuất tiêu chí`.",
            fix: "add the `## …` heading (here `## Bài học`) and its text.",
        },
        vi: Text {
            meaning: r#"Bài viết thiếu một mục nên có: Bối cảnh, Giải pháp, Nền tảng số, Kết quả, Bài học, Đề xuất tiêu chí (tiêu đề cấp nào cũng được; tiêu đề khớp khi chữ của nó bắt đầu bằng tên mục, nên "Bài học rút ra" vẫn được tính; tên tiếng Anh cũng được chấp nhận). Báo ở chỗ lẽ ra có mục đó: ở tiêu đề nên có tiếp theo, hoặc ở dòng cuối."#,
            example: "bài viết đi thẳng từ `## Kết quả` sang `## Đề xuất tiêu chí`.",
            fix: "thêm tiêu đề `## …` (ở đây là `## Bài học`) và nội dung của mục.",
        },
    },
    Explanation {
        code: "empty-section",
        severity: Warning,
        group: Pilots,
        en: Text {
            meaning: "A recommended section has a heading but no text (an HTML comment does not count), at the heading. `langso new pilot` writes all six sections empty, so a new pilot shows six of these until it is written.",
            example: "`## Bài học` followed only by `<!-- … -->` and the next heading.",
            fix: "write the section, or delete the heading.",
        },
        vi: Text {
            meaning: "Một mục nên có đã có tiêu đề nhưng chưa có nội dung (một ghi chú HTML không được tính), báo ở tiêu đề. `langso new pilot` viết sẵn cả sáu mục để trống, nên mô hình mới có sáu cảnh báo này cho đến khi viết xong.",
            example: "`## Bài học` chỉ có `<!-- … -->` rồi đến tiêu đề tiếp theo.",
            fix: "viết nội dung cho mục đó, hoặc xóa tiêu đề.",
        },
    },
    Explanation {
        code: "thousands-separator",
        severity: Error,
        group: Plausibility,
        en: Text {
            meaning: r#"A number written with exactly three digits after the point where the quantity is typically a whole number in the thousands: `population`, `households`, `area_ha`, the parts of `budget_million_vnd`, values of `count` indicators, and values of other indicators whose `typical` range holds the value times 1000 but not the value. In Vietnamese a point separates thousands (the site itself writes 5200 as "5.200"), so `area_ha: 5.200` would be published as 5,2 ha. The raw text is read, not the parsed number (5.200 and 5.2 are the same number). Reported at the value."#,
            example: "`area_ha: 5.200` → did you mean 5200?",
            fix: "write `5200`; if you really meant a decimal, write another number of digits after the point (`5.2`, `5.2000`).",
        },
        vi: Text {
            meaning: r#"Một số viết với đúng ba chữ số sau dấu chấm, ở chỗ thường là số nguyên hàng nghìn: `population`, `households`, `area_ha`, các phần của `budget_million_vnd`, giá trị của chỉ tiêu đếm (`count`), và giá trị của chỉ tiêu khác mà khoảng thường gặp (`typical`) chứa giá trị đó nhân 1000 chứ không chứa chính nó. Trong cách viết số tiếng Việt, dấu chấm ngăn cách hàng nghìn (chính trang web viết 5200 thành "5.200"), còn trong YAML dấu chấm là dấu thập phân, nên `area_ha: 5.200` sẽ được công bố thành 5,2 ha. langso xét đúng các chữ số đã gõ, không xét số đọc ra (5.200 và 5.2 là cùng một số). Báo ở chỗ giá trị."#,
            example: "`area_ha: 5.200` → có phải ý bạn là 5200?",
            fix: "viết `5200`; nếu thật sự là số thập phân, viết số chữ số sau dấu chấm khác ba (`5.2`, `5.2000`).",
        },
    },
    Explanation {
        code: "percent-as-fraction",
        severity: Warning,
        group: Plausibility,
        en: Text {
            meaning: "A value of a `percent` indicator between 0 and 1 (a share pasted from a spreadsheet as a fraction) where it reads as a percentage elsewhere: another value of the same indicator in the pilot (its baseline, its value, a proposal's threshold) is above 1, or the catalog's `typical` range for the indicator starts above 1. Reported at the value.",
            example: "`commune_records_online_pct: { value: 0.86 }` beside a baseline of 60 → did you mean 86?",
            fix: "write the percentage (`86`); keep `0.86` only if the share really is below 1 %.",
        },
        vi: Text {
            meaning: "Giá trị của một chỉ tiêu tính theo phần trăm (`percent`) nằm trong khoảng từ 0 đến 1 (tỷ lệ dán từ bảng tính dưới dạng số thập phân, chưa nhân 100), trong khi ở chỗ khác chỉ tiêu này được ghi theo phần trăm: một giá trị khác của cùng chỉ tiêu trong mô hình (giá trị trong `baseline:`, giá trị hiện tại, ngưỡng của một đề xuất) lớn hơn 1, hoặc khoảng thường gặp (`typical`) của chỉ tiêu trong danh mục bắt đầu từ trên 1. Báo ở chỗ giá trị.",
            example: "`commune_records_online_pct: { value: 0.86 }` trong khi giá trị trong `baseline:` là 60 → có phải ý bạn là 86?",
            fix: "ghi theo phần trăm (`86`); chỉ giữ `0.86` nếu tỷ lệ thật sự dưới 1 %.",
        },
    },
    Explanation {
        code: "budget-sum",
        severity: Error,
        group: Plausibility,
        en: Text {
            meaning: "The parts of `budget_million_vnd` cannot make its total: all three of `central`, `local` and `other` are given and their sum differs from `total` by more than 0.5 % of it (at least 1 million), or fewer parts are given and they already exceed it. Reported at `total`.",
            example: "`{ total: 6200, central: 3000, local: 2000, other: 1000 }` → the parts add up to 6000.",
            fix: "correct the part or the total that is wrong.",
        },
        vi: Text {
            meaning: "Các phần của kinh phí `budget_million_vnd` không thể cộng thành tổng: ghi đủ cả ba phần `central` (ngân sách trung ương), `local` (ngân sách địa phương) và `other` (nguồn khác) mà tổng của chúng lệch với `total` hơn 0,5 % (mức lệch cho phép ít nhất là 1 triệu đồng), hoặc chỉ ghi một vài phần mà cộng lại đã vượt `total`. Báo ở `total`.",
            example: "`{ total: 6200, central: 3000, local: 2000, other: 1000 }` → các phần cộng lại là 6000.",
            fix: "sửa lại phần hoặc tổng bị ghi sai.",
        },
    },
    Explanation {
        code: "household-size",
        severity: Warning,
        group: Plausibility,
        en: Text {
            meaning: "`population` divided by `households` is outside 1.5–8 people per household (Vietnam's 2019 census counted about 3.5 on average; the bounds are deliberately wide), so one of the two numbers is almost surely mistyped. Reported at `households`.",
            example: "`population: 10085` with `households: 254` (39.7 per household; 2544 was meant).",
            fix: "correct the number that is wrong.",
        },
        vi: Text {
            meaning: "Số dân (`population`) chia cho số hộ (`households`) nằm ngoài khoảng 1,5–8 người mỗi hộ (Tổng điều tra dân số năm 2019 cho thấy bình quân khoảng 3,5 người mỗi hộ; khoảng cho phép cố ý để rộng), nên gần như chắc chắn một trong hai số bị gõ nhầm. Báo ở `households`.",
            example: "`population: 10085` và `households: 254` (39,7 người mỗi hộ; đúng ra là 2544).",
            fix: "sửa lại số bị gõ nhầm.",
        },
    },
    Explanation {
        code: "broken-link",
        severity: Error,
        group: Links,
        en: Text {
            meaning: r#"A relative link to a pilot, page or file that does not exist, or to a file that is never published (`index.md`, `metrics.yaml`). Also a site-root link `@/…` or a link written as the site's own address (under `base_url`) naming a page the build does not publish, with "did you mean" and the forms that work (see [docs/links.md](links.md)). A link into the folder of a province merged on 1 July 2025 (`../../tien-giang/…`, `@/provinces/tien-giang/`) gets the unit that absorbed it."#,
            example: "`[x](../pilots/an-giang/khong-co/)`, or `[Nghệ An](@/provinces/nghe-ann/)`.",
            fix: "a pilot is linked as `../../<province>/<commune>/`, a page as `../../../pages/<slug>.md`, any page of the site from its root as `@/pilots/`, `@/pilots/<province>/<commune>/`, `@/provinces/<slug>/`, `@/fields/<slug>/`, `@/indicators/<id>/`, `@/criteria/`, `@/compare/`, `@/search/`, `@/<page>/` or `@/data/pilots.csv`.",
        },
        vi: Text {
            meaning: "Liên kết tương đối tới một mô hình, trang hoặc tệp không tồn tại, hoặc tới một tệp không bao giờ được công bố (`index.md`, `metrics.yaml`). Cũng báo lỗi này khi một liên kết tính từ gốc `@/…`, hoặc một liên kết ghi bằng chính địa chỉ của website (bắt đầu bằng `base_url`), dẫn tới một trang mà website không có; thông báo kèm gợi ý trang gần nhất và các cách viết đúng (xem [docs/links.md](links.md), bằng tiếng Anh). Liên kết vào thư mục của một tỉnh đã hợp nhất ngày 1/7/2025 (`../../tien-giang/…`, `@/provinces/tien-giang/`) được gợi ý tỉnh mới đã tiếp nhận tỉnh đó.",
            example: "`[x](../pilots/an-giang/khong-co/)`, hoặc `[Nghệ An](@/provinces/nghe-ann/)`.",
            fix: "liên kết tới một mô hình viết là `../../<tỉnh>/<xã>/`, tới một trang viết là `../../../pages/<mã-trang>.md`; mọi trang của website đều liên kết được tính từ gốc: `@/pilots/`, `@/pilots/<tỉnh>/<xã>/`, `@/provinces/<mã tỉnh>/`, `@/fields/<mã lĩnh vực>/`, `@/indicators/<mã chỉ tiêu>/`, `@/criteria/`, `@/compare/`, `@/search/`, `@/<trang>/` hoặc `@/data/pilots.csv`.",
        },
    },
    Explanation {
        code: "broken-anchor",
        severity: Error,
        group: Links,
        en: Text {
            meaning: r#"A link to a heading id (`#…`) that the target page does not have, with "did you mean"."#,
            example: "`[x](#khong-co)`.",
            fix: r#"a heading's id is its text folded: "Bài học rút ra" → `#bai-hoc-rut-ra`."#,
        },
        vi: Text {
            meaning: "Liên kết tới mã đề mục (`#…`) mà trang đích không có, kèm gợi ý mã gần nhất.",
            example: "`[x](#khong-co)`.",
            fix: r#"mã của một đề mục là chữ của nó viết thường, bỏ dấu, nối bằng `-`: "Bài học rút ra" → `#bai-hoc-rut-ra`."#,
        },
    },
    Explanation {
        code: "absolute-path",
        severity: Error,
        group: Links,
        en: Text {
            meaning: r#"A link or image path starting with `/`. A path on the editor's own computer (`C:\Users\…\anh.jpg`, also as an image) is named as such."#,
            example: "`[trang](/pilots/)`.",
            fix: "write it relative to the file, e.g. `../../an-giang/thoai-giang/`; for a file on your own computer, copy it into the pilot folder and write its file name (`anh.jpg`).",
        },
        vi: Text {
            meaning: r#"Đường dẫn của liên kết hoặc ảnh bắt đầu bằng `/`. Đường dẫn tới một tệp trên chính máy tính của người soạn (`C:\Users\…\anh.jpg`, kể cả khi chèn ảnh) được báo rõ là tệp nằm trên máy của bạn."#,
            example: "`[trang](/pilots/)`.",
            fix: "viết đường dẫn tương đối so với tệp đang soạn, ví dụ `../../an-giang/thoai-giang/`; với tệp trên máy của bạn: chép tệp vào thư mục của mô hình và chỉ ghi tên tệp (`anh.jpg`).",
        },
    },
    Explanation {
        code: "backslash-path",
        severity: Error,
        group: Links,
        en: Text { meaning: r#"A path with `\` between folders."#, example: r#"`thu\anh.png`."#, fix: "use `/`." },
        vi: Text {
            meaning: r#"Đường dẫn dùng `\` giữa các thư mục."#, example: r#"`thu\anh.png`."#, fix: "dùng `/`."
        },
    },
    Explanation {
        code: "path-outside",
        severity: Error,
        group: Links,
        en: Text {
            meaning: "A link or image that leaves the site root or the document's own folder for a file.",
            example: "`![x](../site.yaml)`.",
            fix: "copy the file into the document's folder.",
        },
        vi: Text {
            meaning: "Liên kết hoặc ảnh ra khỏi thư mục gốc của trang, hoặc ra khỏi thư mục của chính bài viết để lấy một tệp.",
            example: "`![x](../site.yaml)`.",
            fix: "chép tệp vào thư mục của bài viết.",
        },
    },
    Explanation {
        code: "image-missing",
        severity: Error,
        group: Links,
        en: Text {
            meaning: "An image file that does not exist (or is a folder).",
            example: "`![Ảnh](khong-co.png)`.",
            fix: "check the name, including upper and lower case.",
        },
        vi: Text {
            meaning: "Tệp ảnh không tồn tại (hoặc là một thư mục).",
            example: "`![Ảnh](khong-co.png)`.",
            fix: "kiểm tra lại tên tệp, kể cả chữ hoa và chữ thường.",
        },
    },
    Explanation {
        code: "image-corrupt",
        severity: Error,
        group: Links,
        en: Text {
            meaning: "The image cannot be decoded: the file is damaged (a copy cut short), or its content is not the image kind its name says.",
            example: "`anh.jpg` that stopped copying halfway, or a Word document renamed `anh.jpg`.",
            fix: "open it in an image viewer; if it shows, save it again as JPG; otherwise copy the photo from the phone or camera again.",
        },
        vi: Text {
            meaning: "Không giải mã được ảnh: tệp bị hỏng (chép dở dang), hoặc nội dung không đúng loại ảnh như tên tệp.",
            example: "`anh.jpg` bị chép dở giữa chừng, hoặc một tệp Word đổi tên thành `anh.jpg`.",
            fix: "mở tệp bằng trình xem ảnh; nếu xem được thì lưu lại thành JPG, nếu không thì chép lại ảnh từ điện thoại hoặc máy ảnh.",
        },
    },
    Explanation {
        code: "image-too-many-pixels",
        severity: Error,
        group: Links,
        en: Text {
            meaning: "The image has more than 50 megapixels (width × height, read from its header before decoding). Decoding it would take gigabytes of memory: a small file can declare a huge picture (a decompression bomb).",
            example: "a 100 KB PNG declaring 20000 × 20000 pixels.",
            fix: "resize the image to at most 4000 px on its longer side; the site shows at most 1600 px.",
        },
        vi: Text {
            meaning: "Ảnh có hơn 50 triệu điểm ảnh (chiều rộng × chiều cao, đọc từ phần đầu tệp trước khi giải mã). Giải mã ảnh này sẽ tốn hàng GB bộ nhớ: một tệp nhỏ có thể khai một bức ảnh khổng lồ (bom giải nén).",
            example: "một tệp PNG 100 KB khai kích thước 20000 × 20000 điểm ảnh.",
            fix: "thu nhỏ ảnh để cạnh dài nhất không quá 4000 px; trang web chỉ hiển thị tối đa 1600 px.",
        },
    },
    Explanation {
        code: "image-too-small",
        severity: Warning,
        group: Links,
        en: Text {
            meaning: "A photo (JPEG or WebP) narrower than 480 px: screens stretch it and it looks blurred. PNG and GIF are not checked (logos, diagrams).",
            example: "a 400 × 300 photo saved from a chat application.",
            fix: "use the original photo, at least 480 px wide (1600 px or more is best).",
        },
        vi: Text {
            meaning: "Ảnh chụp (JPEG hoặc WebP) rộng dưới 480 px: màn hình phải phóng to nên ảnh bị mờ. Không kiểm tra PNG và GIF (biểu trưng, sơ đồ).",
            example: "ảnh 400 × 300 lưu lại từ một ứng dụng nhắn tin.",
            fix: "dùng ảnh gốc, rộng ít nhất 480 px (tốt nhất từ 1600 px trở lên).",
        },
    },
    Explanation {
        code: "external-image",
        severity: Error,
        group: Links,
        en: Text {
            meaning: "An image on another website (the site makes no request to other hosts).",
            example: r#"`![Ảnh](https://example.com/anh.png)`, or in raw HTML `<img src="http://example.com/anh.png">` (any `src` or `srcset` naming another host; the sanitizer drops such an image source even where it was spelled to hide it)."#,
            fix: "save the image in the pilot's folder.",
        },
        vi: Text {
            meaning: "Ảnh nằm trên một trang web khác (trang không tải gì từ máy chủ khác).",
            example: r#"`![Ảnh](https://example.com/anh.png)`, hoặc trong HTML `<img src="http://example.com/anh.png">` (mọi `src` hay `srcset` trỏ tới máy chủ khác; bộ lọc vẫn bỏ nguồn ảnh như vậy dù được viết lắt léo để che giấu)."#,
            fix: "tải ảnh về và lưu vào thư mục của mô hình.",
        },
    },
    Explanation {
        code: "name-collision",
        severity: Error,
        group: Links,
        en: Text {
            meaning: "Two files linked from one document whose names differ only in upper and lower case, at the second link. On Windows and macOS (and on many web servers there) they are one file, so one picture would silently replace the other.",
            example: "`![a](anh.png)` and `![b](Anh.png)`.",
            fix: "rename one of them; lower-case names avoid the problem.",
        },
        vi: Text {
            meaning: "Hai tệp được cùng một bài viết liên kết tới có tên chỉ khác nhau ở chữ hoa và chữ thường, báo ở liên kết thứ hai. Trên Windows và macOS (và nhiều máy chủ web ở đó) chúng là một tệp, nên một ảnh sẽ lặng lẽ thay cho ảnh kia.",
            example: "`![a](anh.png)` và `![b](Anh.png)`.",
            fix: "đổi tên một trong hai tệp; đặt tên toàn chữ thường để tránh lỗi này.",
        },
    },
    Explanation {
        code: "unsafe-file",
        severity: Error,
        group: Links,
        en: Text {
            meaning: "A linked file of a kind a browser would open as a page of the site or run: HTML, XML, JavaScript, CSS, PHP, a file without an extension, anything but images (JPG, PNG, WebP, GIF, AVIF, SVG), PDF, office and data files (CSV, TXT, XLSX, XLS, ODS, DOCX, DOC, ODT, PPTX, PPT, ODP), MP4, WebM and MP3. Linked files are copied as they are, outside the site's sanitizing, so an HTML file would be a page under the site's name written by anyone. A HEIC/HEIF photo (an iPhone's own format, which most browsers cannot show) is named as such.",
            example: "`[báo cáo](bao-cao.html)`.",
            fix: r#"save it as PDF, or put its text into the case study; convert a HEIC photo to JPG (or set the iPhone's camera to "Most Compatible")."#,
        },
        vi: Text {
            meaning: "Tệp được liên kết thuộc loại mà trình duyệt sẽ mở như một trang của website hoặc cho chạy: HTML, XML, JavaScript, CSS, PHP, tệp không có phần mở rộng, tức là mọi loại trừ ảnh (JPG, PNG, WebP, GIF, AVIF, SVG), PDF, tệp văn phòng và dữ liệu (CSV, TXT, XLSX, XLS, ODS, DOCX, DOC, ODT, PPTX, PPT, ODP), MP4, WebM và MP3. Tệp liên kết được chép nguyên trạng, không qua bộ lọc của trang, nên một tệp HTML sẽ thành một trang mang tên website mà ai cũng viết được. Ảnh HEIC/HEIF (định dạng ảnh riêng của iPhone, phần lớn trình duyệt không hiển thị được) được báo rõ là ảnh HEIC.",
            example: "`[báo cáo](bao-cao.html)`.",
            fix: "lưu tệp dưới dạng PDF, hoặc đưa nội dung vào bài viết. Ảnh HEIC chụp bằng iPhone cần chuyển sang JPG (hoặc chỉnh iPhone: Cài đặt → Camera → Định dạng → Tương thích nhất).",
        },
    },
    Explanation {
        code: "unsafe-svg",
        severity: Error,
        group: Links,
        en: Text {
            meaning: "An SVG that could run script or fetch something when opened on its own: a `script` or `foreignObject` element (also under a namespace prefix), an event handler (`onload=…`), a link or animation to a `javascript:`, `data:` or other-host URL (also written with character references such as `jav&#x61;script:`), a style import, an `xml-stylesheet` instruction, an entity declaration, or text that is not well-formed XML.",
            example: "a drawing with `<script>` inside.",
            fix: "export it again as plain SVG, or as PNG.",
        },
        vi: Text {
            meaning: "Một tệp SVG có thể chạy mã hoặc tải thứ khác khi được mở riêng: phần tử `script` hoặc `foreignObject`, thuộc tính xử lý sự kiện (`onload=…`), liên kết hay hoạt ảnh tới địa chỉ `javascript:`, `data:` hoặc máy chủ khác, lệnh nhập kiểu trình bày, chỉ thị `xml-stylesheet`, khai báo thực thể, hoặc văn bản XML không hợp lệ.",
            example: "một hình vẽ có `<script>` bên trong.",
            fix: "xuất lại hình dưới dạng SVG thuần, hoặc dạng PNG.",
        },
    },
    Explanation {
        code: "unportable-name",
        severity: Error,
        group: Links,
        en: Text {
            meaning: r#"A name that becomes a published path but cannot be a file or folder name on every system the site is built, checked out or served from: a device name Windows reserves (`CON`, `PRN`, `AUX`, `NUL`, `COM0`–`COM9`, `LPT0`–`LPT9`, in any case and with any extension, so `nul.png` too), a character Windows forbids (`< > : " / \ | ? *` or a control character), a final dot or space, or a name that is too long: a slug (a pilot, province, region, field or page folder, the theme) at most 64 bytes, a linked file or a folder on its way at most 100 bytes, and a linked file's published path (e.g. `pilots/<province>/<commune>/anh/so-do.png`) at most 200 bytes, which leaves 60 of Windows' 260 for the output folder itself (an accented Vietnamese letter takes 2 or 3 bytes). Checked for pilot folders, registry slugs, pages, the theme name and linked files; `langso new pilot` refuses to make such a folder."#,
            example: "a pilot folder `content/pilots/ninh-binh/con/`, or `![sơ đồ](so-do:1.png)`.",
            fix: "rename the file or folder (for a commune, a shorter form of its name).",
        },
        vi: Text {
            meaning: r#"Một tên sẽ thành đường dẫn khi công bố nhưng không thể dùng làm tên tệp hay thư mục trên mọi hệ điều hành nơi trang được dựng, được tải về hoặc được đưa lên máy chủ: tên thiết bị mà Windows dành riêng (`CON`, `PRN`, `AUX`, `NUL`, `COM0`–`COM9`, `LPT0`–`LPT9`, viết hoa hay thường đều vậy, với bất kỳ phần đuôi nào, nên `nul.png` cũng không được), ký tự Windows không cho phép (`< > : " / \ | ? *` hoặc ký tự điều khiển), tên kết thúc bằng dấu chấm hoặc dấu cách, hoặc tên quá dài: mã đường dẫn (thư mục mô hình, tỉnh, vùng, lĩnh vực hoặc trang, tên giao diện) tối đa 64 byte, tệp được liên kết hoặc thư mục trên đường dẫn tới nó tối đa 100 byte, và đường dẫn khi công bố của tệp được liên kết (ví dụ `pilots/<tỉnh>/<xã>/anh/so-do.png`) tối đa 200 byte, để dành 60 trong số 260 ký tự Windows cho phép cho chính thư mục chứa trang đã dựng (một chữ tiếng Việt có dấu chiếm 2 hoặc 3 byte). Được kiểm tra ở thư mục mô hình, mã trong các tệp danh mục, các trang, tên giao diện và tệp được liên kết; lệnh `langso new pilot` không tạo thư mục mang tên như vậy."#,
            example: "thư mục mô hình `content/pilots/ninh-binh/con/`, hoặc `![sơ đồ](so-do:1.png)`.",
            fix: "đổi tên tệp hoặc thư mục (với một xã, dùng cách viết ngắn hơn của tên xã).",
        },
    },
    Explanation {
        code: "invalid-theme",
        severity: Error,
        group: Links,
        en: Text {
            meaning: "The theme named in `content/site.yaml` (`theme:`) cannot be loaded, so `langso build` would stop on it: its folder `themes/<name>/` is missing or a symbolic link, a template does not compile (at the line and column tera names), a template is not UTF-8, or the UI strings `i18n/<language>.yaml` are missing, not YAML, or hold a value that is not a string. `langso check` loads the theme as the build does. A template that compiles but fails while a page is rendered (an unknown variable) is found by `langso build` only.",
            example: "`{{ page.title | nope( }}` in `themes/mine/templates/base.html`.",
            fix: "correct the template or the strings, or remove `theme:` to use the built-in theme.",
        },
        vi: Text {
            meaning: "Không nạp được giao diện ghi ở `theme:` trong `content/site.yaml`, nên `langso build` sẽ dừng lại: thư mục `themes/<tên>/` không có hoặc là một liên kết tượng trưng, một mẫu trang có lỗi cú pháp (báo ở dòng và cột mà bộ xử lý mẫu Tera chỉ ra), một mẫu trang không lưu theo bảng mã UTF-8, hoặc tệp chữ của giao diện `i18n/<ngôn-ngữ>.yaml` không có, không phải YAML hợp lệ, hoặc có giá trị không phải là chữ. `langso check` nạp giao diện giống hệt như khi dựng trang. Mẫu trang đúng cú pháp nhưng bị lỗi khi dựng một trang cụ thể (dùng một biến không có) thì chỉ `langso build` mới phát hiện được.",
            example: "`{{ page.title | nope( }}` trong `themes/mine/templates/base.html`.",
            fix: "sửa mẫu trang hoặc tệp chữ của giao diện, hoặc xóa dòng `theme:` để dùng giao diện có sẵn.",
        },
    },
    Explanation {
        code: "markdown-too-deep",
        severity: Error,
        group: Links,
        en: Text {
            meaning: "Markdown blocks (quotes, lists) and raw HTML elements nested more than 100 levels deep, at the place the limit is passed; the document is not rendered (sanitizing such a document takes time that grows with the square of its depth).",
            example: "a line of 101 `>`.",
            fix: "write it flatter and close the HTML tags you open.",
        },
        vi: Text {
            meaning: "Các khối Markdown (trích dẫn, danh sách) hoặc phần tử HTML lồng nhau sâu quá 100 tầng, báo ở chỗ vượt giới hạn; bài viết không được dựng.",
            example: "một dòng có 101 dấu `>`.",
            fix: "viết phẳng hơn và đóng các thẻ HTML đã mở.",
        },
    },
    Explanation {
        code: "raw-html-removed",
        severity: Warning,
        group: Links,
        en: Text {
            meaning: "Raw HTML that sanitizing will remove when the page is published, at the fragment (an HTML block or an inline tag), listing each element and attribute that goes (`<script>`, `onclick` on `<a>`): elements outside the allowlist (script, style, frames, forms, inline SVG and MathML…; the text of the others stays), event handlers, `style` and `class` attributes, any URL attribute (`href`, `src`, `cite`, …) with a `javascript:`, `vbscript:` or `data:` URL, and a tag or comment the fragment leaves unfinished. What it lists is exactly what the build removes (both run the same cleaning). Comments are never published and not reported. An `id` is kept as `user-content-<id>` (links to `#<id>` in the same document follow it), so it is not reported.",
            example: r#"`<script>alert(1)</script>` or `<b onclick="…">`."#,
            fix: "use Markdown instead.",
        },
        vi: Text {
            meaning: "Đoạn HTML mà bộ lọc sẽ xóa khi công bố trang, báo ở chỗ đoạn HTML đó (một khối HTML hoặc một thẻ nằm giữa dòng chữ), kèm danh sách từng phần tử và thuộc tính bị xóa (`<script>`, `onclick` trong `<a>`): các phần tử không có trong danh sách cho phép (`<script>`, `<style>`, khung `<iframe>`, biểu mẫu `<form>`, hình SVG và công thức MathML viết thẳng trong bài…; với các phần tử khác thì chỉ bỏ thẻ, chữ bên trong vẫn giữ), thuộc tính xử lý sự kiện, thuộc tính `style` và `class`, mọi thuộc tính chứa địa chỉ (`href`, `src`, `cite`, …) mà địa chỉ bắt đầu bằng `javascript:`, `vbscript:` hoặc `data:`, và thẻ hay ghi chú HTML viết dở chưa đóng. Danh sách này đúng bằng những gì bản dựng trang xóa đi (cả hai dùng chung một bước lọc). Ghi chú HTML (`<!-- … -->`) không bao giờ được công bố và không bị báo. Thuộc tính `id` được giữ lại dưới dạng `user-content-<id>` (liên kết tới `#<id>` trong cùng bài viết vẫn dẫn đúng chỗ), nên không bị báo.",
            example: r#"`<script>alert(1)</script>` hoặc `<b onclick="…">`."#,
            fix: "dùng cú pháp Markdown thay cho HTML.",
        },
    },
    Explanation {
        code: "unparsed-link",
        severity: Error,
        group: Links,
        en: Text {
            meaning: "A link or image whose Markdown did not parse, so that `[…](…)` or `![…](…)` would be published as literal text; at its `[` (or `!`). The usual cause is a space in the address. A reference link whose `[label]: address` line is missing (`[báo cáo][bc]`, `[tỉnh][]`) is reported too.",
            example: "`![Vườn cam](Ảnh 1.JPG)`.",
            fix: "write the address in angle brackets, `![Vườn cam](<Ảnh 1.JPG>)` (the help writes it out), or rename the file without spaces. For a reference link, add the `[label]: address` line, or write the address in the link.",
        },
        vi: Text {
            meaning: "Một liên kết hoặc ảnh mà cú pháp Markdown không đọc được, nên `[…](…)` hoặc `![…](…)` sẽ hiện nguyên văn trên trang; báo ở dấu `[` (hoặc `!`). Nguyên nhân thường gặp là địa chỉ có dấu cách. Liên kết kiểu tham chiếu mà thiếu dòng `[nhãn]: địa chỉ` (`[báo cáo][bc]`, `[tỉnh][]`) cũng bị báo.",
            example: "`![Vườn cam](Ảnh 1.JPG)`.",
            fix: "đặt địa chỉ trong cặp dấu `<` `>`: `![Vườn cam](<Ảnh 1.JPG>)` (dòng gợi ý ghi sẵn cách viết này), hoặc đổi tên tệp cho không còn dấu cách. Với liên kết kiểu tham chiếu: thêm dòng `[nhãn]: địa chỉ`, hoặc ghi thẳng địa chỉ vào liên kết.",
        },
    },
    Explanation {
        code: "undefined-footnote",
        severity: Error,
        group: Links,
        en: Text {
            meaning: "A footnote reference `[^name]` with no `[^name]: …` definition, which would be published as literal text.",
            example: "`Hồ sơ điện tử[^2].` with no `[^2]:` line.",
            fix: "add the footnote's text on a line of its own (`[^2]: Báo cáo UBND xã, 11/2025`), or delete the reference.",
        },
        vi: Text {
            meaning: "Một chỗ đánh dấu chú thích `[^tên]` mà không có dòng `[^tên]: …` ghi nội dung chú thích, nên sẽ hiện nguyên văn trên trang.",
            example: "`Hồ sơ điện tử[^2].` mà không có dòng `[^2]:`.",
            fix: "thêm nội dung chú thích trên một dòng riêng (`[^2]: Báo cáo UBND xã, 11/2025`), hoặc xóa chỗ đánh dấu chú thích.",
        },
    },
    Explanation {
        code: "heading-level",
        severity: Warning,
        group: Links,
        en: Text {
            meaning: "A heading that breaks the page's outline (which screen readers and the table of contents follow): a level-1 heading `# …` (the page's title is its level-1 heading already), or a level skipped going down (`####` right after `##`).",
            example: "`#### Kết quả` after `## Nền tảng số`.",
            fix: "start sections at `##` and go down one level at a time (the help names the level to use).",
        },
        vi: Text {
            meaning: "Một đề mục làm sai bố cục của trang (bố cục mà mục lục và phần mềm đọc màn hình cho người khiếm thị dựa vào): đề mục cấp 1 `# …` (tiêu đề của trang đã là đề mục cấp 1), hoặc nhảy cóc cấp khi đi xuống (`####` ngay sau `##`).",
            example: "`#### Kết quả` sau `## Nền tảng số`.",
            fix: "bắt đầu các mục bằng `##` và mỗi lần chỉ xuống một cấp (dòng gợi ý nêu cấp cần dùng).",
        },
    },
];
