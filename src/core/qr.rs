//! QR codes of share links, drawn as SVG for the Share dialog.
//!
//! The SVG uses presentation attributes only (no `style` attribute, no `<style>` element), so it
//! renders under a Content-Security-Policy with `style-src 'self'`.

use qrcodegen::{QrCode, QrCodeEcc, QrSegment, Version};

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
    // The smallest version that holds the text at level M; the level is not raised.
    let segs = QrSegment::make_segments(text);
    let code = QrCode::encode_segments_advanced(
        &segs,
        QrCodeEcc::Medium,
        Version::MIN,
        Version::MAX,
        None,
        false,
    )
    .map_err(|_| QrFailure::TooLong)?;
    let version = i16::from(code.version().value());
    let width = usize::try_from(code.size()).unwrap_or(0);
    let size = width + 2 * QUIET_ZONE;
    let mut path = String::new();
    for y in 0..code.size() {
        let mut x = 0;
        while x < code.size() {
            if code.get_module(x, y) {
                let start = x;
                while code.get_module(x, y) {
                    x += 1;
                }
                path.push_str(&format!(
                    "M{} {}h{}v1h-{}z",
                    start + QUIET_ZONE as i32,
                    y + QUIET_ZONE as i32,
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
#[cfg(not(target_arch = "wasm32"))] // proptest and the dev-only crates are native only
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

    /// Dark modules drawn by the SVG path (each run is `M x y h n v1 h-n z`).
    fn modules_of(svg: &str, size: usize) -> Vec<bool> {
        let d = svg.split("d=\"").nth(1).unwrap().split('"').next().unwrap();
        let mut dark = vec![false; size * size];
        for run in d.split('M').filter(|r| !r.is_empty()) {
            let (xy, rest) = run.split_once('h').unwrap();
            let (x, y) = xy.split_once(' ').unwrap();
            let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
            let n: usize = rest.split_once('v').unwrap().0.parse().unwrap();
            assert_eq!(rest, format!("{n}v1h-{n}z"));
            for i in x..x + n {
                dark[y * size + i] = true;
            }
        }
        dark
    }

    #[test]
    fn a_reader_reads_the_drawn_code_back() {
        let link = "https://jyj.hd.gov.cn/zwgk/tzgg/202203/t20220303_1.html#pw=AWefHAEABFYuCAbN2wRhpOQIGSI5GIMOFfvgYw";
        let q = qr_svg(link).unwrap();
        let dark = modules_of(&q.svg, q.size);
        // The quiet zone is light.
        for i in 0..q.size {
            for j in 0..QUIET_ZONE {
                assert!(!dark[j * q.size + i] && !dark[i * q.size + j]);
            }
        }
        let scale = 4;
        let px = q.size * scale;
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(px, px, |x, y| {
            if dark[(y / scale) * q.size + x / scale] {
                0
            } else {
                255
            }
        });
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1);
        let (meta, content) = grids[0].decode().unwrap();
        assert_eq!(content, link);
        assert_eq!(meta.version.0 as i16, q.version);
        assert_eq!(meta.ecc_level, 0, "level M");
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
