//! Desktop fast paths of the dispatch loop (`vm::dispatch`): `in` and
//! subscripts of exact dicts/sets by identity, binary ops past the
//! small-int arm (floats, 64-bit ints, plain strs), and the small-int
//! arithmetic the loop inlines.

#[cfg(not(target_os = "none"))]
use super::dispatch::bad_code;
use crate::obj::Obj;
#[cfg(not(target_os = "none"))]
use crate::state::Vm;
use crate::typ::BinaryOp;
#[cfg(not(target_os = "none"))]
use crate::types::int_fast;
#[cfg(not(target_os = "none"))]
use crate::PyResult;

/// BINARY_OP opcodes with arms of their own in the dispatch loop
/// (desktop).
#[cfg(not(target_os = "none"))]
pub(super) mod bin_op {
    use crate::typ::BinaryOp;
    pub(in crate::vm) const BIN_LT: u8 = 0xd7 + BinaryOp::Less as u8;
    pub(in crate::vm) const BIN_GT: u8 = 0xd7 + BinaryOp::More as u8;
    pub(in crate::vm) const BIN_EQ: u8 = 0xd7 + BinaryOp::Equal as u8;
    pub(in crate::vm) const BIN_LE: u8 = 0xd7 + BinaryOp::LessEqual as u8;
    pub(in crate::vm) const BIN_GE: u8 = 0xd7 + BinaryOp::MoreEqual as u8;
    pub(in crate::vm) const BIN_NE: u8 = 0xd7 + BinaryOp::NotEqual as u8;
    pub(in crate::vm) const BIN_ADD: u8 = 0xd7 + BinaryOp::Add as u8;
    pub(in crate::vm) const BIN_IADD: u8 = 0xd7 + BinaryOp::InplaceAdd as u8;
    pub(in crate::vm) const BIN_SUB: u8 = 0xd7 + BinaryOp::Subtract as u8;
    pub(in crate::vm) const BIN_ISUB: u8 = 0xd7 + BinaryOp::InplaceSubtract as u8;
    pub(in crate::vm) const BIN_IN: u8 = 0xd7 + BinaryOp::In as u8;
    pub(in crate::vm) const BIN_IS: u8 = 0xd7 + BinaryOp::Is as u8;
}

/// Is `o` exactly a dict (fixed ones included), set or frozenset (not a
/// subclass instance)? Their `in` is a table lookup with nothing to
/// dispatch on.
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub(super) fn exact_table(o: Obj) -> bool {
    o.ptr_type().is_some_and(crate::types::dict::has_map_layout)
}

/// `a in b` (out of line): a table lookup for an exact dict, set or
/// frozenset, else the general binary op.
#[cfg(not(target_os = "none"))]
#[inline(never)]
pub(super) fn contains_op(vm: &mut Vm, a: Obj, b: Obj) -> PyResult<Obj> {
    if exact_table(b) {
        if let Some(found) = simple_key_in(vm, b, a) {
            return Ok(Obj::bool(found));
        }
        return Ok(Obj::bool(crate::types::dict::lookup(vm, b, a)?.is_some()));
    }
    // A small int or qstr in a tuple or list: against small ints and
    // qstrs, equality is identity; any other item takes the general path.
    if a.is_small_int() || a.as_qstr().is_some() {
        if let Some(items) = vm.seq_items(b) {
            let mut simple = true;
            for &x in items {
                if x == a {
                    return Ok(Obj::TRUE);
                }
                simple &= x.is_small_int() || x.as_qstr().is_some();
            }
            if simple {
                return Ok(Obj::FALSE);
            }
        }
    }
    // A substring of a str (UTF-8: byte and code point matches agree).
    if let (Some(n), Some(h)) = (plain_str(vm, a), plain_str(vm, b)) {
        let found = match n.as_bytes() {
            [c] => h.as_bytes().contains(c),
            _ => h.contains(n),
        };
        return Ok(Obj::bool(found));
    }
    vm.binary_op(BinaryOp::In, a, b)
}

/// Is `key` a key of table `d` (a dict, set or frozenset), as
/// `Vm::table_probe` decides it without running code? None when
/// undecided.
#[cfg(not(target_os = "none"))]
#[inline]
pub(super) fn simple_key_in(vm: &Vm, d: Obj, key: Obj) -> Option<bool> {
    simple_key_pos(vm, d, key).map(|p| p.is_some())
}

