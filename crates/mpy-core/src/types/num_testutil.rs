//! Helpers for the numeric types' unit tests: a fresh VM, object
//! constructors and "repr or error" rendering. (Test code: it may use
//! Rust's allocator.)

use crate::flt::Float;
use crate::hal::BufferHal;
use crate::obj::Obj;
use crate::state::{Config, Vm};
use crate::typ::{BinaryOp, UnaryOp};
use crate::types::exception::ExceptionObj;
use crate::PyResult;
use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// A VM with the runtime initialised.
#[allow(clippy::expect_used)]
pub fn vm() -> Vm {
    let mut vm = Vm::new(Config::default(), Box::new(BufferHal::default())).expect("heap");
    let _ = crate::runtime::init::init(&mut vm);
    vm
}

/// Runs `f` with a fresh VM whose gc scans `f`'s native stack frame (the
/// stack base is set here, above `f`'s frame), so objects held in the
/// test's locals stay alive (needed with feature `gc-stress`).
#[inline(never)]
pub fn with_vm<R>(f: impl FnOnce(Vm) -> R) -> R {
    let mut v = vm();
    let marker = 0usize;
    v.stack_base = core::hint::black_box(&marker) as *const usize as usize;
    // Debug-build test frames are large: leave room before the guard.
    v.config.stack_limit = 512 * 1024;
    run_below(f, v)
}

/// Calls `f` in a frame of its own, below [`with_vm`]'s marker.
#[inline(never)]
fn run_below<R>(f: impl FnOnce(Vm) -> R, v: Vm) -> R {
    f(v)
}

/// `str(o)` as a Rust string.
fn str_of(vm: &mut Vm, o: Obj) -> String {
    match vm.str_obj(o) {
        Ok(s) => String::from(vm.str_pinned(s).unwrap_or("")),
        Err(_) => String::from("<str failed>"),
    }
}

/// `repr(result)` or `"TypeName: message"` for an error.
pub fn show(vm: &mut Vm, r: PyResult<Obj>) -> String {
    match r {
        Ok(o) => repr(vm, o),
        Err(e) => {
            let Some(x) = vm.heap.get::<ExceptionObj>(e.0) else { return String::from("<not an exception>") };
            let (name, args) = (x.base.ty.name, x.args);
            let name = String::from(vm.qstr_str(name));
            let first = vm.tuple_pinned(args).and_then(|items| items.first().copied());
            let msg = match first {
                Some(m) => str_of(vm, m),
                None => String::new(),
            };
            format!("{name}: {msg}")
        }
    }
}

/// An int object from decimal text.
pub fn int(vm: &mut Vm, s: &str) -> Obj {
    crate::types::int_parse::parse_int(vm, s.as_bytes(), 10).unwrap_or(Obj::NONE)
}

/// A float object.
pub fn flt(vm: &mut Vm, f: Float) -> Obj {
    vm.new_float(f).unwrap_or(Obj::NONE)
}

/// A complex object.
pub fn cpx(vm: &mut Vm, re: Float, im: Float) -> Obj {
    vm.new_complex(re, im).unwrap_or(Obj::NONE)
}

/// `repr(a op b)` or the error.
pub fn bin(vm: &mut Vm, op: BinaryOp, a: Obj, b: Obj) -> String {
    let r = vm.binary_op(op, a, b);
    show(vm, r)
}

/// `repr(op a)` or the error.
pub fn un(vm: &mut Vm, op: UnaryOp, a: Obj) -> String {
    let r = vm.unary_op(op, a);
    show(vm, r)
}

/// `repr(f(*args))` or the error.
pub fn call(vm: &mut Vm, f: Obj, args: &[Obj]) -> String {
    let r = vm.call(f, args, &[]);
    show(vm, r)
}

/// repr() with tuples and bytes rendered here (so these tests do not
/// depend on those types' printing).
pub fn repr(vm: &mut Vm, o: Obj) -> String {
    if let Some(items) = vm.tuple_pinned(o) {
        let parts: Vec<String> = items.iter().map(|&x| repr(vm, x)).collect();
        return format!("({})", parts.join(", "));
    }
    if let Some(b) = vm.bytes_pinned(o) {
        let mut s = String::from("b'");
        for &c in b.iter() {
            if (0x20..0x7f).contains(&c) && c != b'\\' && c != b'\'' {
                s.push(c as char);
            } else {
                s.push_str(&format!("\\x{c:02x}"));
            }
        }
        s.push('\'');
        return s;
    }
    match vm.repr_obj(o) {
        Ok(s) => String::from(vm.str_pinned(s).unwrap_or("")),
        Err(_) => String::from("<repr failed>"),
    }
}
