//! `Map`: the insertion-ordered hash table behind dict, set, class,
//! instance, exception and module namespaces.
//!
//! Hashing and equality are the caller's: the table hands out candidate
//! positions (those whose stored hash matches, or every position of a
//! small table), so Python-level `__eq__` can run between probes (see
//! `Vm::dict_lookup`).
//!
//! # Layout
//! A `Map` is one [`GcVec<usize>`] (3 words), its buffer a single heap
//! allocation:
//!
//! * **Small** (room for at most [`LINEAR_MAX`] entries, capacity of at
//!   most `2 * LINEAR_MAX` words): just the `key value` word pairs, in
//!   insertion order, no hashes, no deleted places (removal shifts the
//!   rest down). The vector's length is the number of words in use.
//!   Lookups scan linearly: identical keys match at once, and the caller's
//!   equality runs only where identity cannot decide. A dict or instance
//!   with 2 entries costs one 4-word block for its table, as on
//!   MicroPython.
//! * **Indexed** (more entries): a 4-word header `[capacity, live,
//!   index slots used, index slots - 1]`, then `capacity` pairs (a deleted entry keeps
//!   its place with NULL key and value until the next resize), then the
//!   32-bit hashes packed `G` per word, then an open-addressing index of
//!   `u32` positions (`2 * capacity` slots, a power of two, linear
//!   probing, [`DELETED`] markers). The vector's length is the header plus
//!   the words of the places used so far.
//!
//! Growing needs the heap (and, from small to indexed, the keys' hashes),
//! so it is done by `Vm::map_reserve`: [`Map::is_full`], then
//! [`Map::grow_words`], then [`Map::rebuild_into`] a new buffer.

use crate::heap::GcVec;
use crate::obj::Obj;

/// Most entries of a small (unindexed) table.
pub const LINEAR_MAX: usize = 8;
/// Most words of a small table's buffer.
const SMALL_WORDS: usize = 2 * LINEAR_MAX;
/// 32-bit hashes (or index slots) per word.
const G: usize = core::mem::size_of::<usize>() / 4;
/// Header words of an indexed table.
const HDR: usize = 4;
/// Index slot never used (ends a probe).
const EMPTY: u32 = u32::MAX;
/// Index slot whose entry was removed (a probe goes on past it).
pub const DELETED: u32 = u32::MAX - 1;

/// How a table key compares with a probe key (see [`Map::find_decided`]).
#[cfg(not(target_os = "none"))]
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    /// Equal.
    Equal,
    /// Not equal.
    Differ,
    /// Only the general comparison (which may run code) can tell.
    Unknown,
}

/// One key/value pair. A NULL key marks a deleted entry.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    /// The key (NULL once deleted).
    pub key: Obj,
    /// The value (sets store `Obj::NONE`... or anything; unused).
    pub value: Obj,
}

/// An insertion-ordered hash table of `Obj` pairs (see the module docs).
#[repr(C)]
#[derive(Default)]
pub struct Map {
    t: GcVec<usize>,
}

/// First index slot of the probe sequence for `hash` (before masking).
/// Desktop builds scatter the hash (small ints hash to themselves, so
/// sets of nearby ints would otherwise form one long probe run).
#[inline(always)]
fn start_slot(hash: u32) -> usize {
    #[cfg(not(target_os = "none"))]
    return (hash.wrapping_mul(0x9e37_79b9) ^ (hash >> 16)) as usize;
    #[cfg(target_os = "none")]
    return hash as usize;
}

/// Bit shift of the 32-bit slot `p` within its word.
#[inline(always)]
fn shift(p: usize) -> usize {
    (p % G) * 32
}

/// Index slots for an indexed table of capacity `cap`.
fn index_slots(cap: usize) -> usize {
    (2 * cap).next_power_of_two().max(2 * G)
}

/// Words of an indexed table of capacity `cap`.
fn indexed_words(cap: usize) -> usize {
    HDR + 2 * cap + cap.div_ceil(G) + index_slots(cap) / G
}

