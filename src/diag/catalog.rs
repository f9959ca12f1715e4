//! Every message langso shows about content, in English and Vietnamese: one place to
//! read, review and correct what editors are told. A template names its values in
//! braces (`{path}`); `Msg::render` fills them. Ids are sorted, so a lookup is a
//! binary search and a duplicate shows up in review (and in a unit test).
//!
//! Long because it is one table, an entry per message: one sorted list is what makes a
//! duplicate or a missing translation easy to see.

use crate::model::Lang;

/// `(id, English, Vietnamese)`, sorted by id.
static MESSAGES: &[(&str, &str, &str)] = &[
    ("absolute-path", "`{dest}` is an absolute path", "`{dest}` là đường dẫn tuyệt đối"),
    (
        "absolute-path-help",
        "write the link relative to this file, e.g. `../../an-giang/thoai-giang/` or `anh.jpg`",
        "viết liên kết tương đối so với tệp này, ví dụ `../../an-giang/thoai-giang/` hoặc `anh.jpg`",
    ),
    ("allowed-keys", "allowed keys", "khóa được phép"),
    ("amount-too-large", "{value} is larger than {max}", "{value} lớn hơn {max}"),
    (
        "amount-too-large-help",
        "write the amount in its unit (hectares, millions of đồng); no commune comes near this limit",
        "ghi số theo đơn vị của nó (héc-ta, triệu đồng); không xã nào đạt gần mức này",
    ),
    ("backslash-path", "`{dest}` uses `\\` between folders", "`{dest}` dùng `\\` giữa các thư mục"),
    (
        "backslash-path-help",
        "use `/` between folder names, as in web addresses",
        "dùng `/` giữa các tên thư mục, như trong địa chỉ web",
    ),
    ("blank-name", "`{key}` is blank", "`{key}` để trống"),
    (
        "blank-name-help",
        "write the name; it is shown on the site and in every list",
        "ghi tên; tên này hiện trên trang và trong mọi danh sách",
    ),
    ("blank-text", "`{key}` is blank, so it counts as not given", "`{key}` để trống nên được coi như không ghi"),
    ("blank-text-help", "fill in `{key}` or remove the line", "điền `{key}` hoặc xóa dòng này"),
    (
        "broken-anchor",
        "no heading has the id `{fragment}` in `{target}`",
        "không có đề mục nào mang mã `{fragment}` trong `{target}`",
    ),
    (
        "broken-anchor-help",
        "link to a heading that exists; its id is its text in lower case without accents, words joined by `-`",
        "liên kết tới một đề mục có thật; mã của đề mục là chữ của nó viết thường, bỏ dấu, nối bằng `-`",
    ),
    (
        "broken-link",
        "the link `{dest}` leads to `{resolved}`, which is no pilot or page",
        "liên kết `{dest}` dẫn tới `{resolved}`, không phải mô hình hay trang nào",
    ),
    (
        "broken-link-help",
        "check the spelling; a pilot is linked as `../../<province>/<commune>/`, a page as `../../../pages/<slug>.md`, and any page of the site from its root, as `@/provinces/<slug>/`, `@/indicators/<id>/`, `@/criteria/` or `@/data/pilots.csv`",
        "kiểm tra chính tả; liên kết tới mô hình viết `../../<tỉnh>/<xã>/`, tới trang viết `../../../pages/<tên>.md`, và tới mọi trang của website tính từ gốc, như `@/provinces/<mã tỉnh>/`, `@/indicators/<mã chỉ tiêu>/`, `@/criteria/` hoặc `@/data/pilots.csv`",
    ),
    (
        "budget-sum",
        "the budget parts add up to {sum}, but `total` is {total}",
        "các phần kinh phí cộng lại là {sum}, nhưng `total` là {total}",
    ),
    (
        "budget-sum-help",
        "correct the parts or the total: did you mean `total: {sum}`?",
        "sửa các phần hoặc tổng: có phải ý bạn là `total: {sum}`?",
    ),
    (
        "build-done",
        "built {files} files ({size}) into `{out}` [{stages}]",
        "đã dựng {files} tệp ({size}) vào `{out}` [{stages}]",
    ),
    (
        "build-failed",
        "build failed: {summary}; the previous site was left as it was",
        "không dựng được trang: {summary}; trang đã dựng trước đó vẫn giữ nguyên",
    ),
    (
        "build-photos",
        "photos: {total}, {processed} of them processed now (the others taken from the previous site or the cache)",
        "ảnh: {total}, trong đó {processed} ảnh được xử lý lần này (số còn lại lấy từ bản trước hoặc bộ nhớ đệm)",
    ),
    (
        "build-refused-cache",
        "refusing to keep the photo cache in `{cache}`: a folder inside the output, content/ or themes/ (or holding the site) would be deleted with the output or read as content; name a folder beside the site, such as `.langso-cache`",
        "không đặt bộ nhớ đệm ảnh tại `{cache}`: thư mục nằm trong thư mục xuất bản, content/ hay themes/ (hoặc chứa cả trang) sẽ bị xóa cùng bản xuất bản hoặc bị đọc như nội dung; hãy chọn một thư mục bên cạnh, ví dụ `.langso-cache`",
    ),
    (
        "build-refused-out",
        "refusing to write the site to `{out}`: it would replace the site's own files",
        "không ghi trang vào `{out}`: việc đó sẽ thay thế chính các tệp của trang",
    ),
    (
        "build-restore-failed",
        "cannot restore the previous site: {error}",
        "không khôi phục được trang đã dựng trước đó: {error}",
    ),
    (
        "build-up-to-date",
        "nothing changed since the last build: `{out}` holds this site already ({files} files, {size}; {warnings} warnings, listed by `langso check`); `--force` builds it again",
        "không có gì thay đổi từ lần dựng trước: `{out}` đã là trang này ({files} tệp, {size}; {warnings} cảnh báo, xem bằng `langso check`); thêm `--force` để dựng lại",
    ),
    ("build-write-failed", "cannot write the site: {error}", "không ghi được trang: {error}"),
    ("cli-error", "error: {text}", "lỗi: {text}"),
    (
        "commune-folder-mismatch",
        "the commune `{name}` would have the folder `{expected}`, but it is in `{folder}`",
        "xã `{name}` phải nằm trong thư mục `{expected}`, nhưng đang ở `{folder}`",
    ),
    (
        "commune-folder-mismatch-help",
        "rename the folder to `{expected}` or correct the commune's name",
        "đổi tên thư mục thành `{expected}` hoặc sửa lại tên xã",
    ),
    (
        "computer-path",
        "`{dest}` is a file on your computer, which readers of the site cannot open",
        "`{dest}` là một tệp trên máy tính của bạn, người đọc trang web không mở được",
    ),
    (
        "computer-path-help",
        "copy the file into the pilot's folder and write only its name: `{name}`",
        "chép tệp vào thư mục của mô hình và chỉ ghi tên tệp: `{name}`",
    ),
    (
        "count-not-whole",
        "`{id}` counts things, but {value} is not whole",
        "`{id}` là số đếm, nhưng {value} không phải số nguyên",
    ),
    (
        "date-not-year",
        "`{written}` is a date, but only the year is asked for here",
        "`{written}` là một ngày, nhưng ở đây chỉ cần ghi năm",
    ),
    ("day-first-date", "`{written}` is written day first", "`{written}` được ghi theo thứ tự ngày/tháng/năm"),
    ("day-first-date-help", "write `{iso}` (year-month-day)", "ghi `{iso}` (năm-tháng-ngày)"),
    (
        "decimal-comma",
        "`{written}` has a decimal comma, which YAML reads as text, not as a number",
        "`{written}` dùng dấu phẩy thập phân, YAML hiểu đó là chữ, không phải số",
    ),
    (
        "decimal-comma-help",
        "write `{fixed}`: YAML puts a dot before the decimals",
        "ghi `{fixed}`: trong YAML, phần thập phân đứng sau dấu chấm",
    ),
    ("did-you-mean", "did you mean `{name}`?", "có phải ý bạn là `{name}`?"),
    ("diff-added", "Pilots added", "Mô hình mới"),
    ("diff-changed", "Pilots changed", "Mô hình thay đổi"),
    ("diff-col-crossed", "Target line", "Ngưỡng mục tiêu"),
    ("diff-col-indicator", "Indicator", "Chỉ tiêu"),
    ("diff-col-new", "New", "Mới"),
    ("diff-col-old", "Old", "Cũ"),
    ("diff-col-target", "Target", "Mục tiêu"),
    (
        "diff-crossing",
        "because of this change, {down} pilot(s) no longer meet the target and {up} now meet it",
        "do thay đổi này, {down} mô hình không còn đạt mục tiêu, {up} mô hình nay đạt",
    ),
    ("diff-entries", "Catalogs, settings, pages and theme", "Danh mục, cấu hình, trang và giao diện"),
    ("diff-entry-added", "added", "thêm mới"),
    ("diff-entry-changed", "changed", "thay đổi"),
    ("diff-entry-removed", "removed", "bị xóa"),
    ("diff-no-longer-meets", "⚠️ no longer meets the target", "⚠️ không còn đạt mục tiêu"),
    (
        "diff-none",
        "No pilot, indicator value or proposal changed.",
        "Không có thay đổi nào về mô hình, giá trị chỉ tiêu hay đề xuất.",
    ),
    ("diff-now-meets", "✅ now meets the target", "✅ nay đạt mục tiêu"),
    (
        "diff-pilot-facts",
        "{status}; {indicators} indicator values, {met} of {targets} targets met",
        "{status}; {indicators} giá trị chỉ tiêu, đạt {met}/{targets} mục tiêu",
    ),
    ("diff-proposals", "Criteria proposals", "Đề xuất tiêu chí"),
    ("diff-reach-everything", "shown on every page", "hiển thị trên mọi trang"),
    ("diff-reach-pilots", "shown on {count} pilot page(s)", "hiển thị trên trang của {count} mô hình"),
    ("diff-removed", "Pilots removed", "Mô hình bị xóa"),
    ("diff-status", "Status: {old} → {new}", "Trạng thái: {old} → {new}"),
    (
        "diff-summary",
        "{added} pilot(s) added, {removed} removed, {changed} changed",
        "{added} mô hình mới, {removed} bị xóa, {changed} thay đổi",
    ),
    (
        "diff-summary-entries",
        "{count} change(s) to catalogs, settings, pages or theme",
        "{count} thay đổi về danh mục, cấu hình, trang hoặc giao diện",
    ),
    ("diff-title", "What this change does to the pilots", "Thay đổi về các mô hình thí điểm"),
    ("duplicate-id", "`{id}` is listed twice", "`{id}` được liệt kê hai lần"),
    (
        "duplicate-id-help",
        "each entry needs its own id; delete or rename the second one",
        "mỗi mục cần một mã riêng; xóa hoặc đổi tên mục thứ hai",
    ),
    (
        "duplicate-key",
        "the key `{key}` appears twice in this mapping",
        "khóa `{key}` xuất hiện hai lần trong cùng một khối",
    ),
    (
        "duplicate-key-help",
        "keep one of the two entries and delete the other",
        "giữ lại một trong hai dòng và xóa dòng kia",
    ),
    (
        "duplicate-pilot",
        "`{commune}` is the same commune as `{other}` (both fold to `{slug}`)",
        "`{commune}` trùng xã với `{other}` (cả hai đều thành `{slug}`)",
    ),
    (
        "duplicate-pilot-help",
        "a commune has one pilot folder: merge the two submissions into one",
        "mỗi xã chỉ có một thư mục mô hình: gộp hai bài gửi thành một",
    ),
    (
        "duplicate-pilot-lookalike",
        "`{commune}` looks the same as the commune of `{other}`: the names differ only by invisible or lookalike characters",
        "`{commune}` trông giống hệt xã của `{other}`: hai tên chỉ khác nhau ở ký tự vô hình hoặc ký tự trông giống nhau",
    ),
    ("empty-fields", "the list of fields is empty", "danh sách lĩnh vực đang trống"),
    (
        "empty-fields-help",
        "name at least one field; the first is the pilot's primary field",
        "ghi ít nhất một lĩnh vực; lĩnh vực đầu tiên là lĩnh vực chính của mô hình",
    ),
    ("empty-section", "the section `{title}` has no text yet", "mục `{title}` chưa có nội dung"),
    (
        "empty-section-help",
        "write a few paragraphs under this heading, or delete the heading",
        "viết vài đoạn dưới đề mục này, hoặc xóa đề mục đi",
    ),
    ("explain-codes", "the codes: {list}", "các mã: {list}"),
    ("explain-hint", "for more: {program} explain {code}", "để biết thêm: {program} explain {code}"),
    (
        "explain-unknown",
        "`{code}` is not a diagnostic code of langso",
        "`{code}` không phải là mã thông báo của langso",
    ),
    ("external-image", "the image `{dest}` is on another website", "ảnh `{dest}` nằm trên một trang web khác"),
    (
        "external-image-help",
        "save the image in the pilot's folder and reference it by its file name",
        "lưu ảnh vào thư mục của mô hình và ghi tên tệp ảnh",
    ),
    (
        "file-missing",
        "`{dest}` does not exist (looked for `{resolved}`)",
        "`{dest}` không tồn tại (đã tìm `{resolved}`)",
    ),
    (
        "file-missing-help",
        "check the file name, including upper and lower case, and that the file is in the pilot's folder",
        "kiểm tra tên tệp, kể cả chữ hoa chữ thường, và tệp có nằm trong thư mục của mô hình không",
    ),
    (
        "file-too-large",
        "`{path}` is {size} but the limit for this file is {limit}",
        "`{path}` có dung lượng {size}, vượt giới hạn {limit} của loại tệp này",
    ),
    (
        "file-too-large-help",
        "split the text, shrink the images, or move large data out of the content",
        "chia nhỏ văn bản, giảm dung lượng ảnh, hoặc đưa dữ liệu lớn ra khỏi nội dung",
    ),
    (
        "former-province",
        "`{wrong}` is not one of the units {name} was formed from",
        "`{wrong}` không phải là đơn vị hợp thành {name}",
    ),
    ("former-units", "former units", "đơn vị cũ"),
    (
        "front-matter-missing",
        "the file does not start with front matter (a `---` line)",
        "tệp không bắt đầu bằng phần thông tin đầu (dòng `---`)",
    ),
    (
        "front-matter-missing-help",
        "start the file with `---`, then `title: \"…\"` and the other keys, then another `---` line",
        "mở đầu tệp bằng `---`, rồi `title: \"…\"` và các khóa khác, rồi thêm một dòng `---`",
    ),
    ("front-matter-unterminated", "the front matter is never closed", "phần thông tin đầu không có dòng đóng"),
    (
        "front-matter-unterminated-help",
        "add a line with only `---` after the last front-matter key, before the text",
        "thêm một dòng chỉ có `---` sau khóa cuối cùng, trước phần nội dung",
    ),
    ("headings-of-page", "headings of that page", "đề mục của trang đó"),
    (
        "heic-image",
        "`{dest}` is a HEIC/HEIF photo (as an iPhone takes them), which most browsers cannot show",
        "`{dest}` là ảnh HEIC/HEIF (định dạng ảnh của iPhone), phần lớn trình duyệt không hiển thị được",
    ),
    (
        "heic-image-help",
        "convert the photo to JPG (on the iPhone: Settings → Camera → Formats → Most Compatible; or export as JPEG) and link the JPG",
        "chuyển ảnh sang JPG (trên iPhone: Cài đặt → Camera → Định dạng → Tương thích nhất; hoặc xuất ảnh ra JPEG) rồi dùng tệp JPG",
    ),
    (
        "household-size",
        "{people} people in {households} households is {size} people per household",
        "{people} người trong {households} hộ, tức {size} người mỗi hộ",
    ),
    (
        "household-size-help",
        "communes have between {lo} and {hi} people per household; check `population` and `households` for a mistyped number",
        "một xã thường có từ {lo} đến {hi} người mỗi hộ; kiểm tra `population` và `households` xem có gõ nhầm số không",
    ),
    ("html-attribute", "`{name}` on `<{tag}>`", "`{name}` trong `<{tag}>`"),
    ("html-list", "{first}, {rest}", "{first}, {rest}"),
    ("html-tag", "`<{name}>`", "`<{name}>`"),
    ("html-unfinished", "an unfinished tag or comment", "một thẻ hoặc chú thích chưa đóng"),
    (
        "http-bad-path",
        "bad request: this path cannot name a file of the site",
        "yêu cầu không hợp lệ: đường dẫn này không thể là một tệp của trang",
    ),
    ("http-head-too-large", "the request's headers are too large", "phần đầu của yêu cầu quá lớn"),
    ("http-line-too-long", "the request line is too long", "dòng yêu cầu quá dài"),
    ("http-malformed-header", "malformed header", "dòng tiêu đề sai định dạng"),
    ("http-malformed-line", "malformed request line", "dòng yêu cầu sai định dạng"),
    ("http-method", "only GET and HEAD are served", "chỉ phục vụ yêu cầu GET và HEAD"),
    ("http-moved", "moved", "đã chuyển chỗ"),
    ("http-no-host", "the request has no Host header", "yêu cầu không có tiêu đề Host"),
    ("http-not-a-path", "only HTTP/1 requests for a path are served", "chỉ phục vụ yêu cầu HTTP/1 tới một đường dẫn"),
    ("http-not-found", "not found", "không tìm thấy"),
    ("http-two-hosts", "more than one Host header", "có nhiều hơn một tiêu đề Host"),
    (
        "http-wrong-host",
        "this langso preview answers only requests for {hosts}, and this one names `{host}`. A page of another site may be trying to read the preview through a name of its own (DNS rebinding); open the address langso printed instead",
        "bản xem trước langso này chỉ trả lời yêu cầu tới {hosts}, còn yêu cầu này ghi `{host}`. Có thể một trang web khác đang tìm cách đọc bản xem trước qua một tên miền của nó (tấn công DNS rebinding); hãy mở đúng địa chỉ mà langso đã in ra",
    ),
    (
        "image-corrupt",
        "`{dest}` is damaged or is not the image its name says: it cannot be decoded",
        "`{dest}` bị hỏng hoặc không đúng loại ảnh như tên tệp: không giải mã được",
    ),
    (
        "image-corrupt-help",
        "open it in an image viewer; if it shows, save it again as JPG, otherwise copy the photo from the phone or camera again",
        "mở tệp bằng trình xem ảnh; nếu xem được thì lưu lại thành JPG, nếu không thì chép lại ảnh từ điện thoại hoặc máy ảnh",
    ),
    (
        "image-too-large-help",
        "resize or compress the image (1600 px wide is plenty for a web page)",
        "thu nhỏ hoặc nén ảnh (rộng 1600 px là đủ cho trang web)",
    ),
    (
        "image-too-many-pixels",
        "`{dest}` is {width} × {height} pixels ({megapixels} megapixels), over the limit of {limit} megapixels",
        "`{dest}` có {width} × {height} điểm ảnh ({megapixels} triệu điểm ảnh), vượt giới hạn {limit} triệu điểm ảnh",
    ),
    (
        "image-too-many-pixels-help",
        "resize the image to at most 4000 px on its longer side (the site shows at most 1600 px)",
        "thu nhỏ ảnh để cạnh dài nhất không quá 4000 px (trang web chỉ hiển thị tối đa 1600 px)",
    ),
    (
        "image-too-small",
        "`{dest}` is only {width} px wide: it will look blurred on phones and computers",
        "`{dest}` chỉ rộng {width} px: ảnh sẽ bị mờ trên điện thoại và máy tính",
    ),
    (
        "image-too-small-help",
        "use the original photo, at least {min} px wide (1600 px or more is best)",
        "dùng ảnh gốc, rộng ít nhất {min} px (tốt nhất từ 1600 px trở lên)",
    ),
    ("implausible-year", "{year} is not a plausible year", "{year} không phải là một năm hợp lý"),
    (
        "implausible-year-help",
        "write a four-digit year between 2000 and 2100",
        "ghi năm bằng bốn chữ số, từ 2000 đến 2100",
    ),
    ("invalid-date", "`{text}` is not a date", "`{text}` không phải là ngày"),
    (
        "invalid-date-help",
        "write the date as YYYY-MM-DD, for example 2025-11-02",
        "ghi ngày theo dạng NNNN-TT-NN, ví dụ 2025-11-02",
    ),
    ("invalid-id", "`{id}` is not a snake_case id", "`{id}` không phải mã dạng snake_case"),
    (
        "invalid-id-help",
        "use lower-case ASCII letters, digits and `_`, starting with a letter",
        "dùng chữ thường không dấu, chữ số và `_`, bắt đầu bằng một chữ cái",
    ),
    ("invalid-slug", "`{slug}` is not a slug", "`{slug}` không phải là mã đường dẫn hợp lệ"),
    ("invalid-slug-folder", "the folder name `{name}` is not a slug", "tên thư mục `{name}` không hợp lệ"),
    (
        "invalid-slug-folder-help",
        "rename the folder to `{slug}` (lower-case ASCII, `-` between words)",
        "đổi tên thư mục thành `{slug}` (chữ thường không dấu, các từ nối bằng `-`)",
    ),
    (
        "invalid-slug-help",
        "write it in lower-case ASCII with `-` between words: `{slug}`",
        "viết bằng chữ thường không dấu, các từ nối bằng `-`: `{slug}`",
    ),
    ("invalid-slug-page", "`{slug}` cannot be a page's address", "`{slug}` không thể làm địa chỉ của một trang"),
    ("invalid-slug-page-help", "rename the file to `{slug}.md`", "đổi tên tệp thành `{slug}.md`"),
    ("invalid-theme", "the theme cannot be loaded: {error}", "không nạp được giao diện (theme): {error}"),
    (
        "invalid-theme-help",
        "fix the file of the theme named in content/site.yaml (`theme:`); `langso build` stops on it",
        "sửa tệp của giao diện được nêu trong content/site.yaml (`theme:`); `langso build` dừng lại vì lỗi này",
    ),
    (
        "invalid-url",
        "`{url}` is not an address a site can be published at",
        "`{url}` không phải là địa chỉ có thể xuất bản trang",
    ),
    (
        "invalid-url-help",
        "write the full address starting with `https://`, without `?` or `#`, such as `https://example.gov.vn/ntm/`",
        "viết đầy đủ địa chỉ bắt đầu bằng `https://`, không có `?` hay `#`, ví dụ `https://example.gov.vn/ntm/`",
    ),
    ("invalid-utf8", "the file is not valid UTF-8 text", "tệp không phải văn bản UTF-8 hợp lệ"),
    (
        "invalid-utf8-help",
        "save the file with UTF-8 encoding (in most editors: Save with Encoding → UTF-8)",
        "lưu lại tệp với bảng mã UTF-8 (trong hầu hết trình soạn thảo: Lưu thành → Bảng mã → UTF-8)",
    ),
    ("invisible-character", "`{text}` holds the invisible character {char}", "`{text}` chứa ký tự vô hình {char}"),
    (
        "invisible-character-help",
        "delete it (retype the name): invisible characters and bidi controls make two names look alike, or text read differently from what it holds",
        "xóa ký tự đó (gõ lại tên): ký tự vô hình và ký tự điều khiển hướng chữ làm hai tên trông giống nhau, hoặc làm chữ hiển thị khác với nội dung thật",
    ),
    ("key-without-value", "`{key}:` has no value", "`{key}:` chưa có giá trị"),
    ("listed-fields", "fields in content/fields.yaml", "lĩnh vực trong content/fields.yaml"),
    ("listed-indicators", "indicator ids in content/indicators.yaml", "mã chỉ tiêu trong content/indicators.yaml"),
    ("listed-provinces", "province slugs in content/provinces.yaml", "mã tỉnh trong content/provinces.yaml"),
    ("listed-regions", "regions in content/regions.yaml", "vùng trong content/regions.yaml"),
    (
        "markdown-too-deep",
        "blocks or HTML elements nest more than {max} levels deep here",
        "các khối hoặc thẻ HTML lồng nhau quá {max} cấp tại đây",
    ),
    (
        "markdown-too-deep-help",
        "write it flatter: a few levels of lists or quotes are enough; close the HTML tags you open",
        "viết phẳng hơn: danh sách hay trích dẫn chỉ cần vài cấp; đóng các thẻ HTML đã mở",
    ),
    ("misnamed-file", "`{found}` should be named `{name}`", "tệp `{found}` phải có tên là `{name}`"),
    (
        "misnamed-file-help",
        "rename the file to exactly `{name}`, in lower case; Windows hides the end of file names: turn on \"File name extensions\" in File Explorer to see it",
        "đổi tên tệp thành đúng `{name}`, chữ thường; Windows ẩn phần đuôi của tên tệp: bật hiển thị \"phần mở rộng tên tệp\" trong trình quản lý tệp để thấy nó",
    ),
    ("missing-file", "`{path}` is missing", "thiếu tệp `{path}`"),
    (
        "missing-index-help",
        "every pilot folder needs the case study; `langso new pilot` creates both files",
        "mỗi thư mục mô hình cần bài viết; lệnh `langso new pilot` tạo sẵn cả hai tệp",
    ),
    ("missing-key", "the required key `{key}` is missing", "thiếu khóa bắt buộc `{key}`"),
    ("missing-key-help", "add `{key}:` with {what}", "thêm `{key}:` với {what}"),
    (
        "missing-metrics-help",
        "every pilot folder needs the pilot's data; `langso new pilot` creates both files",
        "mỗi thư mục mô hình cần tệp số liệu; lệnh `langso new pilot` tạo sẵn cả hai tệp",
    ),
    (
        "missing-registry-help",
        "every site root needs this file; copy it from the langso repository's content/ folder",
        "mỗi trang cần tệp này; sao chép nó từ thư mục content/ của kho langso",
    ),
    ("missing-section", "the recommended section `{title}` is missing", "thiếu mục khuyến nghị `{title}`"),
    (
        "missing-section-help",
        "add a `## {title}` heading; the sections are, in order: {sections}",
        "thêm đề mục `## {title}`; các mục theo thứ tự là: {sections}",
    ),
    (
        "month-year",
        "`{written}` is a month and a year, but only the year is asked for here",
        "`{written}` là tháng và năm, nhưng ở đây chỉ cần ghi năm",
    ),
    ("month-year-date", "`{written}` is a month, not a date", "`{written}` là một tháng, chưa phải một ngày"),
    ("month-year-help", "write the year alone: `{year}`", "chỉ ghi năm: `{year}`"),
    (
        "name-collision",
        "`{dest}` and `{other}` differ only in upper and lower case: on Windows and macOS they are one file",
        "`{dest}` và `{other}` chỉ khác nhau ở chữ hoa, chữ thường: trên Windows và macOS chúng là một tệp",
    ),
    (
        "name-collision-help",
        "rename one of the files (lower-case names avoid this) and change its link",
        "đổi tên một trong hai tệp (tên viết thường sẽ tránh được việc này) và sửa liên kết tới nó",
    ),
    ("negative", "{value} is negative", "{value} là số âm"),
    ("negative-count-help", "a count cannot be below 0", "số đếm không thể nhỏ hơn 0"),
    ("negative-help", "use 0 or more", "dùng số từ 0 trở lên"),
    ("new-cannot-write", "cannot create `{path}`: {error}", "không tạo được `{path}`: {error}"),
    (
        "new-exists",
        "`{path}` already exists; langso new never overwrites a pilot",
        "`{path}` đã có; langso new không bao giờ ghi đè một mô hình",
    ),
    (
        "new-no-commune",
        "give the commune's name, e.g. --commune \"Xã Giao Phong\"",
        "hãy ghi tên xã, ví dụ --commune \"Xã Giao Phong\"",
    ),
    ("new-unknown-province", "unknown province `{wrong}`: {help}", "không có tỉnh `{wrong}`: {help}"),
    (
        "new-unportable",
        "the commune's folder cannot be made: {problem}; {help}",
        "không tạo được thư mục của xã: {problem}; {help}",
    ),
    ("not-a-file", "`{dest}` is a folder, not a file", "`{dest}` là thư mục, không phải tệp"),
    ("not-a-file-help", "link to a file", "liên kết tới một tệp"),
    (
        "not-a-site-root",
        "`{root}` is not a site root: it has no `content/` folder",
        "`{root}` không phải là thư mục gốc của trang: trong đó không có thư mục `content/`",
    ),
    (
        "not-a-site-root-help",
        "hint: run langso inside the folder that holds `content/` (your copy of the site's repository), or name that folder with `--root`",
        "gợi ý: hãy chạy langso trong thư mục có chứa thư mục `content/` (bản sao kho nội dung của trang trên máy bạn), hoặc chỉ ra thư mục đó bằng `--root`",
    ),
    (
        "not-nfc",
        "the text uses decomposed accents (not Unicode NFC)",
        "văn bản dùng dấu tách rời (không phải Unicode NFC)",
    ),
    (
        "not-nfc-help",
        "langso publishes it normalised; to fix the file, retype the accented words or save it as NFC",
        "langso tự chuẩn hóa khi xuất bản; để sửa tệp, gõ lại các chữ có dấu hoặc lưu ở dạng NFC (dựng sẵn)",
    ),
    (
        "not-regular-file",
        "`{path}` is not a regular file (a folder, named pipe, socket or device); langso reads only regular files",
        "`{path}` không phải là tệp thông thường (mà là thư mục, ống có tên, socket hoặc thiết bị); langso chỉ đọc tệp thông thường",
    ),
    (
        "not-regular-file-help",
        "replace it with an ordinary file saved by a text editor",
        "thay nó bằng một tệp bình thường được lưu từ trình soạn thảo văn bản",
    ),
    ("nul-byte", "the file contains a NUL byte", "tệp chứa ký tự NUL"),
    (
        "nul-byte-help",
        "this is not a text file, or it was damaged: save it again as plain UTF-8 text",
        "đây không phải tệp văn bản, hoặc tệp đã hỏng: lưu lại dưới dạng văn bản UTF-8",
    ),
    ("out-is-full-folder", "a folder that is not empty", "một thư mục đang có tệp"),
    ("out-is-link", "a symbolic link", "một liên kết tượng trưng (symlink)"),
    ("out-is-not-folder", "not a folder", "không phải thư mục"),
    (
        "out-not-langso",
        "refusing to replace `{path}`: it is {what} and was not written by langso (it has no `{marker}` file), so building would delete what it holds; choose an empty or new folder with `--out`, or add `--force` to replace it anyway",
        "không thay thế `{path}`: đó là {what} không phải do langso tạo ra (không có tệp `{marker}`), nên dựng trang vào đó sẽ xóa mất những gì nó đang chứa; hãy chọn một thư mục trống hoặc mới bằng `--out`, hoặc thêm `--force` nếu thật sự muốn thay thế",
    ),
    ("out-unreadable", "cannot read `{path}`: {error}", "không đọc được `{path}`: {error}"),
    (
        "path-outside-folder",
        "`{dest}` is outside this document's folder",
        "`{dest}` nằm ngoài thư mục của bài viết này",
    ),
    (
        "path-outside-folder-help",
        "copy the file into the same folder as this document and reference it by its file name",
        "chép tệp vào cùng thư mục với bài viết và ghi tên tệp",
    ),
    ("path-outside-image-help", "put the image in the pilot's folder", "đặt ảnh vào thư mục của mô hình"),
    ("path-outside-link-help", "link to a pilot or a page", "liên kết tới một mô hình hoặc một trang"),
    ("path-outside-site", "`{dest}` leads outside the site", "`{dest}` dẫn ra ngoài trang"),
    (
        "percent-as-fraction",
        "{value} for `{id}` reads as a fraction, but the indicator is a percentage",
        "{value} của `{id}` có dạng phân số, nhưng chỉ số này tính theo phần trăm",
    ),
    (
        "percent-as-fraction-help",
        "did you mean {meant}? Write percentages as numbers from 0 to 100 (write {value} only if it really is below 1 %)",
        "có phải ý bạn là {meant}? Ghi tỷ lệ phần trăm bằng số từ 0 đến 100 (chỉ ghi {value} nếu tỷ lệ thật sự dưới 1 %)",
    ),
    (
        "percent-sign",
        "`{written}` has a percent sign, which makes it text for YAML",
        "`{written}` có dấu phần trăm, YAML hiểu đó là chữ",
    ),
    (
        "percent-sign-help",
        "write `{fixed}`: the unit is set by the indicator",
        "ghi `{fixed}`: đơn vị tính đã do chỉ tiêu quy định",
    ),
    (
        "period-reversed",
        "the period ends ({end}) before it starts ({start})",
        "thời gian kết thúc ({end}) trước khi bắt đầu ({start})",
    ),
    ("period-reversed-help", "swap `start` and `end`", "đổi chỗ `start` và `end`"),
    (
        "province-former-of-folder",
        "`{written}` is a former unit of `{folder}`: write `province: {folder}` and `former_province: {written}`",
        "`{written}` là đơn vị cũ của `{folder}`: ghi `province: {folder}` và `former_province: {written}`",
    ),
    (
        "province-merged",
        "`{wrong}` is {former}: on 1 July 2025 {units} were merged into {name}; write `{slug}`",
        "`{wrong}` là {former}: từ ngày 1/7/2025, {units} hợp nhất thành {name}; ghi `{slug}`",
    ),
    (
        "province-mismatch",
        "`province: {written}` differs from the folder's province `{folder}`",
        "`province: {written}` khác với tỉnh của thư mục `{folder}`",
    ),
    (
        "province-mismatch-help",
        "write `province: {folder}` or move the pilot folder under `content/pilots/{written}/`",
        "ghi `province: {folder}` hoặc chuyển thư mục mô hình vào `content/pilots/{written}/`",
    ),
    (
        "province-mismatch-write",
        "write `province: {folder}`, the province of the folder",
        "ghi `province: {folder}`, đúng tỉnh của thư mục",
    ),
    (
        "province-name-not-slug",
        "`{name}` is the name; write its slug `{slug}` (lower-case ASCII, `-` between words)",
        "`{name}` là tên; hãy ghi mã `{slug}` (chữ thường không dấu, nối bằng `-`)",
    ),
    (
        "province-renamed",
        "`{wrong}` is {former}, now {name}; write `{slug}`",
        "`{wrong}` là {former}, nay là {name}; ghi `{slug}`",
    ),
    ("range-between", "between {min} and {max}", "từ {min} đến {max}"),
    (
        "raw-html-removed",
        "raw HTML {what} will be removed when the page is published",
        "HTML {what} sẽ bị loại bỏ khi xuất bản trang",
    ),
    (
        "raw-html-removed-help",
        "use Markdown instead; scripts, styles, frames, forms, event handlers, classes and script addresses are never published",
        "hãy dùng Markdown; mã lệnh, kiểu trình bày nhúng, khung, biểu mẫu, trình xử lý sự kiện, lớp định dạng (`class`) và địa chỉ chạy mã không bao giờ được xuất bản",
    ),
    (
        "reserved-slug-help",
        "`/{slug}/` is used by langso itself; choose another file name",
        "`/{slug}/` đã được langso dùng; hãy chọn tên tệp khác",
    ),
    (
        "second-title",
        "a level-1 heading (`# …`): the page's title is its level-1 heading already",
        "đề mục cấp 1 (`# …`): tiêu đề của trang đã là đề mục cấp 1",
    ),
    (
        "second-title-help",
        "start the sections at `## ` and put the title in `title:` of the front matter",
        "các mục bắt đầu bằng `## `, còn tiêu đề ghi ở khóa `title:` phần thông tin đầu",
    ),
    (
        "separator-in-number",
        "`{written}` separates thousands, which YAML reads as a decimal point or as text",
        "`{written}` có dấu phân cách hàng nghìn, YAML hiểu đó là dấu thập phân hoặc là chữ",
    ),
    ("separator-in-number-help", "write `{fixed}`, without separators", "ghi `{fixed}`, không có dấu phân cách"),
    (
        "serve-accept-failed",
        "warning: cannot accept a connection: {error}. Too many open connections or files (see `ulimit -n`)? Waiting, and serving again once some close",
        "cảnh báo: không nhận được kết nối: {error}. Có quá nhiều kết nối hoặc tệp đang mở (xem `ulimit -n`)? Đang chờ, sẽ phục vụ tiếp khi có kết nối đóng lại",
    ),
    ("serve-accepting-again", "accepting connections again", "đã nhận kết nối trở lại"),
    ("serve-at", "serving the site at {url} (press Ctrl-C to stop)", "xem trước trang tại {url} (nhấn Ctrl-C để dừng)"),
    ("serve-cannot-listen", "cannot listen on {ip}:{port}: {error}", "không mở được cổng {ip}:{port}: {error}"),
    (
        "serve-cannot-watch",
        "cannot watch `{root}` for changes: {error}; `--poll` watches by scanning the folders instead",
        "không theo dõi được thay đổi trong `{root}`: {error}; dùng `--poll` để quét thư mục định kỳ thay vì theo dõi",
    ),
    (
        "serve-errors",
        "{count} error(s) after {ms} ms: still serving the last good site",
        "{count} lỗi sau {ms} ms: vẫn hiển thị bản trang đúng gần nhất",
    ),
    (
        "serve-every-interface",
        "warning: serving on every network interface ({bind}): anyone who can reach this machine can read the preview",
        "cảnh báo: bản xem trước mở trên mọi giao diện mạng ({bind}): ai kết nối được tới máy này đều xem được",
    ),
    (
        "serve-fatal",
        "error: {text}\nstill serving the last good site",
        "lỗi: {text}\nvẫn hiển thị bản trang đúng gần nhất",
    ),
    (
        "serve-hosts-any",
        "localhost:{port} or an IP address of this machine with the port {port}",
        "localhost:{port} hoặc một địa chỉ IP của máy này với cổng {port}",
    ),
    ("serve-hosts-loopback", "localhost:{port}, {v4} or {v6}", "localhost:{port}, {v4} hoặc {v6}"),
    (
        "serve-no-browser",
        "warning: cannot open a browser ({opener}: {error}); open {url} yourself",
        "cảnh báo: không mở được trình duyệt ({opener}: {error}); hãy tự mở {url}",
    ),
    (
        "serve-panic",
        "langso stopped on a bug while rebuilding (a panic: {panic}; where, is shown in the terminal); still serving the last good site",
        "langso gặp lỗi của chính chương trình khi dựng lại (panic: {panic}; vị trí lỗi in trong cửa sổ dòng lệnh); vẫn hiển thị bản trang đúng gần nhất",
    ),
    (
        "serve-panic-help",
        "save a file to rebuild everything; if it happens again, please report it with the file you changed",
        "lưu lại một tệp để dựng lại toàn bộ; nếu lỗi lặp lại, xin báo lỗi kèm tệp bạn vừa sửa",
    ),
    (
        "serve-port-none",
        "choose another port with `--port`, or `--port 0` for any free port",
        "chọn cổng khác bằng `--port`, hoặc `--port 0` để lấy một cổng trống bất kỳ",
    ),
    (
        "serve-port-taken",
        "the port {port} on {ip} is already in use (another `langso serve`?): {hint}",
        "cổng {port} trên {ip} đang được dùng (có một `langso serve` khác đang chạy?): {hint}",
    ),
    ("serve-port-try", "try `--port {port}`, which is free", "hãy thử `--port {port}`, cổng này đang trống"),
    ("serve-rebuilt", "rebuilt in {ms} ms: {count} file(s) changed", "đã dựng lại sau {ms} ms: {count} tệp thay đổi"),
    (
        "serve-search-updated",
        "search index updated in {ms} ms: {count} file(s) changed",
        "đã cập nhật chỉ mục tìm kiếm sau {ms} ms: {count} tệp thay đổi",
    ),
    (
        "site-link-broken",
        "the link `{dest}` leads to `{path}`, which the site does not publish",
        "liên kết `{dest}` dẫn tới `{path}`, nhưng trang web không có trang đó",
    ),
    (
        "site-link-help",
        "link a page of the site from its root: `@/pilots/` (all pilots), `@/pilots/<province>/<commune>/`, `@/provinces/<slug>/`, `@/fields/<slug>/`, `@/indicators/<id>/`, `@/criteria/` (dashboard), `@/compare/`, `@/search/`, `@/<page>/`, `@/data/pilots.csv`",
        "liên kết tới một trang của website tính từ gốc: `@/pilots/` (danh sách mô hình), `@/pilots/<tỉnh>/<xã>/`, `@/provinces/<mã tỉnh>/`, `@/fields/<mã lĩnh vực>/`, `@/indicators/<mã chỉ tiêu>/`, `@/criteria/` (bảng tổng hợp tiêu chí), `@/compare/`, `@/search/`, `@/<trang>/`, `@/data/pilots.csv`",
    ),
    (
        "site-link-missing",
        "the link `{dest}` leads to a page the site does not have",
        "liên kết `{dest}` dẫn tới một trang mà trang web không có",
    ),
    (
        "site-link-near-help",
        "did you mean `{near}`? Pages of the site are linked from its root: `@/pilots/`, `@/provinces/<slug>/`, `@/fields/<slug>/`, `@/indicators/<id>/`, `@/criteria/`, `@/compare/`, `@/search/`, `@/<page>/`, `@/data/pilots.csv`",
        "có phải ý bạn là `{near}`? Các trang của website được liên kết tính từ gốc: `@/pilots/`, `@/provinces/<mã tỉnh>/`, `@/fields/<mã lĩnh vực>/`, `@/indicators/<mã chỉ tiêu>/`, `@/criteria/`, `@/compare/`, `@/search/`, `@/<trang>/`, `@/data/pilots.csv`",
    ),
    ("skipped-heading-level", "the heading `{written}` skips a level", "đề mục `{written}` nhảy cóc một cấp"),
    (
        "skipped-heading-level-help",
        "use `{want}` here: headings go down one level at a time, from `##`",
        "dùng `{want}` ở đây: các đề mục xuống từng cấp một, bắt đầu từ `##`",
    ),
    ("stage", "{name} {ms} ms", "{name} {ms} ms"),
    ("stage-load", "load", "đọc nội dung"),
    ("stage-markdown", "markdown", "bài viết"),
    ("stage-pages", "pages", "trang"),
    ("stage-swap", "swap", "thay trang cũ"),
    ("stage-theme", "theme", "giao diện"),
    ("status-completed", "Completed", "Đã hoàn thành"),
    ("status-ongoing", "Ongoing", "Đang triển khai"),
    ("status-planned", "Planned", "Đang chuẩn bị"),
    ("status-recognized", "Recognized", "Đã được công nhận"),
    (
        "stdout-failed",
        "cannot write to standard output (closed or full): {error}",
        "không ghi được ra đầu ra chuẩn (đã bị đóng hoặc đầy): {error}",
    ),
    ("stray-file", "`{path}` is not used", "`{path}` không được dùng đến"),
    (
        "stray-file-help",
        "pilot files belong in `content/pilots/<province>/<commune>/`",
        "tệp của mô hình phải nằm trong `content/pilots/<tỉnh>/<xã>/`",
    ),
    (
        "strict-failure",
        "failed because of `--strict`, which counts these warnings as errors: {warnings}; fix them, or run `langso check` without `--strict`",
        "không đạt vì có `--strict`, các cảnh báo sau được tính là lỗi: {warnings}; hãy sửa chúng, hoặc chạy `langso check` không có `--strict`",
    ),
    ("summary", "{errors} error(s), {warnings} warning(s)", "{errors} lỗi, {warnings} cảnh báo"),
    ("symlink", "`{path}` is a symbolic link", "`{path}` là liên kết tượng trưng (symlink)"),
    (
        "symlink-file-help",
        "put the real file in the content folder instead of a link to it",
        "đặt tệp thật vào thư mục nội dung thay cho liên kết tới nó",
    ),
    (
        "symlink-folder-help",
        "put the real folder in the content folder instead of a link to it",
        "đặt thư mục thật vào thư mục nội dung thay cho liên kết tới nó",
    ),
    ("text", "{text}", "{text}"),
    (
        "thousands-separator",
        "`{written}` has three digits after the point: in Vietnamese that point separates thousands",
        "`{written}` có ba chữ số sau dấu chấm: trong cách viết tiếng Việt dấu chấm đó phân cách hàng nghìn",
    ),
    (
        "thousands-separator-help",
        "did you mean {meant}? Write numbers without a thousands separator (`{meant}`); for a decimal, write another number of digits after the point (`5.2`, `5.2000`) rather than `{written}`",
        "có phải ý bạn là {meant}? Viết số không có dấu phân cách hàng nghìn (`{meant}`); nếu là số thập phân, viết số chữ số sau dấu chấm khác ba (`5.2`, `5.2000`) thay cho `{written}`",
    ),
    ("type-bool", "`true` or `false`", "`true` hoặc `false`"),
    ("type-list", "a list", "một danh sách"),
    ("type-map", "a mapping (`key: value` lines)", "một khối (các dòng `khóa: giá trị`)"),
    ("type-nothing", "nothing", "không có gì"),
    ("type-number", "a number", "một số"),
    ("type-text", "text", "văn bản"),
    ("type-whole", "a whole number", "một số nguyên"),
    (
        "typical-reversed",
        "the typical range starts at {min}, above its end {max}",
        "khoảng thường gặp bắt đầu từ {min}, lớn hơn điểm cuối {max}",
    ),
    (
        "typical-reversed-help",
        "write `typical: { min: …, max: … }` with `min` not above `max`",
        "ghi `typical: { min: …, max: … }` với `min` không lớn hơn `max`",
    ),
    (
        "typographic-quotes",
        "`{text}` is wrapped in typographic quotes, which YAML keeps as part of the text",
        "`{text}` nằm trong cặp dấu ngoặc cong (“ ” hoặc ‘ ’), YAML giữ chúng như một phần của nội dung",
    ),
    (
        "typographic-quotes-help",
        "write `\"{text}\"` with straight quotes (or none); langso reads it as `{text}`",
        "viết `\"{text}\"` bằng dấu ngoặc kép thẳng (hoặc bỏ ngoặc); langso đọc nội dung là `{text}`",
    ),
    (
        "undefined-footnote",
        "the footnote `[^{name}]` has no text and would be published as it is written",
        "chú thích `[^{name}]` chưa có nội dung và sẽ hiện nguyên văn trên trang",
    ),
    (
        "undefined-footnote-help",
        "add its text on a line of its own, e.g. at the end: `[^{name}]: Báo cáo UBND xã, 11/2025`",
        "thêm nội dung chú thích trên một dòng riêng, ví dụ ở cuối bài: `[^{name}]: Báo cáo UBND xã, 11/2025`",
    ),
    (
        "undefined-reference-help",
        "add a line `[{label}]: address` below the paragraph, or write the address in the link: `[text](address)`",
        "thêm một dòng `[{label}]: địa chỉ` bên dưới đoạn văn, hoặc ghi thẳng địa chỉ vào liên kết: `[chữ](địa chỉ)`",
    ),
    ("unit-boolean", "yes or no", "có hoặc không"),
    ("unit-count", "a whole count", "số đếm nguyên"),
    ("unit-million-vnd", "million VND", "triệu đồng"),
    ("unit-number", "a number", "một số"),
    ("unit-percent", "percent", "phần trăm"),
    ("unknown", "unknown {what} `{wrong}`", "{what} `{wrong}` không có trong danh mục"),
    ("unknown-key", "unknown key `{key}`", "khóa `{key}` không hợp lệ"),
    (
        "unparsed-image-space-help",
        "the file name has a space: write `{fixed}`, or rename the file without spaces",
        "tên tệp có dấu cách: ghi `{fixed}`, hoặc đổi tên tệp cho không còn dấu cách",
    ),
    (
        "unparsed-link",
        "`{written}` was not read as a link and would be published as it is written",
        "`{written}` không được hiểu là liên kết và sẽ hiện nguyên văn trên trang",
    ),
    (
        "unparsed-link-help",
        "write a link as `[text](address)` with nothing between `]` and `(`, and an address without spaces",
        "viết liên kết theo dạng `[chữ](địa chỉ)`, giữa `]` và `(` không có gì, địa chỉ không có dấu cách",
    ),
    (
        "unparsed-link-space-help",
        "the address has a space: write `{fixed}`, or remove the spaces",
        "địa chỉ có dấu cách: ghi `{fixed}`, hoặc bỏ các dấu cách",
    ),
    (
        "unportable-character",
        "`{name}` holds {character}, which Windows does not allow in a file name",
        "`{name}` chứa {character}, ký tự Windows không cho phép trong tên tệp",
    ),
    (
        "unportable-character-help",
        "rename it with letters, digits, `-` and `.` only",
        "đổi tên chỉ dùng chữ cái, chữ số, `-` và `.`",
    ),
    (
        "unportable-ending",
        "`{name}` ends with a dot or a space, which Windows drops from a file name",
        "`{name}` kết thúc bằng dấu chấm hoặc dấu cách, thứ Windows bỏ khỏi tên tệp",
    ),
    ("unportable-ending-help", "remove the final dot or space", "bỏ dấu chấm hoặc dấu cách ở cuối"),
    (
        "unportable-long",
        "`{name}` is {len} bytes long, more than the {max} a name may have",
        "`{name}` dài {len} byte, quá {max} byte cho phép của một tên",
    ),
    (
        "unportable-long-help",
        "shorten the name, so the published site can be copied to Windows, macOS and Linux",
        "rút ngắn tên để trang đã xuất bản sao chép được sang Windows, macOS và Linux",
    ),
    (
        "unportable-path",
        "`{path}` would be published as a path of {len} bytes, more than the {max} allowed",
        "`{path}` sẽ được xuất bản với đường dẫn dài {len} byte, quá {max} byte cho phép",
    ),
    (
        "unportable-reserved",
        "`{name}` is a device name that Windows reserves (as CON, NUL, COM1, with any extension)",
        "`{name}` là tên thiết bị Windows dành riêng (như CON, NUL, COM1, với mọi phần mở rộng)",
    ),
    (
        "unportable-reserved-help",
        "choose another name; Windows cannot create a file or folder with this one",
        "chọn tên khác; Windows không tạo được tệp hay thư mục mang tên này",
    ),
    ("unpublishable-link", "`{dest}` cannot be published", "`{dest}` không thể xuất bản"),
    ("unpublishable-link-help", "link to the pilot's folder instead", "hãy liên kết tới thư mục của mô hình"),
    ("unreadable-file", "cannot read `{path}`: {error}", "không đọc được `{path}`: {error}"),
    (
        "unreadable-file-help",
        "check that the file exists, is a file (not a folder) and is readable",
        "kiểm tra tệp có tồn tại, là tệp (không phải thư mục) và đọc được",
    ),
    (
        "unsafe-file",
        "`{dest}` would be published as it is, and a browser would open it as a page of the site (or run it)",
        "`{dest}` sẽ được xuất bản nguyên trạng, và trình duyệt sẽ mở nó như một trang của website (hoặc chạy nó)",
    ),
    (
        "unsafe-file-help",
        "link only images (JPG, PNG, WebP, GIF, AVIF, SVG), PDF, office or data files (CSV, XLSX, DOCX, …), audio or video; put text into the case study",
        "chỉ liên kết tới ảnh (JPG, PNG, WebP, GIF, AVIF, SVG), PDF, tệp văn phòng hoặc dữ liệu (CSV, XLSX, DOCX, …), âm thanh hoặc video; đưa nội dung chữ vào bài viết",
    ),
    (
        "unsafe-svg",
        "`{dest}` contains script, event handlers or external references",
        "`{dest}` chứa mã lệnh, trình xử lý sự kiện hoặc tham chiếu ra ngoài",
    ),
    (
        "unsafe-svg-help",
        "export the drawing again as a plain SVG, or as PNG",
        "xuất lại hình vẽ dưới dạng SVG thuần, hoặc PNG",
    ),
    (
        "usage-commands",
        "the commands: `build`, `check`, `new pilot`, `serve`, `explain`, `schema`, `diff`",
        "các lệnh: `build`, `check`, `new pilot`, `serve`, `explain`, `schema`, `diff`",
    ),
    (
        "usage-invalid-value",
        "`{value}` is not a valid value for `{option}`",
        "`{value}` không phải là giá trị hợp lệ của `{option}`",
    ),
    ("usage-missing", "missing: {names}", "còn thiếu: {names}"),
    (
        "usage-more",
        "every command and option: `langso --help`",
        "cách dùng từng lệnh: trang “Hướng dẫn gửi mô hình thí điểm” của website; danh sách tùy chọn (tiếng Anh): `langso --help`",
    ),
    ("usage-no-command", "no command given", "chưa ghi lệnh nào"),
    ("usage-unknown-command", "there is no command `{name}`", "không có lệnh `{name}`"),
    ("usage-unknown-option", "there is no option `{name}` here", "không có tùy chọn `{name}` ở đây"),
    ("usage-valid-values", "the valid values: {list}", "các giá trị hợp lệ: {list}"),
    ("use-one-of", "use one of the {what}: {list}", "dùng một trong các {what}: {list}"),
    ("value-no", "No", "Không"),
    ("value-out-of-range", "{value} is out of range for `{id}`", "{value} nằm ngoài khoảng cho phép của `{id}`"),
    ("value-out-of-range-help", "the value must be {range} ({unit})", "giá trị phải {range} ({unit})"),
    (
        "value-without-source",
        "the value of `{id}` has no source, and this pilot is not a sample (`sample: true`)",
        "giá trị của `{id}` chưa có nguồn, trong khi mô hình này không phải mô hình mẫu (`sample: true`)",
    ),
    (
        "value-without-source-help",
        "give the value its own `source: \"…\"` or the pilot one `source:` for all its values; a value without a source is allowed only in a sample pilot (`sample: true`), where it is shown as illustrative",
        "ghi `source: \"…\"` cho giá trị, hoặc một `source:` chung cho cả mô hình; giá trị không có nguồn chỉ được phép trong mô hình mẫu (`sample: true`), và được hiển thị là số liệu minh họa",
    ),
    ("value-without-year", "the value of `{id}` has no year", "giá trị của `{id}` chưa có năm"),
    (
        "value-without-year-help",
        "write it as `{ value: …, year: 2025 }` so readers know when it was measured",
        "ghi theo dạng `{ value: …, year: 2025 }` để người đọc biết số liệu đo khi nào",
    ),
    ("value-yes", "Yes", "Có"),
    ("values-of", "{what} values", "giá trị {what}"),
    ("want-base-url", "the address the site is published at", "địa chỉ xuất bản trang"),
    ("want-commune", "the commune's name, e.g. \"Xã Giao Phong\"", "tên xã, ví dụ \"Xã Giao Phong\""),
    ("want-date", "the date first submitted, `YYYY-MM-DD`", "ngày gửi lần đầu, dạng `NNNN-TT-NN`"),
    ("want-end", "the last year", "năm kết thúc"),
    (
        "want-fields",
        "a list of field slugs, e.g. `[du-lich-nong-thon]`",
        "danh sách mã lĩnh vực, ví dụ `[du-lich-nong-thon]`",
    ),
    ("want-group", "one of the four groups", "một trong bốn nhóm"),
    ("want-indicator", "an indicator id", "một mã chỉ tiêu"),
    ("want-indicator-id", "the indicator's snake_case id", "mã chỉ tiêu dạng snake_case"),
    ("want-indicators", "a mapping of indicator ids to values", "các dòng `mã chỉ tiêu: giá trị`"),
    ("want-localized-name", "`{ vi: …, en: … }`", "`{ vi: …, en: … }`"),
    ("want-name", "the name", "tên"),
    ("want-page-title", "the page's title", "tiêu đề trang"),
    ("want-period", "`{ start: 2023, end: 2025 }`", "`{ start: 2023, end: 2025 }`"),
    ("want-province", "the province slug of the folder", "mã tỉnh của thư mục"),
    ("want-site-title", "the site's title", "tên trang"),
    ("want-slug", "the slug", "mã đường dẫn"),
    ("want-start", "the first year", "năm bắt đầu"),
    (
        "want-status",
        "`planned`, `ongoing`, `completed` or `recognized`",
        "`planned`, `ongoing`, `completed` hoặc `recognized`",
    ),
    ("want-summary", "one or two sentences shown in lists", "một hai câu tóm tắt hiện trong danh sách"),
    ("want-threshold", "the proposed threshold", "ngưỡng đề xuất"),
    ("want-title", "the case study's title", "tiêu đề bài viết"),
    ("want-typical-max", "the top of the typical range", "cận trên của khoảng thường gặp"),
    ("want-typical-min", "the bottom of the typical range", "cận dưới của khoảng thường gặp"),
    ("want-unit", "the unit", "đơn vị tính"),
    ("want-value", "the value", "giá trị"),
    ("want-vi", "the Vietnamese name", "tên tiếng Việt"),
    ("what-direction", "direction", "chiều"),
    ("what-field", "field", "lĩnh vực"),
    ("what-group", "group", "nhóm"),
    ("what-indicator", "indicator", "chỉ tiêu"),
    ("what-kind", "kind", "loại"),
    ("what-language", "language", "ngôn ngữ"),
    ("what-province", "province", "tỉnh"),
    ("what-region", "region", "vùng"),
    ("what-status", "status", "trạng thái"),
    ("what-unit", "unit", "đơn vị"),
    ("wrong-type", "expected {expected}, found {found}", "cần {expected}, nhưng đang là {found}"),
    ("wrong-type-help", "write {expected} here", "ghi {expected} ở đây"),
    (
        "yaml-after-quote",
        "invalid YAML: text goes on after the closing quote",
        "YAML không hợp lệ: vẫn còn chữ sau dấu ngoặc kép đóng",
    ),
    (
        "yaml-after-quote-help",
        "put the whole value inside one pair of quotes; if the text itself has double quotes, put single quotes around it: `title: 'Xã \"Giao\" Phong'`",
        "đặt cả giá trị trong một cặp ngoặc kép; nếu trong chữ có dấu ngoặc kép, dùng dấu nháy đơn bao ngoài: `title: 'Xã \"Giao\" Phong'`",
    ),
    (
        "yaml-colon-in-value",
        "invalid YAML: the value contains `: ` (a colon and a space), which YAML reads as a new key",
        "YAML không hợp lệ: giá trị có `: ` (dấu hai chấm và dấu cách), YAML hiểu đó là một khóa mới",
    ),
    (
        "yaml-colon-in-value-help",
        "put the value in double quotes: `{fixed}`",
        "đặt giá trị trong dấu ngoặc kép: `{fixed}`",
    ),
    (
        "yaml-indentation",
        "invalid YAML: this line is not indented like the other lines of its block",
        "YAML không hợp lệ: dòng này thụt lề không khớp với các dòng cùng khối",
    ),
    (
        "yaml-indentation-help",
        "start the keys of one block at the same column, two spaces further in than the key that holds them (spaces, not tabs)",
        "các khóa cùng một khối phải bắt đầu ở cùng một cột, thụt vào hai dấu cách so với khóa chứa chúng (dùng dấu cách, không dùng Tab)",
    ),
    (
        "yaml-key-without-colon",
        "invalid YAML: this line has no colon after its key",
        "YAML không hợp lệ: dòng này thiếu dấu hai chấm sau khóa",
    ),
    (
        "yaml-key-without-colon-help",
        "write the key, a colon, a space, then the value: `population: 6835`; if the line continues the text of the line above, put that whole text in quotes",
        "ghi khóa, dấu hai chấm, một dấu cách, rồi giá trị: `population: 6835`; nếu dòng này là phần tiếp theo của dòng trên, đặt cả đoạn chữ đó trong dấu ngoặc kép",
    ),
    ("yaml-syntax", "invalid YAML: {detail}", "YAML không hợp lệ (trình đọc YAML báo bằng tiếng Anh: “{detail}”)"),
    (
        "yaml-syntax-help",
        "check the indentation (two spaces, no tabs), the `key: value` colons, and that quotes and brackets are closed",
        "kiểm tra thụt lề (hai dấu cách, không dùng tab), dấu hai chấm của `khóa: giá trị`, và các dấu ngoặc, ngoặc kép đã đóng",
    ),
    (
        "yaml-tab",
        "invalid YAML: a tab character where YAML allows only spaces",
        "YAML không hợp lệ: có ký tự Tab ở chỗ YAML chỉ cho phép dấu cách",
    ),
    (
        "yaml-tab-help",
        "indent with spaces only, two per level: replace every tab with spaces",
        "chỉ thụt lề bằng dấu cách, mỗi cấp hai dấu cách: thay mọi ký tự Tab bằng dấu cách",
    ),
    (
        "yaml-too-complex",
        "this YAML nests too deep or expands to too many values (through anchors and aliases)",
        "YAML này lồng nhau quá sâu hoặc sinh ra quá nhiều giá trị (qua điểm neo `&` và tham chiếu `*`)",
    ),
    (
        "yaml-too-complex-help",
        "write the values out plainly, at most 20 levels deep; anchors (`&`) and aliases (`*`) are not needed in content files",
        "ghi trực tiếp các giá trị, lồng nhau không quá 20 cấp; tệp nội dung không cần điểm neo (`&`) và tham chiếu (`*`)",
    ),
    (
        "yaml-unclosed-bracket",
        "invalid YAML: the bracket `{open}` opened here is never closed",
        "YAML không hợp lệ: dấu ngoặc `{open}` mở ở đây không được đóng lại",
    ),
    (
        "yaml-unclosed-bracket-help",
        "close it with `{close}` on the same line",
        "đóng lại bằng `{close}` trên cùng dòng",
    ),
    (
        "yaml-unclosed-quote",
        "invalid YAML: the quote opened here is never closed",
        "YAML không hợp lệ: dấu ngoặc kép mở ở đây không được đóng lại",
    ),
    (
        "yaml-unclosed-quote-help",
        "end the text with the same quote mark on the same line, e.g. `title: \"Xã Giao Phong\"`",
        "kết thúc đoạn chữ bằng đúng dấu ngoặc đã mở, trên cùng một dòng, ví dụ `title: \"Xã Giao Phong\"`",
    ),
    (
        "year-outside-period",
        "the value of `{id}` is for {year}, outside the pilot period {start}–{end}",
        "giá trị của `{id}` là của năm {year}, ngoài thời gian thí điểm {start}–{end}",
    ),
    (
        "year-outside-period-help",
        "check the year, or move the value to `baseline:` if it was measured before the pilot",
        "kiểm tra lại năm, hoặc chuyển giá trị sang `baseline:` nếu được đo trước khi thí điểm",
    ),
    ("yes-no-in-words", "`{written}` is yes or no written in words", "`{written}` là có hoặc không viết bằng chữ"),
    (
        "yes-no-in-words-help",
        "write `true` (yes) or `false` (no); here: `{value}`",
        "ghi `true` (có) hoặc `false` (không); ở đây: `{value}`",
    ),
];

