//! `Dict`: the insertion-ordered hash table behind dict, set, class,
//! instance and module namespaces.
//!
//! Hashing and equality are the caller's: this table only stores each
//! entry's 32-bit hash and hands out candidate positions whose hash
//! matches, so Python-level `__eq__` can run between probes (see
//! `Vm::dict_lookup`).
//!
//! # Layout
//!
//! The whole table is one boxed slice of machine words, and the `Dict`
//! header is three words (`buf` pointer and length, then `len` and `live`
//! as `u32`s), so it fits inline in a 4-word heap slot.
//!
//! * Entries sit in insertion order as `key value` word pairs (`cap`
//!   pairs), followed by their 32-bit hashes packed `G` to a word (`G` = 2
//!   on 64-bit hosts, 1 on the Cortex-M4): 2.5 words per entry on 64-bit,
//!   3 on 32-bit, no padding. A deleted entry keeps its place with NULL
//!   key and value (a tombstone) until the table is next resized;
//!   positions past `len` are unused (NULL too).
//! * Up to [`LINEAR_MAX`] entries (most instance dicts, kwargs, small
//!   sets) there is nothing else: lookups scan the entries linearly, which
//!   is faster than probing at that size. Capacities grow exactly
//!   0 → 2 → 4 → 8 entries.
//! * Past that the buffer also holds an open-addressing index (`u32`
//!   entry positions, `G` per word, a power of two at least twice the
//!   capacity, linear probing, `DELETED` markers for removed entries), then
//!   four header words: capacity, where the index starts, index mask,
//!   index slots in use.

use crate::obj::Obj;
use alloc::boxed::Box;

/// Entries up to which no index table is kept.
pub const LINEAR_MAX: usize = 8;

/// 32-bit hashes (or index slots) per word.
const G: usize = core::mem::size_of::<usize>() / 4;
/// Words per `G` entries (their pairs and their hash word).
const GW: usize = 2 * G + 1;
/// Largest buffer (in words) of a table without an index.
const SMALL_WORDS_MAX: usize = LINEAR_MAX / G * GW;
/// Trailing header words of an indexed table: capacity, first word of the
/// index, index mask, index slots in use (live or deleted).
const HDR: usize = 4;
/// Index slot never used (ends a probe).
const EMPTY: u32 = u32::MAX;
/// Index slot whose entry was removed (a probe goes on past it).
const DELETED: u32 = u32::MAX - 1;

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

/// An insertion-ordered hash table of `Obj` pairs (see the module docs for
/// the layout).
#[derive(Clone, Debug, Default)]
pub struct Dict {
    buf: Box<[usize]>,
    len: u32,
    live: u32,
}

/// Word index of the key at position `p` (the value follows it).
#[inline(always)]
fn kw(p: usize) -> usize {
    2 * p
}

/// Bit shift of the hash (or index slot) `p` within its word.
#[inline(always)]
fn shift(p: usize) -> usize {
    (p % G) * 32
}

/// Capacity for at least `n` entries.
fn round_cap(n: usize) -> usize {
    n.max(2).div_ceil(G) * G
}

/// Index slots for a table of capacity `cap` (> LINEAR_MAX).
fn index_slots(cap: usize) -> usize {
    (2 * cap).next_power_of_two().max(2 * G)
}

/// Words of a table buffer of capacity `cap`.
fn buf_words(cap: usize) -> usize {
    let entries = cap / G * GW;
    if cap <= LINEAR_MAX {
        entries
    } else {
        entries + index_slots(cap) / G + HDR
    }
}

impl Dict {
    /// An empty dict (allocates nothing).
    pub fn new() -> Dict {
        Dict { buf: Box::default(), len: 0, live: 0 }
    }

    /// An empty dict with room for `n` entries.
    pub fn with_capacity(n: usize) -> Dict {
        let mut d = Dict::new();
        if n > 0 {
            d.buf = new_buf(round_cap(n));
        }
        d
    }

    /// Number of live entries.
    #[inline]
    pub fn len(&self) -> usize {
        self.live as usize
    }

    /// Is it empty?
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Bytes held by the table's buffer (for heap accounting).
    pub fn heap_bytes(&self) -> usize {
        self.buf.len() * core::mem::size_of::<usize>()
    }

