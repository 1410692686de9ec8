//! The line history: a fixed byte buffer holding the most recent lines,
//! newest first, each followed by a 0 byte (the editor never puts a
//! control byte in a line; one that did would only read back as two
//! entries). Old lines fall off when a new one does not fit.

/// History of entered lines, `H` bytes of storage.
#[derive(Clone, Debug)]
pub struct History<const H: usize> {
    buf: [u8; H],
    used: usize,
}

impl<const H: usize> Default for History<H> {
    fn default() -> Self {
        History::new()
    }
}

impl<const H: usize> History<H> {
    /// An empty history.
    pub const fn new() -> History<H> {
        History { buf: [0; H], used: 0 }
    }

    /// Entry `i` (0 = the most recent line), if there are that many.
    pub fn get(&self, i: usize) -> Option<&[u8]> {
        let mut rest = self.buf.get(..self.used)?;
        let mut k = 0;
        loop {
            let end = rest.iter().position(|&c| c == 0)?;
            if k == i {
                return rest.get(..end);
            }
            rest = rest.get(end + 1..)?;
            k += 1;
        }
    }

    /// Number of stored lines.
    pub fn len(&self) -> usize {
        let mut n = 0;
        while self.get(n).is_some() {
            n += 1;
        }
        n
    }

    /// True when no line is stored.
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Adds `line` as the newest entry unless it is empty, repeats the
    /// newest entry, or is too long to ever fit.
    pub fn push(&mut self, line: &[u8]) {
        let n = line.len();
        if n == 0 || n >= H || self.get(0) == Some(line) {
            return;
        }
        // Drop the oldest entries until the new one fits (the last one
        // starts after the 0 before its own).
        while self.used + n >= H {
            let head = self.buf.get(..self.used.saturating_sub(1)).unwrap_or(&[]);
            self.used = head.iter().rposition(|&c| c == 0).map_or(0, |p| p + 1);
        }
        self.buf.copy_within(0..self.used, n + 1);
        if let Some(d) = self.buf.get_mut(..=n) {
            d[..n].copy_from_slice(line);
            d[n] = 0;
        }
        self.used += n + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::History;

    #[test]
    fn ring() {
        let mut h: History<16> = History::new();
        assert!(h.is_empty());
        h.push(b"abc");
        h.push(b"abc");
        h.push(b"");
        assert_eq!(h.len(), 1);
        h.push(b"defg");
        assert_eq!(h.get(0), Some(&b"defg"[..]));
        assert_eq!(h.get(1), Some(&b"abc"[..]));
        h.push(b"hijklmn");
        // 8 + 5 + 4 > 16: "abc" fell off.
        assert_eq!(h.get(0), Some(&b"hijklmn"[..]));
        assert_eq!(h.get(1), Some(&b"defg"[..]));
        assert_eq!(h.get(2), None);
        h.push(b"0123456789abcdefgh");
        assert_eq!(h.len(), 2);
        // A line that fills the buffer exactly drops everything else.
        h.push(b"0123456789abcde");
        assert_eq!(h.len(), 1);
        assert_eq!(h.get(0), Some(&b"0123456789abcde"[..]));
    }
}
