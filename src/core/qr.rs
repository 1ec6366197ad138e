//! QR codes of share links, drawn as SVG for the Share dialog.
//!
//! The SVG uses presentation attributes only (no `style` attribute, no `<style>` element), so it
//! renders under a Content-Security-Policy with `style-src 'self'`.

use qrcode::types::Color;
use qrcode::{EcLevel, QrCode, Version};

/// Modules of light margin around the symbol (the standard's quiet zone).
pub const QUIET_ZONE: usize = 4;

/// A QR code of a text as SVG.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrSvg {
    /// `<svg …>` with a `viewBox` in modules (quiet zone included); scale it with CSS or
    /// `width`/`height` on an enclosing element.
    pub svg: String,
    /// QR version used (1–40), the smallest that holds the text at level M.
    pub version: i16,
    /// Modules per side, quiet zone included.
    pub size: usize,
}

/// Why a QR code could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QrFailure {
    #[error("text too long for a QR code")]
    TooLong,
}

impl QrFailure {
    pub fn message(&self, lang: crate::core::Lang) -> &'static str {
        match (self, lang) {
            (QrFailure::TooLong, crate::core::Lang::ZhCn) => "链接太长,无法生成二维码。",
            (QrFailure::TooLong, crate::core::Lang::En) => "The link is too long for a QR code.",
        }
    }
}

/// The QR code of `text` at error-correction level M (15 % of the symbol may be damaged),
/// in the smallest version that holds it.
pub fn qr_svg(text: &str) -> Result<QrSvg, QrFailure> {
    // Byte data can only fail by being too long for version 40.
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|_| QrFailure::TooLong)?;
    let version = match code.version() {
        Version::Normal(v) | Version::Micro(v) => v,
    };
    let width = code.width();
    let size = width + 2 * QUIET_ZONE;
    let colors = code.to_colors();
    let mut path = String::new();
    for (y, row) in colors.chunks(width.max(1)).enumerate() {
        let mut x = 0;
        while x < row.len() {
            if row.get(x) == Some(&Color::Dark) {
                let start = x;
                while row.get(x) == Some(&Color::Dark) {
                    x += 1;
                }
                path.push_str(&format!(
                    "M{} {}h{}v1h-{}z",
                    start + QUIET_ZONE,
                    y + QUIET_ZONE,
                    x - start,
                    x - start
                ));
            } else {
                x += 1;
            }
        }
    }
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" \
         shape-rendering=\"crispEdges\" role=\"img\">\
         <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>\
         <path fill=\"#000\" d=\"{path}\"/></svg>"
    );
    Ok(QrSvg { svg, version, size })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_text_is_version_1_with_quiet_zone() {
        let q = qr_svg("https://a.cn").unwrap();
        assert_eq!(q.version, 1);
        assert_eq!(q.size, 21 + 2 * QUIET_ZONE);
        assert!(q.svg.starts_with("<svg "));
        assert!(q.svg.contains("viewBox=\"0 0 29 29\""));
        assert!(q.svg.contains("shape-rendering=\"crispEdges\""));
        assert!(!q.svg.contains("style"));
        // The top-left finder pattern starts at the quiet zone with a run of 7 dark modules.
        assert!(q.svg.contains("M4 4h7v1h-7z"));
    }

    #[test]
    fn too_long_is_an_error() {
        let long = "x".repeat(4000);
        let e = qr_svg(&long).unwrap_err();
        assert_eq!(e, QrFailure::TooLong);
        assert_eq!(
            e.message(crate::core::Lang::En),
            "The link is too long for a QR code."
        );
    }
}