    /// Bytes the next [`Dict::push`] may add to [`Dict::heap_bytes`] (the
    /// growth to `make_room` for before pushing).
    pub fn push_growth(&self) -> usize {
        let cap = self.cap();
        if (self.len as usize) < cap {
            return 0;
        }
        let cap = self.next_cap(cap);
        buf_words(cap).saturating_sub(self.buf.len()) * core::mem::size_of::<usize>()
    }

    /// Entry capacity of the buffer.
    #[inline(always)]
    fn cap(&self) -> usize {
        let n = self.buf.len();
        if n <= SMALL_WORDS_MAX {
            n * G / GW
        } else {
            self.word(n - HDR)
        }
    }

    /// The index's (first word, slot mask), if the table has one.
    #[inline(always)]
    fn index(&self) -> Option<(usize, usize)> {
        let n = self.buf.len();
        if n <= SMALL_WORDS_MAX {
            None
        } else {
            Some((self.word(n - HDR + 1), self.word(n - HDR + 2)))
        }
    }

    /// Word `i` of the buffer (0 if out of range, which the layout rules
    /// out): a plain load the optimiser may drop when unused.
    #[inline(always)]
    fn word(&self, i: usize) -> usize {
        self.buf.get(i).copied().unwrap_or(0)
    }

    #[inline(always)]
    fn key_at(&self, p: usize) -> Obj {
        // Only words made by `Obj::raw` are stored in key/value places.
        Obj::from_raw(self.word(kw(p)))
    }

    /// Word index of the hash of position `p`.
    #[inline(always)]
    fn hw(&self, p: usize) -> usize {
        2 * self.cap() + p / G
    }

    #[inline(always)]
    fn hash_at(&self, p: usize) -> u32 {
        (self.word(self.hw(p)) >> shift(p)) as u32
    }

    #[inline(always)]
    fn raw_entry(&self, p: usize) -> Entry {
        let k = kw(p);
        Entry {
            key: Obj::from_raw(self.word(k)),
            value: Obj::from_raw(self.word(k + 1)),
            hash: self.hash_at(p),
        }
    }

    fn write(&mut self, p: usize, key: Obj, value: Obj, hash: u32) {
        self.write_cap(p, self.cap(), key, value, hash);
    }

    /// [`Dict::write`] for a table of capacity `cap`.
    #[inline(always)]
    fn write_cap(&mut self, p: usize, cap: usize, key: Obj, value: Obj, hash: u32) {
        let k = kw(p);
        self.buf[k] = key.raw();
        self.buf[k + 1] = value.raw();
        let h = &mut self.buf[2 * cap + p / G];
        let sh = shift(p);
        *h = (*h & !((u32::MAX as usize) << sh)) | ((hash as usize) << sh);
    }

