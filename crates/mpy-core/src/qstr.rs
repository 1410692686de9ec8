//! qstr: interned strings compared by index.
//!
//! Ids below [`N_STATIC`] are the built-in qstrs, generated at build time
//! (see `build.rs`) from every `q::NAME` the sources use plus every
//! one-character ASCII string; they live in read-only memory, sorted by
//! text, with an open-addressing hash index. Later ids are interned at run
//! time into a [`QstrPool`] and never freed, as in MicroPython.
//!
//! A text has at most one qstr (static or dynamic), so two different qstr
//! ids always mean two different texts.
//!
//! Lookup by text costs one [`hash_bytes`] (which callers creating a heap
//! str reuse as the str's hash, see [`QstrPool::lookup_hashed`]), a probe
//! of the static index and a probe of the run-time index; each probe
//! compares texts only when the stored hash matches.

use alloc::borrow::Cow;
use alloc::vec;
use alloc::vec::Vec;

include!(concat!(env!("OUT_DIR"), "/qstr_gen.rs"));

/// An interned string: an index into the static table or the run-time pool.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Qstr(pub u32);

/// FNV-1a over the UTF-8 bytes: the hash of every `str` (qstr or heap).
#[inline]
pub fn hash_bytes(s: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in s {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Slot of hash `h` in an open-addressing index of `mask + 1` slots (the
/// same function `build.rs` uses for the static index).
#[inline]
fn slot_of(h: u32, mask: usize) -> usize {
    ((h ^ (h >> 15)) as usize) & mask
}

/// The built-in qstr of the one-character ASCII string `b` (`b < 0x80`;
/// other bytes give None).
#[inline]
pub fn ascii_char(b: u8) -> Option<Qstr> {
    ASCII_QSTRS.get(b as usize).map(|&id| Qstr(id as u32))
}

/// Finds a built-in qstr by text whose [`hash_bytes`] is `h`.
#[inline]
fn find_static_hashed(s: &str, h: u32) -> Option<Qstr> {
    let mask = STATIC_INDEX.len() - 1;
    let mut i = slot_of(h, mask);
    loop {
        let id = STATIC_INDEX[i];
        if id == u16::MAX {
            return None;
        }
        let id = id as usize;
        if STATIC_HASHES[id] == h && STATIC_STRS[id] == s {
            return Some(Qstr(id as u32));
        }
        i = (i + 1) & mask;
    }
}

/// Finds a built-in qstr by text.
pub fn find_static(s: &str) -> Option<Qstr> {
    find_static_hashed(s, hash_bytes(s.as_bytes()))
}

/// Marks an empty slot of the run-time index.
const EMPTY: u32 = u32::MAX;

/// The run-time qstr pool: strings interned after start-up.
#[derive(Default)]
pub struct QstrPool {
    /// Text and hash of run-time qstr `N_STATIC + i` at index `i`.
    strs: Vec<(Cow<'static, str>, u32)>,
    /// Open-addressing index (linear probing, load <= 1/2, length a power
    /// of two or 0) of positions in `strs`; [`EMPTY`] marks a free slot.
    index: Vec<u32>,
    /// Bytes held by the pool's strings (reported by `micropython.qstr_info`).
    pub bytes: usize,
}

impl QstrPool {
    /// Finds a run-time qstr by text whose [`hash_bytes`] is `h`.
    #[inline]
    fn find_dynamic(&self, s: &str, h: u32) -> Option<Qstr> {
        if self.index.is_empty() {
            return None;
        }
        let mask = self.index.len() - 1;
        let mut i = slot_of(h, mask);
        loop {
            let pos = *self.index.get(i)?;
            if pos == EMPTY {
                return None;
            }
            if let Some((t, th)) = self.strs.get(pos as usize) {
                if *th == h && **t == *s {
                    return Some(Qstr((N_STATIC + pos as usize) as u32));
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds `s` (hash `h`, not yet interned) and returns its new qstr.
    fn add(&mut self, s: Cow<'static, str>, h: u32) -> Qstr {
        let pos = self.strs.len();
        self.strs.push((s, h));
        if (pos + 1) * 2 > self.index.len() {
            // Grow and rehash every entry (including the new one).
            let size = (self.index.len() * 2).max(64);
            self.index = vec![EMPTY; size];
            for p in 0..self.strs.len() {
                let hh = self.strs[p].1;
                self.place(p as u32, hh);
            }
        } else {
            self.place(pos as u32, h);
        }
        Qstr((N_STATIC + pos) as u32)
    }

    /// Puts position `pos` (hash `h`) into the first free slot of its
    /// probe sequence (the index has a free slot: load <= 1/2).
    fn place(&mut self, pos: u32, h: u32) {
        let mask = self.index.len() - 1;
        let mut i = slot_of(h, mask);
        while self.index[i] != EMPTY {
            i = (i + 1) & mask;
        }
        self.index[i] = pos;
    }

    /// Returns the qstr for `s`, interning it if new.
    pub fn intern(&mut self, s: &str) -> Qstr {
        let h = hash_bytes(s.as_bytes());
        if let Some(q) = self.lookup_hashed(s, h) {
            return q;
        }
        self.bytes += s.len() + 1;
        self.add(Cow::Owned(s.into()), h)
    }

    /// Like [`QstrPool::intern`], but a new entry refers to `s` in place
    /// (read-only memory, e.g. a frozen module's names and str
    /// constants) instead of copying its text.
    pub fn intern_static(&mut self, s: &'static str) -> Qstr {
        let h = hash_bytes(s.as_bytes());
        if let Some(q) = self.lookup_hashed(s, h) {
            return q;
        }
        self.add(Cow::Borrowed(s), h)
    }

    /// Returns the qstr for `s` if it is already interned.
    pub fn lookup(&self, s: &str) -> Option<Qstr> {
        self.lookup_hashed(s, hash_bytes(s.as_bytes()))
    }

    /// Like [`QstrPool::lookup`] with `h == hash_bytes(s)` already
    /// computed (a wrong `h` gives None for any run-time qstr or built-in
    /// qstr with another hash).
    #[inline]
    pub fn lookup_hashed(&self, s: &str, h: u32) -> Option<Qstr> {
        if let Some(q) = find_static_hashed(s, h) {
            return Some(q);
        }
        self.find_dynamic(s, h)
    }

    /// The text of `q` (empty for an id never handed out).
    #[inline]
    pub fn str(&self, q: Qstr) -> &str {
        let i = q.0 as usize;
        if i < N_STATIC {
            STATIC_STRS[i]
        } else {
            self.strs.get(i - N_STATIC).map(|(s, _)| &**s).unwrap_or("")
        }
    }

    /// The hash of `q`'s text (same as [`hash_bytes`] of it).
    #[inline]
    pub fn hash(&self, q: Qstr) -> u32 {
        let i = q.0 as usize;
        if i < N_STATIC {
            STATIC_HASHES[i]
        } else {
            self.strs.get(i - N_STATIC).map(|(_, h)| *h).unwrap_or(0)
        }
    }

    /// Number of qstrs interned at run time.
    pub fn len_dynamic(&self) -> usize {
        self.strs.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::String;

    #[test]
    fn static_lookup_finds_every_builtin() {
        for (i, s) in STATIC_STRS.iter().enumerate() {
            assert_eq!(find_static(s), Some(Qstr(i as u32)), "{s:?}");
            assert_eq!(STATIC_HASHES[i], hash_bytes(s.as_bytes()));
        }
        assert_eq!(find_static("no such builtin qstr text"), None);
        assert!(STATIC_STRS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn ascii_chars_are_static() {
        for b in 0u8..0x80 {
            let q = ascii_char(b).unwrap();
            let mut t = String::new();
            t.push(b as char);
            assert_eq!(STATIC_STRS[q.0 as usize], t);
            assert_eq!(find_static(&t), Some(q));
        }
        assert_eq!(ascii_char(0x80), None);
        assert_eq!(find_static("a"), Some(q::a));
    }

    #[test]
    fn dynamic_intern_is_unique_and_grows() {
        let mut p = QstrPool::default();
        let mut ids = Vec::new();
        for i in 0..1000 {
            let s = format!("dyn_{i}");
            let q = p.intern(&s);
            assert!(q.0 as usize >= N_STATIC);
            ids.push(q);
        }
        for i in 0..1000 {
            let s = format!("dyn_{i}");
            assert_eq!(p.lookup(&s), Some(ids[i]));
            assert_eq!(p.intern(&s), ids[i]);
            assert_eq!(p.str(ids[i]), s);
            assert_eq!(p.hash(ids[i]), hash_bytes(s.as_bytes()));
        }
        assert_eq!(p.len_dynamic(), 1000);
        assert_eq!(p.lookup("dyn_1000"), None);
        // Built-ins are never duplicated.
        assert_eq!(p.intern("append"), q::append);
        assert_eq!(p.intern_static("x"), q::x);
        let s = p.intern_static("frozen_name");
        assert_eq!(p.intern("frozen_name"), s);
        assert_eq!(p.len_dynamic(), 1001);
    }
}
