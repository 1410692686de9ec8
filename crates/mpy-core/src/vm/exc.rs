//! Raising and printing exceptions: what `raise X` turns X into, and the
//! traceback in MicroPython's format.

use crate::obj::Obj;
use crate::objdata::ObjData;
use crate::state::Vm;
use crate::types::exception as exc;
use crate::PyResult;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

/// Is `o` an exception instance (of a built-in exception type or a
/// subclass)?
pub fn is_exception(vm: &Vm, o: Obj) -> bool {
    matches!(vm.heap.get(o), Some(ObjData::Exception(_)))
}

/// The exception object `raise o` raises: `o` itself for an instance, a
/// new instance for an exception class.
///
/// Errors: `TypeError: exceptions must derive from BaseException`.
pub fn make_raise_obj(vm: &mut Vm, o: Obj) -> PyResult<Obj> {
    if is_exception(vm, o) {
        return Ok(o);
    }
    if vm.is_type(o) && vm.is_subclass(o, Obj::from_type(&exc::BASE_EXCEPTION_TYPE)) {
        let e = vm.call(o, &[], &[])?;
        if is_exception(vm, e) {
            return Ok(e);
        }
    }
    Err(vm.type_error("exceptions must derive from BaseException"))
}

/// Appends the traceback and the exception line for `e` to `out`, as the
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
/// line is `Name: str(e)` (`Name: ` with an empty message; just `Name`
/// when the exception has no args).
pub fn print_exception(vm: &mut Vm, e: Obj, out: &mut String) {
    let tb: Vec<_> = match vm.heap.get(e) {
        Some(ObjData::Exception(x)) => x.traceback.clone(),
        _ => Vec::new(),
    };
    if !tb.is_empty() {
        out.push_str("Traceback (most recent call last):\n");
        for t in tb.iter().rev() {
            let _ = write!(out, "  File \"{}\", line {}", vm.qstrs.str(t.file), t.line);
            if t.block != crate::q::empty {
                let _ = write!(out, ", in {}", vm.qstrs.str(t.block));
            }
            out.push('\n');
        }
    }
    let name = String::from(vm.type_name(e));
    out.push_str(&name);
    let mut msg = String::new();
    let _ = vm.print_obj(e, &mut msg, crate::typ::PrintKind::Str);
    out.push_str(": ");
    out.push_str(&msg);
    out.push('\n');
}