/// The position of `key` in table `d` as `Vm::table_probe` decides it:
/// Some(None) when absent, None when undecided.
#[cfg(not(target_os = "none"))]
#[inline]
pub(super) fn simple_key_pos(vm: &Vm, d: Obj, key: Obj) -> Option<Option<usize>> {
    use crate::runtime::dict::{PROBE_ABSENT, PROBE_UNKNOWN};
    match vm.table_probe(vm.table(d)?, key).0 {
        PROBE_UNKNOWN => None,
        PROBE_ABSENT => Some(None),
        p => Some(Some(p)),
    }
}

/// The text of a plain str: a qstr or an exact heap str (not a subclass
/// instance).
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub(super) fn plain_str<'a>(vm: &Vm, o: Obj) -> Option<&'a str> {
    match o.as_qstr() {
        Some(q) => Some(vm.qstr_str(q)),
        None => vm.heap.str_pinned(o),
    }
}

/// Is `o` exactly a dict (not a subclass instance, which may have
/// `__missing__` or its own `__getitem__`)?
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub(super) fn exact_dict(o: Obj) -> bool {
    o.ptr_type().is_some_and(|t| core::ptr::eq(t, &crate::types::dict::DICT_TYPE))
}

/// Left shift that puts a small int's sign bit at the word's top (0
/// unless NaN-boxed).
#[cfg(not(target_os = "none"))]
const TAG_SHIFT: u32 = usize::BITS - 1 - Obj::SMALL_INT_BITS;

/// The tag bits of a small int's word (`HIGH | 1` in `obj`): a word is a
/// small int exactly when these bits of it read `0..01`.
#[cfg(not(target_os = "none"))]
const SMALL_TAG: usize = !(usize::MAX >> TAG_SHIFT) | 1;

/// Are `a` and `b` both small ints (one test for the two)? A word `w` is
/// one exactly when `w - 1` has no tag bit set (an odd word loses only
/// its bit 0; an even one sets bit 0, 0 sets all), so the test is
/// `((a - 1) | (b - 1)) & SMALL_TAG == 0`.
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub(super) fn both_small(a: Obj, b: Obj) -> bool {
    (a.raw().wrapping_sub(1) | b.raw().wrapping_sub(1)) & SMALL_TAG == 0
}

/// A small int's tagged word, shifted so that it orders (as a signed
/// word) like the int itself: `(2 v + 1) << TAG_SHIFT`.
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub(super) fn tagged_key(a: Obj) -> isize {
    (a.raw() << TAG_SHIFT) as isize
}

/// `a + b` of two small ints on their tagged words (the sum's word is
/// `a + b - 1`; it overflows the shifted word exactly when the sum leaves
/// the small-int range): None when it does not fit.
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub(super) fn small_add(a: Obj, b: Obj) -> Option<Obj> {
    let y = (b.raw().wrapping_sub(1) << TAG_SHIFT) as isize;
    tagged_key(a).checked_add(y).map(|s| Obj::from_raw((s as usize) >> TAG_SHIFT))
}

/// `a - b` of two small ints on their tagged words, as [`small_add`].
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub(super) fn small_sub(a: Obj, b: Obj) -> Option<Obj> {
    let y = (b.raw().wrapping_sub(1) << TAG_SHIFT) as isize;
    tagged_key(a).checked_sub(y).map(|s| Obj::from_raw((s as usize) >> TAG_SHIFT))
}

/// The operands of a binary op on a float and a float or small int
/// (either side) as doubles, None for any other pair. A small int (47
/// bits under NaN-boxing) converts exactly, as the general path's
/// `i as Float` does. Desktop builds with NaN-boxed doubles only, where a
/// float result is a word and allocates nothing.
#[cfg(all(feature = "float", feature = "nanbox", not(feature = "float-single"), not(target_os = "none")))]
#[inline(always)]
pub(super) fn float_pair(a: Obj, b: Obj) -> Option<(f64, f64)> {
    let num = |o: Obj| match o.as_inline_float() {
        Some(f) => Some(f),
        None if o.is_small_int() => Some(o.small_int_unchecked() as f64),
        None => None,
    };
    if !(a.is_float() | b.is_float()) {
        return None;
    }
    Some((num(a)?, num(b)?))
}

/// `-a` of a NaN-boxed float (as the float type computes it), None for
/// anything else.
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub(super) fn float_neg(a: Obj) -> Option<Obj> {
    #[cfg(all(feature = "float", feature = "nanbox", not(feature = "float-single")))]
    if let Some(f) = a.as_inline_float() {
        return Some(Obj::from_float(-f));
    }
    let _ = a;
    None
}