    /// Positions of entries whose hash equals `hash`, in probe order. The
    /// caller compares keys; positions stay valid until the next mutation.
    #[inline]
    pub fn candidates(&self, hash: u32) -> Candidates<'_> {
        let index = self.index();
        let pos = if index.is_some() { hash as usize } else { 0 };
        Candidates { dict: self, hash, pos, steps: 0, index, hbase: 2 * self.cap() }
    }

    /// The entry at `pos` (a position from [`Dict::candidates`] or
    /// [`Dict::next_at`]); a deleted entry has a NULL key.
    #[inline]
    pub fn entry(&self, pos: usize) -> Option<Entry> {
        (pos < self.len as usize).then(|| self.raw_entry(pos))
    }

    /// Replaces the value at `pos`.
    pub fn set_value(&mut self, pos: usize, value: Obj) {
        if pos < self.len as usize && !self.key_at(pos).is_null() {
            self.buf[kw(pos) + 1] = value.raw();
        }
    }

    /// Finds a key by identity (for keys whose equality is identity, such as
    /// qstrs and small ints, this is a full lookup).
    #[inline(always)]
    pub fn find_identical(&self, key: Obj, hash: u32) -> Option<usize> {
        if self.buf.len() > SMALL_WORDS_MAX {
            return self.find_identical_indexed(key, hash);
        }
        // Identical keys have equal hashes: compare keys only. Places past
        // `len` hold NULL, which matches no key but NULL.
        let k = key.raw();
        if k == 0 {
            return None;
        }
        let kv = self.buf.get(..2 * self.len as usize)?;
        let mut i = 0;
        while i < kv.len() {
            if kv[i] == k {
                return Some(i / 2);
            }
            i += 2;
        }
        None
    }

    fn find_identical_indexed(&self, key: Obj, hash: u32) -> Option<usize> {
        let (base, mask) = self.index()?;
        let k = key.raw();
        let mut s = hash as usize;
        for _ in 0..=mask {
            s &= mask;
            let v = self.islot(base, s);
            if v == EMPTY {
                return None;
            }
            // An index slot names a position below `len` (or is DELETED):
            // identical keys need no hash comparison.
            if v != DELETED && self.buf.get(kw(v as usize)) == Some(&k) {
                return Some(v as usize);
            }
            s += 1;
        }
        None
    }

    /// Appends a new entry; the caller has checked the key is absent.
    pub fn push(&mut self, key: Obj, value: Obj, hash: u32) {
        let mut cap = self.cap();
        if self.len as usize >= cap {
            cap = self.next_cap(cap);
            self.resize(cap);
        }
        let p = self.len as usize;
        self.write_cap(p, cap, key, value, hash);
        self.len += 1;
        self.live += 1;
        if cap > LINEAR_MAX {
            self.index_insert(p, hash);
        }
    }

    /// The capacity a full table moves to: the same one when at least half
    /// its entries are deleted (compaction), else the next larger.
    fn next_cap(&self, cap: usize) -> usize {
        if cap >= 4 && (self.live as usize) * 2 <= cap {
            cap
        } else {
            round_cap(cap * 2)
        }
    }

    /// Moves the live entries (in order) into a buffer of capacity `cap`.
    fn resize(&mut self, cap: usize) {
        if self.live == self.len && cap <= LINEAR_MAX && cap >= self.cap() {
            // Growing a small table without deletions: pairs and hashes
            // keep their order, the new places are NULL.
            let old_kv = 2 * self.cap();
            let words = buf_words(cap);
            let mut v = alloc::vec::Vec::with_capacity(words);
            v.extend_from_slice(&self.buf[..old_kv]);
            v.resize(2 * cap, 0);
            v.extend_from_slice(&self.buf[old_kv..]);
            v.resize(words, 0);
            self.buf = v.into_boxed_slice();
            return;
        }
        let old = core::mem::replace(&mut self.buf, new_buf(cap));
        let old = Dict { buf: old, len: self.len, live: self.live };
        let mut p = 0;
        for e in old.iter() {
            self.write(p, e.key, e.value, e.hash);
            p += 1;
        }
        self.len = p as u32;
        self.live = p as u32;
        if self.index().is_some() {
            self.rebuild_index();
        }
    }

    /// Removes the entry at `pos`, returning it.
    pub fn remove_at(&mut self, pos: usize) -> Option<Entry> {
        let e = self.entry(pos)?;
        if e.key.is_null() {
            return None;
        }
        if let Some((base, mask)) = self.index() {
            let mut s = e.hash as usize;
            for _ in 0..=mask {
                s &= mask;
                let v = self.islot(base, s);
                if v == EMPTY {
                    break;
                }
                if v as usize == pos {
                    self.set_islot(base, s, DELETED);
                    break;
                }
                s += 1;
            }
        }
        self.write(pos, Obj::NULL, Obj::NULL, 0);
        self.live -= 1;
        // Trailing deletions simply shrink (keeps popitem O(1)); their index
        // slots are already DELETED.
        while self.len > 0 && self.key_at(self.len as usize - 1).is_null() {
            self.len -= 1;
        }
        Some(e)
    }

    /// Removes every entry (and frees the buffer).
    pub fn clear(&mut self) {
        *self = Dict::new();
    }

    /// The first live entry at position `pos` or later, with its position:
    /// iteration that tolerates mutation (`while let Some((p, e)) =
    /// d.next_at(p) { ...; p += 1 }`).
    pub fn next_at(&self, mut pos: usize) -> Option<(usize, Entry)> {
        while pos < self.len as usize {
            let e = self.raw_entry(pos);
            if !e.key.is_null() {
                return Some((pos, e));
            }
            pos += 1;
        }
        None
    }

    /// The live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = Entry> + '_ {
        (0..self.len as usize).map(|p| self.raw_entry(p)).filter(|e| !e.key.is_null())
    }

    /// The last live entry's position (for `popitem`).
    pub fn last_pos(&self) -> Option<usize> {
        (0..self.len as usize).rev().find(|&p| !self.key_at(p).is_null())
    }

    /// Upper bound on positions (for position-based iteration).
    pub fn end_pos(&self) -> usize {
        self.len as usize
    }

    #[inline(always)]
    fn islot(&self, base: usize, s: usize) -> u32 {
        (self.word(base + s / G) >> shift(s)) as u32
    }

    fn set_islot(&mut self, base: usize, s: usize, v: u32) {
        let w = &mut self.buf[base + s / G];
        let sh = shift(s);
        *w = (*w & !((u32::MAX as usize) << sh)) | ((v as usize) << sh);
    }

    fn rebuild_index(&mut self) {
        let Some((base, mask)) = self.index() else { return };
        let n = self.buf.len();
        for w in &mut self.buf[base..n - HDR] {
            *w = usize::MAX;
        }
        self.buf[n - 1] = 0;
        for p in 0..self.len as usize {
            if !self.key_at(p).is_null() {
                let h = self.hash_at(p);
                self.index_put(base, mask, p, h);
            }
        }
    }

    fn index_insert(&mut self, p: usize, hash: u32) {
        let Some((base, mask)) = self.index() else { return };
        let used = self.buf[self.buf.len() - 1];
        if (used + 1) * 4 > (mask + 1) * 3 {
            // Too many DELETED slots: start afresh (this entry included).
            self.rebuild_index();
            return;
        }
        self.index_put(base, mask, p, hash);
    }

    /// Puts position `p` in the first free (EMPTY or DELETED) slot of its
    /// probe sequence.
    fn index_put(&mut self, base: usize, mask: usize, p: usize, hash: u32) {
        let mut s = hash as usize;
        for _ in 0..=mask {
            s &= mask;
            let v = self.islot(base, s);
            if v == EMPTY || v == DELETED {
                if v == EMPTY {
                    let n = self.buf.len();
                    self.buf[n - 1] += 1;
                }
                self.set_islot(base, s, p as u32);
                return;
            }
            s += 1;
        }
    }

    /// Calls `f` on every live key and value (gc tracing).
    pub fn trace(&self, f: &mut impl FnMut(Obj)) {
        let kv = self.buf.get(..2 * self.len as usize).unwrap_or(&[]);
        for pair in kv.chunks_exact(2) {
            // Tombstones and unused places are NULL (nothing to trace).
            if pair[0] != 0 {
                f(Obj::from_raw(pair[0]));
                f(Obj::from_raw(pair[1]));
            }
        }
    }
}

