//! The `collections` module: `namedtuple`, `OrderedDict`, `deque`.
//!
//! - `namedtuple(name, fields)` (fields a sequence of str or a str split
//!   on spaces/commas) returns a native class object: calling it with
//!   positional and/or keyword arguments makes an instance that behaves as
//!   a tuple (indexing, `len`, iteration, `+`, `==`, hashing by delegating
//!   to a tuple of its items), with field attributes (read-only:
//!   `AttributeError: can't set attribute`) and repr `P(x=1, y=2)`.
//!   The class has `_fields` (the tuple of names). (Limitations: `type(p)`
//!   is not the class, `isinstance(p, tuple)` is False.)
//! - `OrderedDict` is `dict` (our dicts keep insertion order already;
//!   repr therefore lacks MicroPython's `OrderedDict(...)` wrapper).
//! - `deque(iterable, maxlen)`: MicroPython's fixed-size deque with
//!   `append`, `appendleft`, `pop`, `popleft`, `extend`, `len`, truthiness,
//!   iteration, indexing; appending to a full deque drops from the other
//!   end. Repr `<deque>` as MicroPython.

use crate::typ::Entry;
use super::args::int_arg;
use crate::heap::GcVec;
use crate::obj::{Obj, ObjBase};
use crate::qstr::{q, Qstr};
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{BinaryOp, BuiltinFun, ModuleDef, PrintKind, Rom, Subscr, TypeObj, UnaryOp};
use crate::types::exception::{ATTRIBUTE_ERROR_TYPE, INDEX_ERROR_TYPE};
use crate::PyResult;

// ---- namedtuple ---------------------------------------------------------

/// A namedtuple class: its name and field names.
#[repr(C)]
pub struct NtClassObj {
    /// Header ([`NT_CLASS_TYPE`]).
    pub base: ObjBase,
    /// The class name.
    pub name: Qstr,
    /// The field names: a tuple of (qstr) strs, which is `_fields`.
    pub fields: Obj,
}

/// A namedtuple instance: its class and items (a tuple, which the tuple
/// operations work on).
#[repr(C)]
pub struct NtObj {
    /// Header ([`NT_TYPE`]).
    pub base: ObjBase,
    /// The namedtuple class.
    pub class: Obj,
    /// The items, a tuple.
    pub items: Obj,
}

/// Interns `s` and appends it to `names`.
fn push_name(vm: &mut Vm, names: &mut GcVec<Obj>, s: &str) -> PyResult<()> {
    let q = vm.intern(s)?;
    vm.vec_push_local(names, Obj::qstr(q))
}

/// `namedtuple(name, fields)`: `fields` a str of names separated by
/// spaces or commas, or an iterable of strs.
///
/// Errors: `TypeError: can't convert to str implicitly`, `MemoryError`.
fn namedtuple(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let a = &[a0, a1];
    let Some(name) = vm.str_pinned(a[0]) else {
        return Err(super::args::str_required(vm));
    };
    let mut names: GcVec<Obj> = GcVec::new();
    let r = (|| {
        if let Some(s) = vm.str_pinned(a[1]) {
            let b = s.as_bytes();
            let mut st = 0;
            for i in 0..=b.len() {
                if b.get(i).is_none_or(|&c| c == b' ' || c == b',') {
                    if i > st {
                        push_name(vm, &mut names, s.get(st..i).unwrap_or(""))?;
                    }
                    st = i + 1;
                }
            }
        } else {
            let items = vm.collect_iter(a[1])?;
            let mut i = 0;
            while let Some(o) = vm.seq_get(items, i) {
                match vm.str_pinned(o) {
                    Some(s) => push_name(vm, &mut names, s)?,
                    None => return Err(super::args::str_required(vm)),
                }
                i += 1;
            }
        }
        let nq = vm.intern(name)?;
        let fields = vm.new_tuple(names.as_slice())?;
        vm.alloc_obj(NtClassObj { base: ObjBase::new(&NT_CLASS_TYPE), name: nq, fields })
    })();
    vm.heap.free_vec(names);
    r
}

/// The (name, fields tuple) of namedtuple class `cls`.
fn class_parts(vm: &Vm, cls: Obj) -> Option<(Qstr, Obj)> {
    vm.heap.get::<NtClassObj>(cls).map(|c| (c.name, c.fields))
}

