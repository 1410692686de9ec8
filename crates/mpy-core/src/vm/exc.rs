//! Raising and printing exceptions: what `raise X` turns X into, and the
//! traceback in MicroPython's format.

use crate::obj::Obj;
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::types::exception::{self as exc, ExceptionObj};
use crate::PyResult;

/// Is `o` an exception instance (of a built-in exception type or a
/// subclass)?
pub fn is_exception(vm: &Vm, o: Obj) -> bool {
    vm.heap.get::<ExceptionObj>(o).is_some()
}

/// The exception object `raise o` raises: `o` itself for an instance, a
/// new instance for an exception class.
///
/// Errors: `TypeError: exceptions must derive from BaseException`.
pub fn make_raise_obj(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    if is_exception(vm, o) {
        return Ok(o);
    }
    if o.as_type().is_some_and(|t| t.is_subtype_any(&exc::BASE_EXCEPTION_TYPE)) {
        let e = vm.call(o, &[], &[])?;
        if is_exception(vm, e) {
            return Ok(e);
        }
    }
    Err(vm.type_error(crate::msg!("exceptions must derive from BaseException")))
}

/// Writes the traceback and the exception line for `e` to `out`, as the
/// unix port prints an uncaught exception:
///
/// ```text
/// Traceback (most recent call last):
///   File "t.py", line 7, in <module>
///   File "t.py", line 3, in f
/// ZeroDivisionError: divide by zero
/// ```
///
/// Outermost frame first; no header when there are no entries. The last
/// line is `Name: str(e)` (`Name: ` with an empty message; errors raised
/// while printing the message are ignored).
///
/// Errors: `MemoryError` when `out` is a buffer that cannot grow.
pub fn print_exception(vm: &mut Vm, e: Obj, out: &mut Out) -> PyResult<()> {
    let n = vm.heap.get::<ExceptionObj>(e).map_or(0, |x| x.traceback.len());
    if n > 0 {
        out.str(vm, "Traceback (most recent call last):\n")?;
        for i in (0..n).rev() {
            let Some(t) = vm.heap.get::<ExceptionObj>(e).and_then(|x| x.traceback.as_slice().get(i).copied()) else {
                continue;
            };
            let file = vm.qstr_str(t.file);
            out.fmt(vm, "  File \"{}\", line {}", &[file.into(), t.line.into()])?;
            if t.block != crate::q::empty {
                let block = vm.qstr_str(t.block);
                out.fmt(vm, ", in {}", &[block.into()])?;
            }
            out.str(vm, "\n")?;
        }
    }
    let name = vm.qstr_str(vm.builtin_type(e).name());
    out.str(vm, name)?;
    out.str(vm, ": ")?;
    let _ = vm.print_obj(e, out, crate::typ::PrintKind::Str);
    out.str(vm, "\n")
}
