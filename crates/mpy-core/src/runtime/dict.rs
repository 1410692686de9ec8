//! Hash-table operations with Python equality: lookups, stores and
//! removals in the [`Map`] of a dict, set or frozenset object (or of any
//! heap object whose layout implements [`HasMap`]), where keys may need
//! `__hash__`/`__eq__`.
//!
//! Key matching follows MicroPython's `mp_map_lookup`: identical keys
//! match at once; two distinct qstrs never match (a text has one qstr),
//! nor do two distinct small ints, nor a small int and a str; two strs
//! match when their hashes and texts agree; anything else is compared with
//! `vm.eq` (which may run Python code), in an indexed table only after the
//! stored hash has matched. The probe key is always hashed first, so
//! unhashable keys raise as in MicroPython (`unsupported type for
//! __hash__: 'list'`).

use crate::heap::ObjType;
use crate::map::Map;
use crate::obj::Obj;
use crate::qstr::Qstr;
use crate::state::Vm;
use crate::types::dict::DictObj;
use crate::PyResult;

/// An object layout holding a [`Map`] that the runtime looks keys up in
/// with Python equality (`vm.map_lookup_in::<T>(o, key)` and friends).
pub trait HasMap: ObjType + 'static {
    /// The table.
    fn map(&self) -> &Map;
    /// The table, mutably.
    fn map_mut(&mut self) -> &mut Map;
}

impl HasMap for DictObj {
    #[inline(always)]
    fn map(&self) -> &Map {
        &self.map
    }
    #[inline(always)]
    fn map_mut(&mut self) -> &mut Map {
        &mut self.map
    }
}

/// [`Vm::table_probe`]: the key is absent.
#[cfg(not(target_os = "none"))]
pub const PROBE_ABSENT: usize = usize::MAX;
/// [`Vm::table_probe`]: only the general path can tell.
#[cfg(not(target_os = "none"))]
pub const PROBE_UNKNOWN: usize = usize::MAX - 1;

/// How a table key compares with the probe key without running code.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Decide {
    /// Equal.
    Match,
    /// Never equal.
    Skip,
    /// Only `vm.eq` can tell.
    NeedEq,
}

impl Vm {
    /// The table inside a dict, set or frozenset object (any type with the
    /// [`DictObj`] layout; not a subclass instance: see
    /// `types::seq::native_of`).
    #[inline]
    pub fn table(&self, o: Obj) -> Option<&Map> {
        self.heap.get::<DictObj>(o).map(|d| &d.map)
    }

    /// The table inside a dict, set or frozenset object, mutably (its key
    /// set may change: see [`Vm::ns_changed`]).
    #[inline]
    pub fn table_mut(&mut self, o: Obj) -> Option<&mut Map> {
        self.ns_changed_in(o);
        self.heap.get_mut::<DictObj>(o).map(|d| &mut d.map)
    }

    /// [`Vm::table_mut`] for replacing values of existing keys only (the
    /// key set stays; not for the builtins override dict).
    #[inline]
    pub fn table_values_mut(&mut self, o: Obj) -> Option<&mut Map> {
        self.heap.get_mut::<DictObj>(o).map(|d| &mut d.map)
    }

    /// Notes that the key set of some dict, or the builtins override dict,
    /// may have changed: invalidates the builtins lookups that
    /// `dispatch::load_global` cached (desktop builds; nothing on boards,
    /// which have no such cache).
    #[inline(always)]
    pub fn ns_changed(&mut self) {
        #[cfg(not(target_os = "none"))]
        {
            self.vmstate.ns_version = self.vmstate.ns_version.wrapping_add(1);
        }
    }

    /// [`Vm::ns_changed`] for a change of the key set of dict (or set)
    /// `o`: only when `o` is the builtins override dict or a globals dict
    /// that cached builtins lookups rely on ([`Vm::ns_watch`]); the key
    /// sets of other dicts do not matter to those lookups.
    #[inline(always)]
    pub fn ns_changed_in(&mut self, o: Obj) {
        #[cfg(not(target_os = "none"))]
        if o == self.vmstate.builtins_dict || self.vmstate.ns_watched[ns_watch_slot(o)] == o.raw() {
            self.ns_changed();
        }
        #[cfg(target_os = "none")]
        let _ = o;
    }