impl Map {
    /// An empty table (allocates nothing).
    pub const fn new() -> Map {
        Map { t: GcVec::new() }
    }

    /// Is the table small (no hashes, no index; see the module docs)?
    /// Desktop fast paths scan these without hashing the key.
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    pub fn is_small(&self) -> bool {
        self.small()
    }

    /// Is the buffer small (no header, no index)?
    #[inline(always)]
    fn small(&self) -> bool {
        self.t.capacity() <= SMALL_WORDS
    }

    /// Word `i` of the whole buffer (the vector's length counts only the
    /// places in use; an indexed table's hashes and index lie past it).
    /// Positions are derived from the layout; an out-of-range read (a bug)
    /// yields 0 (NULL) rather than a panic.
    #[inline(always)]
    fn w(&self, i: usize) -> usize {
        self.t.full_slice().get(i).copied().unwrap_or(0)
    }

    #[inline(always)]
    fn set_w(&mut self, i: usize, v: usize) {
        if let Some(x) = self.t.full_slice_mut().get_mut(i) {
            *x = v;
        }
    }

    /// Entry capacity.
    #[inline]
    pub fn capacity(&self) -> usize {
        if self.small() {
            self.t.capacity() / 2
        } else {
            self.w(0)
        }
    }

    /// Number of live entries.
    #[inline]
    pub fn len(&self) -> usize {
        if self.small() {
            self.t.len() / 2
        } else {
            self.w(1)
        }
    }

    /// Is it empty?
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Word offset of the pairs.
    #[inline(always)]
    fn kv_off(&self) -> usize {
        if self.small() {
            0
        } else {
            HDR
        }
    }

    /// Upper bound on positions (places used, deleted ones included).
    #[cfg_attr(not(target_os = "none"), inline(always))]
    #[cfg_attr(target_os = "none", inline)]
    pub fn end_pos(&self) -> usize {
        (self.t.len() - self.kv_off()) / 2
    }

    /// Bytes of the table's buffer (for `sys.getsizeof`-style reports).
    pub fn heap_bytes(&self) -> usize {
        self.t.capacity() * core::mem::size_of::<usize>()
    }

    /// Address of the table's buffer (0 when it has none): the start of its
    /// own allocation, or a place inside the object holding the table (a
    /// new instance's first buffer).
    pub fn buffer_addr(&self) -> usize {
        self.t.addr()
    }

    #[inline(always)]
    fn key_at(&self, p: usize) -> Obj {
        Obj::from_raw(self.w(self.kv_off() + 2 * p))
    }

    /// The entry at `pos` (a position from [`Map::candidates`] or
    /// [`Map::next_at`]); a deleted entry has a NULL key.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    #[cfg_attr(target_os = "none", inline)]
    pub fn entry(&self, pos: usize) -> Option<Entry> {
        if pos >= self.end_pos() {
            return None;
        }
        let k = self.kv_off() + 2 * pos;
        Some(Entry { key: Obj::from_raw(self.w(k)), value: Obj::from_raw(self.w(k + 1)) })
    }

    /// The value at `pos` if the key there is `key` (desktop inline
    /// caches: one bounds check against the places in use).
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    pub fn value_if_key(&self, pos: usize, key: Obj) -> Option<Obj> {
        // (Positions fit in a `u32`, so `k + 1` cannot overflow and one
        // bounds check covers both words; a truncated one would only miss,
        // as the key is checked.)
        let k = self.kv_off() + 2 * (pos as u32 as usize);
        let kv = self.t.as_slice();
        if k + 1 < kv.len() && kv[k] == key.raw() {
            return Some(Obj::from_raw(kv[k + 1]));
        }
        None
    }

    /// Replaces the value at `pos` if the key there is `key` (desktop
    /// inline caches); false if it is not.
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    pub fn set_value_if_key(&mut self, pos: usize, key: Obj, value: Obj) -> bool {
        // (As in `value_if_key`.)
        let k = self.kv_off() + 2 * (pos as u32 as usize);
        let kv = self.t.as_mut_slice();
        if k + 1 < kv.len() && kv[k] == key.raw() {
            kv[k + 1] = value.raw();
            return true;
        }
        false
    }

