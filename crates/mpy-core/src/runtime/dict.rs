//! Hash-table operations with Python equality: lookups in dict, set and
//! namespace tables where keys may need `__eq__`.

use crate::map::Dict;
use crate::obj::Obj;
use crate::objdata::ObjData;
use crate::state::Vm;
use crate::PyResult;

/// Keys whose equality is decided by identity or by content without
/// running Python code, so a lookup can stay inside one borrow.
fn is_simple_key(vm: &Vm, k: Obj) -> bool {
    k.is_small_int() || k.as_qstr().is_some() || matches!(vm.heap.get(k), Some(ObjData::Str(_)))
}

impl Vm {
    /// The table inside a dict, set or frozenset object.
    pub fn table(&self, o: Obj) -> Option<&Dict> {
        match self.heap.get(o)? {
            ObjData::Dict(d) | ObjData::Set(d) | ObjData::FrozenSet(d) => Some(d),
            _ => None,
        }
    }

    /// The table inside a dict, set or frozenset object, mutably.
    pub fn table_mut(&mut self, o: Obj) -> Option<&mut Dict> {
        match self.heap.get_mut(o)? {
            ObjData::Dict(d) | ObjData::Set(d) | ObjData::FrozenSet(d) => Some(d),
            _ => None,
        }
    }

    /// Position of `key` (with hash `hash`) in the table of `o`, using
    /// Python equality. Errors come from a key's `__eq__`.
    pub fn table_find(&mut self, o: Obj, key: Obj, hash: u32) -> PyResult<Option<usize>> {
        let simple = is_simple_key(self, key);
        let key_str = self.str_of(key).map(|_| ());
        let Some(d) = self.table(o) else { return Ok(None) };
        if let Some(p) = d.find_identical(key, hash) {
            return Ok(Some(p));
        }
        if simple && key_str.is_none() {
            // Small ints: identity is equality among simple keys, but a
            // float or big int key could still be equal.
            let all_simple = d.candidates(hash).all(|p| {
                d.entry(p).is_some_and(|e| e.key.is_small_int() || e.key.as_qstr().is_some())
            });
            if all_simple {
                return Ok(None);
            }
        }
        // Slow path: compare candidates one by one (the table may change
        // under a Python __eq__, so re-fetch it each time).
        let mut i = 0;
        loop {
            let Some(d) = self.table(o) else { return Ok(None) };
            let Some(p) = d.candidates(hash).nth(i) else { return Ok(None) };
            let Some(k) = d.entry(p).map(|e| e.key) else { return Ok(None) };
            if self.eq(key, k)? {
                return Ok(Some(p));
            }
            i += 1;
        }
    }

    /// `d[key]` for a dict object: the value, or None if absent.
    pub fn dict_lookup(&mut self, d: Obj, key: Obj) -> PyResult<Option<Obj>> {
        let h = self.hash(key)?;
        let pos = self.table_find(d, key, h)?;
        Ok(pos.and_then(|p| self.table(d).and_then(|t| t.entry(p)).map(|e| e.value)))
    }

    /// `d[key] = value` for a dict (or `s.add(key)` for a set, value
    /// ignored).
    ///
    /// Errors: `TypeError` for unhashable keys, `MemoryError`.
    pub fn dict_store(&mut self, d: Obj, key: Obj, value: Obj) -> PyResult<()> {
        let h = self.hash(key)?;
        if let Some(p) = self.table_find(d, key, h)? {
            if let Some(t) = self.table_mut(d) {
                t.set_value(p, value);
            }
            return Ok(());
        }
        let need = match self.table(d) {
            Some(t) => t.push_growth(),
            None => return Ok(()),
        };
        if need > 0 {
            self.make_room(need)?;
        }
        if let Some(t) = self.table_mut(d) {
            t.push(key, value, h);
            self.charge(need);
        }
        Ok(())
    }

    /// Removes `key` from a dict or set, returning its value if present.
    pub fn dict_remove(&mut self, d: Obj, key: Obj) -> PyResult<Option<Obj>> {
        let h = self.hash(key)?;
        let Some(p) = self.table_find(d, key, h)? else { return Ok(None) };
        Ok(self.table_mut(d).and_then(|t| t.remove_at(p)).map(|e| e.value))
    }

    /// Looks up a qstr key in a namespace dict object (globals, module).
    #[inline]
    pub fn dict_lookup_qstr(&mut self, d: Obj, name: crate::Qstr) -> PyResult<Option<Obj>> {
        let h = self.qstrs.hash(name);
        if let Some(t) = self.table(d) {
            if let Some(p) = t.find_identical(Obj::qstr(name), h) {
                return Ok(t.entry(p).map(|e| e.value));
            }
        }
        self.dict_lookup(d, Obj::qstr(name))
    }
}
