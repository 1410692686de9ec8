//! qstr: interned strings compared by index.
//!
//! Ids below [`N_STATIC`] are the built-in qstrs, generated at build time
//! (see `build.rs`) from every `q::NAME` the compiled sources use, plus
//! MicroPython's static qstrs and every one-character ASCII string (ids
//! `0..128`, id = character code); they live in read-only memory, the
//! others grouped by hash bucket. Later ids are interned at run time into
//! a [`QstrPool`] and never freed, as in MicroPython.
//!
//! A text has at most one qstr (static or dynamic), so two different qstr
//! ids always mean two different texts.
//!
//! Lookup by text costs one [`hash_bytes`] (which callers creating a heap
//! str reuse as the str's hash, see [`QstrPool::lookup_hashed`]), a scan
//! of one bucket of the static table and a probe of the run-time index;
//! each compares texts only when the stored hash matches.
//!
//! On 32-bit targets (the boards) hashes are 16 bits wide (FNV-1a folded,
//! as MicroPython's 2-byte qstr hashes) and the static texts are one
//! string with 2-byte offsets: 4 bytes of table per qstr instead of 12.

use crate::heap::{GcVec, Heap};
use crate::obj::Obj;

include!(concat!(env!("OUT_DIR"), "/qstr_gen.rs"));

/// An interned string: an index into the static table or the run-time pool.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Qstr(pub u32);

/// Built-in qstrs before the named ones: the one-character ASCII strings.
const N_ASCII: usize = 128;

/// FNV-1a over the UTF-8 bytes: the hash of every `str` (qstr or heap);
/// folded to 16 bits on 32-bit targets.
#[inline]
pub fn hash_bytes(s: &[u8]) -> u32 {
    const P: u32 = 0x0100_0193;
    let mut h: u32 = 0x811c_9dc5;
    // Desktop: four bytes a step, the last 0-3 unrolled (the same hash,
    // fewer loop tests).
    #[cfg(not(target_os = "none"))]
    let s: &[u8] = {
        let mut s = s;
        while let Some((q, rest)) = s.split_first_chunk::<4>() {
            for &b in q {
                h = (h ^ b as u32).wrapping_mul(P);
            }
            s = rest;
        }
        if let Some(&b) = s.first() {
            h = (h ^ b as u32).wrapping_mul(P);
            if let Some(&b) = s.get(1) {
                h = (h ^ b as u32).wrapping_mul(P);
                if let Some(&b) = s.get(2) {
                    h = (h ^ b as u32).wrapping_mul(P);
                }
            }
        }
        &[]
    };
    for &b in s {
        h ^= b as u32;
        h = h.wrapping_mul(P);
    }
    fold(h)
}

/// `a == b` for texts (qstr and str lookups, key compares). Desktop:
/// texts of up to 32 bytes compared by overlapping word loads,
/// without a `memcmp` call (most keys and words are that short).
#[inline(always)]
pub fn text_eq(a: &[u8], b: &[u8]) -> bool {
    #[cfg(not(target_os = "none"))]
    {
        let n = a.len();
        if n != b.len() {
            return false;
        }
        // The word at byte `i` (within the texts: `i + 8 <= n`).
        let w = |s: &[u8], i: usize| s.get(i..).and_then(|r| r.first_chunk::<8>()).map(|x| u64::from_ne_bytes(*x));
        if n <= 32 && n >= 8 {
            // Words at 0 and n - 8, and for longer texts at 8 and n - 16:
            // together they cover every byte.
            let ends = w(a, 0) == w(b, 0) && w(a, n - 8) == w(b, n - 8);
            return ends && (n <= 16 || (w(a, 8) == w(b, 8) && w(a, n - 16) == w(b, n - 16)));
        }
        if n < 8 {
            if n >= 4 {
                return a.first_chunk::<4>().map(|x| u32::from_ne_bytes(*x)) == b.first_chunk::<4>().map(|x| u32::from_ne_bytes(*x))
                    && a.last_chunk::<4>().map(|x| u32::from_ne_bytes(*x)) == b.last_chunk::<4>().map(|x| u32::from_ne_bytes(*x));
            }
            let mut same = true;
            for (x, y) in a.iter().zip(b) {
                same &= x == y;
            }
            return same;
        }
    }
    a == b
}