    /// Replaces the value at `pos` if the key there is `key`, else (if
    /// `append`) appends `key: value` as entry `pos` of a small table as
    /// [`Map::push_small_at`] does; false, changing nothing, otherwise
    /// (desktop inline caches: a store into an instance's table at the
    /// position an instruction remembers, one look at the table's size).
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    pub fn set_or_push_small_at(&mut self, pos: usize, key: Obj, value: Obj, append: bool) -> bool {
        let cap = self.t.capacity();
        if cap > SMALL_WORDS {
            return self.set_value_if_key(pos, key, value);
        }
        // (As in `value_if_key`.)
        let k = 2 * (pos as u32 as usize);
        let kv = self.t.as_mut_slice();
        if k + 1 < kv.len() {
            if kv[k] == key.raw() {
                kv[k + 1] = value.raw();
                return true;
            }
            return false;
        }
        if !append || kv.len() != k || k + 2 > cap {
            return false;
        }
        self.push_new_small(key, value)
    }

    /// Appends `key: value` to a small table with room for one more entry
    /// unless a key there is identical to `key` (then false, changing
    /// nothing): the shared tail of the desktop caches' appends.
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    fn push_new_small(&mut self, key: Obj, value: Obj) -> bool {
        let kv = self.t.as_slice();
        let mut i = 0;
        while i < kv.len() {
            if kv[i] == key.raw() {
                return false;
            }
            i += 2;
        }
        let _ = self.t.push_within_capacity(key.raw());
        let _ = self.t.push_within_capacity(value.raw());
        true
    }

    /// Appends `key: value` as entry `pos` of a small table with room for
    /// it if `pos` is where the next entry goes and no key is identical to
    /// `key` (desktop inline caches: a new attribute of an instance);
    /// false, changing nothing, otherwise.
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    pub fn push_small_at(&mut self, pos: usize, key: Obj, value: Obj) -> bool {
        let cap = self.t.capacity();
        let kv = self.t.as_slice();
        if cap > SMALL_WORDS || kv.len() != 2 * pos || kv.len() + 2 > cap {
            return false;
        }
        self.push_new_small(key, value)
    }

    /// Desktop `table[key] = value` for a small table and a key that is a
    /// small int or a qstr, decided by identity: `Some(false)` replaced the
    /// value of the identical key, `Some(true)` appended the entry (no key
    /// was identical and every key is a small int or a qstr, which equal
    /// such a key only when identical); None, changing nothing, when
    /// another kind of key could equal it, the table is full or indexed.
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    pub fn store_small_simple(&mut self, key: Obj, value: Obj) -> Option<bool> {
        let cap = self.t.capacity();
        if cap > SMALL_WORDS {
            return None;
        }
        let kr = key.raw();
        let kv = self.t.as_mut_slice();
        let mut i = 0;
        while let Some(pair) = kv.get_mut(i..i + 2) {
            if pair[0] == kr {
                pair[1] = value.raw();
                return Some(false);
            }
            let k = Obj::from_raw(pair[0]);
            if !(k.is_small_int() || k.as_qstr().is_some()) {
                return None;
            }
            i += 2;
        }
        if kv.len() + 2 > cap {
            return None;
        }
        let _ = self.t.push_within_capacity(kr);
        let _ = self.t.push_within_capacity(value.raw());
        Some(true)
    }

    /// The stored hash of position `pos` (None in a small table).
    #[inline]
    pub fn hash_at(&self, pos: usize) -> Option<u32> {
        if self.small() {
            return None;
        }
        let cap = self.w(0);
        Some((self.w(HDR + 2 * cap + pos / G) >> shift(pos)) as u32)
    }