/// A zeroed (all entries NULL) buffer of capacity `cap`, with an empty
/// index and its header if `cap` needs one.
fn new_buf(cap: usize) -> Box<[usize]> {
    let words = buf_words(cap);
    let mut v = alloc::vec::Vec::with_capacity(words);
    v.resize(words, 0usize);
    if cap > LINEAR_MAX {
        let base = cap / G * GW;
        for w in &mut v[base..words - HDR] {
            *w = usize::MAX;
        }
        v[words - HDR] = cap;
        v[words - HDR + 1] = base;
        v[words - HDR + 2] = index_slots(cap) - 1;
        v[words - 1] = 0;
    }
    v.into_boxed_slice()
}

/// Iterator over candidate positions (see [`Dict::candidates`]).
pub struct Candidates<'a> {
    dict: &'a Dict,
    hash: u32,
    /// Next position (linear scan) or probe slot (indexed).
    pos: usize,
    steps: usize,
    index: Option<(usize, usize)>,
    /// First word of the hashes.
    hbase: usize,
}

impl Iterator for Candidates<'_> {
    type Item = usize;
    #[inline]
    fn next(&mut self) -> Option<usize> {
        let d = self.dict;
        match self.index {
            None => {
                let len = d.len as usize;
                while self.pos < len {
                    let p = self.pos;
                    self.pos += 1;
                    if (d.word(self.hbase + p / G) >> shift(p)) as u32 == self.hash && !d.key_at(p).is_null() {
                        return Some(p);
                    }
                }
                None
            }
            Some((base, mask)) => {
                while self.steps <= mask {
                    let s = self.pos & mask;
                    self.pos = s + 1;
                    self.steps += 1;
                    let v = d.islot(base, s);
                    if v == EMPTY {
                        self.steps = mask + 1;
                        return None;
                    }
                    let p = v as usize;
                    if v != DELETED
                        && p < d.len as usize
                        && (d.word(self.hbase + p / G) >> shift(p)) as u32 == self.hash
                        && !d.key_at(p).is_null()
                    {
                        return Some(p);
                    }
                }
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

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

    #[test]
    fn small_tables_are_exact_and_compact() {
        let w = core::mem::size_of::<usize>();
        assert_eq!(core::mem::size_of::<Dict>(), 3 * w);
        let mut d = Dict::new();
        assert_eq!(d.heap_bytes(), 0);
        d.push(Obj::small_int(1), Obj::NONE, 1);
        d.push(Obj::small_int(2), Obj::NONE, 2);
        // Two entries: 2 keys + 2 values + 2 hashes (one word on 64-bit).
        assert_eq!(d.heap_bytes(), (4 + 2 / G) * w);
        assert!(d.push_growth() > 0);
        d.push(Obj::small_int(3), Obj::NONE, 3);
        assert_eq!(d.heap_bytes(), 4 / G * GW * w);
        assert_eq!(d.cap(), 4);
        let keys: Vec<isize> = d.iter().map(|e| e.key.as_small_int().unwrap()).collect();
        assert_eq!(keys, [1, 2, 3]);
        assert_eq!(d.entry(2).unwrap().hash, 3);
        assert_eq!(d.push_growth(), 0);
    }

    #[test]
    fn popitem_and_churn_stay_bounded() {
        // Pop the last entry and push a new one many times: the index must
        // neither fill up with DELETED slots nor lose entries.
        let mut d = Dict::new();
        for i in 0..40isize {
            d.push(Obj::small_int(i), Obj::NONE, i as u32);
        }
        let words = d.heap_bytes();
        for i in 40..10_000isize {
            let p = d.last_pos().unwrap();
            assert!(d.remove_at(p).is_some());
            d.push(Obj::small_int(i), Obj::NONE, (i * 7) as u32);
            assert!(d.find_identical(Obj::small_int(i), (i * 7) as u32).is_some());
            assert!(d.find_identical(Obj::small_int(i - 1), ((i - 1) * 7) as u32).is_none());
        }
        assert_eq!(d.len(), 40);
        assert_eq!(d.heap_bytes(), words);
        for i in 0..39isize {
            assert!(d.find_identical(Obj::small_int(i), i as u32).is_some());
        }
        // Deleting from the front and appending: compaction keeps it small.
        for i in 0..10_000isize {
            let (p, _) = d.next_at(0).unwrap();
            d.remove_at(p);
            d.push(Obj::small_int(100_000 + i), Obj::NONE, i as u32);
        }
        assert_eq!(d.len(), 40);
        assert!(d.heap_bytes() <= 2 * words);
    }

    #[test]
    fn presized_tables_work_in_both_modes() {
        for n in [1usize, 3, 8, 9, 20, 100] {
            let mut d = Dict::with_capacity(n);
            let bytes = d.heap_bytes();
            for i in 0..n as isize {
                assert_eq!(d.push_growth(), 0);
                d.push(Obj::small_int(i), Obj::small_int(-i), (i * 31) as u32);
            }
            assert_eq!(d.heap_bytes(), bytes, "no growth within the asked capacity");
            for i in 0..n as isize {
                let p = d.find_identical(Obj::small_int(i), (i * 31) as u32).unwrap();
                assert_eq!(d.entry(p).unwrap().value, Obj::small_int(-i));
                assert_eq!(d.candidates((i * 31) as u32).filter(|&q| q == p).count(), 1);
            }
            let mut d2 = d.clone();
            d2.push(Obj::small_int(-1), Obj::NONE, 7);
            assert_eq!(d2.len(), n + 1);
            assert_eq!(d.len(), n);
        }
    }

    #[test]
    fn colliding_hashes_all_found() {
        let mut d = Dict::new();
        for i in 0..50isize {
            d.push(Obj::small_int(i), Obj::small_int(-i), 5);
        }
        assert_eq!(d.candidates(5).count(), 50);
        assert_eq!(d.candidates(6).count(), 0);
        let p = d.find_identical(Obj::small_int(30), 5).unwrap();
        d.remove_at(p);
        assert_eq!(d.candidates(5).count(), 49);
        assert!(d.find_identical(Obj::small_int(30), 5).is_none());
        assert!(d.find_identical(Obj::small_int(49), 5).is_some());
    }
}