/// The stored width of a hash: 16 bits on 32-bit targets.
#[inline(always)]
fn fold(h: u32) -> u32 {
    if cfg!(target_pointer_width = "32") {
        (h ^ (h >> 16)) & 0xffff
    } else {
        h
    }
}

/// Slot of hash `h` in an open-addressing index of `mask + 1` slots (also
/// the static table's bucket, as `build.rs` computes it).
#[inline]
fn slot_of(h: u32, mask: usize) -> usize {
    ((h ^ (h >> 15)) as usize) & mask
}

/// The built-in qstr of the one-character ASCII string `b` (`b < 0x80`;
/// other bytes give None).
#[inline]
pub fn ascii_char(b: u8) -> Option<Qstr> {
    (b < 0x80).then_some(Qstr(b as u32))
}

/// One-character ASCII texts: `ASCII_TEXT[b..b + 1]` is the string of `b`.
#[cfg(target_pointer_width = "32")]
static ASCII_TEXT: &str = "\0\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\x7f";

/// The text of built-in qstr `i` (`i < N_STATIC`; empty otherwise). The
/// boards keep a byte per length and every 16th start: the start is that
/// checkpoint plus the lengths before `i` in its group.
#[cfg(target_os = "none")]
pub fn static_str(i: usize) -> &'static str {
    let t = if i < N_ASCII {
        ASCII_TEXT.get(i..i + 1)
    } else {
        let j = i - N_ASCII;
        let lens = STATIC_LENS.get(j & !15..=j).unwrap_or(&[]);
        match (STATIC_STARTS.get(j / 16), lens.split_last()) {
            (Some(&s), Some((&n, before))) => {
                let mut a = usize::from(s);
                for &l in before {
                    a += usize::from(l);
                }
                STATIC_TEXT.get(a..a + usize::from(n))
            }
            _ => None,
        }
    };
    t.unwrap_or("")
}

/// The text of built-in qstr `i` (`i < N_STATIC`; empty otherwise).
#[cfg(all(target_pointer_width = "32", not(target_os = "none")))]
#[inline]
pub fn static_str(i: usize) -> &'static str {
    let t = if i < N_ASCII {
        ASCII_TEXT.get(i..i + 1)
    } else {
        let j = i - N_ASCII;
        match (STATIC_ENDS.get(j), STATIC_ENDS.get(j + 1)) {
            (Some(&a), Some(&b)) => STATIC_TEXT.get(usize::from(a)..usize::from(b)),
            _ => None,
        }
    };
    t.unwrap_or("")
}

/// The text of built-in qstr `i` (`i < N_STATIC`; empty otherwise).
#[cfg(not(target_pointer_width = "32"))]
#[inline]
pub fn static_str(i: usize) -> &'static str {
    STATIC_STRS.get(i).copied().unwrap_or("")
}

/// The hash of built-in qstr `i` (`i < N_STATIC`): on the boards computed
/// from the text (no 2-byte table entry per qstr; a few cycles per byte).
#[cfg(target_os = "none")]
fn static_hash(i: usize) -> u32 {
    hash_bytes(static_str(i).as_bytes())
}

/// The hash of built-in qstr `i` (`i < N_STATIC`).
#[cfg(all(target_pointer_width = "32", not(target_os = "none")))]
#[inline]
fn static_hash(i: usize) -> u32 {
    match i.checked_sub(N_ASCII) {
        None => fold((0x811c_9dc5 ^ i as u32).wrapping_mul(0x0100_0193)),
        Some(j) => STATIC_HASHES.get(j).map_or(0, |&h| u32::from(h)),
    }
}