/// The template of `id` in `lang`.
pub fn template(id: &str, lang: Lang) -> Option<&'static str> {
    let i = MESSAGES.binary_search_by(|(k, _, _)| (*k).cmp(id)).ok()?;
    let (_, en, vi) = MESSAGES[i];
    Some(match lang {
        Lang::En => en,
        Lang::Vi => vi,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(t: &str) -> Vec<&str> {
        let mut v: Vec<&str> = t
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(name, _)| name))
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_lowercase()))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn ids_are_sorted_and_unique_and_both_languages_take_the_same_values() {
        for w in MESSAGES.windows(2) {
            assert!(w[0].0 < w[1].0, "`{}` must come before `{}`", w[1].0, w[0].0);
        }
        for (id, en, vi) in MESSAGES {
            assert_eq!(placeholders(en), placeholders(vi), "{id}");
            assert!(!en.is_empty() && !vi.is_empty(), "{id}");
        }
    }

    /// Every id given to `msg!` or `Msg::new` in the source has a template.
    #[test]
    fn every_message_used_in_the_source_is_in_the_catalog() {
        let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        for entry in walkdir::WalkDir::new(src) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for marker in ["msg!(\"", "Msg::new(\"", "wrong_type(path, \""] {
                for part in text.split(marker).skip(1) {
                    let id = part.split('"').next().unwrap();
                    assert!(
                        template(id, Lang::En).is_some(),
                        "`{id}` ({}) is not in the catalog",
                        entry.path().display()
                    );
                }
            }
        }
    }
}