use crate::typ::opn;

/// `x op y` for the ops the dispatch loop's float path takes (number
/// `opn`: `+ - * /`, their in-place forms, and the six comparisons) of
/// two doubles, as the float type computes them; None for other ops and
/// for division by zero (the general path raises ZeroDivisionError).
#[cfg(all(feature = "float", feature = "nanbox", not(feature = "float-single"), not(target_os = "none")))]
#[inline(always)]
pub(super) fn float_binop(opn: u8, x: f64, y: f64) -> Option<Obj> {
    use opn::*;
    let r = match opn {
        ADD | IADD => x + y,
        SUB | ISUB => x - y,
        MUL | IMUL => x * y,
        DIV | IDIV if y != 0.0 => x / y,
        LT => return Some(Obj::bool(x < y)),
        GT => return Some(Obj::bool(x > y)),
        EQ => return Some(Obj::bool(x == y)),
        LE => return Some(Obj::bool(x <= y)),
        GE => return Some(Obj::bool(x >= y)),
        NE => return Some(Obj::bool(x != y)),
        _ => return None,
    };
    Some(Obj::from_float(r))
}

/// A bytecode binary op (number `opn`) past the dispatch loop's small-int
/// paths (out of line, keeping the loop's code small): two ints
/// ([`int_fast::int64_op`], or the big-int arithmetic), then the general [`Vm::binary_op`].
///
/// Errors: as [`Vm::binary_op`]; a bad op number is bad code.
#[cfg(not(target_os = "none"))]
#[inline(never)]
pub(super) fn binary_op_slow(vm: &mut Vm, opn: u8, a: Obj, b: Obj) -> PyResult<Obj> {
    // A float and a float or small int, NaN-boxed: the common float ops
    // first, in this small function (nothing to allocate, no registers to
    // save), the rest in a tail call.
    #[cfg(all(feature = "float", feature = "nanbox", not(feature = "float-single")))]
    if let Some(r) = float_pair(a, b).and_then(|(x, y)| float_binop(opn, x, y)) {
        return Ok(r);
    }
    // Two ints (the 64-bit or big-int arithmetic directly), a plain str
    // on the left of `+` (the concatenation), or a user-class instance's
    // operator method (`__add__`, ...). (One call through a pointer, so it
    // stays a tail call.)
    #[cfg(feature = "bigint")]
    let long: fn(&mut Vm, u8, Obj, Obj) -> PyResult<Obj> = crate::types::int_ops::big::long_op;
    #[cfg(not(feature = "bigint"))]
    let long: fn(&mut Vm, u8, Obj, Obj) -> PyResult<Obj> = binary_op_rest;
    let rest: fn(&mut Vm, u8, Obj, Obj) -> PyResult<Obj> = match int_fast::int_pair_kind(vm, a, b) {
        Some(true) => int_fast::int64_op,
        Some(false) => long,
        None => {
            let ta = a.ptr_type();
            if ta.is_some_and(|t| t.flags & crate::typ::flags::IS_CLASS != 0) {
                binary_op_inst
            } else if !(a.as_qstr().is_some() || ta.is_some_and(|t| core::ptr::eq(t, &crate::types::str::STR_TYPE))) {
                binary_op_rest
            } else if matches!(opn, opn::ADD | opn::IADD) {
                str_add
            } else if opn == BinaryOp::Modulo as u8 || opn == BinaryOp::InplaceModulo as u8 {
                str_mod
            } else {
                binary_op_rest
            }
        }
    };
    rest(vm, opn, a, b)
}

/// [`binary_op_slow`] with a user-class instance on the left: the
/// operator's Python function as remembered for the class
/// ([`super::attrcache::special_hit`]) called straight into its frame;
/// else [`binary_op_inst_miss`].
///
/// Errors: as [`Vm::binary_op`].
#[cfg(not(target_os = "none"))]
#[inline(never)]
fn binary_op_inst(vm: &mut Vm, opn: u8, a: Obj, b: Obj) -> PyResult<Obj> {
    if let Some(t) = a.ptr_type() {
        if let Some(f) = super::attrcache::special_hit(vm, opn, t) {
            let r = super::call::call_positional(vm, f, Obj::NULL, &[a, b])?;
            if r != Obj::NOT_IMPLEMENTED {
                return Ok(r);
            }
            return binary_op_declined(vm, opn, a, b, t);
        }
    }
    binary_op_inst_miss(vm, opn, a, b)
}