    /// Replaces the value at `pos`.
    #[inline]
    pub fn set_value(&mut self, pos: usize, value: Obj) {
        if pos < self.end_pos() && !self.key_at(pos).is_null() {
            let k = self.kv_off() + 2 * pos + 1;
            self.set_w(k, value.raw());
        }
    }

    /// Finds a key by identity (for keys whose equality is identity, such as
    /// qstrs and small ints, this decides the lookup).
    #[cfg_attr(not(target_os = "none"), inline(always))]
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn find_identical(&self, key: Obj, hash: u32) -> Option<usize> {
        let k = key.raw();
        if k == 0 {
            return None;
        }
        if self.small() {
            let kv = self.t.as_slice();
            let mut i = 0;
            while i < kv.len() {
                if kv[i] == k {
                    return Some(i / 2);
                }
                i += 2;
            }
            return None;
        }
        let mut c = self.candidates(hash);
        while let Some((p, e)) = c.next_key() {
            if e == key {
                return Some(p);
            }
        }
        None
    }

    /// The position of the key equal to `key` (hash `hash`), each
    /// candidate other than `key` itself decided by `cmp` without running
    /// code: `Ok(None)` when absent, `Err(())` as soon as `cmp` cannot
    /// decide one (the caller then takes the general path, which compares
    /// in the same order). Candidates are every key of a small table, in
    /// order, and the keys of an indexed table whose stored hash is
    /// `hash`. Desktop builds (the dict fast paths).
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    pub fn find_decided(&self, key: Obj, hash: u32, mut cmp: impl FnMut(Obj) -> Cmp) -> Result<Option<usize>, ()> {
        let kr = key.raw();
        // Candidate key `k`: Some(answer) when it decides, None to go on.
        let mut decide = |k: usize, p: usize| -> Option<Result<Option<usize>, ()>> {
            if k == kr {
                return Some(Ok(Some(p)));
            }
            match cmp(Obj::from_raw(k)) {
                Cmp::Differ => None,
                Cmp::Equal => Some(Ok(Some(p))),
                Cmp::Unknown => Some(Err(())),
            }
        };
        if self.small() {
            for (p, pair) in self.t.as_slice().chunks_exact(2).enumerate() {
                if let Some(r) = decide(pair[0], p) {
                    return r;
                }
            }
            return Ok(None);
        }
        let t = self.t.full_slice();
        let (Some(&cap), Some(&mask)) = (t.first(), t.get(3)) else { return Err(()) };
        let hbase = HDR + 2 * cap;
        let ibase = hbase + cap.div_ceil(G);
        let mut s = start_slot(hash);
        for _ in 0..=mask {
            s &= mask;
            let Some(&w) = t.get(ibase + s / G) else { return Err(()) };
            let v = (w >> shift(s)) as u32;
            if v == EMPTY {
                return Ok(None);
            }
            let p = v as usize;
            if v != DELETED && t.get(hbase + p / G).is_some_and(|&hw| (hw >> shift(p)) as u32 == hash) {
                let Some(&k) = t.get(HDR + 2 * p) else { return Err(()) };
                if let Some(r) = decide(k, p) {
                    return r;
                }
            }
            s += 1;
        }
        Ok(None)
    }

