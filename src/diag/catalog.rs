//! Every message langso shows about content, in English and Vietnamese: one place to
//! read, review and correct what editors are told. A template names its values in
//! braces (`{path}`); `Msg::render` fills them. Ids are sorted, so a lookup is a
//! binary search and a duplicate shows up in review (and in a unit test).

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
        "check the spelling; a pilot is linked as `../../<province>/<commune>/`, a page as `../../../pages/<slug>.md`",
        "kiểm tra chính tả; liên kết tới mô hình viết `../../<tỉnh>/<xã>/`, tới trang viết `../../../pages/<tên>.md`",
    ),
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
        "count-not-whole",
        "`{id}` counts things, but {value} is not whole",
        "`{id}` là số đếm, nhưng {value} không phải số nguyên",
    ),
    ("did-you-mean", "did you mean `{name}`?", "có phải ý bạn là `{name}`?"),
    ("diff-added", "Pilots added", "Mô hình mới"),
    ("diff-changed", "Pilots changed", "Mô hình thay đổi"),
    ("diff-col-crossed", "Target line", "Ngưỡng mục tiêu"),
    ("diff-col-indicator", "Indicator", "Chỉ tiêu"),
    ("diff-col-new", "New", "Mới"),
    ("diff-col-old", "Old", "Cũ"),
    ("diff-col-target", "Target", "Mục tiêu"),
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
    ("diff-removed", "Pilots removed", "Mô hình bị xóa"),
    ("diff-status", "Status: {old} → {new}", "Trạng thái: {old} → {new}"),
    (
        "diff-summary",
        "{added} pilot(s) added, {removed} removed, {changed} changed",
        "{added} mô hình mới, {removed} bị xóa, {changed} thay đổi",
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
    ("html-attribute", "`{name}` on `<{tag}>`", "`{name}` trong `<{tag}>`"),
    ("html-list", "{first}, {rest}", "{first}, {rest}"),
    ("html-tag", "`<{name}>`", "`<{name}>`"),
    ("html-unfinished", "an unfinished tag or comment", "một thẻ hoặc chú thích chưa đóng"),
    (
        "image-too-large-help",
        "resize or compress the image (1600 px wide is plenty for a web page)",
        "thu nhỏ hoặc nén ảnh (rộng 1600 px là đủ cho trang web)",
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
        "write the full address starting with `https://`, such as `https://example.gov.vn/ntm/`",
        "viết đầy đủ địa chỉ bắt đầu bằng `https://`, ví dụ `https://example.gov.vn/ntm/`",
    ),
    ("invalid-utf8", "the file is not valid UTF-8 text", "tệp không phải văn bản UTF-8 hợp lệ"),
    (
        "invalid-utf8-help",
        "save the file with UTF-8 encoding (in most editors: Save with Encoding → UTF-8)",
        "lưu lại tệp với bảng mã UTF-8 (trong hầu hết trình soạn thảo: Save with Encoding → UTF-8)",
    ),
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
        "not-nfc",
        "the text uses decomposed accents (not Unicode NFC)",
        "văn bản dùng dấu tách rời (không phải Unicode NFC)",
    ),
    (
        "not-nfc-help",
        "langso publishes it normalised; to fix the file, retype the accented words or save it as NFC",
        "langso tự chuẩn hóa khi xuất bản; để sửa tệp, gõ lại các chữ có dấu hoặc lưu ở dạng NFC (dựng sẵn)",
    ),
    ("nul-byte", "the file contains a NUL byte", "tệp chứa ký tự NUL"),
    (
        "nul-byte-help",
        "this is not a text file, or it was damaged: save it again as plain UTF-8 text",
        "đây không phải tệp văn bản, hoặc tệp đã hỏng: lưu lại dưới dạng văn bản UTF-8",
    ),
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
        "period-reversed",
        "the period ends ({end}) before it starts ({start})",
        "thời gian kết thúc ({end}) trước khi bắt đầu ({start})",
    ),
    ("period-reversed-help", "swap `start` and `end`", "đổi chỗ `start` và `end`"),
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
    ("range-between", "between {min} and {max}", "từ {min} đến {max}"),
    (
        "raw-html-removed",
        "raw HTML {what} will be removed when the page is published",
        "HTML {what} sẽ bị loại bỏ khi xuất bản trang",
    ),
    (
        "raw-html-removed-help",
        "use Markdown instead; scripts, styles, frames, forms, event handlers, classes and script addresses are never published",
        "hãy dùng Markdown; mã script, style, khung, biểu mẫu, trình xử lý sự kiện, class và địa chỉ chạy mã không bao giờ được xuất bản",
    ),
    (
        "reserved-slug-help",
        "`/{slug}/` is used by langso itself; choose another file name",
        "`/{slug}/` đã được langso dùng; hãy chọn tên tệp khác",
    ),
    ("stray-file", "`{path}` is not used", "`{path}` không được dùng đến"),
    (
        "stray-file-help",
        "pilot files belong in `content/pilots/<province>/<commune>/`",
        "tệp của mô hình phải nằm trong `content/pilots/<tỉnh>/<xã>/`",
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
    ("type-bool", "`true` or `false`", "`true` hoặc `false`"),
    ("type-list", "a list", "một danh sách"),
    ("type-map", "a mapping (`key: value` lines)", "một khối (các dòng `khóa: giá trị`)"),
    ("type-nothing", "nothing", "không có gì"),
    ("type-number", "a number", "một số"),
    ("type-text", "text", "văn bản"),
    ("type-whole", "a whole number", "một số nguyên"),
    ("unknown", "unknown {what} `{wrong}`", "{what} `{wrong}` không có trong danh mục"),
    ("unknown-key", "unknown key `{key}`", "khóa `{key}` không hợp lệ"),
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
        "`{dest}` chứa mã script, trình xử lý sự kiện hoặc tham chiếu ra ngoài",
    ),
    (
        "unsafe-svg-help",
        "export the drawing again as a plain SVG, or as PNG",
        "xuất lại hình vẽ dưới dạng SVG thuần, hoặc PNG",
    ),
    ("use-one-of", "use one of the {what}: {list}", "dùng một trong các {what}: {list}"),
    ("value-out-of-range", "{value} is out of range for `{id}`", "{value} nằm ngoài khoảng cho phép của `{id}`"),
    ("value-out-of-range-help", "the value must be {range} ({unit})", "giá trị phải {range} ({unit})"),
    ("value-without-source", "the value of `{id}` has no {missing}", "giá trị của `{id}` chưa có {missing}"),
    (
        "value-without-source-help",
        "write it as `{ value: …, year: 2025, source: \"…\" }` so readers know when and where it was measured",
        "ghi theo dạng `{ value: …, year: 2025, source: \"…\" }` để người đọc biết số liệu đo khi nào, theo nguồn nào",
    ),
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
    ("want-status", "planned, ongoing, completed or recognized", "planned, ongoing, completed hoặc recognized"),
    ("want-summary", "one or two sentences shown in lists", "một hai câu tóm tắt hiện trong danh sách"),
    ("want-threshold", "the proposed threshold", "ngưỡng đề xuất"),
    ("want-title", "the case study's title", "tiêu đề bài viết"),
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
    ("what-source", "source", "nguồn"),
    ("what-status", "status", "trạng thái"),
    ("what-unit", "unit", "đơn vị"),
    ("what-year", "year", "năm"),
    ("what-year-source", "year and source", "năm và nguồn"),
    ("wrong-type", "expected {expected}, found {found}", "cần {expected}, nhưng đang là {found}"),
    ("wrong-type-help", "write {expected} here", "ghi {expected} ở đây"),
    ("yaml-syntax", "invalid YAML: {detail}", "YAML không hợp lệ: {detail}"),
    (
        "yaml-syntax-help",
        "check the indentation (two spaces, no tabs), the `key: value` colons, and that quotes and brackets are closed",
        "kiểm tra thụt lề (hai dấu cách, không dùng tab), dấu hai chấm của `khóa: giá trị`, và các dấu ngoặc, ngoặc kép đã đóng",
    ),
    (
        "yaml-too-complex",
        "this YAML nests too deep or expands to too many values (through anchors and aliases)",
        "YAML này lồng nhau quá sâu hoặc sinh ra quá nhiều giá trị (qua anchor và alias)",
    ),
    (
        "yaml-too-complex-help",
        "write the values out plainly, at most 20 levels deep; anchors (`&`) and aliases (`*`) are not needed in content files",
        "ghi trực tiếp các giá trị, lồng nhau không quá 20 cấp; tệp nội dung không cần anchor (`&`) và alias (`*`)",
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