/// [`binary_op_inst`] once the left operand's operator method (of class
/// `t`) returned `NotImplemented`: the rest of [`Vm::binary_op`] past the
/// left operand's slot.
///
/// Errors: as [`Vm::binary_op`]; a bad op number is bad code.
#[cfg(not(target_os = "none"))]
#[inline(never)]
fn binary_op_declined(vm: &mut Vm, opn: u8, a: Obj, b: Obj, t: &'static crate::typ::TypeObj) -> PyResult<Obj> {
    let Some(bop) = BinaryOp::from_u8(opn) else { return Err(bad_code(vm)) };
    vm.binary_op_unsupported(bop, a, b, t)
}

/// [`binary_op_inst`] past its cache: the operator method found and
/// called straight into its frame
/// ([`crate::types::instance::inst_binary_inline`]), else
/// [`binary_op_rest`].
///
/// Errors: as [`Vm::binary_op`]; a bad op number is bad code.
#[cfg(not(target_os = "none"))]
#[inline(never)]
fn binary_op_inst_miss(vm: &mut Vm, opn: u8, a: Obj, b: Obj) -> PyResult<Obj> {
    let Some(bop) = BinaryOp::from_u8(opn) else { return Err(bad_code(vm)) };
    match crate::types::instance::inst_binary_inline(vm, bop, a, b) {
        Some(r) => r,
        None => binary_op_rest(vm, opn, a, b),
    }
}

/// [`binary_op_slow`] for `+` (or `+=`) with a plain str on the left: two
/// plain strs concatenated straight into the new str, else
/// [`binary_op_rest`].
///
/// Errors: as [`Vm::binary_op`].
#[cfg(not(target_os = "none"))]
#[inline(never)]
fn str_add(vm: &mut Vm, opn: u8, a: Obj, b: Obj) -> PyResult<Obj> {
    if let (Some(x), Some(y)) = (plain_str(vm, a), plain_str(vm, b)) {
        if y.is_empty() && a.as_qstr().is_some() {
            return Ok(a);
        }
        if let Some(n) = x.len().checked_add(y.len()) {
            return vm.new_str_from_parts(n, |_, w| {
                w.push(x);
                w.push(y);
            });
        }
    }
    binary_op_rest(vm, opn, a, b)
}

/// [`binary_op_slow`] for `%` with a plain str on the left: the
/// formatter's one-pass path ([`crate::types::str_modulo::modulo_fast`])
/// straight away, else [`binary_op_rest`] (which reaches the general
/// formatter).
///
/// Errors: as [`Vm::binary_op`].
#[cfg(not(target_os = "none"))]
#[inline(never)]
fn str_mod(vm: &mut Vm, opn: u8, a: Obj, b: Obj) -> PyResult<Obj> {
    use crate::types::str_modulo as m;
    if let Some(r) = m::modulo_fast(vm, a, b) {
        return r;
    }
    let r = m::modulo_general(vm, crate::types::strutil::Kind::Str, a, b)?;
    if !r.is_null() {
        return Ok(r);
    }
    binary_op_rest(vm, opn, a, b)
}

/// [`binary_op_slow`] past the NaN-boxed float ops.
#[cfg(not(target_os = "none"))]
#[inline(never)]
fn binary_op_rest(vm: &mut Vm, opn: u8, a: Obj, b: Obj) -> PyResult<Obj> {
    // Ordering of two qstrs (`'a' <= ch <= 'z'` over a text's chars)
    // first: two tag tests, before the numeric ones.
    if matches!(opn, opn::LT | opn::GT | opn::LE | opn::GE) {
        if let Some(r) = qstr_order(vm, opn, a, b) {
            return Ok(r);
        }
    }
    let Some(bop) = BinaryOp::from_u8(opn) else { return Err(bad_code(vm)) };
    // (A user-class instance's operator method: `binary_op_inst` tried it.)
    // Arithmetic and ordering of a float and a float or small int: the
    // float op itself (what `Vm::binary_op` reaches first for them).
    if a.is_float() || b.is_float() {
        #[cfg(feature = "float")]
        let num = |vm: &Vm, o: Obj| match o.as_small_int() {
            Some(i) => Some(i as crate::flt::Float),
            None => vm.float_of(o),
        };
        // (The ops `Vm::binary_op`'s own numeric fast path takes.)
        #[cfg(feature = "float")]
        let plain = opn < BinaryOp::ReverseOr as u8
            && !matches!(bop, BinaryOp::Equal | BinaryOp::NotEqual | BinaryOp::Is | BinaryOp::In | BinaryOp::ExceptionMatch);
        #[cfg(feature = "float")]
        if let (true, Some(x), Some(y)) = (plain, num(vm, a), num(vm, b)) {
            let r = crate::types::float::float_binary_op(vm, bop, x, y)?;
            if !r.is_null() {
                return Ok(r);
            }
        }
    } else if matches!(bop, BinaryOp::Less | BinaryOp::More | BinaryOp::LessEqual | BinaryOp::MoreEqual) {
        // Ordering of two plain strs (two qstrs were ordered above):
        // UTF-8 byte order is code point order.
        if let (Some(x), Some(y)) = (plain_str(vm, a), plain_str(vm, b)) {
            let o = x.as_bytes().cmp(y.as_bytes());
            return Ok(Obj::bool(match bop {
                BinaryOp::Less => o.is_lt(),
                BinaryOp::More => o.is_gt(),
                BinaryOp::LessEqual => o.is_le(),
                _ => o.is_ge(),
            }));
        }
    } else if matches!(bop, BinaryOp::Add | BinaryOp::InplaceAdd) {
        // (Two plain strs: `str_add` concatenated them.)
        // Two lists (`+`) or two tuples: the concatenation directly.
        if let Some(r) = crate::types::seq::concat_exact(vm, bop == BinaryOp::Add, a, b) {
            return r;
        }
    }
    vm.binary_op(bop, a, b)
}