    /// Positions whose key may equal a key with hash `hash`: every
    /// position of a small table, the index's matches otherwise. The
    /// caller compares keys; positions stay valid until the next mutation.
    #[inline]
    pub fn candidates(&self, hash: u32) -> Candidates<'_> {
        let t = self.t.full_slice();
        if self.small() {
            return Candidates { t, hash, s: 0, left: self.t.len() / 2, mask: 0, hbase: 0, ibase: 0, indexed: false };
        }
        let cap = t.first().copied().unwrap_or(0);
        let mask = t.get(3).copied().unwrap_or(0);
        let hbase = HDR + 2 * cap;
        let ibase = hbase + cap.div_ceil(G);
        Candidates { t, hash, s: start_slot(hash), left: mask + 1, mask, hbase, ibase, indexed: true }
    }

    /// [`Map::candidates`] going on from `at` ([`Candidates::at`] of an
    /// earlier walk with the same hash), or from the start for None.
    #[inline]
    pub fn candidates_at(&self, hash: u32, at: Option<(usize, usize)>) -> Candidates<'_> {
        let mut c = self.candidates(hash);
        if let Some((s, left)) = at {
            c.s = s;
            c.left = left;
        }
        c
    }

    #[inline(always)]
    fn index_base(&self) -> (usize, usize) {
        let cap = self.w(0);
        (HDR + 2 * cap + cap.div_ceil(G), self.w(3))
    }

    #[inline(always)]
    fn islot(&self, base: usize, s: usize) -> u32 {
        (self.w(base + s / G) >> shift(s)) as u32
    }

    fn set_islot(&mut self, base: usize, s: usize, v: u32) {
        let i = base + s / G;
        let w = self.w(i);
        let sh = shift(s);
        self.set_w(i, (w & !((u32::MAX as usize) << sh)) | ((v as usize) << sh));
    }

    /// Is there no room for one more entry (grow with `Vm::map_reserve`)?
    #[inline]
    pub fn is_full(&self) -> bool {
        if self.small() {
            self.t.len() + 2 > self.t.capacity()
        } else {
            self.end_pos() >= self.w(0)
        }
    }

    /// The capacity (entries) and buffer words the table moves to when
    /// it grows by `extra` entries: doubling, or the same capacity when at
    /// least half the places are deleted (compaction).
    pub fn grow_words(&self, extra: usize) -> (usize, usize) {
        let live = self.len();
        let cap = self.capacity();
        let need = live.saturating_add(extra);
        let mut new = if !self.small() && live * 2 <= cap && need <= cap { cap } else { cap.max(1) * 2 };
        while new < need {
            new = new.saturating_mul(2);
        }
        if new <= LINEAR_MAX {
            (new, 2 * new)
        } else {
            (new, indexed_words(new))
        }
    }

    /// Does moving to capacity `cap` need the hashes of the current keys
    /// (a small table becoming indexed)?
    pub fn needs_hashes(&self, cap: usize) -> bool {
        self.small() && cap > LINEAR_MAX
    }

    /// Moves the live entries, in order, into `new` (an empty vector with
    /// room for at least the words [`Map::grow_words`] gave for `cap`) and
    /// returns the old buffer. `small_hashes[i]` is the hash of the `i`-th
    /// entry of a small table (needed when [`Map::needs_hashes`]). If `new`
    /// is too small, nothing changes and it is handed back.
    pub fn rebuild_into(&mut self, mut new: GcVec<usize>, cap: usize, small_hashes: &[u32]) -> GcVec<usize> {
        let live = self.len();
        if cap < live || (cap > LINEAR_MAX && new.capacity() < indexed_words(cap)) || new.capacity() < 2 * cap {
            return new;
        }
        new.clear();
        if cap <= LINEAR_MAX && new.capacity() <= SMALL_WORDS {
            let mut p = 0;
            while let Some((q, e)) = self.next_at(p) {
                let _ = new.push_within_capacity(e.key.raw());
                let _ = new.push_within_capacity(e.value.raw());
                p = q + 1;
            }
            return core::mem::replace(&mut self.t, new);
        }
        // Indexed: header, then places; the hashes and index words follow.
        let words = indexed_words(cap);
        if !new.resize_within_capacity(words, 0) {
            return new;
        }
        let old = core::mem::replace(&mut self.t, new);
        let old_map = Map { t: old };
        {
            let t = self.t.as_mut_slice();
            t[0] = cap;
            t[1] = 0;
            t[2] = 0;
            t[3] = index_slots(cap) - 1;
        }
        let (base, _) = self.index_base();
        for i in base..words {
            self.set_w(i, usize::MAX);
        }
        // The vector's length = header + pairs used.
        self.t.truncate(HDR);
        let mut p = 0;
        let mut n = 0;
        while let Some((q, e)) = old_map.next_at(p) {
            let h = old_map.hash_at(q).or_else(|| small_hashes.get(n).copied()).unwrap_or(0);
            self.push_indexed(e.key, e.value, h);
            n += 1;
            p = q + 1;
        }
        old_map.t
    }

    /// Appends a new entry if there is room (the caller has checked the
    /// key is absent); false if full. A small table ignores `hash`.
    pub fn push_within_capacity(&mut self, key: Obj, value: Obj, hash: u32) -> bool {
        if self.is_full() {
            return false;
        }
        if self.small() {
            let _ = self.t.push_within_capacity(key.raw());
            let _ = self.t.push_within_capacity(value.raw());
            return true;
        }
        self.push_indexed(key, value, hash);
        true
    }

    fn push_indexed(&mut self, key: Obj, value: Obj, hash: u32) {
        let p = self.end_pos();
        let cap = self.w(0);
        if p >= cap {
            return;
        }
        let _ = self.t.push_within_capacity(key.raw());
        let _ = self.t.push_within_capacity(value.raw());
        let hw = HDR + 2 * cap + p / G;
        let old = self.w(hw);
        let sh = shift(p);
        self.set_w(hw, (old & !((u32::MAX as usize) << sh)) | ((hash as usize) << sh));
        let live = self.w(1);
        self.set_w(1, live + 1);
        self.index_insert(p, hash);
    }

    fn index_insert(&mut self, p: usize, hash: u32) {
        let (base, mask) = self.index_base();
        let used = self.w(2);
        if (used + 1) * 4 > (mask + 1) * 3 {
            self.rebuild_index();
            return;
        }
        self.index_put(base, mask, p, hash);
    }

    /// Puts position `p` in the first free (EMPTY or DELETED) slot of its
    /// probe sequence.
    fn index_put(&mut self, base: usize, mask: usize, p: usize, hash: u32) {
        let mut s = start_slot(hash);
        for _ in 0..=mask {
            s &= mask;
            let v = self.islot(base, s);
            if v == EMPTY || v == DELETED {
                if v == EMPTY {
                    let u = self.w(2);
                    self.set_w(2, u + 1);
                }
                self.set_islot(base, s, p as u32);
                return;
            }
            s += 1;
        }
    }

    /// After slot `s` became DELETED: when the slot after it is EMPTY, no
    /// probe sequence needs to go through `s` (probes are contiguous and
    /// stop at the first EMPTY slot), so it and the DELETED slots right
    /// before it become EMPTY again. Keeps tables that keep gaining and
    /// losing keys (sets used as stacks) from filling up with tombstones
    /// that every miss would probe through. Desktop only.
    #[cfg(not(target_os = "none"))]
    fn drop_tombstones(&mut self, base: usize, mask: usize, mut s: usize) {
        if self.islot(base, (s + 1) & mask) != EMPTY {
            return;
        }
        let mut freed = 0;
        for _ in 0..=mask {
            if self.islot(base, s) != DELETED {
                break;
            }
            self.set_islot(base, s, EMPTY);
            freed += 1;
            s = s.wrapping_sub(1) & mask;
        }
        let used = self.w(2);
        self.set_w(2, used.saturating_sub(freed));
    }

    fn rebuild_index(&mut self) {
        let (base, mask) = self.index_base();
        for i in base..base + (mask + 1) / G {
            self.set_w(i, usize::MAX);
        }
        self.set_w(2, 0);
        for p in 0..self.end_pos() {
            if !self.key_at(p).is_null() {
                let h = self.hash_at(p).unwrap_or(0);
                self.index_put(base, mask, p, h);
            }
        }
    }

    /// Removes the entry at `pos`, returning it. In a small table the
    /// later entries move down one place.
    pub fn remove_at(&mut self, pos: usize) -> Option<Entry> {
        let e = self.entry(pos)?;
        if e.key.is_null() {
            return None;
        }
        if self.small() {
            self.t.remove(2 * pos);
            self.t.remove(2 * pos);
            return Some(e);
        }
        let h = self.hash_at(pos).unwrap_or(0);
        let (base, mask) = self.index_base();
        let mut s = start_slot(h);
        for _ in 0..=mask {
            s &= mask;
            let v = self.islot(base, s);
            if v == EMPTY {
                break;
            }
            if v as usize == pos {
                self.set_islot(base, s, DELETED);
                #[cfg(not(target_os = "none"))]
                self.drop_tombstones(base, mask, s);
                break;
            }
            s += 1;
        }
        let k = HDR + 2 * pos;
        self.set_w(k, 0);
        self.set_w(k + 1, 0);
        let live = self.w(1);
        self.set_w(1, live - 1);
        // Trailing deletions simply shrink (keeps popitem O(1)); their
        // index slots are already DELETED.
        while self.end_pos() > 0 && self.key_at(self.end_pos() - 1).is_null() {
            let n = self.t.len();
            self.t.truncate(n - 2);
        }
        Some(e)
    }

    /// Removes every entry (drops the buffer; the collector reclaims it).
    pub fn clear(&mut self) {
        self.t = GcVec::new();
    }

    /// Takes the buffer out, leaving the table empty (to free it at once
    /// with `Heap::free_vec` when nothing else refers to it).
    pub fn take(&mut self) -> GcVec<usize> {
        core::mem::take(&mut self.t)
    }

    /// The first live entry at position `pos` or later, with its position:
    /// iteration that tolerates mutation (`while let Some((p, e)) =
    /// m.next_at(p) { ...; p += 1 }`).
    #[cfg_attr(not(target_os = "none"), inline)]
    pub fn next_at(&self, mut pos: usize) -> Option<(usize, Entry)> {
        #[cfg(target_os = "none")]
        {
            let end = self.end_pos();
            while pos < end {
                let e = self.entry(pos)?;
                if !e.key.is_null() {
                    return Some((pos, e));
                }
                pos += 1;
            }
            None
        }
        // Desktop: straight over the places in use (`2 * end_pos()` words
        // after the header).
        #[cfg(not(target_os = "none"))]
        let kv = self.t.as_slice().get(self.kv_off()..)?;
        #[cfg(not(target_os = "none"))]
        {
            while let Some(&[k, v]) = kv.get(2 * pos..2 * pos + 2) {
                if k != 0 {
                    return Some((pos, Entry { key: Obj::from_raw(k), value: Obj::from_raw(v) }));
                }
                pos += 1;
            }
            None
        }
    }

    /// The live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = Entry> + '_ {
        (0..self.end_pos()).filter_map(|p| self.entry(p)).filter(|e| !e.key.is_null())
    }

    /// The last live entry's position (for `popitem`).
    pub fn last_pos(&self) -> Option<usize> {
        (0..self.end_pos()).rev().find(|&p| !self.key_at(p).is_null())
    }
}

