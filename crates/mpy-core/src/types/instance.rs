//! Instances of user classes: the slots of every class's `TypeObj`
//! (see `vm::class`), dispatching to special methods (`__add__`,
//! `__getitem__`, `__iter__`, ...) found in the class's MRO, falling back
//! to the instance's native part (for subclasses of built-in types) and
//! then to the runtime's defaults.

use crate::heap::Heap;
use crate::obj::Obj;
use crate::qstr::{q, Qstr};
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{BinaryOp, PrintKind, Subscr, UnaryOp};
use crate::types::exception as exc;
use crate::vm::class::{class_of_instance, user_special_cached, InstanceNativeObj};
use crate::{PyErr, PyResult};

/// The class and the native part (NULL if none) of instance `o`.
#[inline]
fn parts(vm: &Vm, o: Obj) -> (Obj, Obj) {
    (class_of_instance(o), vm.heap.get::<InstanceNativeObj>(o).map_or(Obj::NULL, |i| i.native))
}

/// The user-defined special method `name` of `o`'s class, if any.
/// Desktop: through the class's lookup cache read in place.
#[inline]
fn special(vm: &mut Vm, o: Obj, name: Qstr) -> Option<Obj> {
    let cls = class_of_instance(o);
    if cls.is_null() {
        return None;
    }
    #[cfg(not(target_os = "none"))]
    if let Some(crate::vm::class::Found::Plain(v)) = crate::vm::attrcache::class_find(vm, o, name) {
        return Some(v);
    }
    user_special_cached(vm, cls, name)
}

/// Calls special method `f` with `args` (desktop: straight into a Python
/// function's frame when it can be).
///
/// Errors: whatever the call raises.
#[inline(always)]
fn call_special(vm: &mut Vm, f: Obj, args: &[Obj]) -> PyResult<Obj> {
    #[cfg(not(target_os = "none"))]
    return crate::vm::attrcache::call_fast(vm, f, args);
    #[cfg(target_os = "none")]
    vm.call(f, args, &[])
}

/// `TypeError: '<type>' object <what>`.
fn type_error_obj(vm: &mut Vm, o: Obj, what: &str) -> PyErr {
    vm.type_error_obj(o, what)
}

/// `print` slot: `__str__` (or `__repr__`) / `__repr__`, else the native
/// part, else `<C object at ...>`.
///
/// Errors: `TypeError: __str__ returned non-string`; whatever the method
/// raises.
pub fn inst_print(vm: &mut Vm, o: Obj, out: &mut Out, kind: PrintKind) -> PyResult<()> {
    let f = if kind == PrintKind::Str {
        special(vm, o, q::__str__).or_else(|| special(vm, o, q::__repr__))
    } else {
        special(vm, o, q::__repr__)
    };
    if let Some(f) = f {
        let r = vm.call(f, &[o], &[])?;
        let Some(s) = vm.str_pinned(r) else { return Err(vm.type_error(msg!("__str__ returned non-string"))) };
        return out.str(vm, s);
    }
    let (cls, native) = parts(vm, o);
    if !native.is_null() {
        return vm.print_obj(native, out, kind);
    }
    let name = vm.class_name(cls);
    out.fmt(vm, crate::msg!("<{} object at {}>"), &[name.into(), crate::runtime::print::Arg::Hex(o.raw(), 0)])
}

pub(crate) fn unary_special(op: UnaryOp) -> Option<Qstr> {
    Some(match op {
        UnaryOp::Positive => q::__pos__,
        UnaryOp::Negative => q::__neg__,
        UnaryOp::Invert => q::__invert__,
        UnaryOp::Bool => q::__bool__,
        UnaryOp::Len => q::__len__,
        UnaryOp::Hash => q::__hash__,
        UnaryOp::Abs => q::__abs__,
        UnaryOp::IntMaybe => q::__int__,
        UnaryOp::FloatMaybe => q::__float__,
        UnaryOp::ComplexMaybe => q::__complex__,
        UnaryOp::Sizeof => q::__sizeof__,
        UnaryOp::Not => return None,
    })
}

/// `unary_op` slot.
///
/// Errors: `TypeError` for a `__len__` not returning an int or hashing an
/// instance whose class defines `__eq__` only; whatever the method raises.
pub fn inst_unary(vm: &mut Vm, op: UnaryOp, o: Obj) -> PyResult<Obj> {
    if let Some(name) = unary_special(op) {
        if let Some(f) = special(vm, o, name) {
            let r = call_special(vm, f, &[o])?;
            return Ok(match op {
                UnaryOp::Bool => Obj::bool(vm.is_true(r)?),
                UnaryOp::Len if !r.is_small_int() => {
                    return Err(vm.type_error(msg!("object cannot be interpreted as an integer")));
                }
                _ => r,
            });
        }
        if op == UnaryOp::Bool {
            if let Some(f) = special(vm, o, q::__len__) {
                let r = vm.call(f, &[o], &[])?;
                return Ok(Obj::bool(r != Obj::small_int(0)));
            }
        }
        if op == UnaryOp::Hash && special(vm, o, q::__eq__).is_some() {
            return Err(super::strutil::unhashable_type(vm, o));
        }
    }
    let (_, native) = parts(vm, o);
    if !native.is_null() {
        let t = vm.builtin_type(native);
        if let Some(f) = t.ext.unary_op {
            return f(vm, op, native);
        }
    }
    Ok(Obj::NULL)
}