/// Ordering (`opn` one of `< > <= >=`) of two qstrs by their texts (UTF-8
/// byte order is code point order); None for other operands.
/// One-character ASCII qstrs (ids below 0x80) are that character, so their
/// ids order them without reading the texts.
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn qstr_order(vm: &Vm, opn: u8, a: Obj, b: Obj) -> Option<Obj> {
    use opn::*;
    let (x, y) = (a.as_qstr()?, b.as_qstr()?);
    let o = if (x.0 | y.0) < 0x80 {
        x.0.cmp(&y.0)
    } else {
        vm.qstr_str(x).as_bytes().cmp(vm.qstr_str(y).as_bytes())
    };
    Some(Obj::bool(match opn {
        LT => o.is_lt(),
        GT => o.is_gt(),
        LE => o.is_le(),
        _ => o.is_ge(),
    }))
}

/// Small-int fast path of a bytecode binary op: None when the result does
/// not fit or the op needs the general path.
#[inline(always)]
pub(super) fn small_binop(opn: u8, a: isize, b: isize) -> Option<Obj> {
    // Match on the op number directly (in-place ops map to the plain op
    // 13 numbers further on), avoiding the enum conversion tables.
    use opn::*;
    const _: () = assert!(BinaryOp::InplaceOr as u8 + 13 == BinaryOp::Or as u8);
    const _: () = assert!(BinaryOp::InplacePower as u8 + 13 == BinaryOp::Power as u8);
    let n = if (IOR..=IPOW).contains(&opn) { opn + 13 } else { opn };
    let r = match n {
        LT => return Some(Obj::bool(a < b)),
        GT => return Some(Obj::bool(a > b)),
        EQ | IS => return Some(Obj::bool(a == b)),
        LE => return Some(Obj::bool(a <= b)),
        GE => return Some(Obj::bool(a >= b)),
        NE => return Some(Obj::bool(a != b)),
        ADD => a.checked_add(b)?,
        SUB => a.checked_sub(b)?,
        MUL => a.checked_mul(b)?,
        OR => a | b,
        XOR => a ^ b,
        AND => a & b,
        FDIV => {
            if b == 0 {
                return None;
            }
            let d = a.checked_div(b)?;
            if (a % b != 0) && ((a < 0) != (b < 0)) {
                d - 1
            } else {
                d
            }
        }
        MOD => {
            if b == 0 {
                return None;
            }
            let m = a.checked_rem(b)?;
            if m != 0 && ((m < 0) != (b < 0)) {
                m + b
            } else {
                m
            }
        }
        RSH => {
            if b < 0 {
                return None;
            }
            a >> b.min(isize::BITS as isize - 1)
        }
        LSH => {
            if !(0..isize::BITS as isize - 1).contains(&b) {
                return None;
            }
            let r = a << b;
            if (r >> b) != a {
                return None;
            }
            r
        }
        _ => return None,
    };
    if (Obj::SMALL_INT_MIN..=Obj::SMALL_INT_MAX).contains(&r) {
        Some(Obj::small_int(r))
    } else {
        None
    }
}