/// Calling a namedtuple class: positional and keyword arguments by field.
///
/// Errors: `TypeError` for missing, surplus, repeated or unknown
/// arguments; `MemoryError`.
fn nt_class_call(vm: &mut Vm, cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    let Some((name, fields)) = class_parts(vm, cls) else { return Err(vm.type_error(msg!("not a namedtuple class"))) };
    let n = vm.tuple_pinned(fields).map_or(0, |f| f.len());
    let too_many = |vm: &mut Vm, given: usize| {
        let nm = vm.qstr_str(name);
        vm.type_error_fmt(msg!("{}() takes {} positional arguments but {} were given"), &[nm.into(), n.into(), given.into()])
    };
    if args.len() > n {
        return Err(too_many(vm, args.len()));
    }
    let mut items: GcVec<Obj> = vm.new_vec(n)?;
    items.resize_within_capacity(n, Obj::NULL);
    let r = (|| {
        items.as_mut_slice()[..args.len()].copy_from_slice(args);
        let fnames = vm.tuple_pinned(fields).unwrap_or(&[]);
        for p in kw.chunks_exact(2) {
            let Some(k) = vm.str_pinned(p[0]) else { continue };
            let pos = fnames.iter().position(|&f| vm.str_pinned(f) == Some(k));
            match pos {
                Some(i) if items.as_slice()[i].is_null() => items.as_mut_slice()[i] = p[1],
                Some(_) => return Err(vm.type_error(crate::runtime::exc::msg::MULTIPLE_VALUES)),
                None => return Err(vm.type_error(crate::runtime::exc::msg::UNEXPECTED_KW)),
            }
        }
        let given = items.as_slice().iter().filter(|o| !o.is_null()).count();
        if given < n {
            return Err(too_many(vm, given));
        }
        let t = vm.new_tuple(items.as_slice())?;
        vm.alloc_obj(NtObj { base: ObjBase::new(&NT_TYPE), class: cls, items: t })
    })();
    vm.heap.free_vec(items);
    r
}

fn nt_class_print(vm: &mut Vm, o: Obj, out: &mut Out, _k: PrintKind) -> PyResult<()> {
    let name = class_parts(vm, o).map_or(q::namedtuple, |c| c.0);
    let s = vm.qstr_str(name);
    out.fmt(vm, crate::msg!("<class '{}'>"), &[s.into()])
}

fn nt_class_attr(vm: &mut Vm, o: Obj, name: Qstr, store: Option<Obj>) -> PyResult<Obj> {
    if store.is_some() || name != q::_fields {
        return Ok(Obj::NULL);
    }
    Ok(class_parts(vm, o).map_or(Obj::NULL, |c| c.1))
}

/// The items tuple of namedtuple instance `o` (NULL if it is not one).
fn nt_items(vm: &Vm, o: Obj) -> Obj {
    vm.heap.get::<NtObj>(o).map_or(Obj::NULL, |i| i.items)
}

/// Field `i` of namedtuple instance `o` as an entry (name, value) for
/// [`print_entries`](crate::types::seq::print_entries).
fn nt_field_at(vm: &Vm, o: Obj, i: usize) -> Option<(usize, Obj, Obj)> {
    let (cls, items) = vm.heap.get::<NtObj>(o).map(|x| (x.class, x.items))?;
    let fields = class_parts(vm, cls)?.1;
    Some((i, *vm.tuple_pinned(fields)?.get(i)?, *vm.tuple_pinned(items)?.get(i)?))
}

/// `Name(f1=repr(v1), ...)`: the attrtuple layout after the class name.
fn nt_print(vm: &mut Vm, o: Obj, out: &mut Out, _k: PrintKind) -> PyResult<()> {
    let Some(cls) = vm.heap.get::<NtObj>(o).map(|i| i.class) else { return Ok(()) };
    let name = class_parts(vm, cls).map_or(q::namedtuple, |c| c.0);
    let name = vm.qstr_str(name);
    out.str(vm, name)?;
    crate::types::seq::print_entries(vm, o, nt_field_at, usize::MAX, crate::types::seq::Entry::Named, "(", ")", out)
}

