//! The built-in exception types (MicroPython's hierarchy).

use crate::typ::Entry;
use crate::obj::Obj;
use crate::qstr::{q, Qstr};
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{flags, BuiltinFun, PrintKind, Rom, TypeObj};
use crate::PyResult;

/// `E(*args)`: an exception of class `cls` (a built-in exception type or a
/// user subclass) with `args` as given.
///
/// Errors: `TypeError` for keyword arguments, `MemoryError`.
pub fn exc_make_new(vm: &mut Vm, cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
    if !kw.is_empty() {
        return Err(super::strutil::no_kw(vm));
    }
    let t = vm.new_tuple(args)?;
    vm.new_exception_obj(cls, t)
}

/// The args tuple's items of an exception, pinned (empty for anything
/// else).
fn exc_args<'a>(vm: &Vm, e: Obj) -> &'a [Obj] {
    vm.heap.get::<ExceptionObj>(e).and_then(|x| vm.tuple_pinned(x.args)).unwrap_or(&[])
}

/// Is exception `e` an `OSError` (or subclass)?
fn is_os_error(vm: &Vm, e: Obj) -> bool {
    vm.builtin_type(e).is_subtype_any(&OS_ERROR_TYPE)
}

fn errno_name(n: isize) -> Option<&'static str> {
    // A table instead of a match: the codes, and the names in that order.
    const CODES: [u8; 15] = [1, 2, 5, 9, 11, 12, 13, 17, 19, 20, 21, 22, 28, 110, 115];
    const NAMES: &str = "EPERM ENOENT EIO EBADF EAGAIN ENOMEM EACCES EEXIST ENODEV ENOTDIR EISDIR EINVAL ENOSPC ETIMEDOUT EINPROGRESS";
    let i = CODES.iter().position(|&c| c as isize == n)?;
    let mut rest = NAMES;
    for _ in 0..i {
        rest = crate::vm::import::split_once_byte(rest, b' ').1?;
    }
    Some(crate::vm::import::split_once_byte(rest, b' ').0)
}

/// Prints an exception as MicroPython does: `str()` is the single arg's
/// str, `''` with no args, the args tuple's repr with several (OSError
/// with an errno: `[Errno 2] ENOENT: msg`); `repr()` is the class name then
/// the args tuple's repr (`ValueError('a',)`, `ValueError()`). User classes
/// overriding `__str__`/`__repr__` are honoured.
///
/// Errors: whatever an overriding method or an argument's printing
/// raises; `MemoryError`.
pub fn exc_print(vm: &mut Vm, e: Obj, out: &mut Out, kind: PrintKind) -> PyResult<()> {
    let cls = vm.type_of(e);
    let hook = if kind == PrintKind::Str { q::__str__ } else { q::__repr__ };
    let f = crate::vm::class::user_special(vm, cls, hook)
        .or_else(|| if kind == PrintKind::Str { crate::vm::class::user_special(vm, cls, q::__repr__) } else { None });
    if let Some(f) = f {
        let r = vm.call(f, &[e], &[])?;
        return vm.print_obj(r, out, PrintKind::Str);
    }
    let args = exc_args(vm, e);
    if kind == PrintKind::Str {
        let Some(&a0) = args.first() else { return Ok(()) };
        // OSError(errno) or OSError(errno, msg) with a known errno:
        // `[Errno 2] ENOENT`, `[Errno 2] ENOENT: msg` (as MicroPython;
        // other args print as below).
        let known = a0.as_small_int().and_then(errno_name);
        if let Some(nm) = known.filter(|_| args.len() < 3 && is_os_error(vm, e)) {
            out.fmt(vm, crate::msg!("[Errno {}] {}"), &[a0.small_int_unchecked().into(), nm.into()])?;
            let Some(&msg) = args.get(1) else { return Ok(()) };
            out.str(vm, ": ")?;
            return vm.print_obj(msg, out, PrintKind::Str);
        }
        if args.len() == 1 {
            return vm.print_obj(a0, out, PrintKind::Str);
        }
    } else {
        let n = super::strutil::type_name(vm, e);
        out.str(vm, n)?;
    }
    // The args tuple's repr: `('a',)`, `(1, 2)`, `()`.
    match vm.heap.get::<ExceptionObj>(e).map(|x| x.args).filter(|&t| vm.tuple_pinned(t).is_some()) {
        Some(t) => vm.print_obj(t, out, PrintKind::Repr),
        None => out.str(vm, "()"),
    }
}

