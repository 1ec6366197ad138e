//! A minimal PNG writer for black-and-white images (the QR code as an `<img>` that a phone's
//! long-press, e.g. WeChat's "识别图中二维码", can read). 1-bit greyscale, one IDAT chunk whose
//! zlib stream holds stored (uncompressed) deflate blocks: no compressor in the wasm build,
//! and a QR image is small (a 400 px code is about 20 KB). CRC-32 is the share codec's.

use crate::core::share::crc32;

/// The PNG file of a `width` × `height` image; `dark(x, y)` says which pixels are black.
pub fn bilevel_png(width: u32, height: u32, dark: impl Fn(u32, u32) -> bool) -> Vec<u8> {
    let row_bytes = width.div_ceil(8) as usize;
    // Each scanline: filter type 0 (none), then the pixels, 8 to a byte, most significant
    // first; 1 is white in greyscale.
    let mut raw = Vec::with_capacity((row_bytes + 1) * height as usize);
    for y in 0..height {
        raw.push(0);
        for bx in 0..row_bytes as u32 {
            let mut byte = 0u8;
            for bit in 0..8 {
                let x = bx * 8 + bit;
                if x < width && !dark(x, y) {
                    byte |= 0x80 >> bit;
                }
            }
            raw.push(byte);
        }
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::with_capacity(13);
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    // Bit depth 1, colour type 0 (greyscale), deflate, adaptive filtering, no interlace.
    header.extend_from_slice(&[1, 0, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &header);
    chunk(&mut out, b"IDAT", &zlib_stored(&raw));
    chunk(&mut out, b"IEND", &[]);
    out
}

/// A chunk: length, type, data, CRC of type and data.
fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&u32::try_from(data.len()).unwrap_or(u32::MAX).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(out.get(start..).unwrap_or_default());
    out.extend_from_slice(&crc.to_be_bytes());
}

/// A zlib stream (RFC 1950) of stored deflate blocks (RFC 1951 §3.2.4).
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    const MAX: usize = 65_535;
    let mut out = Vec::with_capacity(data.len() + data.len() / MAX * 5 + 11);
    out.extend_from_slice(&[0x78, 0x01]);
    let mut blocks = data.chunks(MAX).peekable();
    if blocks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xFF, 0xFF]);
    }
    while let Some(block) = blocks.next() {
        out.push(u8::from(blocks.peek().is_none()));
        let len = u16::try_from(block.len()).unwrap_or(u16::MAX);
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    out.extend_from_slice(&adler32(data).to_be_bytes());
    out
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}

/// Standard base64 with padding (RFC 4648 §4), as `data:` URLs need; the share codec's
/// base64url with its two letters swapped.
pub fn base64(bytes: &[u8]) -> String {
    let mut s: String = crate::core::share::b64::encode(bytes)
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    while s.len() % 4 != 0 {
        s.push('=');
    }
    s
}

/// Reads back what [`bilevel_png`] wrote (tests only).
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use tests::read_png;

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;

    /// Reads back what [`bilevel_png`] wrote: (width, height, dark pixels), checking every CRC,
    /// the stored blocks and the Adler-32 on the way.
    pub(crate) fn read_png(png: &[u8]) -> (u32, u32, Vec<bool>) {
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let mut at = 8;
        let (mut w, mut h, mut idat) = (0, 0, Vec::new());
        loop {
            let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
            let kind = &png[at + 4..at + 8];
            let data = &png[at + 8..at + 8 + len];
            let crc = u32::from_be_bytes(png[at + 8 + len..at + 12 + len].try_into().unwrap());
            assert_eq!(crc, crc32(&png[at + 4..at + 8 + len]));
            match kind {
                b"IHDR" => {
                    w = u32::from_be_bytes(data[..4].try_into().unwrap());
                    h = u32::from_be_bytes(data[4..8].try_into().unwrap());
                    assert_eq!(&data[8..], &[1, 0, 0, 0, 0]);
                }
                b"IDAT" => idat.extend_from_slice(data),
                b"IEND" => break,
                other => panic!("unexpected chunk {other:?}"),
            }
            at += 12 + len;
        }
        assert_eq!(&idat[..2], &[0x78, 0x01]);
        assert_eq!(
            (u16::from(idat[0]) << 8 | u16::from(idat[1])) % 31,
            0,
            "zlib FCHECK"
        );
        let (mut raw, mut i) = (Vec::new(), 2);
        loop {
            let last = idat[i] == 1;
            let len = u16::from_le_bytes([idat[i + 1], idat[i + 2]]);
            assert_eq!(!len, u16::from_le_bytes([idat[i + 3], idat[i + 4]]));
            raw.extend_from_slice(&idat[i + 5..i + 5 + len as usize]);
            i += 5 + len as usize;
            if last {
                break;
            }
        }
        assert_eq!(
            u32::from_be_bytes(idat[i..i + 4].try_into().unwrap()),
            adler32(&raw)
        );
        let row = w.div_ceil(8) as usize + 1;
        assert_eq!(raw.len(), row * h as usize);
        let mut dark = Vec::new();
        for y in 0..h as usize {
            assert_eq!(raw[y * row], 0, "filter none");
            for x in 0..w as usize {
                dark.push(raw[y * row + 1 + x / 8] & (0x80 >> (x % 8)) == 0);
            }
        }
        (w, h, dark)
    }

    #[test]
    fn pixels_round_trip() {
        let dark = |x: u32, y: u32| (x * 7 + y * 3) % 5 == 0;
        let png = bilevel_png(13, 5, dark);
        let (w, h, pixels) = read_png(&png);
        assert_eq!((w, h), (13, 5));
        for y in 0..5 {
            for x in 0..13 {
                assert_eq!(pixels[(y * 13 + x) as usize], dark(x, y), "({x}, {y})");
            }
        }
    }

    #[test]
    fn large_images_span_several_stored_blocks() {
        // 1,200 × 500 at 1 bit: 151 bytes a row, 75,500 bytes: two blocks.
        let dark = |x: u32, y: u32| x == y;
        let (w, h, pixels) = read_png(&bilevel_png(1200, 500, dark));
        assert_eq!((w, h), (1200, 500));
        assert_eq!(pixels.iter().filter(|d| **d).count(), 500);
    }

    #[test]
    fn adler32_and_base64_vectors() {
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(&[0xfb, 0xff]), "+/8=");
    }
}
