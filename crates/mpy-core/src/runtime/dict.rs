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
    #[inline]
    fn decide_tuples(&self, key: Obj, k: Obj) -> Decide {
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

    /// Position of `key` (hash `hash`) in `m` when it can be decided
    /// without running code: `Ok(found)`, or `Err(())` when some
    /// candidate needs `vm.eq`. One pass over the candidates: an
    /// identical key matches at once, distinct qstrs and small ints are
    /// skipped without a closer look.
    #[inline]
    fn map_find_quick(&self, m: &Map, key: Obj, hash: u32) -> Result<Option<usize>, ()> {
        let simple = key.is_small_int() || key.as_qstr().is_some();
        let mut undecided = false;
        let mut c = m.candidates(hash);
        while let Some((p, k)) = c.next_key() {
            if k == key {
                return Ok(Some(p));
            }
            if k.is_null() || (simple && (k.is_small_int() || k.as_qstr().is_some())) {
                continue;
            }
            match self.decide_key(key, hash, k) {
                Decide::Match => return Ok(Some(p)),
                Decide::Skip => {}
                Decide::NeedEq => undecided = true,
            }
        }
        if undecided {
            Err(())
        } else {
            Ok(None)
        }
    }

    /// Position of `key` in `m` found without hashing it: in a small
    /// (unindexed) table, when `key` is a small int, a qstr or a tuple of
    /// those (all hashable), and every key of the table is told apart from
    /// it by identity, by kind (distinct small ints and qstrs never equal;
    /// nor does such a tuple an int or a str) or by [`Vm::decide_tuples`].
    /// None when the hashed lookup is needed. Desktop builds only (boards
    /// keep the flash).
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    fn map_find_unhashed(&self, m: &Map, key: Obj) -> Option<Option<usize>> {
        if m.hash_at(0).is_some() {
            // An indexed table: the hash picks the candidates.
            return None;
        }
        let simple = |o: Obj| o.is_small_int() || o.as_qstr().is_some();
        let key_simple = simple(key);
        let items: &[Obj] = if key_simple {
            &[]
        } else {
            match self.tuple_pinned(key) {
                Some(t) if t.iter().all(|&x| simple(x)) => t,
                _ => return None,
            }
        };
        for p in 0..m.end_pos() {
            let k = m.entry(p)?.key;
            if k == key {
                return Some(Some(p));
            }
            if k.is_null() || simple(k) {
                continue;
            }
            if key_simple {
                return None;
            }
            // Both tuples: equal when their items are (those of `k` that
            // are not small ints or qstrs would need `__eq__`).
            let other = self.tuple_pinned(k)?;
            if other.len() != items.len() {
                continue;
            }
            let mut same = true;
            for (&x, &y) in items.iter().zip(other) {
                if x != y {
                    if !simple(y) {
                        return None;
                    }
                    same = false;
                }
            }
            if same {
                return Some(Some(p));
            }
        }
        Some(None)
    }

    /// The hash of `key` and its position in `m` (None: absent), decided
    /// without running code, for a key that is a small int, a qstr, a
    /// plain heap str or a tuple of small ints and qstrs, among candidates
    /// of those kinds (the rules of [`Vm::decide_key`], with the key's
    /// kind found once). None when the general path is needed (another
    /// kind of key, or a candidate that only `__eq__` can decide).
    /// Desktop builds only.
    #[cfg(not(target_os = "none"))]
    #[inline]
    fn map_find_fast(&self, m: &Map, key: Obj) -> Option<(u32, Option<usize>)> {
        let simple = |o: Obj| o.is_small_int() || o.as_qstr().is_some();
        // The key's kind: text (a qstr or heap str), tuple items, or a
        // small int (neither).
        let mut text: Option<&str> = None;
        let mut items: Option<&[Obj]> = None;
        let h = if let Some(i) = key.as_small_int() {
            i as u32
        } else if let Some(q) = key.as_qstr() {
            text = Some(self.qstr_str(q));
            self.qstr_hash(q)
        } else if let Some(s) = self.heap.str_pinned(key) {
            text = Some(s);
            self.heap.str_hash(key)?
        } else {
            // The flat tuple hash of `Vm::hash`.
            let t = self.tuple_pinned(key)?;
            let mut h: u32 = 0x345678;
            for &x in t {
                let hx = if let Some(i) = x.as_small_int() {
                    i as u32
                } else {
                    self.qstr_hash(x.as_qstr()?)
                };
                h = (h ^ hx).wrapping_mul(1_000_003) ^ (h >> 7);
            }
            items = Some(t);
            h >> 2
        };
        let mut c = m.candidates(h);
        while let Some((p, k)) = c.next_key() {
            if k == key {
                return Some((h, Some(p)));
            }
            if k.is_null() || k.is_small_int() {
                // (A small int equals no other small int, str or tuple.)
                continue;
            }
            if let Some(kq) = k.as_qstr() {
                // Distinct qstrs differ; a qstr equals a heap str of its
                // text.
                if let Some(t) = text {
                    if key.as_qstr().is_none() && self.qstr_hash(kq) == h && self.qstr_str(kq) == t {
                        return Some((h, Some(p)));
                    }
                }
                continue;
            }
            if let Some(ks) = self.heap.str_pinned(k) {
                if let Some(t) = text {
                    if self.heap.str_hash(k) == Some(h) && ks == t {
                        return Some((h, Some(p)));
                    }
                }
                continue;
            }
            let kt = self.tuple_pinned(k)?;
            let Some(it) = items else {
                // A tuple never equals an int or a str.
                continue;
            };
            if kt.len() != it.len() {
                continue;
            }
            let mut same = true;
            for (&x, &y) in it.iter().zip(kt) {
                if x != y {
                    if !simple(y) {
                        return None;
                    }
                    same = false;
                }
            }
            if same {
                return Some((h, Some(p)));
            }
        }
        Some((h, None))
    }

    /// Position of `key` (with hash `hash`, from [`Vm::hash`]) in the table
    /// of heap object `o` (layout `O`), using Python equality. A `__eq__`
    /// may change the table: it is re-read after each comparison.
    ///
    /// Errors: whatever a key's `__eq__` raises.
    pub fn map_find_in<O: HasMap>(&mut self, o: Obj, key: Obj, hash: u32) -> PyResult<Option<usize>> {
        let Some(d) = self.heap.get::<O>(o) else { return Ok(None) };
        if let Ok(r) = self.map_find_quick(d.map(), key, hash) {
            return Ok(r);
        }
        // Slow path: compare candidates one by one.
        let mut i = 0;
        loop {
            let Some(d) = self.heap.get::<O>(o) else { return Ok(None) };
            let m = d.map();
            let Some(p) = m.candidates(hash).nth(i) else { return Ok(None) };
            i += 1;
            let Some(k) = m.entry(p).map(|e| e.key) else { return Ok(None) };
            let small = m.hash_at(p).is_none();
            if k.is_null() {
                continue;
            }
            match self.decide_key(key, hash, k) {
                Decide::Match => return Ok(Some(p)),
                Decide::Skip => {}
                Decide::NeedEq => {
                    // A small table stores no hashes: compare them here
                    // when the key's hash runs no Python code.
                    if small && self.plain_hash(k)?.is_some_and(|hk| hk != hash) {
                        continue;
                    }
                    if self.eq(key, k)? {
                        return Ok(Some(p));
                    }
                }
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
            if let Some(r) = self.map_find_unhashed(m, key) {
                return Ok(r.and_then(|p| m.entry(p)).map(|e| e.value));
            }
            if let Some((_, r)) = self.map_find_fast(m, key) {
                return Ok(r.and_then(|p| m.entry(p)).map(|e| e.value));
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
        #[cfg(not(target_os = "none"))]
        if let Some(found) = self.heap.get::<O>(o).and_then(|d| self.map_find_unhashed(d.map(), key)) {
            let Some(p) = found else {
                // Proven absent; its hash runs no Python code (a small
                // int, a qstr or a tuple of those), so the table stays as
                // scanned: append without a second search.
                let h = self.hash_quick(key)?;
                return self.map_push_new::<O>(o, key, value, h);
            };
            if let Some(d) = self.heap.get_mut::<O>(o) {
                d.map_mut().set_value(p, value);
            }
            return Ok(());
        }
        #[cfg(not(target_os = "none"))]
        if let Some((h, found)) = self.heap.get::<O>(o).and_then(|d| self.map_find_fast(d.map(), key)) {
            // Decided without running code: the table stays as scanned.
            let Some(p) = found else { return self.map_push_new::<O>(o, key, value, h) };
            if let Some(d) = self.heap.get_mut::<O>(o) {
                d.map_mut().set_value(p, value);
            }
            return Ok(());
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
        let found = match self.heap.get::<O>(o).and_then(|d| self.map_find_fast(d.map(), key)) {
            Some((_, found)) => found,
            None => {
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

/// The [`VmState::ns_watched`](crate::vm::VmState) slot of dict `d`.
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn ns_watch_slot(d: Obj) -> usize {
    (d.raw() >> 5) % 4
}