/// Candidate positions for a hash (see [`Map::candidates`]): the table's
/// words and where its parts start, read once.
pub struct Candidates<'a> {
    /// The table's whole buffer.
    t: &'a [usize],
    hash: u32,
    /// Next position (small) or index slot (indexed).
    s: usize,
    /// Positions (small) or probe steps (indexed) left.
    left: usize,
    /// Index slots - 1.
    mask: usize,
    /// Word offset of the stored hashes.
    hbase: usize,
    /// Word offset of the index.
    ibase: usize,
    indexed: bool,
}

impl Candidates<'_> {
    /// Where the walk stands, for [`Map::candidates_at`] to go on from
    /// (after the table may have changed: every read stays checked).
    #[inline]
    pub fn at(&self) -> (usize, usize) {
        (self.s, self.left)
    }

    /// The next candidate position.
    #[inline]
    pub fn next_pos(&mut self) -> Option<usize> {
        self.next_key().map(|(p, _)| p)
    }

    /// The next candidate position and its key (NULL for a deleted
    /// place).
    #[inline]
    pub fn next_key(&mut self) -> Option<(usize, Obj)> {
        if !self.indexed {
            if self.left == 0 {
                return None;
            }
            self.left -= 1;
            let p = self.s;
            self.s += 1;
            return Some((p, Obj::from_raw(self.t.get(2 * p).copied().unwrap_or(0))));
        }
        while self.left > 0 {
            self.left -= 1;
            let s = self.s & self.mask;
            self.s = s + 1;
            let v = (self.t.get(self.ibase + s / G).copied().unwrap_or(usize::MAX) >> shift(s)) as u32;
            if v == EMPTY {
                self.left = 0;
                return None;
            }
            if v == DELETED {
                continue;
            }
            let p = v as usize;
            let h = (self.t.get(self.hbase + p / G).copied().unwrap_or(0) >> shift(p)) as u32;
            if h == self.hash {
                return Some((p, Obj::from_raw(self.t.get(HDR + 2 * p).copied().unwrap_or(0))));
            }
        }
        None
    }
}