    /// Makes key-set changes of globals dict `d` invalidate the cached
    /// builtins lookups (before `dispatch::load_global` caches one that
    /// relies on a name's absence from `d`). Replacing another watched
    /// dict in its slot invalidates them all (its changes go unnoticed
    /// from now on). A watched dict is held (the slot is a root), so no
    /// other dict can take its address while cached lookups rely on it.
    #[cfg(not(target_os = "none"))]
    #[inline]
    pub fn ns_watch(&mut self, d: Obj) {
        let s = ns_watch_slot(d);
        let w = self.vmstate.ns_watched[s];
        if w != d.raw() {
            if w != 0 {
                self.ns_changed();
            }
            self.vmstate.ns_watched[s] = d.raw();
        }
    }

    /// A number that changes whenever a dict's key set or the builtins
    /// override dict may have changed. Collections leave it: the watched
    /// dicts are held, and only values that are not heap objects are
    /// cached against it.
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    pub fn ns_stamp(&self) -> usize {
        self.vmstate.ns_version
    }

    /// The hash of a plain str (qstr or heap str; not a subclass
    /// instance), None for anything else.
    #[inline(always)]
    fn plain_str_hash(&self, o: Obj) -> Option<u32> {
        match o.as_qstr() {
            Some(q) => Some(self.qstr_hash(q)),
            None if o.ptr_type().is_some_and(|t| core::ptr::eq(t, &crate::types::str::STR_TYPE)) => {
                self.heap.str_hash(o)
            }
            None => None,
        }
    }

    /// Compares table key `k` with probe `key` (hash `hash`) without
    /// running code, where that is possible.
    #[inline]
    fn decide_key(&self, key: Obj, hash: u32, k: Obj) -> Decide {
        if k == key {
            return Decide::Match;
        }
        // Desktop: two plain heap strs (the usual counted words) are
        // decided by their texts alone, without reading their hashes.
        #[cfg(not(target_os = "none"))]
        if let (Some(a), Some(b)) = (self.heap.str_pinned(k), self.heap.str_pinned(key)) {
            return if a == b { Decide::Match } else { Decide::Skip };
        }
        let (kq, qq) = (k.as_qstr().is_some(), key.as_qstr().is_some());
        let (ki, qi) = (k.is_small_int(), key.is_small_int());
        if (kq || ki) && (qq || qi) {
            // Distinct qstrs, distinct small ints, a qstr and an int.
            return Decide::Skip;
        }
        match (self.plain_str_hash(k), self.plain_str_hash(key)) {
            (Some(a), Some(_)) if a != hash => Decide::Skip,
            (Some(_), Some(_)) => {
                if self.plain_text(k) == self.plain_text(key) {
                    Decide::Match
                } else {
                    Decide::Skip
                }
            }
            // A plain str and a small int are never equal.
            (Some(_), None) if qi => Decide::Skip,
            (None, Some(_)) if ki => Decide::Skip,
            (None, None) => self.decide_tuples(key, k),
            _ => Decide::NeedEq,
        }
    }

    /// Compares two tuples whose items are small ints and qstrs (the
    /// usual coordinate and record keys) without running code.
    /// (Desktop only: the boards compare tuples with `eq`.)
    #[inline]
    fn decide_tuples(&self, key: Obj, k: Obj) -> Decide {
        if cfg!(target_os = "none") {
            return Decide::NeedEq;
        }
        let (Some(a), Some(b)) = (self.tuple_pinned(key), self.tuple_pinned(k)) else { return Decide::NeedEq };
        if a.len() != b.len() {
            return Decide::Skip;
        }
        let mut skip = false;
        for (&x, &y) in a.iter().zip(b) {
            let simple = |o: Obj| o.is_small_int() || o.as_qstr().is_some();
            if !simple(x) || !simple(y) {
                return Decide::NeedEq;
            }
            skip |= x != y;
        }
        if skip {
            Decide::Skip
        } else {
            Decide::Match
        }
    }

