//! The `builtins` module: every name in MicroPython's `dir(builtins)`.
//!
//! Functions live in this file (introspection and attributes), in
//! [`super::builtins_seq`] (iteration helpers: `all`, `any`, `min`, `max`,
//! `sum`, `sorted`), [`super::builtins_num`] (`abs`, `divmod`, `pow`,
//! `round`, `hex`/`oct`/`bin`, `chr`/`ord`) and [`super::builtins_io`]
//! (`print`, `input`, `open`). Types point at their `TypeObj`s.
//!
//! `__build_class__` and `super` are the VM's (`vm::class`);
//! `NotImplemented` and `Ellipsis` (immediate objects, which a ROM table
//! entry cannot hold) are resolved by the VM's builtin lookup
//! (`vm::builtins::lookup_builtin`) after this table. `exec`, `eval`, `compile`, `execfile` (with the compiler only) and
//! `__import__` call the VM (`vm::exec`, `vm::import`); `globals`/`locals` give the running
//! code's namespaces (`__main__`'s globals when none runs).

use crate::typ::given;
use crate::typ::Entry;
use super::args::str_conv_error;
use super::{builtins_io as io, builtins_num as num, builtins_seq as sq};
use crate::map::Map;
use crate::obj::Obj;
use crate::qstr::{q, Qstr};
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{flags, BuiltinFun, ModuleDef, PrintKind, Rom, TypeObj, UnaryOp};
use crate::types::dict::DictObj;
use crate::types::exception as e;
use crate::types::list::ListObj;
use crate::types::{self, misc};
use crate::vm::class::{InstanceNativeObj, InstanceObj};
use crate::PyResult;

/// The text of a str argument as a qstr.
///
/// Errors: `TypeError: can't convert 'int' object to str implicitly`;
/// `MemoryError` (interning).
pub fn arg_qstr(vm: &mut Vm, o: Obj) -> PyResult<Qstr> {
    if let Some(q) = o.as_qstr() {
        return Ok(q);
    }
    match vm.str_pinned(o) {
        Some(s) => vm.intern(s),
        None => Err(str_conv_error(vm, o)),
    }
}

/// Is error `err` an instance of exception type `t`?
pub fn err_is(vm: &mut Vm, err: crate::PyErr, t: &'static TypeObj) -> bool {
    vm.exception_match(err.0, Obj::from_type(t)).unwrap_or(false)
}

fn b_callable(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    Ok(Obj::bool(vm.is_callable(args[0])))
}

fn b_len(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    // Desktop: a str, list or tuple (exactly, not a subclass instance)
    // counted here, without the type's unary-op slot.
    #[cfg(not(target_os = "none"))]
    if let Some(n) = seq_len(vm, args[0]).filter(|&n| n <= Obj::SMALL_INT_MAX as usize) {
        return Ok(Obj::small_int(n as isize));
    }
    let n = vm.len(args[0])?;
    vm.new_int(n as i64)
}

/// The length of an exact str, list or tuple (desktop's `len` fast path).
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn seq_len(vm: &Vm, o: Obj) -> Option<usize> {
    use types::strutil::char_len;
    let Some(ty) = o.ptr_type() else {
        return Some(char_len(vm.qstr_str(o.as_qstr()?).as_bytes()));
    };
    if core::ptr::eq(ty, &types::str::STR_TYPE) {
        return Some(char_len(vm.heap.str_pinned(o)?.as_bytes()));
    }
    if core::ptr::eq(ty, &types::list::LIST_TYPE) {
        return Some(vm.heap.get::<ListObj>(o)?.items.len());
    }
    if core::ptr::eq(ty, &types::tuple::TUPLE_TYPE) {
        return Some(vm.tuple_pinned(o)?.len());
    }
    None
}

fn b_iter(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    vm.get_iter(args[0])
}

fn b_next(vm: &mut Vm, a0: Obj, a1: Obj, _a2: Obj) -> PyResult<Obj> {
    match vm.iter_next_allow_raise(a0)? {
        Some(x) => Ok(x),
        None => match given(&a1) {
            Some(&d) => Ok(d),
            None => Err(vm.error_noargs(&e::STOP_ITERATION_TYPE)),
        },
    }
}

fn b_id(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    let o = args[0];
    vm.new_int((o.raw() >> 1) as i64)
}

fn b_hash(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    let o = args[0];
    if o.is_small_int() {
        return Ok(o);
    }
    if o.as_qstr().is_some() || vm.heap.str_pinned(o).is_some() {
        let h = vm.hash(o)?;
        return Ok(Obj::small_int((h >> 2) as isize));
    }
    vm.unary_op(UnaryOp::Hash, o)
}

fn b_repr(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    vm.repr_obj(args[0])
}

