//! `Dict`: the insertion-ordered hash table behind dict, set, class,
//! instance and module namespaces.
//!
//! Entries sit in insertion order in `entries` (a deleted entry keeps its
//! place with a NULL key until the next compaction); `index` is an
//! open-addressing table of entry positions, built only once the dict
//! outgrows [`LINEAR_MAX`] entries (small dicts are scanned linearly, as
//! most namespaces are small). Hashing and equality are the caller's: this
//! table only stores each entry's 32-bit hash and hands out candidate
//! positions whose hash matches, so Python-level `__eq__` can run between
//! probes (see `Vm::dict_lookup`).

use crate::obj::Obj;
use alloc::vec::Vec;

/// Entries up to which no index table is kept.
pub const LINEAR_MAX: usize = 8;
const EMPTY: u32 = u32::MAX;

/// One key/value pair with the key's hash. A NULL key marks a deleted entry.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    /// The key (NULL once deleted).
    pub key: Obj,
    /// The value (for sets: unused, `Obj::NONE`).
    pub value: Obj,
    /// The key's hash.
    pub hash: u32,
}

/// An insertion-ordered hash table of `Obj` pairs.
#[derive(Clone, Debug, Default)]
pub struct Dict {
    entries: Vec<Entry>,
    index: Vec<u32>,
    live: usize,
}

impl Dict {
    /// An empty dict.
    pub const fn new() -> Dict {
        Dict { entries: Vec::new(), index: Vec::new(), live: 0 }
    }

    /// An empty dict with room for `n` entries.
    pub fn with_capacity(n: usize) -> Dict {
        Dict { entries: Vec::with_capacity(n), index: Vec::new(), live: 0 }
    }

    /// Number of live entries.
    #[inline]
    pub fn len(&self) -> usize {
        self.live
    }

    /// Is it empty?
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Bytes held by the table's buffers (for heap accounting).
    pub fn heap_bytes(&self) -> usize {
        self.entries.capacity() * core::mem::size_of::<Entry>() + self.index.capacity() * 4
    }

    /// Positions of entries whose hash equals `hash`, in probe order. The
    /// caller compares keys; positions stay valid until the next mutation.
    pub fn candidates(&self, hash: u32) -> Candidates<'_> {
        Candidates { dict: self, hash, pos: 0, probe: hash as usize, steps: 0 }
    }

    /// The entry at `pos` (a position from [`Dict::candidates`] or
    /// [`Dict::next_at`]).
    #[inline]
    pub fn entry(&self, pos: usize) -> Option<&Entry> {
        self.entries.get(pos)
    }

    /// Replaces the value at `pos`.
    pub fn set_value(&mut self, pos: usize, value: Obj) {
        if let Some(e) = self.entries.get_mut(pos) {
            e.value = value;
        }
    }

    /// Finds a key by identity (for keys whose equality is identity, such as
    /// qstrs and small ints, this is a full lookup).
    #[inline]
    pub fn find_identical(&self, key: Obj, hash: u32) -> Option<usize> {
        self.candidates(hash).find(|&p| self.entries[p].key == key)
    }

    /// Appends a new entry; the caller has checked the key is absent.
    pub fn push(&mut self, key: Obj, value: Obj, hash: u32) {
        if self.entries.len() == self.entries.capacity() && self.entries.len() > self.live * 2 {
            self.compact();
        }
        let pos = self.entries.len();
        self.entries.push(Entry { key, value, hash });
        self.live += 1;
        if !self.index.is_empty() {
            if (self.entries.len()) * 3 >= self.index.len() * 2 {
                self.rebuild_index();
            } else {
                self.index_insert(pos as u32, hash);
            }
        } else if self.entries.len() > LINEAR_MAX {
            self.rebuild_index();
        }
    }

    /// Removes the entry at `pos`, returning it.
    pub fn remove_at(&mut self, pos: usize) -> Option<Entry> {
        let e = *self.entries.get(pos)?;
        if e.key.is_null() {
            return None;
        }
        self.entries[pos].key = Obj::NULL;
        self.entries[pos].value = Obj::NULL;
        self.live -= 1;
        if pos + 1 == self.entries.len() {
            // Trailing deletions can simply shrink (keeps popitem O(1)).
            while self.entries.last().is_some_and(|e| e.key.is_null()) {
                self.entries.pop();
            }
            if !self.index.is_empty() {
                self.rebuild_index();
            }
        }
        Some(e)
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.index.clear();
        self.live = 0;
    }

    /// The first live entry at position `pos` or later, with its position:
    /// iteration that tolerates mutation (`while let Some((p, e)) =
    /// d.next_at(p) { ...; p += 1 }`).
    pub fn next_at(&self, mut pos: usize) -> Option<(usize, &Entry)> {
        while let Some(e) = self.entries.get(pos) {
            if !e.key.is_null() {
                return Some((pos, e));
            }
            pos += 1;
        }
        None
    }

    /// The live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> + '_ {
        self.entries.iter().filter(|e| !e.key.is_null())
    }

    /// The last live entry's position (for `popitem`).
    pub fn last_pos(&self) -> Option<usize> {
        self.entries.iter().rposition(|e| !e.key.is_null())
    }

    /// Upper bound on positions (for position-based iteration).
    pub fn end_pos(&self) -> usize {
        self.entries.len()
    }

    fn compact(&mut self) {
        self.entries.retain(|e| !e.key.is_null());
        if !self.index.is_empty() {
            self.rebuild_index();
        }
    }

    fn rebuild_index(&mut self) {
        if self.entries.len() <= LINEAR_MAX {
            self.index = Vec::new();
            return;
        }
        let mut cap = 16;
        while cap * 2 < self.entries.len() * 3 + 2 {
            cap *= 2;
        }
        self.index.clear();
        self.index.resize(cap * 2, EMPTY);
        for (pos, e) in self.entries.iter().enumerate() {
            if !e.key.is_null() {
                let h = e.hash;
                let mask = self.index.len() - 1;
                let mut i = h as usize & mask;
                while self.index[i] != EMPTY {
                    i = (i + 1) & mask;
                }
                self.index[i] = pos as u32;
            }
        }
    }

    fn index_insert(&mut self, pos: u32, hash: u32) {
        let mask = self.index.len() - 1;
        let mut i = hash as usize & mask;
        while self.index[i] != EMPTY {
            i = (i + 1) & mask;
        }
        self.index[i] = pos;
    }

    /// Calls `f` on every live key and value (gc tracing).
    pub fn trace(&self, f: &mut impl FnMut(Obj)) {
        for e in self.iter() {
            f(e.key);
            f(e.value);
        }
    }
}