    /// The text of a plain str (qstr or heap str).
    #[inline(always)]
    fn plain_text<'a>(&self, o: Obj) -> Option<&'a str> {
        match o.as_qstr() {
            Some(q) => Some(self.qstr_str(q)),
            None => self.heap.str_pinned(o),
        }
    }

    /// The position of `key` in table `m` and the key's hash, decided
    /// without running code: `(position, _)`, `(PROBE_ABSENT, hash)`,
    /// or `(PROBE_UNKNOWN, _)` when the general path is needed. The hash
    /// is computed only where an append needs it: for an absent key,
    /// unless `m` is a small table with room (where
    /// [`Map::push_within_capacity`] ignores it). Decided
    /// keys are small ints, plain strs (qstr or exact heap str) and exact
    /// tuples of those; among the candidates an identical key matches,
    /// small ints, plain strs and such tuples are told apart by kind,
    /// value and text (the rules of [`Vm::decide_key`]), and any other
    /// candidate (a float, a bool, an instance) is left to the general
    /// path. Desktop builds only (boards keep the flash).
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    pub fn table_probe(&self, m: &Map, key: Obj) -> (usize, u32) {
        if key.is_small_int() {
            return self.probe_int(m, key);
        }
        if key.as_qstr().is_some() {
            return self.probe_qstr(m, key);
        }
        self.probe_obj(m, key)
    }

    /// [`Vm::table_probe`] for a small-int key.
    #[cfg(not(target_os = "none"))]
    #[inline(never)]
    fn probe_int(&self, m: &Map, key: Obj) -> (usize, u32) {
        use crate::map::Cmp;
        let h = key.small_int_unchecked() as u32;
        probe_result(m.find_decided(key, h, |k| if self.simple_kind(k) { Cmp::Differ } else { Cmp::Unknown }), h)
    }

    /// [`Vm::table_probe`] for a qstr key. A small table is scanned
    /// before the key is hashed (a dynamic qstr's hash is a few loads
    /// away), and only when the key is absent is it hashed.
    #[cfg(not(target_os = "none"))]
    #[inline(never)]
    fn probe_qstr(&self, m: &Map, key: Obj) -> (usize, u32) {
        use crate::map::Cmp;
        let Some(q) = key.as_qstr() else { return (PROBE_UNKNOWN, 0) };
        // Distinct qstrs differ; a qstr may equal a heap str.
        let cmp = |k: Obj, h: Option<u32>| {
            if k.is_small_int() || k.as_qstr().is_some() {
                return Cmp::Differ;
            }
            self.heap_str_vs_qstr(k, h, q)
        };
        if m.is_small() {
            let r = m.find_decided(key, 0, |k| cmp(k, None));
            // (Appending to a small table with room needs no hash.)
            let need = matches!(r, Ok(None)) && m.is_full();
            return probe_result(r, if need { self.qstr_hash(q) } else { 0 });
        }
        let h = self.qstr_hash(q);
        probe_result(m.find_decided(key, h, |k| cmp(k, Some(h))), h)
    }

    /// Table key `k` (neither a small int nor a qstr) against qstr key
    /// `q`, for [`Vm::probe_qstr`] (out of line: heap strs are rare among
    /// qstr keys). `h`, when known, is the hash of both (an indexed
    /// table's candidate).
    #[cfg(not(target_os = "none"))]
    #[inline(never)]
    fn heap_str_vs_qstr(&self, k: Obj, h: Option<u32>, q: crate::qstr::Qstr) -> crate::map::Cmp {
        self.text_vs(k, h.unwrap_or_else(|| self.qstr_hash(q)), self.qstr_str(q).as_bytes())
    }