/// The special method name of a binary op (`__add__`, `__radd__`,
/// `__iadd__`, `__contains__`, ...); None for `is` and exception matching.
pub(crate) fn binary_qstr(op: BinaryOp) -> Option<Qstr> {
    let n = BINARY_QSTRS.get(op as usize).copied().unwrap_or(q::empty.0 as u16);
    (n != q::empty.0 as u16).then_some(Qstr(n as u32))
}

/// [`binary_qstr`]'s table, in `BinaryOp` order (`q::empty`: none).
static BINARY_QSTRS: [u16; 50] = {
    let t = [
        q::__lt__, q::__gt__, q::__eq__, q::__le__, q::__ge__, q::__ne__, q::__contains__, q::empty, q::empty,
        q::__ior__, q::__ixor__, q::__iand__, q::__ilshift__, q::__irshift__, q::__iadd__,
        q::__isub__, q::__imul__, q::__imatmul__, q::__ifloordiv__,
        q::__itruediv__, q::__imod__, q::__ipow__,
        q::__or__, q::__xor__, q::__and__, q::__lshift__, q::__rshift__, q::__add__, q::__sub__, q::__mul__, q::__matmul__,
        q::__floordiv__, q::__truediv__, q::__mod__, q::__pow__,
        q::__divmod__,
        q::__contains__,
        q::__ror__, q::__rxor__, q::__rand__, q::__rlshift__, q::__rrshift__, q::__radd__,
        q::__rsub__, q::__rmul__, q::__rmatmul__, q::__rfloordiv__,
        q::__rtruediv__, q::__rmod__, q::__rpow__,
    ];
    let mut out = [0u16; 50];
    let mut i = 0;
    while i < t.len() {
        assert!(t[i].0 <= u16::MAX as u32);
        out[i] = t[i].0 as u16;
        i += 1;
    }
    out
};

/// `binary_op` slot (NULL when unsupported, so the runtime tries the
/// reflected operation).
///
/// Errors: whatever the method raises.
pub fn inst_binary(vm: &mut Vm, op: BinaryOp, a: Obj, b: Obj) -> PyResult<Obj> {
    if let Some(nq) = binary_qstr(op) {
        if let Some(f) = special(vm, a, nq) {
            let r = call_special(vm, f, &[a, b])?;
            if r == Obj::NOT_IMPLEMENTED {
                return Ok(Obj::NULL);
            }
            return Ok(match op {
                BinaryOp::Contains => Obj::bool(vm.is_true(r)?),
                _ => r,
            });
        }
    }
    if op == BinaryOp::NotEqual {
        if let Some(f) = special(vm, a, q::__eq__) {
            let r = vm.call(f, &[a, b], &[])?;
            if r == Obj::NOT_IMPLEMENTED {
                return Ok(Obj::NULL);
            }
            return Ok(Obj::bool(!vm.is_true(r)?));
        }
    }
    let (_, native) = parts(vm, a);
    if !native.is_null() {
        let t = vm.builtin_type(native);
        if let Some(f) = t.binary_op {
            let (_, bn) = parts(vm, b);
            let b2 = if bn.is_null() { b } else { bn };
            return f(vm, op, native, b2);
        }
    }
    Ok(Obj::NULL)
}

/// A binary op whose left operand `a` is an instance of a user class
/// without a built-in base defining the operator as a Python function
/// (remembered per class and op, see
/// [`crate::vm::attrcache::special_hit`]): the method called straight
/// into its frame, then (for `NotImplemented`) the rest of
/// [`Vm::binary_op`] past the left operand's slot. What `binary_op`
/// reaches through [`inst_binary`], without its layers; None: take the
/// general path (nothing done yet). Not for `==`, `!=`, `is`, `in` and
/// exception matching, which `binary_op` answers before the slots.
/// Inlined into its callers (the dispatch loop's binary-op path, `less`):
/// one native frame less.
///
/// Errors: whatever the method or the reflected operator raises;
/// `TypeError` for unsupported operands.
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub fn inst_binary_inline(vm: &mut Vm, op: BinaryOp, a: Obj, b: Obj) -> Option<PyResult<Obj>> {
    let t = a.ptr_type()?;
    let f = match crate::vm::attrcache::special_hit(vm, op as u8, t) {
        Some(f) => f,
        None => inst_binary_find(vm, op, a, t)?,
    };
    let r = match crate::vm::attrcache::call_fast(vm, f, &[a, b]) {
        Ok(r) => r,
        Err(e) => return Some(Err(e)),
    };
    if r != Obj::NOT_IMPLEMENTED {
        return Some(Ok(r));
    }
    Some(vm.binary_op_unsupported(op, a, b, t))
}

