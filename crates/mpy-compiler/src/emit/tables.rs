//! The per-module qstr table and constant-object table.
//!
//! MicroPython's `mpy-cross` gives each qstr and each constant object an
//! index the first time the emitter uses it, in pass order (scope pass over
//! every scope, then per scope the stack-size, code-size and emit passes).
//! Entry 0 of the qstr table is the source-file name. Constants are
//! de-duplicated by strict equality: same type and same value, so `1`,
//! `1.0` and `True` stay distinct, and so do `0.0` and `-0.0`.
//!
//! Both tables grow through the compilation's [`Mem`]; when an entry does
//! not fit, index 0 is returned and the `Mem` records the failure (the
//! pass then ends with `MemoryError`).

use crate::mem::{Mem, StrIndex};
use alloc::string::String;
use alloc::vec::Vec;
use core::mem::size_of;
use mpy_bytecode::Const;

/// The qstr and constant tables of one module being compiled.
#[derive(Debug, Default)]
pub struct Tables {
    /// Qstrs in index order (entry 0 = source file name).
    pub qstrs: Vec<String>,
    index: StrIndex,
    /// Constant objects in index order.
    pub consts: Vec<Const>,
}

impl Tables {
    /// New tables whose qstr entry 0 is `source_name`.
    pub fn new(mem: &Mem, source_name: &str) -> Self {
        let mut t = Tables::default();
        t.qstr(mem, source_name);
        t
    }

    /// The index of qstr `s`, adding it at the end on first use.
    pub fn qstr(&mut self, mem: &Mem, s: &str) -> u32 {
        let qstrs = &self.qstrs;
        let key_at = |p: u32| qstrs.get(p as usize).map_or(&[][..], |q| q.as_bytes());
        if let Some(i) = self.index.find(s.as_bytes(), &key_at) {
            return i;
        }
        let i = self.qstrs.len() as u32;
        let Ok(owned) = mem.string(s) else { return 0 };
        if mem.push(&mut self.qstrs, owned).is_err() {
            return 0;
        }
        let qstrs = &self.qstrs;
        let key_at = |p: u32| qstrs.get(p as usize).map_or(&[][..], |q| q.as_bytes());
        if self.index.insert(mem, s.as_bytes(), i, &key_at).is_err() {
            self.qstrs.pop();
            return 0;
        }
        i
    }

    /// The index of constant `c`, adding it at the end unless a strictly
    /// equal constant is already present (then `c` is dropped and its
    /// memory credited back to `mem`).
    pub fn constant(&mut self, mem: &Mem, c: Const) -> u32 {
        if let Some(i) = self.consts.iter().position(|x| strict_eq(x, &c)) {
            mem.credit(heap_bytes(&c));
            return i as u32;
        }
        if mem.push(&mut self.consts, c).is_err() {
            return 0;
        }
        (self.consts.len() - 1) as u32
    }
}

/// The bytes a constant holds outside itself (what [`Mem`] charged for
/// it).
fn heap_bytes(c: &Const) -> usize {
    match c {
        Const::Int(s) | Const::Str(s) => s.capacity(),
        Const::Bytes(b) => b.capacity(),
        Const::Tuple(t) => t.capacity() * size_of::<Const>() + t.iter().map(heap_bytes).sum::<usize>(),
        _ => 0,
    }
}

/// Strict constant equality: same type and same value (floats compared by
/// bits, so `0.0` and `-0.0` differ), tuples element-wise. (No derived
/// float comparison: the boards would link the soft-double one.)
fn strict_eq(a: &Const, b: &Const) -> bool {
    if core::mem::discriminant(a) != core::mem::discriminant(b) {
        return false;
    }
    match (a, b) {
        (Const::Float(x), Const::Float(y)) | (Const::Complex(x), Const::Complex(y)) => {
            x.to_bits() == y.to_bits()
        }
        (Const::Tuple(x), Const::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| strict_eq(p, q))
        }
        // The same variant: strings, bytes and decimal ints by their
        // bytes; the unit variants (no bytes) are equal.
        _ => payload(a) == payload(b),
    }
}

/// The bytes of a str, bytes or int constant (empty for the others).
fn payload(c: &Const) -> &[u8] {
    match c {
        Const::Str(s) | Const::Int(s) => s.as_bytes(),
        Const::Bytes(b) => b,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qstr_order_and_dedup() {
        let m = Mem::new(usize::MAX);
        let mut t = Tables::new(&m, "f.py");
        assert_eq!(t.qstr(&m, "a"), 1);
        assert_eq!(t.qstr(&m, "b"), 2);
        assert_eq!(t.qstr(&m, "a"), 1);
        assert_eq!(t.qstr(&m, "f.py"), 0);
    }

    #[test]
    fn const_strict_dedup() {
        let m = Mem::new(usize::MAX);
        let mut t = Tables::new(&m, "f.py");
        assert_eq!(t.constant(&m, Const::Float(0.0)), 0);
        assert_eq!(t.constant(&m, Const::Float(-0.0)), 1);
        assert_eq!(t.constant(&m, Const::Float(0.0)), 0);
        assert_eq!(t.constant(&m, Const::Int("5".into())), 2);
        assert_eq!(t.constant(&m, Const::Str("5".into())), 3);
    }
}