/// The hash of built-in qstr `i` (`i < N_STATIC`).
#[cfg(not(target_pointer_width = "32"))]
#[inline]
fn static_hash(i: usize) -> u32 {
    STATIC_HASHES.get(i).copied().unwrap_or(0)
}

/// The built-in qstr of MicroPython's static qstr `id` (1..=165, the ids
/// `.mpy` files use; see `mpy_bytecode::static_qstr`), None for others.
pub fn mpy_static(id: u16) -> Option<Qstr> {
    MPY_STATIC.get(usize::from(id).checked_sub(1)?).map(|&q| Qstr(u32::from(q)))
}

/// Finds a built-in qstr by text whose [`hash_bytes`] is `h`.
#[inline]
fn find_static_hashed(s: &str, h: u32) -> Option<Qstr> {
    if let [c] = s.as_bytes() {
        return ascii_char(*c);
    }
    let b = slot_of(h, STATIC_BUCKETS.len() - 2);
    let lo = usize::from(*STATIC_BUCKETS.get(b)?);
    let hi = usize::from(*STATIC_BUCKETS.get(b + 1)?);
    // (The boards keep no hash table: texts are compared directly.)
    (N_ASCII + lo..N_ASCII + hi)
        .find(|&i| (cfg!(target_os = "none") || static_hash(i) == h) && static_str(i) == s)
        .map(|i| Qstr(i as u32))
}

/// Finds a built-in qstr by text.
pub fn find_static(s: &str) -> Option<Qstr> {
    find_static_hashed(s, hash_bytes(s.as_bytes()))
}

/// Marks an empty slot of the run-time index.
const EMPTY: u32 = u32::MAX;

/// `u32`s per slot of the run-time index: the position in `strs`, and on
/// the desktop also the entry's hash, so a probe passes other entries
/// without reading their text objects.
#[cfg(not(target_os = "none"))]
const SLOT: usize = 2;
/// `u32`s per slot of the run-time index: the position in `strs`.
#[cfg(target_os = "none")]
const SLOT: usize = 1;

/// Words of a [`Filter`] (8192 bits).
#[cfg(not(target_os = "none"))]
const FILTER_WORDS: usize = 128;

/// The word and bit of hash `h` in a [`Filter`] (Fibonacci hashing: every
/// bit of `h` counts, also the 16-bit hashes of 32-bit builds).
#[cfg(not(target_os = "none"))]
#[inline(always)]
const fn filter_bit(h: u32) -> (usize, u64) {
    let x = h.wrapping_mul(0x9e37_79b1) >> (32 - 13);
    ((x >> 6) as usize, 1 << (x & 63))
}

/// Desktop: a one-bit-per-hash filter of qstr hashes ([`STATIC_FILTER`]
/// for the named built-ins, one in the pool for the run-time qstrs; the
/// one-character ones are found by their byte), so most lookups of texts
/// that are no qstr (numbers, run-time words: most strs a program makes)
/// end after two loads instead of a bucket scan and an index probe, and a
/// run-time qstr's skips the built-in bucket.
#[cfg(not(target_os = "none"))]
pub(crate) struct Filter([u64; FILTER_WORDS]);

/// The [`Filter`] of the named built-in qstrs, made at compile time.
#[cfg(not(target_os = "none"))]
static STATIC_FILTER: [u64; FILTER_WORDS] = {
    let mut f = [0u64; FILTER_WORDS];
    let mut i = N_ASCII;
    while i < N_STATIC {
        #[cfg(target_pointer_width = "32")]
        let h = STATIC_HASHES[i - N_ASCII] as u32;
        #[cfg(not(target_pointer_width = "32"))]
        let h = STATIC_HASHES[i];
        let (w, b) = filter_bit(h);
        f[w] |= b;
        i += 1;
    }
    f
};

#[cfg(not(target_os = "none"))]
impl Default for Filter {
    fn default() -> Filter {
        Filter([0; FILTER_WORDS])
    }
}

