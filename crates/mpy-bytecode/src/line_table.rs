//! The line-number table in a bytecode prelude's info block: a sequence of
//! (bytecode delta, line delta) entries starting from (offset 0, line 1).
//!
//! Encoding (`shared/spec/mpy-format.md`): one byte `0LLBBBBB` (B ≤ 31,
//! L ≤ 3) when the line delta ≤ 6 or the byte delta > 15 — if the byte delta
//! is larger than 31, B = 31 and L = 0 are written and encoding continues
//! with the rest; otherwise two bytes `1LLLBBBB LLLLLLLL` (B ≤ 15,
//! L ≤ 2047, the top 3 bits of L in the first byte). Entries are written
//! only when the line increases.

use alloc::vec::Vec;

use crate::varint::DecodeError;

/// Append the entries for skipping `bytes` bytecode bytes and `lines` lines
/// (possibly several entries, as MicroPython's emitter does). Writes nothing
/// when both are zero.
pub fn encode_delta(out: &mut Vec<u8>, mut bytes: u32, mut lines: u32) {
    while bytes > 0 || lines > 0 {
        if lines <= 6 || bytes > 0xf {
            let b = bytes.min(0x1f);
            let l = if b < bytes { 0 } else { lines.min(3) };
            out.push((b | (l << 5)) as u8);
            bytes -= b;
            lines -= l;
        } else {
            let b = bytes.min(0xf);
            let l = lines.min(0x7ff);
            out.push((0x80 | b | ((l >> 4) & 0x70)) as u8);
            out.push((l & 0xff) as u8);
            bytes -= b;
            lines -= l;
        }
    }
}

/// The number of bytes [`encode_delta`] writes for `bytes` and `lines`
/// (so a caller can reserve them first).
pub fn encode_delta_len(mut bytes: u32, mut lines: u32) -> usize {
    let mut n = 0;
    while bytes > 0 || lines > 0 {
        if lines <= 6 || bytes > 0xf {
            let b = bytes.min(0x1f);
            let l = if b < bytes { 0 } else { lines.min(3) };
            n += 1;
            bytes -= b;
            lines -= l;
        } else {
            n += 2;
            bytes -= bytes.min(0xf);
            lines -= lines.min(0x7ff);
        }
    }
    n
}

/// Incremental line-table writer following MicroPython's emitter: call
/// [`LineTableBuilder::set_line`] with the bytecode offset and source line
/// of each statement; entries are written only when the line increases.
#[derive(Clone, Debug)]
pub struct LineTableBuilder {
    /// The encoded table so far.
    pub table: Vec<u8>,
    last_offset: u32,
    last_line: u32,
}

impl Default for LineTableBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl LineTableBuilder {
    /// A builder at (offset 0, line 1) with an empty table.
    pub fn new() -> Self {
        LineTableBuilder {
            table: Vec::new(),
            last_offset: 0,
            last_line: 1,
        }
    }

    /// Record that the code at bytecode `offset` (relative to the first
    /// opcode) comes from source `line`. Ignored unless `line` is greater
    /// than the last recorded line (offsets must not decrease).
    pub fn set_line(&mut self, offset: u32, line: u32) {
        if line > self.last_line {
            let bytes = offset.saturating_sub(self.last_offset);
            encode_delta(&mut self.table, bytes, line - self.last_line);
            self.last_offset = offset;
            self.last_line = line;
        }
    }

    /// Take the encoded table.
    pub fn finish(self) -> Vec<u8> {
        self.table
    }
}

/// Iterator over the `(bytecode delta, line delta)` entries of a table,
/// yielding `Err(Truncated)` (then stopping) on a cut two-byte entry.
#[derive(Clone, Debug)]
pub struct Entries<'a> {
    data: &'a [u8],
    pos: usize,
}

/// Iterate over the entries of `table`.
pub fn entries(table: &[u8]) -> Entries<'_> {
    Entries {
        data: table,
        pos: 0,
    }
}

impl Iterator for Entries<'_> {
    type Item = Result<(u32, u32), DecodeError>;

    fn next(&mut self) -> Option<Self::Item> {
        let b = *self.data.get(self.pos)?;
        self.pos += 1;
        if b & 0x80 == 0 {
            return Some(Ok((u32::from(b & 0x1f), u32::from(b >> 5))));
        }
        let Some(&b1) = self.data.get(self.pos) else {
            self.pos = self.data.len();
            return Some(Err(DecodeError::Truncated));
        };
        self.pos += 1;
        Some(Ok((
            u32::from(b & 0xf),
            (u32::from(b & 0x70) << 4) | u32::from(b1),
        )))
    }
}