/// Checks that `cls` is a class or a (nested) tuple of classes.
fn check_classinfo(vm: &mut Vm, cls: Obj) -> PyResult<()> {
    if vm.is_type(cls) {
        return Ok(());
    }
    if let Some(t) = vm.tuple_pinned(cls) {
        for &c in t {
            check_classinfo(vm, c)?;
        }
        return Ok(());
    }
    Err(vm.type_error(msg!("issubclass() arg 2 must be a class or a tuple of classes")))
}

fn matches_classinfo(vm: &Vm, o: Obj, cls: Obj, instance: bool) -> bool {
    if let Some(t) = vm.tuple_pinned(cls) {
        return t.iter().any(|&c| matches_classinfo(vm, o, c, instance));
    }
    // In MicroPython `bool` is not a subclass of `int`
    // (`isinstance(True, int)` is False).
    if cls == Obj::from_type(&types::int::INT_TYPE) {
        let is_bool = if instance { o.is_bool() } else { o == Obj::from_type(&misc::BOOL_TYPE) };
        if is_bool {
            return false;
        }
    }
    if instance {
        vm.is_instance(o, cls)
    } else {
        vm.is_subclass(o, cls)
    }
}

/// `isinstance(o, classinfo)` (member 0) and `issubclass(cls, classinfo)`
/// (1) on the boards: one body ([`BuiltinFun::new2_at`]; the desktop
/// keeps `isinstance`'s fast paths in its own).
#[cfg(target_os = "none")]
fn b_is(vm: &mut Vm, a0: Obj, a1: Obj, at: usize) -> PyResult<Obj> {
    if at == 1 && !vm.is_type(a0) {
        return Err(vm.type_error(msg!("issubclass() arg 1 must be a class")));
    }
    check_classinfo(vm, a1)?;
    Ok(Obj::bool(matches_classinfo(vm, a0, a1, at == 0)))
}

#[cfg(not(target_os = "none"))]
fn b_isinstance(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let args = &[a0, a1];
    // Desktop: `type(o)` is the class itself (a class: no checks needed).
    #[cfg(not(target_os = "none"))]
    if vm.type_of(args[0]) == args[1] {
        return Ok(Obj::TRUE);
    }
    #[cfg(not(target_os = "none"))]
    if let Some(r) = crate::vm::class::isinstance_user(vm, args[0], args[1]) {
        return Ok(Obj::bool(r));
    }
    check_classinfo(vm, args[1])?;
    Ok(Obj::bool(matches_classinfo(vm, args[0], args[1], true)))
}

#[cfg(not(target_os = "none"))]
fn b_issubclass(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let args = &[a0, a1];
    if !vm.is_type(args[0]) {
        return Err(vm.type_error(msg!("issubclass() arg 1 must be a class")));
    }
    check_classinfo(vm, args[1])?;
    Ok(Obj::bool(matches_classinfo(vm, args[0], args[1], false)))
}

fn b_getattr(vm: &mut Vm, a0: Obj, a1: Obj, a2: Obj) -> PyResult<Obj> {
    let name = arg_qstr(vm, a1)?;
    match vm.load_attr(a0, name) {
        Ok(v) => Ok(v),
        Err(err) => match given(&a2) {
            Some(&d) if err_is(vm, err, &e::ATTRIBUTE_ERROR_TYPE) => Ok(d),
            _ => Err(err),
        },
    }
}

fn b_setattr(vm: &mut Vm, a0: Obj, a1: Obj, a2: Obj) -> PyResult<Obj> {
    let args = &[a0, a1, a2];
    let name = arg_qstr(vm, args[1])?;
    vm.store_attr(args[0], name, args[2])?;
    Ok(Obj::NONE)
}

fn b_delattr(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let args = &[a0, a1];
    let name = arg_qstr(vm, args[1])?;
    vm.store_attr(args[0], name, Obj::NULL)?;
    Ok(Obj::NONE)
}

fn b_hasattr(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let args = &[a0, a1];
    let name = arg_qstr(vm, args[1])?;
    match vm.load_attr_maybe(args[0], name) {
        Ok(v) => Ok(Obj::bool(!v.is_null())),
        Err(err) if err_is(vm, err, &e::ATTRIBUTE_ERROR_TYPE) => Ok(Obj::FALSE),
        Err(err) => Err(err),
    }
}

// ---- dir() ----------------------------------------------------------------

/// Appends name `n` to list `out` unless it is there already.
fn add_name(vm: &mut Vm, out: Obj, n: Qstr) -> PyResult<()> {
    let o = Obj::qstr(n);
    if vm.list_items(out).is_some_and(|items| items.contains(&o)) {
        return Ok(());
    }
    vm.vec_push(out, |l: &mut ListObj| &mut l.items, o)
}