impl Iterator for Candidates<'_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        self.next_pos()
    }
}

impl Map {
    /// Words of the table's buffer (the capacity [`Map::copy_from`] needs).
    /// (added by containers)
    #[inline]
    pub fn buffer_words(&self) -> usize {
        self.t.capacity()
    }

    /// An empty small table whose buffer is `new` (an empty vector from
    /// `Vm::new_vec`; entry capacity = half its words); `new` is handed
    /// back if it is not empty or too large for a small table.
    pub fn small_from(new: GcVec<usize>) -> Result<Map, GcVec<usize>> {
        if !new.is_empty() || new.capacity() > SMALL_WORDS {
            return Err(new);
        }
        Ok(Map { t: new })
    }

    /// An empty small table over `new` ([`Map::small_from`]) if it has a
    /// buffer that fits, else `or`.
    pub fn small_in(new: GcVec<usize>, or: Map) -> Map {
        match Map::small_from(new) {
            Ok(m) if m.t.capacity() > 0 => m,
            _ => or,
        }
    }

    /// A copy of `src` (same entries, order, capacity and layout) in `new`,
    /// an empty vector of exactly [`Map::buffer_words`] capacity (from
    /// `Vm::new_vec`); `new` is handed back if its capacity differs.
    /// (added by containers)
    pub fn copy_from(src: &Map, mut new: GcVec<usize>) -> Result<Map, GcVec<usize>> {
        if new.capacity() != src.t.capacity() {
            return Err(new);
        }
        let words = src.t.full_slice();
        if !new.resize_within_capacity(words.len(), 0) {
            return Err(new);
        }
        new.as_mut_slice().copy_from_slice(words);
        new.truncate(src.t.len());
        Ok(Map { t: new })
    }

