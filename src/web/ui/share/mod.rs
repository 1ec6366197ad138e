//! Views and sharing: the tab bar (`tabs.rs`), the Share dialog (`dialog.rs`: link, copy, QR
//! code, code), the notice after a share code was applied (`notice.rs`), and the CSV/JSON
//! export (`export.rs`). The codec, the QR code and the export texts are the core's
//! ([`crate::core::share`], [`crate::core::qr`], [`crate::core::export`]); the browser calls are
//! [`crate::web::browser`]'s; this draws them. `ShareMsg` holds the strings of all four.

mod dialog;
mod export;
mod notice;
mod tabs;

pub use dialog::{ShareButton, ShareProps};
pub use export::{export_file, ExportButtons, ExportFormat, ExportProps};
pub use notice::{Notice, NoticeBox, NoticeProps};
pub use tabs::{shown_tab, tab_slug, tabs, TabBar, TabBarProps};

use crate::core::share::Tab;
use crate::core::Lang;

/// The strings of the views and sharing, in both languages.
#[derive(Debug, Clone, PartialEq)]
pub enum ShareMsg<'a> {
    Views,
    TabName(Tab),
    Share,
    ShareTitle,
    ShareHint,
    Link,
    Copy,
    Copied,
    CopyManual,
    Code,
    QrOf(&'a str),
    QrHint,
    ShareVia,
    Close,
    CustomScenario,
    ExportCsv,
    ExportJson,
    ExportFailed,
    CodeFailed,
    CodeFailedAsWritten,
    CodeFailedKept,
    Applied,
    Dismiss,
}

impl ShareMsg<'_> {
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        let s = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
        match self {
            ShareMsg::Views => s("视图", "Views"),
            ShareMsg::TabName(Tab::Targets) => s("目标", "Targets"),
            ShareMsg::TabName(Tab::Compare) => s("方案比较", "Compare"),
            ShareMsg::TabName(Tab::Progress) => s("进度", "Progress"),
            ShareMsg::TabName(Tab::Seek) => s("目标反推", "Goal seek"),
            ShareMsg::TabName(Tab::Risk) => s("风险", "Risk"),
            ShareMsg::Share => s("分享", "Share"),
            ShareMsg::ShareTitle => s("分享此方案", "Share this scenario"),
            ShareMsg::ShareHint => s(
                "复制链接，或用手机扫描二维码：打开后看到的杠杆、数值和视图与这里完全相同。",
                "Copy the link, or scan the QR code with a phone: it opens exactly these levers, numbers and view.",
            ),
            ShareMsg::Link => s("链接", "Link"),
            ShareMsg::Copy => s("复制链接", "Copy link"),
            ShareMsg::Copied => s("链接已复制。", "Link copied."),
            ShareMsg::CopyManual => s(
                "浏览器不允许自动复制。链接已选中，请按 Ctrl+C（Mac 上按 ⌘+C）复制。",
                "The browser did not allow copying. The link is selected: press Ctrl+C (⌘+C on a Mac) to copy it.",
            ),
            ShareMsg::Code => s("分享码", "Share code"),
            ShareMsg::QrOf(name) => s(&format!("“{name}”的二维码"), &format!("QR code of “{name}”")),
            ShareMsg::QrHint => s(
                "在微信等应用中长按二维码图片，可以识别或保存。",
                "In WeChat and similar apps, long-press the QR image to scan or save it.",
            ),
            ShareMsg::ShareVia => s("发送到其他应用", "Send to an app"),
            ShareMsg::Close => s("关闭", "Close"),
            ShareMsg::CustomScenario => s("自定义方案", "Custom scenario"),
            ShareMsg::ExportCsv => s("导出 CSV", "Export CSV"),
            ShareMsg::ExportJson => s("导出 JSON", "Export JSON"),
            ShareMsg::ExportFailed => s(
                "浏览器未能保存文件。",
                "The browser could not save the file.",
            ),
            ShareMsg::CodeFailed => s("无法打开分享的方案。", "The shared scenario could not be opened."),
            ShareMsg::CodeFailedAsWritten => s("下面显示的是规划原值。", "Below is the plan as written."),
            ShareMsg::CodeFailedKept => s("当前方案保持不变。", "The current scenario is unchanged."),
            ShareMsg::Applied => s(
                "已打开分享的方案，但有以下不同：",
                "The shared scenario was opened, with these differences:",
            ),
            ShareMsg::Dismiss => s("知道了", "Dismiss"),
        }
    }
}