/// Iterator over candidate positions (see [`Dict::candidates`]).
pub struct Candidates<'a> {
    dict: &'a Dict,
    hash: u32,
    pos: usize,
    probe: usize,
    steps: usize,
}

impl Iterator for Candidates<'_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        let d = self.dict;
        if d.index.is_empty() {
            while self.pos < d.entries.len() {
                let p = self.pos;
                self.pos += 1;
                let e = &d.entries[p];
                if e.hash == self.hash && !e.key.is_null() {
                    return Some(p);
                }
            }
            None
        } else {
            let mask = d.index.len() - 1;
            while self.steps <= mask {
                let slot = self.probe & mask;
                self.probe = self.probe.wrapping_add(1);
                self.steps += 1;
                let p = d.index[slot];
                if p == EMPTY {
                    self.steps = usize::MAX - 1;
                    return None;
                }
                let e = &d.entries[p as usize];
                if e.hash == self.hash && !e.key.is_null() {
                    return Some(p as usize);
                }
            }
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_find_remove_keeps_order() {
        let mut d = Dict::new();
        for i in 0..100isize {
            let k = Obj::small_int(i);
            assert!(d.find_identical(k, (i % 7) as u32).is_none());
            d.push(k, Obj::small_int(i * 2), (i % 7) as u32);
        }
        assert_eq!(d.len(), 100);
        for i in 0..100isize {
            let p = d.find_identical(Obj::small_int(i), (i % 7) as u32).unwrap();
            assert_eq!(d.entry(p).unwrap().value, Obj::small_int(i * 2));
        }
        for i in (0..100isize).step_by(2) {
            let p = d.find_identical(Obj::small_int(i), (i % 7) as u32).unwrap();
            d.remove_at(p);
        }
        assert_eq!(d.len(), 50);
        let keys: Vec<isize> = d.iter().map(|e| e.key.as_small_int().unwrap()).collect();
        assert_eq!(keys, (1..100).step_by(2).collect::<Vec<_>>());
        for i in 100..200isize {
            d.push(Obj::small_int(i), Obj::NONE, i as u32);
        }
        assert!(d.find_identical(Obj::small_int(150), 150).is_some());
        assert!(d.find_identical(Obj::small_int(2), 2 % 7).is_none());
    }
}