/// [`inst_binary_inline`] past the [`crate::vm::attrcache::special_hit`]
/// cache: the operator's Python function along the MRO of `a`'s class
/// `t` (a user class without a built-in base), through the class's
/// lookup cache, remembered for the next time; None when `op` takes the
/// general path (no such function, or an op `binary_op` answers before
/// the slots).
#[cfg(not(target_os = "none"))]
#[inline(never)]
fn inst_binary_find(vm: &mut Vm, op: BinaryOp, a: Obj, t: &'static crate::typ::TypeObj) -> Option<Obj> {
    if matches!(
        op,
        BinaryOp::Is | BinaryOp::Equal | BinaryOp::NotEqual | BinaryOp::In | BinaryOp::ExceptionMatch | BinaryOp::Contains
    ) {
        return None;
    }
    let c = vm.heap.class_of(a)?;
    if t.base.is_some() {
        return None;
    }
    let name = binary_qstr(op)?;
    let f = match crate::vm::attrcache::mcache_hit(vm, c, name) {
        Some(f) => f,
        // (Past the cache: the lookup `inst_binary` makes, filling it.)
        None => match crate::vm::class::find_cached(vm, class_of_instance(a), name)? {
            crate::vm::class::Found::Plain(f) => f,
            crate::vm::class::Found::Rom(_) => return None,
        },
    };
    if !crate::vmobj::is_function(f) {
        return None;
    }
    crate::vm::attrcache::special_fill(vm, op as u8, t, f);
    Some(f)
}

/// `subscr` slot: `__getitem__`/`__setitem__`/`__delitem__`, else the
/// native part.
///
/// Errors: whatever the method raises.
pub fn inst_subscr(vm: &mut Vm, o: Obj, index: Obj, op: Subscr) -> PyResult<Obj> {
    let (name, args_store) = match op {
        Subscr::Load => (q::__getitem__, None),
        Subscr::Store(v) => (q::__setitem__, Some(v)),
        Subscr::Delete => (q::__delitem__, None),
    };
    if let Some(f) = special(vm, o, name) {
        let r = match args_store {
            Some(v) => call_special(vm, f, &[o, index, v])?,
            None => call_special(vm, f, &[o, index])?,
        };
        return Ok(if matches!(op, Subscr::Load) { r } else { Obj::NONE });
    }
    let (_, native) = parts(vm, o);
    if !native.is_null() {
        return vm.subscr(native, index, op);
    }
    Ok(Obj::NULL)
}

/// `iter` slot: `__iter__`, the native part, `__await__`, an object with
/// `__next__` is its own iterator, else the `__getitem__` protocol.
///
/// Errors: `TypeError: 'C' object isn't iterable`.
pub fn inst_iter(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    if let Some(f) = special(vm, o, q::__iter__) {
        return call_special(vm, f, &[o]);
    }
    let (_, native) = parts(vm, o);
    if !native.is_null() {
        return vm.get_iter(native);
    }
    if let Some(f) = special(vm, o, q::__await__) {
        return vm.call(f, &[o], &[]);
    }
    if special(vm, o, q::__next__).is_some() {
        return Ok(o);
    }
    if special(vm, o, q::__getitem__).is_some() {
        // The sequence protocol: o[0], o[1], ... until IndexError.
        return crate::types::iterators::new_subscr_iter(vm, o);
    }
    Err(type_error_obj(vm, o, "isn't iterable"))
}

/// `iternext` slot: `__next__` (StopIteration becomes the end marker),
/// else the native part.
///
/// Errors: `TypeError: 'C' object isn't an iterator`.
pub fn inst_iternext(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    if let Some(f) = special(vm, o, q::__next__) {
        return match call_special(vm, f, &[o]) {
            Ok(v) => Ok(v),
            Err(PyErr(e)) if crate::vm::gen::exc_is(vm, e, &exc::STOP_ITERATION_TYPE) => Ok(Obj::STOP_ITERATION),
            Err(e) => Err(e),
        };
    }
    let (_, native) = parts(vm, o);
    if !native.is_null() {
        return Ok(vm.iter_next(native)?.unwrap_or(Obj::STOP_ITERATION));
    }
    Err(type_error_obj(vm, o, "isn't an iterator"))
}

/// `call` slot: `__call__`.
///
/// Errors: `TypeError: 'C' object isn't callable`.
pub fn inst_call(vm: &mut Vm, o: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    if let Some(f) = special(vm, o, q::__call__) {
        return vm.call_with_self(f, o, args, kw);
    }
    Err(type_error_obj(vm, o, "isn't callable"))
}

/// `buffer` slot of subclasses of built-in types: the native part's
/// buffer.
pub fn inst_buffer(heap: &Heap, o: Obj) -> Option<&[u8]> {
    let n = heap.get::<InstanceNativeObj>(o)?.native;
    let f = n.ptr_type()?.ext.buffer?;
    f(heap, n)
}

/// `buffer_mut` slot of subclasses of built-in types: the native part's
/// writable buffer.
pub fn inst_buffer_mut(heap: &mut Heap, o: Obj) -> Option<&mut [u8]> {
    let n = heap.get::<InstanceNativeObj>(o)?.native;
    let f = n.ptr_type()?.ext.buffer_mut?;
    f(heap, n)
}