/// Appends the names of a built-in type's locals (and its bases').
fn type_names(vm: &mut Vm, t: &'static TypeObj, out: Obj) -> PyResult<()> {
    let mut ty = Some(t);
    while let Some(tt) = ty {
        for e in tt.locals() {
            add_name(vm, out, e.name())?;
        }
        ty = tt.base;
    }
    Ok(())
}

/// A namespace whose str keys `dir()` lists.
#[derive(Clone, Copy)]
enum Ns {
    /// A user class's namespace.
    Class(Obj),
    /// An instance's attributes.
    Instance(Obj),
    /// A dict object.
    Dict(Obj),
}

fn ns_map(vm: &Vm, ns: Ns) -> Option<&Map> {
    match ns {
        Ns::Class(c) => vm.heap.class(c).map(|c| &c.st.dict),
        Ns::Instance(o) => match vm.heap.get::<InstanceObj>(o) {
            Some(i) => Some(&i.members),
            None => vm.heap.get::<InstanceNativeObj>(o).map(|i| &i.members),
        },
        Ns::Dict(d) => vm.heap.get::<DictObj>(d).map(|d| &d.map),
    }
}

/// Appends the (interned) str keys of a namespace.
fn ns_names(vm: &mut Vm, ns: Ns, out: Obj) -> PyResult<()> {
    let mut pos = 0;
    while let Some((p, en)) = ns_map(vm, ns).and_then(|m| m.next_at(pos)) {
        pos = p + 1;
        let q = match en.key.as_qstr() {
            Some(q) => Some(q),
            None => vm.str_pinned(en.key).and_then(|s| vm.qstrs.lookup(&vm.heap, s)),
        };
        if let Some(q) = q {
            add_name(vm, out, q)?;
        }
    }
    Ok(())
}

/// Appends the names of class object `c` and its MRO (their namespaces
/// and native bases' locals).
fn class_names(vm: &mut Vm, c: Obj, out: Obj) -> PyResult<()> {
    let Some((mro, native)) = vm.heap.class(c).map(|cl| (cl.st.mro, cl.ty.base)) else {
        if let Some(t) = c.as_type() {
            type_names(vm, t, out)?;
        }
        return Ok(());
    };
    ns_names(vm, Ns::Class(c), out)?;
    for &m in vm.tuple_pinned(mro).unwrap_or(&[]) {
        if m != c {
            class_names(vm, m, out)?;
        }
    }
    if let Some(nb) = native {
        type_names(vm, nb, out)?;
    }
    Ok(())
}

/// `dir(o)` as a new list: MicroPython's choice of `__class__`, then the
/// namespace and type attributes; no sorting.
///
/// Errors: `MemoryError`.
pub fn dir_names(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    let out = vm.new_list(&[Obj::qstr(q::__class__)])?;
    if let Some(m) = o.as_builtin_module() {
        for n in super::module_names(m) {
            add_name(vm, out, n)?;
        }
    } else if let Some(g) = crate::vm::module::module_globals(vm, o) {
        ns_names(vm, Ns::Dict(g), out)?;
    } else if vm.heap.class(o).is_some() {
        for &n in &[q::__bases__, q::__dict__, q::__name__] {
            add_name(vm, out, n)?;
        }
        class_names(vm, o, out)?;
    } else if vm.heap.get::<InstanceObj>(o).is_some() || vm.heap.get::<InstanceNativeObj>(o).is_some() {
        add_name(vm, out, q::__dict__)?;
        ns_names(vm, Ns::Instance(o), out)?;
        let c = vm.type_of(o);
        class_names(vm, c, out)?;
    } else if let Some(t) = o.as_type() {
        add_name(vm, out, q::__name__)?;
        type_names(vm, t, out)?;
    } else {
        let t = vm.builtin_type(o);
        if t.flags & flags::IS_CLASS != 0 {
            class_names(vm, Obj::from_type(t), out)?;
        } else {
            type_names(vm, t, out)?;
        }
    }
    Ok(out)
}

fn b_dir(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    match args.first() {
        Some(&o) => dir_names(vm, o),
        // The keys of the locals dict, in a new list (as `list(d)`).
        None => {
            let l = b_locals(vm, &[], &[])?;
            if vm.heap.get::<DictObj>(l).is_none() {
                return vm.new_list_with_capacity(0);
            }
            vm.collect_iter(l)
        }
    }
}

/// `help()`'s text, a template: each `{}` is [`HELP_BLANK`].
#[cfg(feature = "builtin-help")]
const HELP_TEXT: &str = crate::msg!("Welcome to MicroPython!\n\nFor online docs please visit http://docs.micropython.org/\n\nControl commands:\n  CTRL-A{}enter raw REPL mode\n  CTRL-B{}enter normal REPL mode\n  CTRL-C        -- interrupt a running program\n  CTRL-D{}exit or do a soft reset\n  CTRL-E{}enter paste mode\n\nFor further help on a specific object, type help(obj)\n");

