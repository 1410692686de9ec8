//! The `hashlib` module: `sha256` (RustCrypto's `sha2`), as MicroPython
//! has it: `sha256([data])`, `update(data)`, `digest()`. After `digest()`
//! the hash is final: `update` and `digest` raise
//! `ValueError: hash is final`. Data is anything with the buffer
//! protocol (bytes, bytearray, memoryview, str).

use crate::obj::Obj;
use crate::objdata::{NativeObj, ObjData};
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::typ::{BuiltinFun, ModuleDef, PrintKind, Rom, TypeObj};
use crate::types::iterators::native_mut;
use crate::types::strutil::get_buffer;
use crate::PyResult;
use alloc::boxed::Box;
use alloc::string::String;
use core::any::Any;
use sha2::{Digest, Sha256};

/// A SHA-256 hasher; `None` once finalised by `digest()`.
pub struct Sha256Obj {
    hasher: Option<Sha256>,
}

impl NativeObj for Sha256Obj {
    fn type_obj(&self) -> &'static TypeObj {
        &SHA256_TYPE
    }
    fn trace(&self, _f: &mut dyn FnMut(Obj)) {}
    fn heap_bytes(&self) -> usize {
        core::mem::size_of::<Sha256Obj>()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

fn data_arg(vm: &mut Vm, o: Obj) -> PyResult<alloc::vec::Vec<u8>> {
    match get_buffer(vm, o) {
        Some(b) => Ok(b),
        None => Err(vm.type_error("object with buffer protocol required")),
    }
}

fn final_error(vm: &mut Vm) -> crate::PyErr {
    vm.value_error("hash is final")
}

fn sha256_new(vm: &mut Vm, _cls: Obj, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let mut h = Sha256::new();
    if let Some(&d) = args.first() {
        let data = data_arg(vm, d)?;
        h.update(&data);
    }
    vm.alloc(ObjData::Native(Box::new(Sha256Obj { hasher: Some(h) })))
}

fn update(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let data = data_arg(vm, a[1])?;
    match native_mut::<Sha256Obj>(vm, a[0]).and_then(|s| s.hasher.as_mut()) {
        Some(h) => {
            h.update(&data);
            Ok(Obj::NONE)
        }
        None => Err(final_error(vm)),
    }
}

fn digest(vm: &mut Vm, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    match native_mut::<Sha256Obj>(vm, a[0]).and_then(|s| s.hasher.take()) {
        Some(h) => {
            let out = h.finalize();
            vm.new_bytes(&out)
        }
        None => Err(final_error(vm)),
    }
}

fn print(_vm: &mut Vm, _o: Obj, out: &mut String, _k: PrintKind) -> PyResult<()> {
    out.push_str("<sha256>");
    Ok(())
}

static UPDATE: BuiltinFun = BuiltinFun::new(q::update, 2, 2, update);
static DIGEST: BuiltinFun = BuiltinFun::new(q::digest, 1, 1, digest);

static SHA256_LOCALS: [(Qstr, Rom); 2] = [(q::digest, Rom::Fun(&DIGEST)), (q::update, Rom::Fun(&UPDATE))];

/// `hashlib.sha256`.
pub static SHA256_TYPE: TypeObj = TypeObj {
    name: q::sha256,
    make_new: Some(sha256_new),
    print: Some(print),
    locals: &SHA256_LOCALS,
    ..TypeObj::EMPTY
};

static LOCALS: [(Qstr, Rom); 2] = [(q::__name__, Rom::Str(q::hashlib)), (q::sha256, Rom::Type(&SHA256_TYPE))];

/// The `hashlib` module.
pub static HASHLIB_MODULE: ModuleDef = ModuleDef { name: q::hashlib, locals: &LOCALS, init: None };