fn nt_attr(vm: &mut Vm, o: Obj, name: Qstr, store: Option<Obj>) -> PyResult<Obj> {
    let Some((cls, items)) = vm.heap.get::<NtObj>(o).map(|i| (i.class, i.items)) else { return Ok(Obj::NULL) };
    let fields = class_parts(vm, cls).map_or(Obj::NULL, |c| c.1);
    let idx = vm.tuple_pinned(fields).and_then(|f| f.iter().position(|&f| f == Obj::qstr(name)));
    match (idx, store) {
        (Some(_), Some(_)) => Err(vm.error(&ATTRIBUTE_ERROR_TYPE, msg!("can't set attribute"))),
        (Some(i), None) => Ok(vm.tuple_pinned(items).and_then(|v| v.get(i).copied()).unwrap_or(Obj::NONE)),
        _ => Ok(Obj::NULL),
    }
}

fn nt_unary(vm: &mut Vm, op: UnaryOp, o: Obj) -> PyResult<Obj> {
    let t = nt_items(vm, o);
    vm.unary_op(op, t)
}

fn nt_binary(vm: &mut Vm, op: BinaryOp, a: Obj, b: Obj) -> PyResult<Obj> {
    let (ta, tb) = (nt_items(vm, a), nt_items(vm, b));
    let a = if ta.is_null() { a } else { ta };
    let b = if tb.is_null() { b } else { tb };
    vm.binary_op(op, a, b)
}

fn nt_subscr(vm: &mut Vm, o: Obj, index: Obj, op: Subscr) -> PyResult<Obj> {
    if !matches!(op, Subscr::Load) {
        return Err(vm.type_error(msg!("'namedtuple' object doesn't support item assignment")));
    }
    let t = nt_items(vm, o);
    vm.subscr(t, index, Subscr::Load)
}

fn nt_iter(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let t = nt_items(vm, o);
    vm.get_iter(t)
}

/// The type of namedtuple classes (named `type`, as classes are).
pub static NT_CLASS_TYPE: TypeObj = TypeObj {
    name: q::r#type.tn(),
    ext: &crate::typ::TypeExt { attr: Some(nt_class_attr), call: Some(nt_class_call), ..crate::typ::TypeExt::NONE },
    print: Some(nt_class_print),
    ..TypeObj::EMPTY
};

/// The type of namedtuple instances.
pub static NT_TYPE: TypeObj = TypeObj {
    name: q::namedtuple.tn(),
    print: Some(nt_print),
    binary_op: Some(nt_binary),
    subscr: Some(nt_subscr),
    ext: &crate::typ::TypeExt { attr: Some(nt_attr), unary_op: Some(nt_unary), iter: Some(nt_iter), ..crate::typ::TypeExt::NONE },
    ..TypeObj::EMPTY
};

// ---- deque --------------------------------------------------------------

/// A bounded double-ended queue: a ring buffer (`buf`'s whole length)
/// holding `len` items from `head`, growing up to `maxlen`.
#[repr(C)]
pub struct DequeObj {
    /// Header ([`DEQUE_TYPE`]).
    pub base: ObjBase,
    /// The ring (its length is its capacity; free slots hold NULL).
    pub buf: GcVec<Obj>,
    /// Index of the first item.
    pub head: usize,
    /// Number of items.
    pub len: usize,
    /// Most items; appending to a full deque drops one from the other end.
    pub maxlen: usize,
}

impl DequeObj {
    /// Item `i` (0 = front), if there.
    fn get(&self, i: usize) -> Option<Obj> {
        let cap = self.buf.len();
        if i >= self.len || cap == 0 {
            return None;
        }
        self.buf.as_slice().get((self.head + i) % cap).copied()
    }

    /// Slot of item `i` (which must be below the capacity).
    fn slot(&mut self, i: usize) -> Option<&mut Obj> {
        let cap = self.buf.len();
        if cap == 0 {
            return None;
        }
        self.buf.as_mut_slice().get_mut((self.head + i) % cap)
    }

    /// Removes the front (`left`) or back item.
    fn pop(&mut self, left: bool) -> Option<Obj> {
        if self.len == 0 {
            return None;
        }
        let i = if left { 0 } else { self.len - 1 };
        let x = self.slot(i).map(|s| core::mem::replace(s, Obj::NULL));
        if left {
            self.head = (self.head + 1) % self.buf.len().max(1);
        }
        self.len -= 1;
        x
    }
}