/// The text four lines of [`HELP_TEXT`] share.
#[cfg(feature = "builtin-help")]
const HELP_BLANK: &str = "        -- on a blank line, ";

/// Writes one `  name -- value` line of `help(obj)` (NULL value: a class
/// method).
#[cfg(feature = "builtin-help")]
fn help_line(vm: &mut Vm, out: &mut Out, k: Obj, v: Obj) -> PyResult<()> {
    out.str(vm, "  ")?;
    vm.print_obj(k, out, PrintKind::Str)?;
    out.str(vm, " -- ")?;
    if v.is_null() {
        out.str(vm, "<classmethod>")?;
    } else {
        vm.print_obj(v, out, PrintKind::Str)?;
    }
    out.str(vm, "\n")
}

#[cfg(feature = "builtin-help")]
fn b_help(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let mut out = Out::Stdout;
    let Some(&o) = args.first() else {
        out.fmt(vm, HELP_TEXT, &[crate::runtime::print::Arg::Str(HELP_BLANK); 4])?;
        return Ok(Obj::NONE);
    };
    if vm.str_pinned(o) == Some("modules") {
        super::help_modules::print_modules(vm, &mut out)?;
        return Ok(Obj::NONE);
    }
    out.str(vm, "object ")?;
    vm.print_obj(o, &mut out, PrintKind::Str)?;
    let tn = super::args::type_name(vm, o);
    out.fmt(vm, crate::msg!(" is of type {}\n"), &[tn.into()])?;
    // Members: a module's attributes (a built-in module's as its
    // `__dict__` makes them), else the type's (or the type object's)
    // locals.
    let g = match o.as_builtin_module() {
        Some(m) => Some(super::module_dict(vm, m)?),
        None => crate::vm::module::module_globals(vm, o),
    };
    if let Some(g) = g {
        let mut pos = 0;
        while let Some((p, en)) = vm.heap.get::<DictObj>(g).and_then(|d| d.map.next_at(pos)) {
            pos = p + 1;
            help_line(vm, &mut out, en.key, en.value)?;
        }
        return Ok(Obj::NONE);
    }
    for e in o.as_type().unwrap_or(vm.builtin_type(o)).locals() {
        let (n, r) = (e.name(), e.rom());
        let v = match r.kind() {
            crate::typ::RomKind::ClassMethod(_) => Obj::NULL,
            _ => vm.rom_to_obj(r)?,
        };
        help_line(vm, &mut out, Obj::qstr(n), v)?;
    }
    Ok(Obj::NONE)
}

/// `__repl_print__(o)`: what the REPL calls on each expression statement's
/// value: unless `o` is None, prints `repr(o)` and a newline and makes `o`
/// available as `_` (as MicroPython's REPL does).
fn b_repl_print(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let args = &[a0];
    let o = args[0];
    if o != Obj::NONE {
        let underscore = vm.intern("_")?;
        crate::vm::set_builtin(vm, underscore, o)?;
        let mut out = Out::Stdout;
        vm.print_obj(o, &mut out, PrintKind::Repr)?;
        out.str(vm, "\n")?;
    }
    Ok(Obj::NONE)
}

// ---- VM-facing functions ------------------------------------------------

/// The globals of the running code, else of the `__main__` module (NULL
/// if there is none yet).
fn main_globals(vm: &mut Vm) -> PyResult<Obj> {
    let cur = crate::vm::current_globals(vm);
    if !cur.is_null() {
        return Ok(cur);
    }
    let md = vm.modules;
    if md.is_null() {
        return Ok(Obj::NULL);
    }
    match vm.dict_lookup_qstr(md, q::__main__)? {
        Some(m) => Ok(crate::vm::module::module_globals(vm, m).unwrap_or(Obj::NULL)),
        None => Ok(Obj::NULL),
    }
}

fn b_globals(vm: &mut Vm, _args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let g = main_globals(vm)?;
    if g.is_null() {
        return vm.new_dict();
    }
    Ok(g)
}

fn b_locals(vm: &mut Vm, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    let l = crate::vm::current_locals(vm);
    if !l.is_null() {
        return Ok(l);
    }
    b_globals(vm, args, kw)
}

/// `exec(code, globals=None, locals=None)`: `code` is a str, bytes or code
/// object; runs in `__main__`'s globals by default. (`exec`, `eval`,
/// `execfile` and `compile` are left out of builds without the compiler,
/// as official's MICROPY_PY_BUILTINS_EVAL_EXEC follows
/// MICROPY_ENABLE_COMPILER: there is nothing they could run.)
#[cfg(feature = "compiler")]
fn b_exec(vm: &mut Vm, a0: Obj, a1: Obj, a2: Obj) -> PyResult<Obj> {
    crate::vm::exec::builtin_exec_eval(vm, a0, a1, a2, crate::vm::CompileMode::Exec)?;
    Ok(Obj::NONE)
}

