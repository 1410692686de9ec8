//! Helpers for the numeric types' unit tests: a fresh VM, object
//! constructors and "repr or error" rendering.

use crate::hal::BufferHal;
use crate::obj::Obj;
use crate::objdata::ObjData;
use crate::state::{Config, Vm};
use crate::typ::{BinaryOp, UnaryOp};
use crate::PyResult;
use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use num_bigint::BigInt;

/// A VM with the runtime initialised.
pub fn vm() -> Vm {
    let mut vm = Vm::new(Config::default(), Box::new(BufferHal::default()));
    let _ = crate::runtime::init::init(&mut vm);
    vm
}

/// `repr(result)` or `"TypeName: message"` for an error.
pub fn show(vm: &mut Vm, r: PyResult<Obj>) -> String {
    match r {
        Ok(o) => repr(vm, o),
        Err(e) => {
            let (class, args) = match vm.get(e.0) {
                Some(ObjData::Exception(x)) => (x.class, x.args),
                _ => return String::from("<not an exception>"),
            };
            let name = String::from(vm.class_name(class));
            let msg = match vm.seq_items(args) {
                Some(items) if !items.is_empty() => vm.str_string(items[0]).unwrap_or_default(),
                _ => String::new(),
            };
            format!("{name}: {msg}")
        }
    }
}

/// An int object from decimal text.
pub fn int(vm: &mut Vm, s: &str) -> Obj {
    let v: BigInt = s.parse().unwrap_or_default();
    vm.new_bigint(v).unwrap_or(Obj::NONE)
}

/// A float object.
pub fn flt(vm: &mut Vm, f: f64) -> Obj {
    vm.new_float(f).unwrap_or(Obj::NONE)
}

/// A complex object.
pub fn cpx(vm: &mut Vm, re: f64, im: f64) -> Obj {
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

/// repr() with tuples and bytes rendered here (their types live on other
/// branches).
pub fn repr(vm: &mut Vm, o: Obj) -> String {
    if let Some(items) = match vm.get(o) {
        Some(ObjData::Tuple(t)) => Some(t.to_vec()),
        _ => None,
    } {
        let parts: alloc::vec::Vec<String> = items.iter().map(|&x| repr(vm, x)).collect();
        return format!("({})", parts.join(", "));
    }
    if let Some(ObjData::Bytes(b)) = vm.get(o) {
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
    vm.repr_string(o).unwrap_or_else(|_| String::from("<repr failed>"))
}