    /// [`Vm::table_probe`] for a key that is neither a small int nor a
    /// qstr.
    #[cfg(not(target_os = "none"))]
    #[inline(never)]
    fn probe_obj(&self, m: &Map, key: Obj) -> (usize, u32) {
        use crate::map::Cmp;
        match key.ptr_type() {
            Some(t) if core::ptr::eq(t, &crate::types::str::STR_TYPE) => {
                let Some((text, h)) = self.heap.str_text_hash(key) else {
                    return (PROBE_UNKNOWN, 0);
                };
                let r = m.find_decided(key, h, |k| {
                    // The usual candidate first: a heap str, its hash and
                    // text from one header read.
                    if let Some((kt, kh)) = self.heap.str_text_hash(k) {
                        return if kh == h && crate::qstr::text_eq(kt, text) { Cmp::Equal } else { Cmp::Differ };
                    }
                    if k.is_small_int() {
                        return Cmp::Differ;
                    }
                    if let Some(kq) = k.as_qstr() {
                        return if crate::qstr::text_eq(self.qstr_str(kq).as_bytes(), text) {
                            Cmp::Equal
                        } else {
                            Cmp::Differ
                        };
                    }
                    self.text_vs(k, h, text)
                });
                probe_result(r, h)
            }
            Some(t) if core::ptr::eq(t, &crate::types::tuple::TUPLE_TYPE) => {
                let Some(items) = self.tuple_pinned(key) else { return (PROBE_UNKNOWN, 0) };
                let Some(h) = self.flat_tuple_hash(items) else { return (PROBE_UNKNOWN, 0) };
                let r = m.find_decided(key, h, |k| {
                    // The usual hit first: a tuple of the same items.
                    if let Some(other) = self.tuple_pinned(k) {
                        if other.len() == items.len() && items.iter().zip(other).all(|(x, y)| x == y) {
                            return Cmp::Equal;
                        }
                    }
                    self.tuple_vs(k, items)
                });
                probe_result(r, h)
            }
            _ => (PROBE_UNKNOWN, 0),
        }
    }

    /// Replaces the value of `key` in dict `d` if the entry at the last
    /// lookup's position (`VmState::dict_hint`) has `key` itself or a
    /// plain str equal to the plain str `key` as its key (keys are
    /// unique, so that is its entry); false, changing nothing, otherwise.
    /// Desktop builds only.
    #[cfg(not(target_os = "none"))]
    #[inline]
    pub fn dict_set_at_hint(&mut self, d: Obj, key: Obj, value: Obj) -> bool {
        let p = self.vmstate.dict_hint;
        match self.table_values_mut(d).map(|m| m.set_value_if_key(p, key, value)) {
            Some(true) => true,
            Some(false) if key.ptr_type().is_some_and(|t| core::ptr::eq(t, &crate::types::str::STR_TYPE)) => {
                self.dict_set_at_hint_str(d, p, key, value)
            }
            Some(false) if key.ptr_type().is_some_and(|t| core::ptr::eq(t, &crate::types::tuple::TUPLE_TYPE)) => {
                self.dict_set_at_hint_tuple(d, p, key, value)
            }
            Some(false) => false,
            None => false,
        }
    }

    /// [`Vm::dict_set_at_hint`] for two heap strs of the same text (a
    /// run-time key looked up, then stored).
    #[cfg(not(target_os = "none"))]
    #[inline(never)]
    fn dict_set_at_hint_str(&mut self, d: Obj, p: usize, key: Obj, value: Obj) -> bool {
        let Some(k) = self.table(d).and_then(|m| m.entry(p)).map(|e| e.key) else { return false };
        match (self.heap.str_pinned(k), self.heap.str_pinned(key)) {
            (Some(a), Some(b)) if crate::qstr::text_eq(a.as_bytes(), b.as_bytes()) => {}
            _ => return false,
        }
        if let Some(m) = self.table_values_mut(d) {
            m.set_value(p, value);
        }
        true
    }

