//! The `collections` module: `namedtuple`, `OrderedDict`, `deque`.
//!
//! - `namedtuple(name, fields)` (fields a sequence of str or a str split
//!   on spaces/commas) returns a native class object: calling it with
//!   positional and/or keyword arguments makes an instance that behaves as
//!   a tuple (indexing, `len`, iteration, `+`, `==`, hashing by delegating
//!   to a tuple of its items), with field attributes (read-only:
//!   `AttributeError: can't set attribute`) and repr `P(x=1, y=2)`.
//!   The class has `_fields`. (Limitations: `type(p)` is not the class,
//!   `isinstance(p, tuple)` is False.)
//! - `OrderedDict` is `dict` (our dicts keep insertion order already;
//!   repr therefore lacks MicroPython's `OrderedDict(...)` wrapper).
//! - `deque(iterable, maxlen)`: MicroPython's fixed-size deque with
//!   `append`, `appendleft`, `pop`, `popleft`, `extend`, `len`, truthiness,
//!   iteration, indexing; appending to a full deque drops from the other
//!   end. Repr `<deque>` as MicroPython.

use super::args::int_arg;
use crate::obj::Obj;
use crate::objdata::{NativeObj, ObjData};
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::{BinaryOp, BuiltinFun, ModuleDef, PrintKind, Rom, Subscr, TypeObj, UnaryOp};
use crate::types::iterators::{native_mut, native_ref};
use crate::PyResult;
use alloc::boxed::Box;
use alloc::collections::VecDeque;
use alloc::string::String;
use alloc::vec::Vec;
use core::any::Any;

// ---- namedtuple ---------------------------------------------------------

/// A namedtuple class: its name and field names.
pub struct NtClass {
    name: Qstr,
    fields: Vec<Qstr>,
}

impl NativeObj for NtClass {
    fn type_obj(&self) -> &'static TypeObj {
        &NT_CLASS_TYPE
    }
    fn trace(&self, _f: &mut dyn FnMut(Obj)) {}
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// A namedtuple instance: its class and items.
pub struct NtInst {
    class: Obj,
    items: Box<[Obj]>,
}

