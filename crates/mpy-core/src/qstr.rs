//! qstr: interned strings compared by index.
//!
//! Ids below [`N_STATIC`] are the built-in qstrs, generated at build time
//! (see `build.rs`) from every `q::NAME` the sources use; they live in
//! read-only memory, sorted by text. Later ids are interned at run time into
//! a [`QstrPool`] and never freed, as in MicroPython.

use alloc::borrow::Cow;
use alloc::vec::Vec;
use hashbrown::HashMap;

include!(concat!(env!("OUT_DIR"), "/qstr_gen.rs"));

/// An interned string: an index into the static table or the run-time pool.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Qstr(pub u32);

/// FNV-1a over the UTF-8 bytes: the hash of every `str` (qstr or heap).
pub fn hash_bytes(s: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in s {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Finds a built-in qstr by text (binary search over the sorted table).
pub fn find_static(s: &str) -> Option<Qstr> {
    STATIC_STRS.binary_search(&s).ok().map(|i| Qstr(i as u32))
}

/// The run-time qstr pool: strings interned after start-up.
#[derive(Default)]
pub struct QstrPool {
    strs: Vec<(Cow<'static, str>, u32)>,
    index: HashMap<Cow<'static, str>, u32>,
    /// Bytes held by the pool's strings (reported by `micropython.qstr_info`).
    pub bytes: usize,
}

impl QstrPool {
    /// Returns the qstr for `s`, interning it if new.
    pub fn intern(&mut self, s: &str) -> Qstr {
        if let Some(q) = find_static(s) {
            return q;
        }
        if let Some(&id) = self.index.get(s) {
            return Qstr(id);
        }
        let id = (N_STATIC + self.strs.len()) as u32;
        self.strs.push((Cow::Owned(s.into()), hash_bytes(s.as_bytes())));
        self.index.insert(Cow::Owned(s.into()), id);
        self.bytes += s.len() + 1;
        Qstr(id)
    }

    /// Like [`QstrPool::intern`], but a new entry refers to `s` in place
    /// (read-only memory, e.g. a frozen module's names and str
    /// constants) instead of copying its text.
    pub fn intern_static(&mut self, s: &'static str) -> Qstr {
        if let Some(q) = find_static(s) {
            return q;
        }
        if let Some(&id) = self.index.get(s) {
            return Qstr(id);
        }
        let id = (N_STATIC + self.strs.len()) as u32;
        self.strs.push((Cow::Borrowed(s), hash_bytes(s.as_bytes())));
        self.index.insert(Cow::Borrowed(s), id);
        Qstr(id)
    }

    /// Returns the qstr for `s` if it is already interned.
    pub fn lookup(&self, s: &str) -> Option<Qstr> {
        find_static(s).or_else(|| self.index.get(s).map(|&id| Qstr(id)))
    }

    /// The text of `q` (empty for an id never handed out).
    pub fn str(&self, q: Qstr) -> &str {
        let i = q.0 as usize;
        if i < N_STATIC {
            STATIC_STRS[i]
        } else {
            self.strs.get(i - N_STATIC).map(|(s, _)| &**s).unwrap_or("")
        }
    }

    /// The hash of `q`'s text (same as [`hash_bytes`] of it).
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