/// Data attributes of exceptions: `args`, and as MicroPython on every
/// exception `value` and `errno` (both the first arg, or None); NULL if
/// absent.
///
/// Errors: none today (the signature leaves room for allocation).
pub fn exc_attr(vm: &mut Vm, e: Obj, name: Qstr) -> PyResult<Obj> {
    Ok(match name {
        q::args => vm.heap.get::<ExceptionObj>(e).map_or(Obj::NULL, |x| x.args),
        q::value | q::errno => exc_args(vm, e).first().copied().unwrap_or(Obj::NONE),
        _ => Obj::NULL,
    })
}

/// `BaseException.__init__(self, *args)`: replaces `self.args` (what a
/// subclass's `super().__init__(...)` does).
fn exc_init(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let t = vm.new_tuple(&args[1..])?;
    if let Some(x) = vm.heap.get_mut::<ExceptionObj>(args[0]) {
        x.args = t;
    }
    Ok(Obj::NONE)
}

static EXC_INIT: BuiltinFun = BuiltinFun::new(q::__init__, 1, u16::MAX, exc_init);
static BASE_EXCEPTION_LOCALS: [Entry; 1] = [Entry::new(q::__init__, Rom::Fun(&EXC_INIT))];

/// `BaseException`.
pub static BASE_EXCEPTION_TYPE: TypeObj = TypeObj { name: q::BaseException.tn(), base: None, flags: flags::BASETYPE, make_new: Some(exc_make_new), print: Some(exc_print), locals: crate::typ::Locals::of(&BASE_EXCEPTION_LOCALS), ..TypeObj::EMPTY };
/// `SystemExit`.
pub static SYSTEM_EXIT_TYPE: TypeObj = TypeObj { name: q::SystemExit.tn(), base: Some(&BASE_EXCEPTION_TYPE), flags: flags::BASETYPE, make_new: Some(exc_make_new), print: Some(exc_print), ..TypeObj::EMPTY };
/// `KeyboardInterrupt`.
pub static KEYBOARD_INTERRUPT_TYPE: TypeObj = TypeObj { name: q::KeyboardInterrupt.tn(), base: Some(&BASE_EXCEPTION_TYPE), flags: flags::BASETYPE, make_new: Some(exc_make_new), print: Some(exc_print), ..TypeObj::EMPTY };
/// `GeneratorExit`.
pub static GENERATOR_EXIT_TYPE: TypeObj = TypeObj { name: q::GeneratorExit.tn(), base: Some(&BASE_EXCEPTION_TYPE), flags: flags::BASETYPE, make_new: Some(exc_make_new), print: Some(exc_print), ..TypeObj::EMPTY };
/// `Exception`.
pub static EXCEPTION_TYPE: TypeObj = TypeObj { name: q::Exception.tn(), base: Some(&BASE_EXCEPTION_TYPE), flags: flags::BASETYPE, make_new: Some(exc_make_new), print: Some(exc_print), ..TypeObj::EMPTY };
/// `StopIteration`.
pub static STOP_ITERATION_TYPE: TypeObj = TypeObj { name: q::StopIteration.tn(), base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, make_new: Some(exc_make_new), print: Some(exc_print), ..TypeObj::EMPTY };
/// `StopAsyncIteration`.
pub static STOP_ASYNC_ITERATION_TYPE: TypeObj = TypeObj { name: q::StopAsyncIteration.tn(), base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, make_new: Some(exc_make_new), print: Some(exc_print), ..TypeObj::EMPTY };
/// `ArithmeticError`.
pub static ARITHMETIC_ERROR_TYPE: TypeObj = TypeObj { name: q::ArithmeticError.tn(), base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, make_new: Some(exc_make_new), print: Some(exc_print), ..TypeObj::EMPTY };
/// `OverflowError`.
pub static OVERFLOW_ERROR_TYPE: TypeObj = TypeObj { name: q::OverflowError.tn(), base: Some(&ARITHMETIC_ERROR_TYPE), flags: flags::BASETYPE, make_new: Some(exc_make_new), print: Some(exc_print), ..TypeObj::EMPTY };
/// `ZeroDivisionError`.
pub static ZERO_DIVISION_ERROR_TYPE: TypeObj = TypeObj { name: q::ZeroDivisionError.tn(), base: Some(&ARITHMETIC_ERROR_TYPE), flags: flags::BASETYPE, make_new: Some(exc_make_new), print: Some(exc_print), ..TypeObj::EMPTY };
/// `AssertionError`.
pub static ASSERTION_ERROR_TYPE: TypeObj = TypeObj { name: q::AssertionError.tn(), base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, make_new: Some(exc_make_new), print: Some(exc_print), ..TypeObj::EMPTY };
/// `AttributeError`.
pub static ATTRIBUTE_ERROR_TYPE: TypeObj = TypeObj { name: q::AttributeError.tn(), base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, make_new: Some(exc_make_new), print: Some(exc_print), ..TypeObj::EMPTY };
/// `EOFError`.
pub static EOF_ERROR_TYPE: TypeObj = TypeObj { name: q::EOFError.tn(), base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, make_new: Some(exc_make_new), print: Some(exc_print), ..TypeObj::EMPTY };
/// `ImportError`.
pub static IMPORT_ERROR_TYPE: TypeObj = TypeObj { name: q::ImportError.tn(), base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, make_new: Some(exc_make_new), print: Some(exc_print), ..TypeObj::EMPTY };
/// `LookupError`.
pub static LOOKUP_ERROR_TYPE: TypeObj = TypeObj { name: q::LookupError.tn(), base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, make_new: Some(exc_make_new), print: Some(exc_print), ..TypeObj::EMPTY };
/// `IndexError`.
pub static INDEX_ERROR_TYPE: TypeObj = TypeObj { name: q::IndexError.tn(), base: Some(&LOOKUP_ERROR_TYPE), flags: flags::BASETYPE, make_new: Some(exc_make_new), print: Some(exc_print), ..TypeObj::EMPTY };
/// `KeyError`.
pub static KEY_ERROR_TYPE: TypeObj = TypeObj { name: q::KeyError.tn(), base: Some(&LOOKUP_ERROR_TYPE), flags: flags::BASETYPE, make_new: Some(exc_make_new), print: Some(exc_print), ..TypeObj::EMPTY };
/// `MemoryError`.
pub static MEMORY_ERROR_TYPE: TypeObj = TypeObj { name: q::MemoryError.tn(), base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, make_new: Some(exc_make_new), print: Some(exc_print), ..TypeObj::EMPTY };
/// `NameError`.
pub static NAME_ERROR_TYPE: TypeObj = TypeObj { name: q::NameError.tn(), base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, make_new: Some(exc_make_new), print: Some(exc_print), ..TypeObj::EMPTY };
/// `OSError`.
pub static OS_ERROR_TYPE: TypeObj = TypeObj { name: q::OSError.tn(), base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, make_new: Some(exc_make_new), print: Some(exc_print), ..TypeObj::EMPTY };
/// `RuntimeError`.
pub static RUNTIME_ERROR_TYPE: TypeObj = TypeObj { name: q::RuntimeError.tn(), base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, make_new: Some(exc_make_new), print: Some(exc_print), ..TypeObj::EMPTY };
/// `NotImplementedError`.
pub static NOT_IMPLEMENTED_ERROR_TYPE: TypeObj = TypeObj { name: q::NotImplementedError.tn(), base: Some(&RUNTIME_ERROR_TYPE), flags: flags::BASETYPE, make_new: Some(exc_make_new), print: Some(exc_print), ..TypeObj::EMPTY };
/// `SyntaxError`.
pub static SYNTAX_ERROR_TYPE: TypeObj = TypeObj { name: q::SyntaxError.tn(), base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, make_new: Some(exc_make_new), print: Some(exc_print), ..TypeObj::EMPTY };
/// `IndentationError`.
pub static INDENTATION_ERROR_TYPE: TypeObj = TypeObj { name: q::IndentationError.tn(), base: Some(&SYNTAX_ERROR_TYPE), flags: flags::BASETYPE, make_new: Some(exc_make_new), print: Some(exc_print), ..TypeObj::EMPTY };
/// `TypeError`.
pub static TYPE_ERROR_TYPE: TypeObj = TypeObj { name: q::TypeError.tn(), base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, make_new: Some(exc_make_new), print: Some(exc_print), ..TypeObj::EMPTY };
/// `ValueError`.
pub static VALUE_ERROR_TYPE: TypeObj = TypeObj { name: q::ValueError.tn(), base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, make_new: Some(exc_make_new), print: Some(exc_print), ..TypeObj::EMPTY };
/// `UnicodeError`.
pub static UNICODE_ERROR_TYPE: TypeObj = TypeObj { name: q::UnicodeError.tn(), base: Some(&VALUE_ERROR_TYPE), flags: flags::BASETYPE, make_new: Some(exc_make_new), print: Some(exc_print), ..TypeObj::EMPTY };