/// The source line of the instruction at bytecode `offset` (relative to the
/// first opcode): line 1 plus the line deltas of all entries whose
/// cumulative bytecode position is ≤ `offset`. Errors on a truncated entry
/// that would be needed.
pub fn line_for_offset(table: &[u8], offset: u32) -> Result<u32, DecodeError> {
    let mut bc: u64 = 0;
    let mut line: u32 = 1;
    for e in entries(table) {
        let (b, l) = e?;
        bc += u64::from(b);
        if bc > u64::from(offset) {
            break;
        }
        line = line.saturating_add(l);
    }
    Ok(line)
}

/// All `(absolute bytecode offset, line)` points where the line changes,
/// starting from `(0, 1)` and merging entries at the same offset.
pub fn decode_points(table: &[u8]) -> Result<Vec<(u32, u32)>, DecodeError> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    out.push((0, 1));
    let (mut bc, mut line) = (0u32, 1u32);
    for e in entries(table) {
        let (b, l) = e?;
        bc = bc.saturating_add(b);
        if l == 0 {
            continue;
        }
        line = line.saturating_add(l);
        match out.last_mut() {
            Some(last) if last.0 == bc => last.1 = line,
            _ => out.push((bc, line)),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn delta_len_matches_encoding() {
        for bytes in [0u32, 1, 5, 15, 16, 31, 32, 100, 1000] {
            for lines in [0u32, 1, 3, 6, 7, 100, 2047, 2048, 5000] {
                let mut v = alloc::vec::Vec::new();
                encode_delta(&mut v, bytes, lines);
                assert_eq!(v.len(), encode_delta_len(bytes, lines), "{bytes} {lines}");
            }
        }
    }

    use super::*;
    use alloc::vec;

    fn enc(b: u32, l: u32) -> Vec<u8> {
        let mut o = Vec::new();
        encode_delta(&mut o, b, l);
        o
    }

    #[test]
    fn worked_example() {
        assert_eq!(enc(4, 2), [0x44]);
        assert_eq!(enc(0, 1), [0x20]);
        assert_eq!(line_for_offset(&[0x44], 0), Ok(1));
        assert_eq!(line_for_offset(&[0x44], 3), Ok(1));
        assert_eq!(line_for_offset(&[0x44], 4), Ok(3));
        assert_eq!(line_for_offset(&[0x44], 100), Ok(3));
        assert_eq!(line_for_offset(&[0x20], 0), Ok(2));
    }

    #[test]
    fn forms() {
        assert_eq!(enc(0, 0), [] as [u8; 0]);
        assert_eq!(enc(31, 3), [0x7f]);
        assert_eq!(enc(0, 6), [0x60, 0x60]);
        assert_eq!(enc(0, 7), [0x80, 0x07]);
        assert_eq!(enc(15, 7), [0x8f, 0x07]);
        assert_eq!(enc(16, 7), [0x70, 0x60, 0x20]);
        assert_eq!(enc(40, 2), [0x1f, 0x49]);
        assert_eq!(enc(0, 2047), [0xf0, 0xff]);
        assert_eq!(enc(0, 2048), [0xf0, 0xff, 0x20]);
        assert_eq!(enc(3, 300), [0x93, 0x2c]);
        assert_eq!(enc(64, 0), [0x1f, 0x1f, 0x02]);
    }

    #[test]
    fn roundtrip_lookup() {
        // Lines at increasing offsets, arbitrary jumps.
        let points = [
            (0u32, 1u32),
            (2, 2),
            (5, 9),
            (40, 10),
            (41, 3000),
            (300, 3001),
            (301, 3008),
            (330, 3009),
        ];
        let mut b = LineTableBuilder::new();
        for &(o, l) in &points {
            b.set_line(o, l);
        }
        b.set_line(331, 5); // decreasing line: ignored
        let t = b.finish();
        for w in points.windows(2) {
            for off in w[0].0..w[1].0 {
                assert_eq!(line_for_offset(&t, off), Ok(w[0].1), "offset {off}");
            }
        }
        assert_eq!(line_for_offset(&t, 1000), Ok(3009));
        let pts = decode_points(&t).unwrap_or_default();
        assert_eq!(pts, points);
    }

    #[test]
    fn every_delta_pair_decodes_back() {
        for b in 0..80u32 {
            for l in (0..40u32).chain([100, 2047, 2048, 5000]) {
                let t = enc(b, l);
                let (mut sb, mut sl) = (0, 0);
                for e in entries(&t) {
                    let (x, y) = e.unwrap_or((9999, 9999));
                    sb += x;
                    sl += y;
                }
                assert_eq!((sb, sl), (b, l));
            }
        }
    }

    #[test]
    fn truncated() {
        assert_eq!(line_for_offset(&[0x80], 0), Err(DecodeError::Truncated));
        assert_eq!(decode_points(&[0x20, 0x93]), Err(DecodeError::Truncated));
        let v: Vec<_> = entries(&[0x93]).collect();
        assert_eq!(v, vec![Err(DecodeError::Truncated)]);
    }
}