/// `eval(expr, globals=None, locals=None)`.
#[cfg(feature = "compiler")]
fn b_eval(vm: &mut Vm, a0: Obj, a1: Obj, a2: Obj) -> PyResult<Obj> {
    crate::vm::exec::builtin_exec_eval(vm, a0, a1, a2, crate::vm::CompileMode::Eval)
}

/// `execfile(path, globals=None, locals=None)` (MicroPython unix).
///
/// Errors: `OSError(2)` if the file cannot be read; what the code raises.
/// (At official's EXTRA level, with `compile`.)
#[cfg(all(feature = "compiler", feature = "builtin-compile"))]
fn b_execfile(vm: &mut Vm, a0: Obj, a1: Obj, a2: Obj) -> PyResult<Obj> {
    let q = arg_qstr(vm, a0)?;
    let path = vm.qstr_str(q);
    let Some(src) = vm.read_file(path)? else {
        return Err(vm.error_arg(&e::OS_ERROR_TYPE, Obj::small_int(2)));
    };
    let code = vm.new_bytes(src.as_slice());
    vm.heap.free_vec(src);
    let code = code?;
    crate::vm::exec::builtin_exec_eval(vm, code, a1, a2, crate::vm::CompileMode::Exec)?;
    Ok(Obj::NONE)
}

