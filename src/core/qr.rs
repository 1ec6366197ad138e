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
            (QrFailure::TooLong, crate::core::Lang::ZhCn) => "链接太长，无法生成二维码。",
            (QrFailure::TooLong, crate::core::Lang::En) => "The link is too long for a QR code.",
        }
    }
}

/// The symbol of `text` at error-correction level M (15 % of the symbol may be damaged), in
/// the smallest version that holds it; the level is not raised.
fn symbol(text: &str) -> Result<QrCode, QrFailure> {
    let segs = QrSegment::make_segments(text);
    QrCode::encode_segments_advanced(
        &segs,
        QrCodeEcc::Medium,
        Version::MIN,
        Version::MAX,
        None,
        false,
    )
    .map_err(|_| QrFailure::TooLong)
}

/// A QR code of a text as a PNG image in a `data:` URL, for an `<img>` (a phone's long-press
/// reads images, not inline SVG). Allowed by a CSP with `img-src data:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrPng {
    /// `data:image/png;base64,…`
    pub data_url: String,
    /// Pixels per side (the image is square): whole pixels per module, at least `min_px`.
    pub px: u32,
    /// QR version used (1–40).
    pub version: i16,
    /// Modules per side, quiet zone included.
    pub size: usize,
}

/// The QR code of `text` as a black-and-white PNG of at least `min_px` pixels a side (whole
/// pixels per module, so it stays sharp), quiet zone included.
pub fn qr_png(text: &str, min_px: u32) -> Result<QrPng, QrFailure> {
    let code = symbol(text)?;
    let width = u32::try_from(code.size()).unwrap_or(0);
    let quiet = QUIET_ZONE as u32;
    let size = width + 2 * quiet;
    let scale = min_px.div_ceil(size.max(1)).max(1);
    let px = size * scale;
    let png = crate::core::png::bilevel_png(px, px, |x, y| {
        let (mx, my) = (x / scale, y / scale);
        let inside = |m: u32| (quiet..quiet + width).contains(&m);
        inside(mx) && inside(my) && code.get_module((mx - quiet) as i32, (my - quiet) as i32)
    });
    Ok(QrPng {
        data_url: format!("data:image/png;base64,{}", crate::core::png::base64(&png)),
        px,
        version: i16::from(code.version().value()),
        size: size as usize,
    })
}

/// The QR code of `text` at error-correction level M, in the smallest version that holds it.
pub fn qr_svg(text: &str) -> Result<QrSvg, QrFailure> {
    let code = symbol(text)?;
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
    fn a_reader_reads_the_png_back() {
        let link = "https://jyj.hd.gov.cn/zwgk/tzgg/202203/t20220303_1.html#pw=AWefHAEABFYuCAbN2wRhpOQIGSI5GIMOFfvgYw";
        let q = qr_png(link, 360).unwrap();
        assert!(
            q.px >= 360 && q.px % q.size as u32 == 0,
            "{} px, {} modules",
            q.px,
            q.size
        );
        assert_eq!(q.version, qr_svg(link).unwrap().version);
        let b64 = q.data_url.strip_prefix("data:image/png;base64,").unwrap();
        use base64::Engine;
        let png = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap();
        let (w, h, dark) = crate::core::png::read_png(&png);
        assert_eq!((w, h), (q.px, q.px));
        let px = q.px as usize;
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(px, px, |x, y| {
            if dark[y * px + x] {
                0
            } else {
                255
            }
        });
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1);
        assert_eq!(grids[0].decode().unwrap().1, link);
        // The quiet zone is white, the finder's corner black.
        let scale = px / q.size;
        assert!(!dark[(QUIET_ZONE * scale - 1) * px + QUIET_ZONE * scale - 1]);
        assert!(dark[QUIET_ZONE * scale * px + QUIET_ZONE * scale]);
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