fn deque_new(vm: &mut Vm, _c: Obj, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    if a.len() < 2 {
        let n = 2 - a.len();
        return Err(vm.type_error_fmt(msg!("function missing {} required positional arguments"), &[n.into()]));
    }
    let maxlen = int_arg(vm, a[1])?;
    if maxlen < 0 {
        // (No message, as official.)
        return Err(vm.error_noargs(&crate::types::exception::VALUE_ERROR_TYPE));
    }
    let init = vm.collect_iter(a[0])?;
    let d = vm.alloc_obj(DequeObj {
        base: ObjBase::new(&DEQUE_TYPE),
        buf: GcVec::new(),
        head: 0,
        len: 0,
        maxlen: maxlen as usize,
    })?;
    push_all(vm, d, init)?;
    Ok(d)
}

/// Appends the items of sequence `items` to deque `d`.
fn push_all(vm: &mut Vm, d: Obj, items: Obj) -> PyResult<()> {
    let mut i = 0;
    while let Some(x) = vm.seq_get(items, i) {
        push(vm, d, x, 0)?;
        i += 1;
    }
    Ok(())
}

/// A new vector of capacity `cap` (at least) holding deque `d`'s items
/// in order.
///
/// Errors: `MemoryError`.
fn items_vec(vm: &mut Vm, d: Obj, cap: usize) -> PyResult<GcVec<Obj>> {
    let mut v: GcVec<Obj> = vm.new_vec(cap)?;
    if let Some(q) = vm.heap.get::<DequeObj>(d) {
        for i in 0..q.len {
            let _ = v.push_within_capacity(q.get(i).unwrap_or(Obj::NONE));
        }
    }
    Ok(v)
}

/// Makes room for one more item in deque `d` (which is full to its
/// capacity and below `maxlen`): a ring about twice as large, items moved
/// to its start.
fn grow(vm: &mut Vm, d: Obj) -> PyResult<()> {
    let Some((cap, maxlen)) = vm.heap.get::<DequeObj>(d).map(|q| (q.buf.len(), q.maxlen)) else { return Ok(()) };
    let want = (cap * 2).max(4).min(maxlen).max(cap + 1);
    let mut new = items_vec(vm, d, want)?;
    let full = new.capacity();
    new.resize_within_capacity(full, Obj::NULL);
    let old = vm.heap.get_mut::<DequeObj>(d).map(|q| {
        q.head = 0;
        core::mem::replace(&mut q.buf, new)
    });
    if let Some(old) = old {
        vm.heap.free_vec(old);
    }
    Ok(())
}

/// Appends `x` to deque `d` (at the left if `left` is 1); returns None
/// (`append` and `appendleft`: a [`BuiltinFun::new2_at`] each).
fn push(vm: &mut Vm, d: Obj, x: Obj, left: usize) -> PyResult<Obj> {
    let left = left != 0;
    let Some((len, cap, maxlen)) = vm.heap.get::<DequeObj>(d).map(|q| (q.len, q.buf.len(), q.maxlen)) else {
        return Err(vm.type_error(msg!("expected a deque")));
    };
    if maxlen == 0 {
        return Ok(Obj::NONE);
    }
    if len >= cap && len < maxlen {
        grow(vm, d)?;
    }
    if let Some(q) = vm.heap.get_mut::<DequeObj>(d) {
        if q.len >= q.maxlen {
            q.pop(!left);
        }
        let cap = q.buf.len();
        if left {
            q.head = (q.head + cap - 1) % cap;
            q.len += 1;
            if let Some(s) = q.slot(0) {
                *s = x;
            }
        } else {
            q.len += 1;
            let i = q.len - 1;
            if let Some(s) = q.slot(i) {
                *s = x;
            }
        }
    }
    Ok(Obj::NONE)
}

/// `extend(iterable)`: collects the items first (so extending a deque by
/// itself is well defined), then appends each.
fn extend(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let a = &[a0, a1];
    let items = if vm.heap.get::<DequeObj>(a[1]).is_some() { deque_list(vm, a[1])? } else { vm.collect_iter(a[1])? };
    push_all(vm, a[0], items)?;
    Ok(Obj::NONE)
}

/// `pop()` (`left` 0) and `popleft()` (`left` 1), one body.
fn pop_end(vm: &mut Vm, d: Obj, left: usize) -> PyResult<Obj> {
    match vm.heap.get_mut::<DequeObj>(d).and_then(|q| q.pop(left != 0)) {
        Some(v) => Ok(v),
        None => Err(vm.error(&INDEX_ERROR_TYPE, msg!("empty"))),
    }
}