#[cfg(not(target_os = "none"))]
impl Filter {
    /// Might filter words `f` hold a qstr of hash `h` (false: certainly
    /// not)?
    #[inline(always)]
    fn holds(f: &[u64; FILTER_WORDS], h: u32) -> bool {
        let (w, b) = filter_bit(h);
        f.get(w).is_some_and(|&x| x & b != 0)
    }

    /// Records a qstr of hash `h`.
    #[inline]
    fn add(&mut self, h: u32) {
        let (w, b) = filter_bit(h);
        if let Some(x) = self.0.get_mut(w) {
            *x |= b;
        }
    }
}

/// The run-time qstr pool: strings interned after start-up. Lives in the
/// gc heap (its two vectors are fields of the `Vm`, so the collector keeps
/// them and every text they hold; interned texts are never freed, as in
/// MicroPython). Interning needs allocation, so it is
/// [`crate::state::Vm::intern`]; reading goes through the heap.
#[derive(Default)]
pub struct QstrPool {
    /// Text object of run-time qstr `N_STATIC + i` at index `i`: a heap
    /// str, or a `heap::strs::StaticTextObj` for text in read-only memory.
    pub(crate) strs: GcVec<Obj>,
    /// Open-addressing index (linear probing, load <= 1/2, a power of two
    /// or 0 slots of [`SLOT`] words) of positions in `strs` (desktop: each
    /// followed by its entry's hash); [`EMPTY`] marks a free slot.
    pub(crate) index: GcVec<u32>,
    /// Bytes held by the pool's strings (reported by `micropython.qstr_info`).
    pub bytes: usize,
    /// Boards: the hashes of recently used built-in qstrs, `id << 16 |
    /// hash` in slot `id % 16` (the boards keep no hash table; below
    /// 0x0400_0000, so never taken for a heap address by the collector).
    #[cfg(target_os = "none")]
    hash_cache: [core::cell::Cell<u32>; 16],
    /// Desktop: the hashes of the run-time qstrs.
    #[cfg(not(target_os = "none"))]
    filter: Filter,
    /// Desktop: qstrs recently found by text ([`Hit`]s in slot `hash %
    /// HITS`), so a text made again and again (the words of a split line,
    /// a formatted field) is found with one text comparison.
    #[cfg(not(target_os = "none"))]
    hits: Hits,
}

/// Slots of the desktop qstr hit cache.
#[cfg(not(target_os = "none"))]
const HITS: usize = 64;

/// A qstr found by text: its hash, id and text (interned texts are never
/// freed or moved while the interpreter lives, so the text stays valid;
/// it is only read through the pool, which the interpreter owns). An
/// empty slot has id 0 (the one-character qstr `"\0"`, never cached).
#[cfg(not(target_os = "none"))]
#[derive(Clone, Copy)]
struct Hit {
    h: u32,
    q: u32,
    text: &'static str,
}

/// The desktop qstr hit cache ([`QstrPool::hits`]).
#[cfg(not(target_os = "none"))]
struct Hits([core::cell::Cell<Hit>; HITS]);

#[cfg(not(target_os = "none"))]
impl Default for Hits {
    fn default() -> Hits {
        Hits(core::array::from_fn(|_| core::cell::Cell::new(Hit { h: 0, q: 0, text: "" })))
    }
}

#[cfg(not(target_os = "none"))]
impl Hits {
    /// The cached qstr of text `s` (hash `h`), if any.
    #[inline(always)]
    fn find(&self, s: &str, h: u32) -> Option<Qstr> {
        let e = self.0.get(h as usize % HITS)?.get();
        (e.h == h && e.q != 0 && text_eq(e.text.as_bytes(), s.as_bytes())).then_some(Qstr(e.q))
    }

    /// Notes that `q`, of text `text` and hash `h`, was found.
    #[inline(always)]
    fn put(&self, q: Qstr, text: &'static str, h: u32) {
        if let Some(c) = self.0.get(h as usize % HITS) {
            c.set(Hit { h, q: q.0, text });
        }
    }
}