impl NativeObj for NtInst {
    fn type_obj(&self) -> &'static TypeObj {
        &NT_TYPE
    }
    fn trace(&self, f: &mut dyn FnMut(Obj)) {
        f(self.class);
        self.items.iter().for_each(|&o| f(o));
    }
    fn heap_bytes(&self) -> usize {
        core::mem::size_of::<NtInst>() + self.items.len() * core::mem::size_of::<Obj>()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

fn namedtuple(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let Some(name) = vm.str_of(a[0]).map(String::from) else {
        return Err(vm.type_error("can't convert to str implicitly"));
    };
    let mut names: Vec<String> = Vec::new();
    if let Some(s) = vm.str_of(a[1]) {
        names = s.split([' ', ',']).filter(|w| !w.is_empty()).map(String::from).collect();
    } else {
        let items = vm.collect_iter(a[1])?;
        for o in items {
            match vm.str_of(o) {
                Some(s) => names.push(String::from(s)),
                None => return Err(vm.type_error("can't convert to str implicitly")),
            }
        }
    }
    let nq = vm.intern(&name);
    let fields = names.iter().map(|n| vm.intern(n)).collect();
    vm.alloc(ObjData::Native(Box::new(NtClass { name: nq, fields })))
}

fn nt_class_call(vm: &mut Vm, cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    let (name, fields) = match native_ref::<NtClass>(vm, cls) {
        Some(c) => (c.name, c.fields.clone()),
        None => return Err(vm.type_error("not a namedtuple class")),
    };
    let n = fields.len();
    if args.len() > n {
        let msg = alloc::format!("{}() takes {} positional arguments but {} were given", vm.qstrs.str(name), n, args.len());
        return Err(vm.type_error(&msg));
    }
    let mut items = alloc::vec![Obj::NULL; n];
    items[..args.len()].copy_from_slice(args);
    for p in kw.chunks_exact(2) {
        let Some(k) = vm.str_of(p[0]) else { continue };
        match fields.iter().position(|&f| vm.qstrs.str(f) == k) {
            Some(i) if items[i].is_null() => items[i] = p[1],
            Some(_) => return Err(vm.type_error("function got multiple values for argument")),
            None => return Err(vm.type_error("unexpected keyword argument")),
        }
    }
    if items.iter().any(|o| o.is_null()) {
        let given = items.iter().filter(|o| !o.is_null()).count();
        let msg = alloc::format!("{}() takes {} positional arguments but {} were given", vm.qstrs.str(name), n, given);
        return Err(vm.type_error(&msg));
    }
    vm.alloc(ObjData::Native(Box::new(NtInst { class: cls, items: items.into_boxed_slice() })))
}

fn nt_class_print(vm: &mut Vm, o: Obj, out: &mut String, _k: PrintKind) -> PyResult<()> {
    let name = native_ref::<NtClass>(vm, o).map(|c| c.name).unwrap_or(q::namedtuple);
    out.push_str("<class '");
    out.push_str(vm.qstrs.str(name));
    out.push_str("'>");
    Ok(())
}

fn nt_class_attr(vm: &mut Vm, o: Obj, name: Qstr, store: Option<Obj>) -> PyResult<Obj> {
    if store.is_some() || name != q::_fields {
        return Ok(Obj::NULL);
    }
    let f: Vec<Obj> = native_ref::<NtClass>(vm, o).map(|c| c.fields.iter().map(|&q| Obj::qstr(q)).collect()).unwrap_or_default();
    vm.new_tuple(&f)
}

fn nt_items(vm: &Vm, o: Obj) -> Option<Vec<Obj>> {
    native_ref::<NtInst>(vm, o).map(|i| i.items.to_vec())
}

fn nt_tuple(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let items = nt_items(vm, o).unwrap_or_default();
    vm.new_tuple(&items)
}

fn nt_print(vm: &mut Vm, o: Obj, out: &mut String, _k: PrintKind) -> PyResult<()> {
    let Some((cls, items)) = native_ref::<NtInst>(vm, o).map(|i| (i.class, i.items.to_vec())) else { return Ok(()) };
    let (name, fields) = native_ref::<NtClass>(vm, cls).map(|c| (c.name, c.fields.clone())).unwrap_or((q::namedtuple, Vec::new()));
    out.push_str(vm.qstrs.str(name));
    out.push('(');
    for (i, &x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        if let Some(&f) = fields.get(i) {
            out.push_str(vm.qstrs.str(f));
            out.push('=');
        }
        let r = vm.repr_string(x)?;
        out.push_str(&r);
    }
    out.push(')');
    Ok(())
}

fn nt_attr(vm: &mut Vm, o: Obj, name: Qstr, store: Option<Obj>) -> PyResult<Obj> {
    let Some(cls) = native_ref::<NtInst>(vm, o).map(|i| i.class) else { return Ok(Obj::NULL) };
    let idx = native_ref::<NtClass>(vm, cls).and_then(|c| c.fields.iter().position(|&f| f == name));
    match (idx, store) {
        (Some(_), Some(_)) => Err(vm.error(&crate::types::exception::ATTRIBUTE_ERROR_TYPE, "can't set attribute")),
        (Some(i), None) => Ok(nt_items(vm, o).and_then(|v| v.get(i).copied()).unwrap_or(Obj::NONE)),
        _ => Ok(Obj::NULL),
    }
}

fn nt_unary(vm: &mut Vm, op: UnaryOp, o: Obj) -> PyResult<Obj> {
    let t = nt_tuple(vm, o)?;
    vm.unary_op(op, t)
}

fn nt_binary(vm: &mut Vm, op: BinaryOp, a: Obj, b: Obj) -> PyResult<Obj> {
    let a = if native_ref::<NtInst>(vm, a).is_some() { nt_tuple(vm, a)? } else { a };
    let b = if native_ref::<NtInst>(vm, b).is_some() { nt_tuple(vm, b)? } else { b };
    vm.binary_op(op, a, b)
}

fn nt_subscr(vm: &mut Vm, o: Obj, index: Obj, op: Subscr) -> PyResult<Obj> {
    if !matches!(op, Subscr::Load) {
        return Err(vm.type_error("'namedtuple' object doesn't support item assignment"));
    }
    let t = nt_tuple(vm, o)?;
    vm.subscr(t, index, Subscr::Load)
}

fn nt_iter(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let t = nt_tuple(vm, o)?;
    vm.get_iter(t)
}

static NT_CLASS_TYPE: TypeObj = TypeObj {
    name: q::r#type,
    call: Some(nt_class_call),
    print: Some(nt_class_print),
    attr: Some(nt_class_attr),
    ..TypeObj::EMPTY
};

static NT_TYPE: TypeObj = TypeObj {
    name: q::namedtuple,
    print: Some(nt_print),
    attr: Some(nt_attr),
    unary_op: Some(nt_unary),
    binary_op: Some(nt_binary),
    subscr: Some(nt_subscr),
    iter: Some(nt_iter),
    ..TypeObj::EMPTY
};

// ---- deque --------------------------------------------------------------

/// A bounded double-ended queue.
pub struct Deque {
    items: VecDeque<Obj>,
    maxlen: usize,
}

impl NativeObj for Deque {
    fn type_obj(&self) -> &'static TypeObj {
        &DEQUE_TYPE
    }
    fn trace(&self, f: &mut dyn FnMut(Obj)) {
        self.items.iter().for_each(|&o| f(o));
    }
    fn heap_bytes(&self) -> usize {
        core::mem::size_of::<Deque>() + self.items.capacity() * core::mem::size_of::<Obj>()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

fn deque_new(vm: &mut Vm, _c: Obj, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    if a.len() < 2 {
        return Err(vm.type_error("function missing 2 required positional arguments"));
    }
    let maxlen = int_arg(vm, a[1])?;
    if maxlen < 0 {
        return Err(vm.value_error("maxlen must be non-negative"));
    }
    let maxlen = maxlen as usize;
    let init = vm.collect_iter(a[0])?;
    let d = vm.alloc(ObjData::Native(Box::new(Deque { items: VecDeque::new(), maxlen })))?;
    for x in init {
        push(vm, d, x, false)?;
    }
    Ok(d)
}

fn push(vm: &mut Vm, d: Obj, x: Obj, left: bool) -> PyResult<()> {
    let (len, cap, maxlen) = match native_ref::<Deque>(vm, d) {
        Some(q) => (q.items.len(), q.items.capacity(), q.maxlen),
        None => return Err(vm.type_error("expected a deque")),
    };
    if maxlen == 0 {
        return Ok(());
    }
    if len >= cap && len < maxlen {
        vm.make_room((cap.max(4)) * core::mem::size_of::<Obj>())?;
    }
    let mut grown = 0;
    if let Some(q) = native_mut::<Deque>(vm, d) {
        if q.items.len() >= q.maxlen {
            if left {
                q.items.pop_back();
            } else {
                q.items.pop_front();
            }
        }
        if left {
            q.items.push_front(x);
        } else {
            q.items.push_back(x);
        }
        grown = q.items.capacity().saturating_sub(cap) * core::mem::size_of::<Obj>();
    }
    vm.charge(grown);
    Ok(())
}

fn append(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    push(vm, a[0], a[1], false)?;
    Ok(Obj::NONE)
}

fn appendleft(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    push(vm, a[0], a[1], true)?;
    Ok(Obj::NONE)
}

fn extend(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let items = vm.collect_iter(a[1])?;
    let base = vm.roots.len();
    vm.roots.extend_from_slice(&items);
    let r = items.iter().try_for_each(|&x| push(vm, a[0], x, false));
    vm.roots.truncate(base);
    r?;
    Ok(Obj::NONE)
}

fn pop_end(vm: &mut Vm, d: Obj, left: bool) -> PyResult<Obj> {
    let v = native_mut::<Deque>(vm, d).and_then(|q| if left { q.items.pop_front() } else { q.items.pop_back() });
    match v {
        Some(v) => Ok(v),
        None => Err(vm.error(&crate::types::exception::INDEX_ERROR_TYPE, "empty")),
    }
}

fn pop(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    pop_end(vm, a[0], false)
}

fn popleft(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    pop_end(vm, a[0], true)
}

fn deque_list(vm: &mut Vm, d: Obj) -> PyResult<Obj> {
    let items: Vec<Obj> = native_ref::<Deque>(vm, d).map(|q| q.items.iter().copied().collect()).unwrap_or_default();
    vm.new_list(items)
}

fn deque_unary(vm: &mut Vm, op: UnaryOp, o: Obj) -> PyResult<Obj> {
    let n = native_ref::<Deque>(vm, o).map(|q| q.items.len()).unwrap_or(0);
    match op {
        UnaryOp::Len => Ok(Obj::small_int(n as isize)),
        UnaryOp::Bool => Ok(Obj::bool(n > 0)),
        _ => Ok(Obj::NULL),
    }
}

fn deque_subscr(vm: &mut Vm, o: Obj, index: Obj, op: Subscr) -> PyResult<Obj> {
    let l = deque_list(vm, o)?;
    if let Subscr::Store(v) = op {
        let i = int_arg(vm, index)?;
        let n = native_ref::<Deque>(vm, o).map(|q| q.items.len()).unwrap_or(0) as i64;
        let i = if i < 0 { i + n } else { i };
        if i < 0 || i >= n {
            return Err(vm.error(&crate::types::exception::INDEX_ERROR_TYPE, "deque index out of range"));
        }
        if let Some(q) = native_mut::<Deque>(vm, o) {
            if let Some(slot) = q.items.get_mut(i as usize) {
                *slot = v;
            }
        }
        return Ok(Obj::NONE);
    }
    vm.subscr(l, index, op)
}

fn deque_iter(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let l = deque_list(vm, o)?;
    vm.get_iter(l)
}

fn deque_print(_vm: &mut Vm, _o: Obj, out: &mut String, _k: PrintKind) -> PyResult<()> {
    out.push_str("<deque>");
    Ok(())
}

static APPEND: BuiltinFun = BuiltinFun::new(q::append, 2, 2, append);
static APPENDLEFT: BuiltinFun = BuiltinFun::new(q::appendleft, 2, 2, appendleft);
static EXTEND: BuiltinFun = BuiltinFun::new(q::extend, 2, 2, extend);
static POP: BuiltinFun = BuiltinFun::new(q::pop, 1, 1, pop);
static POPLEFT: BuiltinFun = BuiltinFun::new(q::popleft, 1, 1, popleft);

static DEQUE_LOCALS: [(Qstr, Rom); 5] = [
    (q::append, Rom::Fun(&APPEND)),
    (q::appendleft, Rom::Fun(&APPENDLEFT)),
    (q::extend, Rom::Fun(&EXTEND)),
    (q::pop, Rom::Fun(&POP)),
    (q::popleft, Rom::Fun(&POPLEFT)),
];

/// `collections.deque`.
pub static DEQUE_TYPE: TypeObj = TypeObj {
    name: q::deque,
    make_new: Some(deque_new),
    print: Some(deque_print),
    unary_op: Some(deque_unary),
    subscr: Some(deque_subscr),
    iter: Some(deque_iter),
    locals: &DEQUE_LOCALS,
    ..TypeObj::EMPTY
};

static NAMEDTUPLE: BuiltinFun = BuiltinFun::new(q::namedtuple, 2, 2, namedtuple);

static LOCALS: [(Qstr, Rom); 4] = [
    (q::__name__, Rom::Str(q::collections)),
    (q::OrderedDict, Rom::Type(&crate::types::dict::DICT_TYPE)),
    (q::deque, Rom::Type(&DEQUE_TYPE)),
    (q::namedtuple, Rom::Fun(&NAMEDTUPLE)),
];

/// The `collections` module.
pub static COLLECTIONS_MODULE: ModuleDef = ModuleDef { name: q::collections, locals: &LOCALS, init: None };