    /// [`Vm::dict_set_at_hint`] for two exact tuples of the same items
    /// (identical objects, so equal: a key made again, looked up, then
    /// stored, as `d[(x, y)] = d.get((x, y), 0) + 1`).
    #[cfg(not(target_os = "none"))]
    #[inline(never)]
    fn dict_set_at_hint_tuple(&mut self, d: Obj, p: usize, key: Obj, value: Obj) -> bool {
        let Some(k) = self.table(d).and_then(|m| m.entry(p)).map(|e| e.key) else { return false };
        match (self.tuple_pinned(k), self.tuple_pinned(key)) {
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
        if let Some(m) = self.table_values_mut(d) {
            m.set_value(p, value);
        }
        true
    }

    /// Is `k` a small int, a plain str or an exact tuple (kinds that a
    /// small int never equals unless identical)?
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    fn simple_kind(&self, k: Obj) -> bool {
        k.is_small_int()
            || k.as_qstr().is_some()
            || k.ptr_type().is_some_and(|t| {
                core::ptr::eq(t, &crate::types::str::STR_TYPE) || core::ptr::eq(t, &crate::types::tuple::TUPLE_TYPE)
            })
    }

    /// Table key `k` (a heap object) against a str key of hash `h` and
    /// text `text`: equal heap strs, differing heap strs and tuples
    /// decided, anything else unknown.
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    fn text_vs(&self, k: Obj, h: u32, text: &[u8]) -> crate::map::Cmp {
        use crate::map::Cmp;
        match k.ptr_type() {
            Some(t) if core::ptr::eq(t, &crate::types::str::STR_TYPE) => {
                if self.heap.str_hash(k) == Some(h)
                    && self.heap.str_pinned(k).is_some_and(|t| crate::qstr::text_eq(t.as_bytes(), text))
                {
                    Cmp::Equal
                } else {
                    Cmp::Differ
                }
            }
            Some(t) if core::ptr::eq(t, &crate::types::tuple::TUPLE_TYPE) => Cmp::Differ,
            _ => Cmp::Unknown,
        }
    }

    /// The hash [`Vm::hash`] gives a tuple whose items are small ints and
    /// plain strs (the tuple type's hash, as a small int); None for other
    /// items.
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    pub(crate) fn flat_tuple_hash(&self, items: &[Obj]) -> Option<u32> {
        let mut h: u32 = 0x345678;
        for &x in items {
            let hx = if let Some(i) = x.as_small_int() {
                i as u32
            } else if let Some(q) = x.as_qstr() {
                self.qstr_hash(q)
            } else {
                self.plain_str_hash(x)?
            };
            h = (h ^ hx).wrapping_mul(1_000_003) ^ (h >> 7);
        }
        Some(h >> 2)
    }

    /// Table key `k` against a tuple key with items `items` (small ints
    /// and plain strs): decided item by item in order, as tuple equality
    /// compares them, up to the first item pair that differs.
    #[cfg(not(target_os = "none"))]
    #[inline(never)]
    fn tuple_vs(&self, k: Obj, items: &[Obj]) -> crate::map::Cmp {
        use crate::map::Cmp;
        if k.is_small_int() || k.as_qstr().is_some() {
            return Cmp::Differ;
        }
        let Some(t) = k.ptr_type() else { return Cmp::Unknown };
        if core::ptr::eq(t, &crate::types::str::STR_TYPE) {
            return Cmp::Differ;
        }
        let Some(other) = self.tuple_pinned(k) else { return Cmp::Unknown };
        if other.len() != items.len() {
            return Cmp::Differ;
        }
        for (&x, &y) in items.iter().zip(other) {
            if x == y {
                continue;
            }
            let xi = x.is_small_int();
            if y.is_small_int() {
                // Distinct small ints differ, as do a str and an int.
                return Cmp::Differ;
            }
            let Some(ty) = self.plain_text(y) else { return Cmp::Unknown };
            if xi || (x.as_qstr().is_some() && y.as_qstr().is_some()) || self.plain_text(x) != Some(ty) {
                return Cmp::Differ;
            }
        }
        Cmp::Equal
    }

    /// Position of `key` (with hash `hash`, from [`Vm::hash`]) in the table
    /// of heap object `o` (layout `O`), using Python equality. A `__eq__`
    /// may change the table: it is re-read after each comparison.
    ///
    /// Errors: whatever a key's `__eq__` raises.
    pub fn map_find_in<O: HasMap>(&mut self, o: Obj, key: Obj, hash: u32) -> PyResult<Option<usize>> {
        let simple = key.is_small_int() || key.as_qstr().is_some();
        // One walk for both passes: the first decides candidates without
        // running code (an undecided one makes a second pass needed), the
        // second also compares with `vm.eq`, in the same order, finding
        // the table again after each comparison (which may change it).
        let mut with_eq = false;
        let mut at = None;
        loop {
            let Some(d) = self.heap.get::<O>(o) else { return Ok(None) };
            let m = d.map();
            let mut c = m.candidates_at(hash, at);
            let mut undecided = false;
            let need = loop {
                let Some((p, k)) = c.next_key() else { break None };
                if k == key {
                    return Ok(Some(p));
                }
                if k.is_null() || (simple && (k.is_small_int() || k.as_qstr().is_some())) {
                    continue;
                }
                match self.decide_key(key, hash, k) {
                    Decide::Match => return Ok(Some(p)),
                    Decide::Skip => {}
                    Decide::NeedEq if with_eq => break Some((p, k, m.hash_at(p).is_none())),
                    Decide::NeedEq => undecided = true,
                }
            };
            at = Some(c.at());
            let Some((p, k, small)) = need else {
                if undecided {
                    with_eq = true;
                    at = None;
                    continue;
                }
                return Ok(None);
            };
            // A small table stores no hashes: compare them here when the
            // key's hash runs no Python code.
            if small && self.plain_hash(k)?.is_some_and(|hk| hk != hash) {
                continue;
            }
            if self.eq(key, k)? {
                return Ok(Some(p));
            }
        }
    }

    /// The hash of `k` if computing it runs no Python code (numbers,
    /// bytes, tuples of small ints and strs); None otherwise.
    fn plain_hash(&mut self, k: Obj) -> PyResult<Option<u32>> {
        use crate::types as t;
        let ty = self.builtin_type(k);
        let number = [
            &t::int::INT_TYPE,
            #[cfg(feature = "float")]
            &t::float::FLOAT_TYPE,
            #[cfg(feature = "complex")]
            &t::complex::COMPLEX_TYPE,
            &t::bytes::BYTES_TYPE,
            &t::bool::BOOL_TYPE,
        ]
            .iter()
            .any(|x| core::ptr::eq(ty, *x));
        let flat = self.tuple_pinned(k).is_some_and(|it| it.iter().all(|x| x.is_small_int() || x.as_qstr().is_some()));
        if number || flat {
            Ok(Some(self.hash(k)?))
        } else {
            Ok(None)
        }
    }

    /// `o[key]` for the table of heap object `o`: the value, or None.
    ///
    /// Errors: `TypeError` for unhashable keys; a key's `__eq__`.
    pub fn map_lookup_in<O: HasMap>(&mut self, o: Obj, key: Obj) -> PyResult<Option<Obj>> {
        #[cfg(not(target_os = "none"))]
        if let Some(d) = self.heap.get::<O>(o) {
            let m = d.map();
            let (p, _) = self.table_probe(m, key);
            if p != PROBE_UNKNOWN {
                return Ok(m.entry(p).map(|e| e.value));
            }
        }
        let h = self.hash_quick(key)?;
        let pos = self.map_find_in::<O>(o, key, h)?;
        Ok(pos.and_then(|p| self.heap.get::<O>(o).and_then(|d| d.map().entry(p)).map(|e| e.value)))
    }

    /// `o[key] = value` for the table of heap object `o` (replaces the
    /// value of an equal key, else appends an entry, growing the table).
    ///
    /// Errors: `TypeError` for unhashable keys; a key's `__eq__`;
    /// `MemoryError`.
    pub fn map_store_in<O: HasMap>(&mut self, o: Obj, key: Obj, value: Obj) -> PyResult<()> {
        // Desktop: a small int or qstr key in a small table, by identity.
        #[cfg(not(target_os = "none"))]
        if key.is_small_int() || key.as_qstr().is_some() {
            if let Some(d) = self.heap.get_mut::<O>(o) {
                match d.map_mut().store_small_simple(key, value) {
                    Some(true) => {
                        self.ns_changed_in(o);
                        return Ok(());
                    }
                    Some(false) => return Ok(()),
                    None => {}
                }
            }
        }
        #[cfg(not(target_os = "none"))]
        return self.map_store_general::<O>(o, key, value);
        #[cfg(target_os = "none")]
        self.map_store_general::<O>(o, key, value)
    }

    /// [`Vm::map_store_in`] past its simple-key fast path (desktop: out
    /// of line, so that the fast path's frame stays small; STORE_MAP).
    ///
    /// Errors: as [`Vm::map_store_in`].
    #[cfg_attr(not(target_os = "none"), inline(never))]
    #[cfg_attr(target_os = "none", inline(always))]
    fn map_store_general<O: HasMap>(&mut self, o: Obj, key: Obj, value: Obj) -> PyResult<()> {
        #[cfg(not(target_os = "none"))]
        if let Some(d) = self.heap.get::<O>(o) {
            // Decided without running code: the table stays as probed.
            let (p, h) = self.table_probe(d.map(), key);
            if p == PROBE_ABSENT {
                // The usual append to a table with room, inline.
                if let Some(d) = self.heap.get_mut::<O>(o) {
                    if d.map_mut().push_within_capacity(key, value, h) {
                        self.ns_changed_in(o);
                        return Ok(());
                    }
                }
                return self.map_push_new::<O>(o, key, value, h);
            }
            if p != PROBE_UNKNOWN {
                if let Some(d) = self.heap.get_mut::<O>(o) {
                    d.map_mut().set_value(p, value);
                }
                return Ok(());
            }
        }
        let h = self.hash_quick(key)?;
        self.map_store_hashed::<O>(o, key, value, h)
    }

    /// [`Vm::hash`] with the plain strs and small ints of table keys
    /// inline (desktop; boards call it directly).
    #[inline(always)]
    fn hash_quick(&mut self, key: Obj) -> PyResult<u32> {
        #[cfg(not(target_os = "none"))]
        if let Some(h) = key.as_small_int().map(|i| i as u32).or_else(|| self.plain_str_hash(key)) {
            return Ok(h);
        }
        self.hash(key)
    }

    /// [`Vm::map_store_in`] with the key's hash already computed.
    ///
    /// Errors: a key's `__eq__`; `MemoryError`.
    pub fn map_store_hashed<O: HasMap>(&mut self, o: Obj, key: Obj, value: Obj, h: u32) -> PyResult<()> {
        if let Some(p) = self.map_find_in::<O>(o, key, h)? {
            if let Some(d) = self.heap.get_mut::<O>(o) {
                d.map_mut().set_value(p, value);
            }
            return Ok(());
        }
        self.map_push_new::<O>(o, key, value, h)
    }

    /// Appends `key: value` (hash `h`) to the table of heap object `o`,
    /// which has no key equal to `key`, growing the table if needed.
    ///
    /// Errors: `MemoryError`.
    #[cfg_attr(target_os = "none", inline(always))]
    fn map_push_new<O: HasMap>(&mut self, o: Obj, key: Obj, value: Obj, h: u32) -> PyResult<()> {
        self.ns_changed_in(o);
        if let Some(d) = self.heap.get_mut::<O>(o) {
            let m = d.map_mut();
            if m.push_within_capacity(key, value, h) {
                return Ok(());
            }
            // Full: reuse deleted places while the table stays at most 3/4
            // live (as MicroPython reuses deleted slots), else grow.
            if m.end_pos() > m.len() && (m.len() + 1) * 4 <= m.capacity() * 3 {
                m.compact_in_place();
                if m.push_within_capacity(key, value, h) {
                    return Ok(());
                }
            }
        }
        self.map_reserve::<O>(o, 1)?;
        if let Some(d) = self.heap.get_mut::<O>(o) {
            if !d.map_mut().push_within_capacity(key, value, h) {
                // A `__hash__` run while growing filled the table again.
                return Err(self.memory_error());
            }
        }
        Ok(())
    }

    /// Removes `key` from the table of heap object `o`, returning its
    /// value if it was there.
    ///
    /// Errors: `TypeError` for unhashable keys; a key's `__eq__`.
    pub fn map_remove_in<O: HasMap>(&mut self, o: Obj, key: Obj) -> PyResult<Option<Obj>> {
        #[cfg(not(target_os = "none"))]
        let found = match self.heap.get::<O>(o).map(|d| self.table_probe(d.map(), key).0) {
            Some(PROBE_ABSENT) => None,
            Some(p) if p != PROBE_UNKNOWN => Some(p),
            _ => {
                let h = self.hash(key)?;
                self.map_find_in::<O>(o, key, h)?
            }
        };
        #[cfg(target_os = "none")]
        let found = {
            let h = self.hash(key)?;
            self.map_find_in::<O>(o, key, h)?
        };
        let Some(p) = found else { return Ok(None) };
        self.ns_changed_in(o);
        Ok(self.heap.get_mut::<O>(o).and_then(|d| d.map_mut().remove_at(p)).map(|e| e.value))
    }

    /// Position of `key` (hash `hash`) in the table of dict, set or
    /// frozenset `o`, using Python equality.
    ///
    /// Errors: whatever a key's `__eq__` raises.
    pub fn table_find(&mut self, o: Obj, key: Obj, hash: u32) -> PyResult<Option<usize>> {
        self.map_find_in::<DictObj>(o, key, hash)
    }

    /// `d[key]` for a dict (or membership in a set): the value, or None if
    /// absent.
    ///
    /// Errors: `TypeError` for unhashable keys; a key's `__eq__`.
    pub fn dict_lookup(&mut self, d: Obj, key: Obj) -> PyResult<Option<Obj>> {
        self.map_lookup_in::<DictObj>(d, key)
    }

    /// `d[key] = value` for a dict (or `s.add(key)` for a set, value
    /// ignored).
    ///
    /// Errors: `TypeError` for unhashable keys, `MemoryError`.
    pub fn dict_store(&mut self, d: Obj, key: Obj, value: Obj) -> PyResult<()> {
        self.map_store_in::<DictObj>(d, key, value)
    }

    /// Removes `key` from a dict or set, returning its value if present.
    ///
    /// Errors: `TypeError` for unhashable keys; a key's `__eq__`.
    pub fn dict_remove(&mut self, d: Obj, key: Obj) -> PyResult<Option<Obj>> {
        self.map_remove_in::<DictObj>(d, key)
    }

    /// Looks up a qstr key in a namespace dict object (globals, module):
    /// by identity first (no hashing beyond the qstr's stored hash).
    ///
    /// Errors: a key's `__eq__` (only when the table holds non-str keys).
    #[cfg_attr(not(target_os = "none"), inline)]
    pub fn dict_lookup_qstr(&mut self, d: Obj, name: Qstr) -> PyResult<Option<Obj>> {
        let h = self.qstr_hash(name);
        if let Some(t) = self.table(d) {
            if let Some(p) = t.find_identical(Obj::qstr(name), h) {
                return Ok(t.entry(p).map(|e| e.value));
            }
        }
        self.dict_lookup(d, Obj::qstr(name))
    }

    /// Stores `name = value` in a namespace dict object.
    ///
    /// Errors: `MemoryError`; a key's `__eq__`.
    #[cfg_attr(not(target_os = "none"), inline)]
    pub fn dict_store_qstr(&mut self, d: Obj, name: Qstr, value: Obj) -> PyResult<()> {
        let h = self.qstr_hash(name);
        if let Some(t) = self.table_values_mut(d) {
            if let Some(p) = t.find_identical(Obj::qstr(name), h) {
                t.set_value(p, value);
                return Ok(());
            }
        }
        self.map_store_hashed::<DictObj>(d, Obj::qstr(name), value, h)
    }
}

/// [`Vm::table_probe`]'s result from [`Map::find_decided`]'s.
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn probe_result(r: Result<Option<usize>, ()>, h: u32) -> (usize, u32) {
    match r {
        Ok(Some(p)) => (p, h),
        Ok(None) => (PROBE_ABSENT, h),
        Err(()) => (PROBE_UNKNOWN, h),
    }
}

/// The [`VmState::ns_watched`](crate::vm::VmState) slot of dict `d`.
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn ns_watch_slot(d: Obj) -> usize {
    (d.raw() >> 5) % 4
}
