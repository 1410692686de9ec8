//! The line history: a fixed byte buffer holding the most recent lines,
//! newest first, each as a 2-byte little-endian length then its bytes.
//! Old lines fall off when a new one does not fit.

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
        let mut pos = 0;
        let mut k = 0;
        while pos + 2 <= self.used {
            let len = usize::from(u16::from_le_bytes([self.buf[pos], self.buf[pos + 1]]));
            let end = (pos + 2 + len).min(self.used);
            if k == i {
                return Some(&self.buf[pos + 2..end]);
            }
            pos = end;
            k += 1;
        }
        None
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
        let need = line.len() + 2;
        if line.is_empty() || need > H || line.len() > usize::from(u16::MAX) || self.get(0) == Some(line) {
            return;
        }
        // Drop the oldest entries until the new one fits.
        while self.used + need > H {
            let mut pos = 0;
            let mut last_start = 0;
            while pos + 2 <= self.used {
                last_start = pos;
                let len = usize::from(u16::from_le_bytes([self.buf[pos], self.buf[pos + 1]]));
                pos = (pos + 2 + len).min(self.used);
            }
            self.used = last_start;
        }
        self.buf.copy_within(0..self.used, need);
        let len = (line.len() as u16).to_le_bytes();
        self.buf[0] = len[0];
        self.buf[1] = len[1];
        self.buf[2..need].copy_from_slice(line);
        self.used += need;
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
        h.push(b"hijklm");
        // 8 + 6 + 5 > 16: "abc" fell off.
        assert_eq!(h.get(0), Some(&b"hijklm"[..]));
        assert_eq!(h.get(1), Some(&b"defg"[..]));
        assert_eq!(h.get(2), None);
        h.push(b"0123456789abcdefgh");
        assert_eq!(h.len(), 2);
    }
}