    /// Makes room in a full indexed table without allocating: moves the
    /// live entries down over deleted places (keeping their order), clears
    /// the freed places and rebuilds the index (MicroPython reuses deleted
    /// slots the same way instead of growing). Small tables have no
    /// deleted places: nothing changes. (added by containers)
    pub fn compact_in_place(&mut self) {
        if self.small() {
            return;
        }
        let end = self.end_pos();
        let cap = self.w(0);
        let hashes = HDR + 2 * cap;
        let mut j = 0;
        for p in 0..end {
            let k = self.key_at(p);
            if k.is_null() {
                continue;
            }
            if j != p {
                let v = self.w(HDR + 2 * p + 1);
                let h = self.hash_at(p).unwrap_or(0);
                self.set_w(HDR + 2 * j, k.raw());
                self.set_w(HDR + 2 * j + 1, v);
                let hw = hashes + j / G;
                let old = self.w(hw);
                let sh = shift(j);
                self.set_w(hw, (old & !((u32::MAX as usize) << sh)) | ((h as usize) << sh));
            }
            j += 1;
        }
        for i in HDR + 2 * j..HDR + 2 * end {
            self.set_w(i, 0);
        }
        self.t.truncate(HDR + 2 * j);
        self.rebuild_index();
    }
}

#[cfg(test)]
#[path = "map_tests.rs"]
mod tests;