/// Every built-in exception type, for the `builtins` module.
pub static ALL: &[&TypeObj] = &[&BASE_EXCEPTION_TYPE, &SYSTEM_EXIT_TYPE, &KEYBOARD_INTERRUPT_TYPE, &GENERATOR_EXIT_TYPE, &EXCEPTION_TYPE, &STOP_ITERATION_TYPE, &STOP_ASYNC_ITERATION_TYPE, &ARITHMETIC_ERROR_TYPE, &OVERFLOW_ERROR_TYPE, &ZERO_DIVISION_ERROR_TYPE, &ASSERTION_ERROR_TYPE, &ATTRIBUTE_ERROR_TYPE, &EOF_ERROR_TYPE, &IMPORT_ERROR_TYPE, &LOOKUP_ERROR_TYPE, &INDEX_ERROR_TYPE, &KEY_ERROR_TYPE, &MEMORY_ERROR_TYPE, &NAME_ERROR_TYPE, &OS_ERROR_TYPE, &RUNTIME_ERROR_TYPE, &NOT_IMPLEMENTED_ERROR_TYPE, &SYNTAX_ERROR_TYPE, &INDENTATION_ERROR_TYPE, &TYPE_ERROR_TYPE, &VALUE_ERROR_TYPE, &UNICODE_ERROR_TYPE];

/// One traceback line: where an exception passed through.
#[derive(Clone, Copy, Debug)]
pub struct TracebackEntry {
    /// Source file.
    pub file: crate::qstr::Qstr,
    /// Line number (1-based; 0 when unknown).
    pub line: u32,
    /// Function/block name (`<module>` for module level).
    pub block: crate::qstr::Qstr,
}

/// An exception instance (of a built-in exception type or a user
/// subclass of one: its header type is then the class).
#[repr(C)]
pub struct ExceptionObj {
    /// Header (the exception's type or class).
    pub base: crate::obj::ObjBase,
    /// `args` (a tuple).
    pub args: Obj,
    /// Frames it passed through, appended as it unwinds (innermost first;
    /// printed in reverse).
    pub traceback: crate::heap::GcVec<TracebackEntry>,
    /// Attributes set on the instance (user subclasses, `__cause__`).
    pub members: crate::map::Map,
}

/// Do objects of type `ty` have the [`ExceptionObj`] layout (a built-in
/// exception type, or a class deriving from one)?
pub fn has_exception_layout(ty: &TypeObj) -> bool {
    ty.is_subtype_any(&BASE_EXCEPTION_TYPE)
}