/// `compile(source, filename, mode)`: `mode` is `'exec'`, `'eval'` or
/// `'single'`.
#[cfg(all(feature = "compiler", feature = "builtin-compile"))]
fn b_compile(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let src: &[u8] = match vm.str_pinned(args[0]) {
        Some(s) => s.as_bytes(),
        None => match vm.bytes_pinned(args[0]) {
            Some(b) => b,
            None => return Err(str_conv_error(vm, args[0])),
        },
    };
    let fq = arg_qstr(vm, args[1])?;
    let mq = arg_qstr(vm, args[2])?;
    let filename = vm.qstr_str(fq);
    let mode = vm.qstr_str(mq);
    crate::vm::exec::builtin_compile(vm, src, filename, mode)
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`.
fn b_import(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let name = arg_qstr(vm, args[0])?;
    let globals = match args.get(1) {
        Some(&g) if g != Obj::NONE => g,
        _ => main_globals(vm)?,
    };
    let fromlist = args.get(3).copied().unwrap_or(Obj::NONE);
    let fromlist = if vm.seq_items(fromlist).is_some_and(|s| s.is_empty()) { Obj::NONE } else { fromlist };
    let level = args.get(4).copied().unwrap_or(Obj::small_int(0));
    crate::vm::import::import_name(vm, name, fromlist, level, globals)
}

/// Dynamic attributes of the `builtins` module: names a program stored
/// (`builtins.x = v`, kept in the VM's builtins override dict; NULL value
/// deletes).
///
/// Errors: `MemoryError`; `__hash__`/`__eq__` of nothing (keys are qstrs).
fn builtins_attr(vm: &mut Vm, name: Qstr, store: Option<Obj>) -> PyResult<Obj> {
    let d = vm.vmstate.builtins_dict;
    match store {
        None => {
            if d.is_null() {
                return Ok(Obj::NULL);
            }
            Ok(vm.dict_lookup_qstr(d, name)?.unwrap_or(Obj::NULL))
        }
        Some(v) if v.is_null() => {
            if d.is_null() {
                return Ok(Obj::NULL);
            }
            Ok(match vm.dict_remove(d, Obj::qstr(name))? {
                Some(_) => Obj::NONE,
                None => Obj::NULL,
            })
        }
        Some(v) => {
            crate::vm::set_builtin(vm, name, v)?;
            Ok(Obj::NONE)
        }
    }
}

static B_ABS: BuiltinFun = BuiltinFun::new1(q::abs, num::b_abs);
static B_ALL: BuiltinFun = BuiltinFun::new1_at(q::all, sq::all_any, 0);
static B_ANY: BuiltinFun = BuiltinFun::new1_at(q::any, sq::all_any, 1);
static B_BIN: BuiltinFun = BuiltinFun::new1_at(q::bin, num::b_radix, 0);
static B_CALLABLE: BuiltinFun = BuiltinFun::new1(q::callable, b_callable);
static B_CHR: BuiltinFun = BuiltinFun::new1(q::chr, num::b_chr);
#[cfg(all(feature = "compiler", feature = "builtin-compile"))]
static B_COMPILE: BuiltinFun = BuiltinFun::new(q::compile, 3, 6, b_compile);
static B_DELATTR: BuiltinFun = BuiltinFun::new2(q::delattr, b_delattr);
static B_DIR: BuiltinFun = BuiltinFun::new(q::dir, 0, 1, b_dir);
static B_DIVMOD: BuiltinFun = BuiltinFun::new2(q::divmod, num::b_divmod);
#[cfg(feature = "compiler")]
static B_EVAL: BuiltinFun = BuiltinFun::new_opt(q::eval, 1, 3, b_eval);
#[cfg(feature = "compiler")]
static B_EXEC: BuiltinFun = BuiltinFun::new_opt(q::exec, 1, 3, b_exec);
#[cfg(all(feature = "compiler", feature = "builtin-compile"))]
static B_EXECFILE: BuiltinFun = BuiltinFun::new_opt(q::execfile, 1, 3, b_execfile);
static B_GETATTR: BuiltinFun = BuiltinFun::new_opt(q::getattr, 2, 3, b_getattr);
static B_GLOBALS: BuiltinFun = BuiltinFun::new(q::globals, 0, 0, b_globals);
static B_HASATTR: BuiltinFun = BuiltinFun::new2(q::hasattr, b_hasattr);
static B_HASH: BuiltinFun = BuiltinFun::new1(q::hash, b_hash);
#[cfg(feature = "builtin-help")]
static B_HELP: BuiltinFun = BuiltinFun::new(q::help, 0, 1, b_help);
static B_HEX: BuiltinFun = BuiltinFun::new1_at(q::hex, num::b_radix, 2);
static B_ID: BuiltinFun = BuiltinFun::new1(q::id, b_id);
static B_IMPORT: BuiltinFun = BuiltinFun::new(q::__import__, 1, 5, b_import);
#[cfg(feature = "builtin-input")]
static B_INPUT: BuiltinFun = BuiltinFun::new(q::input, 0, 1, io::b_input);
#[cfg(not(target_os = "none"))]
static B_ISINSTANCE: BuiltinFun = BuiltinFun::new2(q::isinstance, b_isinstance);
#[cfg(not(target_os = "none"))]
static B_ISSUBCLASS: BuiltinFun = BuiltinFun::new2(q::issubclass, b_issubclass);
#[cfg(target_os = "none")]
static B_ISINSTANCE: BuiltinFun = BuiltinFun::new2_at(q::isinstance, b_is, 0);
#[cfg(target_os = "none")]
static B_ISSUBCLASS: BuiltinFun = BuiltinFun::new2_at(q::issubclass, b_is, 1);
static B_ITER: BuiltinFun = BuiltinFun::new1(q::iter, b_iter);
static B_LEN: BuiltinFun = BuiltinFun::new1(q::len, b_len);
static B_LOCALS: BuiltinFun = BuiltinFun::new(q::locals, 0, 0, b_locals);
static B_MAX: BuiltinFun = BuiltinFun::new_kw(q::max, 1, sq::b_max);
static B_MIN: BuiltinFun = BuiltinFun::new_kw(q::min, 1, sq::b_min);
static B_NEXT: BuiltinFun = BuiltinFun::new_opt(q::next, 1, 2, b_next);
static B_OCT: BuiltinFun = BuiltinFun::new1_at(q::oct, num::b_radix, 1);
/// `open` (also `io.open`).
#[cfg(feature = "os")]
pub static B_OPEN: BuiltinFun = BuiltinFun::new_kw(q::open, 1, super::file::b_open);
static B_ORD: BuiltinFun = BuiltinFun::new1(q::ord, num::b_ord);
static B_POW: BuiltinFun = BuiltinFun::new_opt(q::pow, 2, 3, num::b_pow);
static B_PRINT: BuiltinFun = BuiltinFun::new_kw(q::print, 0, io::b_print);
static B_REPL_PRINT: BuiltinFun = BuiltinFun::new1(q::__repl_print__, b_repl_print);
static B_REPR: BuiltinFun = BuiltinFun::new1(q::repr, b_repr);
static B_ROUND: BuiltinFun = BuiltinFun::new_opt(q::round, 1, 2, num::b_round);
static B_SETATTR: BuiltinFun = BuiltinFun::new3(q::setattr, b_setattr);
static B_SORTED: BuiltinFun = BuiltinFun::new_kw(q::sorted, 1, sq::b_sorted);
static B_SUM: BuiltinFun = BuiltinFun::new_opt(q::sum, 1, 2, sq::b_sum);

/// The `builtins` module's table: functions, types and exception types.
pub static BUILTINS_LOCALS: &[Entry] = &[
    Entry::new(q::__name__, Rom::Str(q::builtins)),
    Entry::new(q::__build_class__, Rom::Fun(&crate::vm::class::BUILD_CLASS)),
    Entry::new(q::__import__, Rom::Fun(&B_IMPORT)),
    Entry::new(q::__repl_print__, Rom::Fun(&B_REPL_PRINT)),
    // Types.
    Entry::new(q::bool, Rom::Type(&misc::BOOL_TYPE)),
    Entry::new(q::bytearray, Rom::Type(&types::bytearray::BYTEARRAY_TYPE)),
    Entry::new(q::bytes, Rom::Type(&types::bytes::BYTES_TYPE)),
    Entry::new(q::classmethod, Rom::Type(&misc::CLASSMETHOD_TYPE)),
    #[cfg(feature = "complex")]
    Entry::new(q::complex, Rom::Type(&types::complex::COMPLEX_TYPE)),
    Entry::new(q::dict, Rom::Type(&types::dict::DICT_TYPE)),
    Entry::new(q::enumerate, Rom::Type(&types::iterators::ENUMERATE_TYPE)),
    Entry::new(q::filter, Rom::Type(&types::iterators::FILTER_TYPE)),
    #[cfg(feature = "float")]
    Entry::new(q::float, Rom::Type(&types::float::FLOAT_TYPE)),
    Entry::new(q::frozenset, Rom::Type(&types::set::FROZENSET_TYPE)),
    Entry::new(q::int, Rom::Type(&types::int::INT_TYPE)),
    Entry::new(q::list, Rom::Type(&types::list::LIST_TYPE)),
    Entry::new(q::map, Rom::Type(&types::iterators::MAP_TYPE)),
    Entry::new(q::object, Rom::Type(&crate::typ::OBJECT_TYPE)),
    Entry::new(q::property, Rom::Type(&misc::PROPERTY_TYPE)),
    Entry::new(q::range, Rom::Type(&types::range::RANGE_TYPE)),
    Entry::new(q::reversed, Rom::Type(&types::iterators::REVERSED_TYPE)),
    Entry::new(q::set, Rom::Type(&types::set::SET_TYPE)),
    Entry::new(q::slice, Rom::Type(&types::slice::SLICE_TYPE)),
    Entry::new(q::staticmethod, Rom::Type(&misc::STATICMETHOD_TYPE)),
    Entry::new(q::str, Rom::Type(&types::str::STR_TYPE)),
    Entry::new(q::kw_super, Rom::Type(&crate::vm::class::SUPER_TYPE)),
    Entry::new(q::tuple, Rom::Type(&types::tuple::TUPLE_TYPE)),
    Entry::new(q::r#type, Rom::Type(&crate::typ::TYPE_TYPE)),
    Entry::new(q::zip, Rom::Type(&types::iterators::ZIP_TYPE)),
    #[cfg(feature = "memoryview")]
    Entry::new(q::memoryview, Rom::Type(&types::memoryview::MEMORYVIEW_TYPE)),
    // Functions.
    Entry::new(q::abs, Rom::Fun(&B_ABS)),
    Entry::new(q::all, Rom::Fun(&B_ALL)),
    Entry::new(q::any, Rom::Fun(&B_ANY)),
    Entry::new(q::bin, Rom::Fun(&B_BIN)),
    Entry::new(q::callable, Rom::Fun(&B_CALLABLE)),
    Entry::new(q::chr, Rom::Fun(&B_CHR)),
    #[cfg(all(feature = "compiler", feature = "builtin-compile"))]
    Entry::new(q::compile, Rom::Fun(&B_COMPILE)),
    Entry::new(q::delattr, Rom::Fun(&B_DELATTR)),
    Entry::new(q::dir, Rom::Fun(&B_DIR)),
    Entry::new(q::divmod, Rom::Fun(&B_DIVMOD)),
    #[cfg(feature = "compiler")]
    Entry::new(q::eval, Rom::Fun(&B_EVAL)),
    #[cfg(feature = "compiler")]
    Entry::new(q::exec, Rom::Fun(&B_EXEC)),
    #[cfg(all(feature = "compiler", feature = "builtin-compile"))]
    Entry::new(q::execfile, Rom::Fun(&B_EXECFILE)),
    Entry::new(q::getattr, Rom::Fun(&B_GETATTR)),
    Entry::new(q::globals, Rom::Fun(&B_GLOBALS)),
    Entry::new(q::hasattr, Rom::Fun(&B_HASATTR)),
    Entry::new(q::hash, Rom::Fun(&B_HASH)),
    #[cfg(feature = "builtin-help")]
    Entry::new(q::help, Rom::Fun(&B_HELP)),
    Entry::new(q::hex, Rom::Fun(&B_HEX)),
    Entry::new(q::id, Rom::Fun(&B_ID)),
    #[cfg(feature = "builtin-input")]
    Entry::new(q::input, Rom::Fun(&B_INPUT)),
    Entry::new(q::isinstance, Rom::Fun(&B_ISINSTANCE)),
    Entry::new(q::issubclass, Rom::Fun(&B_ISSUBCLASS)),
    Entry::new(q::iter, Rom::Fun(&B_ITER)),
    Entry::new(q::len, Rom::Fun(&B_LEN)),
    Entry::new(q::locals, Rom::Fun(&B_LOCALS)),
    Entry::new(q::max, Rom::Fun(&B_MAX)),
    Entry::new(q::min, Rom::Fun(&B_MIN)),
    Entry::new(q::next, Rom::Fun(&B_NEXT)),
    Entry::new(q::oct, Rom::Fun(&B_OCT)),
    #[cfg(feature = "os")]
    Entry::new(q::open, Rom::Fun(&B_OPEN)),
    Entry::new(q::ord, Rom::Fun(&B_ORD)),
    Entry::new(q::pow, Rom::Fun(&B_POW)),
    Entry::new(q::print, Rom::Fun(&B_PRINT)),
    Entry::new(q::repr, Rom::Fun(&B_REPR)),
    Entry::new(q::round, Rom::Fun(&B_ROUND)),
    Entry::new(q::setattr, Rom::Fun(&B_SETATTR)),
    Entry::new(q::sorted, Rom::Fun(&B_SORTED)),
    Entry::new(q::sum, Rom::Fun(&B_SUM)),
    // Exceptions.
    Entry::new(q::ArithmeticError, Rom::Type(&e::ARITHMETIC_ERROR_TYPE)),
    Entry::new(q::AssertionError, Rom::Type(&e::ASSERTION_ERROR_TYPE)),
    Entry::new(q::AttributeError, Rom::Type(&e::ATTRIBUTE_ERROR_TYPE)),
    Entry::new(q::BaseException, Rom::Type(&e::BASE_EXCEPTION_TYPE)),
    Entry::new(q::EOFError, Rom::Type(&e::EOF_ERROR_TYPE)),
    Entry::new(q::Exception, Rom::Type(&e::EXCEPTION_TYPE)),
    Entry::new(q::GeneratorExit, Rom::Type(&e::GENERATOR_EXIT_TYPE)),
    Entry::new(q::ImportError, Rom::Type(&e::IMPORT_ERROR_TYPE)),
    Entry::new(q::IndentationError, Rom::Type(&e::INDENTATION_ERROR_TYPE)),
    Entry::new(q::IndexError, Rom::Type(&e::INDEX_ERROR_TYPE)),
    Entry::new(q::KeyError, Rom::Type(&e::KEY_ERROR_TYPE)),
    Entry::new(q::KeyboardInterrupt, Rom::Type(&e::KEYBOARD_INTERRUPT_TYPE)),
    Entry::new(q::LookupError, Rom::Type(&e::LOOKUP_ERROR_TYPE)),
    Entry::new(q::MemoryError, Rom::Type(&e::MEMORY_ERROR_TYPE)),
    Entry::new(q::NameError, Rom::Type(&e::NAME_ERROR_TYPE)),
    Entry::new(q::NotImplementedError, Rom::Type(&e::NOT_IMPLEMENTED_ERROR_TYPE)),
    Entry::new(q::OSError, Rom::Type(&e::OS_ERROR_TYPE)),
    Entry::new(q::OverflowError, Rom::Type(&e::OVERFLOW_ERROR_TYPE)),
    Entry::new(q::RuntimeError, Rom::Type(&e::RUNTIME_ERROR_TYPE)),
    Entry::new(q::StopAsyncIteration, Rom::Type(&e::STOP_ASYNC_ITERATION_TYPE)),
    Entry::new(q::StopIteration, Rom::Type(&e::STOP_ITERATION_TYPE)),
    Entry::new(q::SyntaxError, Rom::Type(&e::SYNTAX_ERROR_TYPE)),
    Entry::new(q::SystemExit, Rom::Type(&e::SYSTEM_EXIT_TYPE)),
    Entry::new(q::TypeError, Rom::Type(&e::TYPE_ERROR_TYPE)),
    Entry::new(q::UnicodeError, Rom::Type(&e::UNICODE_ERROR_TYPE)),
    Entry::new(q::ValueError, Rom::Type(&e::VALUE_ERROR_TYPE)),
    Entry::new(q::ZeroDivisionError, Rom::Type(&e::ZERO_DIVISION_ERROR_TYPE)),
];

/// The `builtins` module.
pub static BUILTINS_MODULE: ModuleDef = ModuleDef::with_attr(q::builtins, BUILTINS_LOCALS, builtins_attr, &[]);