impl QstrPool {
    /// Finds a run-time qstr by text whose [`hash_bytes`] is `h` (desktop:
    /// the slot's own hash turns other entries away without reading them).
    #[inline]
    fn find_dynamic(&self, heap: &Heap, s: &str, h: u32) -> Option<Qstr> {
        let index = self.index.as_slice();
        let mask = (index.len() / SLOT).checked_sub(1)?;
        let mut i = slot_of(h, mask);
        loop {
            let slot = index.get(i * SLOT..)?.first_chunk::<SLOT>()?;
            let pos = slot[0];
            if pos == EMPTY {
                return None;
            }
            if SLOT == 1 || slot[SLOT - 1] == h {
                if let Some((t, th)) = self.strs.as_slice().get(pos as usize).and_then(|&o| heap.text_of(o)) {
                    if th == h && text_eq(t.as_bytes(), s.as_bytes()) {
                        return Some(Qstr((N_STATIC + pos as usize) as u32));
                    }
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Returns the qstr for `s` if it is already interned.
    pub fn lookup(&self, heap: &Heap, s: &str) -> Option<Qstr> {
        self.lookup_hashed(heap, s, hash_bytes(s.as_bytes()))
    }

    /// Like [`QstrPool::lookup`] with `h == hash_bytes(s)` already
    /// computed (a wrong `h` gives None for any run-time qstr or built-in
    /// qstr with another hash).
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn lookup_hashed(&self, heap: &Heap, s: &str, h: u32) -> Option<Qstr> {
        // Desktop: the built-in table and the run-time index are searched
        // only if their filters hold the hash (checked inline: most strs
        // a program makes are no qstr).
        #[cfg(not(target_os = "none"))]
        {
            let in_static = Filter::holds(&STATIC_FILTER, h);
            if !in_static && !Filter::holds(&self.filter.0, h) {
                return if let [c] = s.as_bytes() { ascii_char(*c) } else { None };
            }
            if let Some(q) = self.hits.find(s, h) {
                return Some(q);
            }
            self.lookup_filtered(heap, s, h, in_static)
        }
        #[cfg(target_os = "none")]
        {
            if let Some(q) = find_static_hashed(s, h) {
                return Some(q);
            }
            self.find_dynamic(heap, s, h)
        }
    }

    /// [`QstrPool::lookup_hashed`] once a filter holds `h` (`in_static`:
    /// the built-ins' one; if false, the pool's does), desktop.
    #[cfg(not(target_os = "none"))]
    #[inline(never)]
    fn lookup_filtered(&self, heap: &Heap, s: &str, h: u32, in_static: bool) -> Option<Qstr> {
        if let [c] = s.as_bytes() {
            return ascii_char(*c);
        }
        let q = 'found: {
            if in_static {
                if let Some(q) = find_static_hashed(s, h) {
                    break 'found q;
                }
                if !Filter::holds(&self.filter.0, h) {
                    return None;
                }
            }
            self.find_dynamic(heap, s, h)?
        };
        self.hits.put(q, self.str(heap, q), h);
        Some(q)
    }

    /// The text of `q` (empty for an id never handed out). Not tied to
    /// the borrow of the pool: interned texts live as long as the
    /// interpreter.
    #[inline]
    pub fn str<'a>(&self, heap: &Heap, q: Qstr) -> &'a str {
        let i = q.0 as usize;
        if i < N_STATIC {
            static_str(i)
        } else {
            self.strs.as_slice().get(i - N_STATIC).and_then(|&o| heap.text_of(o)).map(|(t, _)| t).unwrap_or("")
        }
    }

    /// The hash of `q`'s text (same as [`hash_bytes`] of it).
    #[inline]
    pub fn hash(&self, heap: &Heap, q: Qstr) -> u32 {
        let i = q.0 as usize;
        if i < N_STATIC {
            #[cfg(target_os = "none")]
            return self.static_hash_cached(i);
            #[cfg(not(target_os = "none"))]
            static_hash(i)
        } else {
            self.strs.as_slice().get(i - N_STATIC).and_then(|&o| heap.text_of(o)).map(|(_, h)| h).unwrap_or(0)
        }
    }

    /// [`static_hash`] through `hash_cache` (boards).
    #[cfg(target_os = "none")]
    fn static_hash_cached(&self, i: usize) -> u32 {
        const _: () = assert!(N_STATIC < 0x400);
        let c = &self.hash_cache[i % 16];
        let v = c.get();
        if (v >> 16) as usize == i {
            return v & 0xffff;
        }
        let h = static_hash(i);
        c.set((i as u32) << 16 | h);
        h
    }

    /// Number of qstrs interned at run time.
    pub fn len_dynamic(&self) -> usize {
        self.strs.len()
    }

    /// Puts position `pos` (hash `h`) into the first free slot of its
    /// probe sequence (the index has a free slot: load <= 1/2).
    fn place(index: &mut [u32], pos: u32, h: u32) {
        let mask = index.len() / SLOT - 1;
        let mut i = slot_of(h, mask);
        while index[i * SLOT] != EMPTY {
            i = (i + 1) & mask;
        }
        index[i * SLOT] = pos;
        #[cfg(not(target_os = "none"))]
        if let Some(x) = index.get_mut(i * SLOT + 1) {
            *x = h;
        }
    }
}

impl crate::state::Vm {
    /// Returns the qstr for `s`, interning it (a copy of its text) if new.
    ///
    /// Errors: `MemoryError`.
    pub fn intern(&mut self, s: &str) -> crate::PyResult<Qstr> {
        let h = hash_bytes(s.as_bytes());
        if let Some(q) = self.qstrs.lookup_hashed(&self.heap, s, h) {
            return Ok(q);
        }
        let text = self.new_str_uninterned(s)?;
        self.qstrs.bytes += s.len() + 1;
        self.qstr_add(text, h)
    }

    /// Like [`crate::state::Vm::intern`], but a new entry refers to `s` in
    /// place (read-only memory, e.g. a frozen module's names and str
    /// constants) instead of copying its text.
    ///
    /// Errors: `MemoryError`.
    pub fn intern_static(&mut self, s: &'static str) -> crate::PyResult<Qstr> {
        let h = hash_bytes(s.as_bytes());
        if let Some(q) = self.qstrs.lookup_hashed(&self.heap, s, h) {
            return Ok(q);
        }
        let text = self.alloc_obj(crate::heap::strs::StaticTextObj {
            base: crate::obj::ObjBase::new(&crate::heap::strs::STATIC_TEXT_TYPE),
            text: s,
            hash: h,
        })?;
        self.qstr_add(text, h)
    }

    /// The text of `q` (see [`QstrPool::str`]). Boards: out of line (one
    /// copy of the argument set-up for the pool's lookup).
    #[cfg_attr(not(target_os = "none"), inline)]
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn qstr_str<'a>(&self, q: Qstr) -> &'a str {
        self.qstrs.str(&self.heap, q)
    }

    /// The hash of `q`'s text.
    #[inline]
    pub fn qstr_hash(&self, q: Qstr) -> u32 {
        self.qstrs.hash(&self.heap, q)
    }

    /// Adds text object `text` (hash `h`, not yet interned) as a new qstr.
    fn qstr_add(&mut self, text: Obj, h: u32) -> crate::PyResult<Qstr> {
        let pos = self.qstrs.strs.len();
        if N_STATIC + pos > Obj::QSTR_ID_MAX {
            // No room for the id in the object word (19 bits with stuffed
            // floats).
            return Err(self.memory_error());
        }
        if self.qstrs.strs.len() == self.qstrs.strs.capacity() {
            let mut v = core::mem::take(&mut self.qstrs.strs);
            let r = self.vec_reserve_local(&mut v, 1);
            self.qstrs.strs = v;
            r?;
        }
        if (pos + 1) * 2 > self.qstrs.index.len() / SLOT {
            // Grow and rehash every entry (the new one is placed below).
            let size = (self.qstrs.index.len() * 2).max(64 * SLOT);
            let mut index = self.new_vec::<u32>(size)?;
            index.resize_within_capacity(size, EMPTY);
            for p in 0..pos {
                let hh = self.qstrs.strs.as_slice().get(p).and_then(|&o| self.heap.text_of(o)).map_or(0, |(_, h)| h);
                QstrPool::place(index.as_mut_slice(), p as u32, hh);
            }
            let old = core::mem::replace(&mut self.qstrs.index, index);
            self.heap.free_vec(old);
        }
        let _ = self.qstrs.strs.push_within_capacity(text);
        QstrPool::place(self.qstrs.index.as_mut_slice(), pos as u32, h);
        #[cfg(not(target_os = "none"))]
        self.qstrs.filter.add(h);
        Ok(Qstr((N_STATIC + pos) as u32))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::needless_range_loop)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::String;
    use alloc::vec::Vec;

    #[test]
    fn text_eq_matches_slice_equality() {
        let base: Vec<u8> = (0..40u8).map(|i| b'a' + i % 26).collect();
        for n in 0..=base.len() {
            let a = &base[..n];
            assert!(text_eq(a, a));
            assert!(!text_eq(a, &base[..n.saturating_sub(1)]) || n == 0);
            for i in 0..n {
                let mut b = a.to_vec();
                b[i] ^= 0x20;
                assert!(!text_eq(a, &b), "len {n} at {i}");
            }
        }
    }

    #[test]
    fn static_lookup_finds_every_builtin() {
        let strs: Vec<&str> = (0..N_STATIC).map(static_str).collect();
        for (i, s) in strs.iter().enumerate() {
            assert_eq!(find_static(s), Some(Qstr(i as u32)), "{s:?}");
            assert_eq!(static_hash(i), hash_bytes(s.as_bytes()));
        }
        assert_eq!(find_static("no such builtin qstr text"), None);
        let mut sorted = strs.clone();
        sorted.sort_unstable();
        assert!(sorted.windows(2).all(|w| w[0] < w[1]), "duplicate built-in qstr");
        for id in 1..=165u16 {
            let q = mpy_static(id).unwrap();
            assert_eq!(Some(static_str(q.0 as usize)), mpy_bytecode::static_qstr::static_qstr_str(id));
        }
        assert_eq!(mpy_static(0), None);
        assert_eq!(mpy_static(166), None);
        assert_eq!(static_str(N_STATIC), "");
    }

    #[test]
    fn ascii_chars_are_static() {
        for b in 0u8..0x80 {
            let q = ascii_char(b).unwrap();
            let mut t = String::new();
            t.push(b as char);
            assert_eq!(static_str(q.0 as usize), t);
            assert_eq!(find_static(&t), Some(q));
        }
        assert_eq!(ascii_char(0x80), None);
        assert_eq!(find_static("a"), Some(q::a));
    }

    /// Runs `f` on a fresh VM whose gc scans the native stack below this
    /// frame (so texts held in locals while interning survive).
    #[inline(never)]
    fn with_vm(heap_size: usize, f: fn(&mut crate::state::Vm)) {
        let marker = 0usize;
        let cfg = crate::state::Config { heap_size, ..crate::state::Config::default() };
        let mut vm =
            crate::state::Vm::new(cfg, alloc::boxed::Box::new(crate::hal::BufferHal::default())).expect("vm");
        vm.stack_base = core::hint::black_box(&marker) as *const usize as usize;
        f(&mut vm);
    }

    #[test]
    fn dynamic_intern_is_unique_and_grows() {
        with_vm(256 * 1024, dynamic_intern_body);
    }

    fn dynamic_intern_body(vm: &mut crate::state::Vm) {
        let mut ids = Vec::new();
        for i in 0..1000 {
            let s = format!("dyn_{i}");
            let q = vm.intern(&s).expect("intern");
            assert!(q.0 as usize >= N_STATIC);
            ids.push(q);
        }
        // Interned texts live in the heap, kept by the pool (a `Vm` field)
        // across collections.
        vm.collect();
        for i in 0..1000 {
            let s = format!("dyn_{i}");
            assert_eq!(vm.qstrs.lookup(&vm.heap, &s), Some(ids[i]));
            assert_eq!(vm.intern(&s).expect("intern"), ids[i]);
            assert_eq!(vm.qstr_str(ids[i]), s);
            assert_eq!(vm.qstr_hash(ids[i]), hash_bytes(s.as_bytes()));
        }
        assert_eq!(vm.qstrs.len_dynamic(), 1000);
        assert_eq!(vm.qstrs.lookup(&vm.heap, "dyn_1000"), None);
        // The pool (and its desktop filter) finds every built-in.
        for i in 0..N_STATIC {
            assert_eq!(vm.qstrs.lookup(&vm.heap, static_str(i)), Some(Qstr(i as u32)));
        }
        // Built-ins are never duplicated.
        assert_eq!(vm.intern("append").expect("intern"), q::append);
        assert_eq!(vm.intern_static("x").expect("intern"), q::x);
        let s = vm.intern_static("frozen_name").expect("intern");
        assert_eq!(vm.intern("frozen_name").expect("intern"), s);
        assert_eq!(vm.qstr_str(s), "frozen_name");
        assert_eq!(vm.qstrs.len_dynamic(), 1001);
        // A heap str with interned text becomes the qstr.
        let o = vm.new_str("dyn_7").expect("str");
        assert_eq!(o.as_qstr(), Some(ids[7]));
    }

    #[test]
    fn lookups_sharing_a_hit_slot() {
        with_vm(64 * 1024, hit_slot_body);
    }

    /// Texts whose hashes share a slot of the desktop hit cache are told
    /// apart (each lookup compares the text), and a text that is no qstr
    /// is never found through a slot.
    fn hit_slot_body(vm: &mut crate::state::Vm) {
        let slot = |s: &str| hash_bytes(s.as_bytes()) % 64;
        let names: Vec<String> = (0..5000).map(|i| format!("slot_{i}")).filter(|s| slot(s) == slot("slot_0")).collect();
        assert!(names.len() >= 4);
        let a = vm.intern(&names[0]).expect("intern");
        let b = vm.intern(&names[1]).expect("intern");
        for _ in 0..3 {
            assert_eq!(vm.qstrs.lookup(&vm.heap, &names[0]), Some(a));
            assert_eq!(vm.qstrs.lookup(&vm.heap, &names[1]), Some(b));
            assert_eq!(vm.qstrs.lookup(&vm.heap, &names[2]), None);
            assert_eq!(vm.new_str(&names[0]).expect("str").as_qstr(), Some(a));
            assert!(vm.new_str(&names[3]).expect("str").as_qstr().is_none());
        }
        // A built-in found twice, and "" (never cached).
        assert_eq!(vm.qstrs.lookup(&vm.heap, "append"), Some(q::append));
        assert_eq!(vm.qstrs.lookup(&vm.heap, "append"), Some(q::append));
        assert_eq!(vm.qstrs.lookup(&vm.heap, ""), Some(q::empty));
    }

    #[test]
    fn intern_exhaustion_is_memory_error() {
        with_vm(16 * 1024, intern_exhaustion_body);
    }

    fn intern_exhaustion_body(vm: &mut crate::state::Vm) {
        let mut failed = false;
        for i in 0..10_000 {
            if vm.intern(&format!("name_{i}_padding_padding")).is_err() {
                failed = true;
                break;
            }
        }
        assert!(failed, "a 16 KiB heap cannot hold 10000 qstrs");
        // Earlier entries are intact.
        let q = vm.qstrs.lookup(&vm.heap, "name_0_padding_padding");
        assert_eq!(q.map(|q| vm.qstr_str(q)), Some("name_0_padding_padding"));
    }
}
