//! The per-module qstr table and constant-object table.
//!
//! MicroPython's `mpy-cross` gives each qstr and each constant object an
//! index the first time the emitter uses it, in pass order (scope pass over
//! every scope, then per scope the stack-size, code-size and emit passes).
//! Entry 0 of the qstr table is the source-file name. Constants are
//! de-duplicated by strict equality: same type and same value, so `1`,
//! `1.0` and `True` stay distinct, and so do `0.0` and `-0.0`.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use mpy_bytecode::Const;

/// The qstr and constant tables of one module being compiled.
#[derive(Debug, Default)]
pub struct Tables {
    /// Qstrs in index order (entry 0 = source file name).
    pub qstrs: Vec<String>,
    index: BTreeMap<String, u32>,
    /// Constant objects in index order.
    pub consts: Vec<Const>,
}

impl Tables {
    /// New tables whose qstr entry 0 is `source_name`.
    pub fn new(source_name: &str) -> Self {
        let mut t = Tables::default();
        t.qstr(source_name);
        t
    }

    /// The index of qstr `s`, adding it at the end on first use.
    pub fn qstr(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.qstrs.len() as u32;
        self.qstrs.push(String::from(s));
        self.index.insert(String::from(s), i);
        i
    }

    /// The index of constant `c`, adding it at the end unless a strictly
    /// equal constant is already present.
    pub fn constant(&mut self, c: Const) -> u32 {
        if let Some(i) = self.consts.iter().position(|x| strict_eq(x, &c)) {
            return i as u32;
        }
        self.consts.push(c);
        (self.consts.len() - 1) as u32
    }
}

/// Strict constant equality: same type and same value (floats compared by
/// bits, so `0.0` and `-0.0` differ), tuples element-wise.
fn strict_eq(a: &Const, b: &Const) -> bool {
    match (a, b) {
        (Const::Float(x), Const::Float(y)) | (Const::Complex(x), Const::Complex(y)) => {
            x.to_bits() == y.to_bits()
        }
        (Const::Tuple(x), Const::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| strict_eq(p, q))
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qstr_order_and_dedup() {
        let mut t = Tables::new("f.py");
        assert_eq!(t.qstr("a"), 1);
        assert_eq!(t.qstr("b"), 2);
        assert_eq!(t.qstr("a"), 1);
        assert_eq!(t.qstr("f.py"), 0);
    }

    #[test]
    fn const_strict_dedup() {
        let mut t = Tables::new("f.py");
        assert_eq!(t.constant(Const::Float(0.0)), 0);
        assert_eq!(t.constant(Const::Float(-0.0)), 1);
        assert_eq!(t.constant(Const::Float(0.0)), 0);
        assert_eq!(t.constant(Const::Int("5".into())), 2);
        assert_eq!(t.constant(Const::Str("5".into())), 3);
    }
}