/// A new list of the deque's items, front first.
fn deque_list(vm: &mut Vm, d: Obj) -> PyResult<Obj> {
    let n = vm.heap.get::<DequeObj>(d).map_or(0, |q| q.len);
    let v = items_vec(vm, d, n)?;
    vm.new_list_from_vec(v)
}

fn deque_unary(vm: &mut Vm, op: UnaryOp, o: Obj) -> PyResult<Obj> {
    let n = vm.heap.get::<DequeObj>(o).map_or(0, |q| q.len);
    crate::types::seq::sized_unary(vm, op, o, n, true)
}

/// `d[i]` (as a list would: negative indexes, slices, the list's errors),
/// `d[i] = x`.
///
/// Errors: `IndexError: deque index out of range` for stores; the list's
/// errors for loads.
fn deque_subscr(vm: &mut Vm, o: Obj, index: Obj, op: Subscr) -> PyResult<Obj> {
    if let Subscr::Store(v) = op {
        let i = int_arg(vm, index)?;
        let n = vm.heap.get::<DequeObj>(o).map_or(0, |q| q.len);
        let i = crate::types::strutil::seq_index(vm, isize::try_from(i).unwrap_or(isize::MAX), n, "deque")?;
        if let Some(s) = vm.heap.get_mut::<DequeObj>(o).and_then(|q| q.slot(i)) {
            *s = v;
        }
        return Ok(Obj::NONE);
    }
    if let (Subscr::Load, Some(i)) = (op, index.as_small_int()) {
        let q = vm.heap.get::<DequeObj>(o);
        let n = q.map_or(0, |q| q.len) as isize;
        let i = if i < 0 { i + n } else { i };
        if let Some(x) = q.and_then(|q| usize::try_from(i).ok().and_then(|i| q.get(i))) {
            return Ok(x);
        }
    }
    let l = deque_list(vm, o)?;
    vm.subscr(l, index, op)
}

/// Iterates over a snapshot of the items (a list).
fn deque_iter(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let l = deque_list(vm, o)?;
    vm.get_iter(l)
}

fn deque_print(vm: &mut Vm, _o: Obj, out: &mut Out, _k: PrintKind) -> PyResult<()> {
    out.str(vm, "<deque>")
}

static APPEND: BuiltinFun = BuiltinFun::new2_at(q::append, push, 0);
static APPENDLEFT: BuiltinFun = BuiltinFun::new2_at(q::appendleft, push, 1);
static EXTEND: BuiltinFun = BuiltinFun::new2(q::extend, extend);
static POP: BuiltinFun = BuiltinFun::new1_at(q::pop, pop_end, 0);
static POPLEFT: BuiltinFun = BuiltinFun::new1_at(q::popleft, pop_end, 1);

static DEQUE_LOCALS: [Entry; 5] = [
    Entry::new(q::append, Rom::Fun(&APPEND)),
    Entry::new(q::appendleft, Rom::Fun(&APPENDLEFT)),
    Entry::new(q::extend, Rom::Fun(&EXTEND)),
    Entry::new(q::pop, Rom::Fun(&POP)),
    Entry::new(q::popleft, Rom::Fun(&POPLEFT)),
];

/// `collections.deque`.
pub static DEQUE_TYPE: TypeObj = TypeObj {
    name: q::deque.tn(),
    make_new: Some(deque_new),
    print: Some(deque_print),
    subscr: Some(deque_subscr),
    locals: crate::typ::Locals::of(&DEQUE_LOCALS),
    ext: &crate::typ::TypeExt { unary_op: Some(deque_unary), iter: Some(deque_iter), ..crate::typ::TypeExt::NONE },
    ..TypeObj::EMPTY
};

static NAMEDTUPLE: BuiltinFun = BuiltinFun::new2(q::namedtuple, namedtuple);

static LOCALS: [Entry; 4] = [
    Entry::new(q::__name__, Rom::Str(q::collections)),
    Entry::new(q::OrderedDict, Rom::Type(&crate::types::dict::DICT_TYPE)),
    Entry::new(q::deque, Rom::Type(&DEQUE_TYPE)),
    Entry::new(q::namedtuple, Rom::Fun(&NAMEDTUPLE)),
];

/// The `collections` module.
pub static COLLECTIONS_MODULE: ModuleDef = ModuleDef::new(q::collections, &LOCALS);
