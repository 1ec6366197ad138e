//! CRC-32 of the share codes' checksum and key hashes.

/// CRC-32 (IEEE 802.3, as in zip and PNG), bitwise: no table, so no bytes in the wasm build.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}
