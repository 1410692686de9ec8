//! Test helpers for the container and builtins tests: a HAL with captured
//! output, scripted stdin and an in-memory filesystem, and shorthands for
//! calling builtins and methods through the runtime API.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::hal::Hal;
use crate::obj::Obj;
use crate::qstr::Qstr;
use crate::state::{Config, Vm};
use crate::types::exception::ExceptionObj;
use crate::PyErr;
use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::RefCell;

/// Shared state of [`TestHal`].
#[derive(Default)]
pub struct HalState {
    pub out: Vec<u8>,
    pub stdin: Vec<u8>,
    pub files: BTreeMap<String, Vec<u8>>,
    /// Open handles: (path, read position, writable).
    pub open: Vec<Option<(String, usize, bool)>>,
}

/// A HAL whose state the test keeps a handle to.
pub struct TestHal(pub Rc<RefCell<HalState>>);

impl Hal for TestHal {
    fn stdout_write(&mut self, data: &[u8]) {
        self.0.borrow_mut().out.extend_from_slice(data);
    }
    fn stdin_read(&mut self, buf: &mut [u8]) -> usize {
        let mut st = self.0.borrow_mut();
        let n = buf.len().min(st.stdin.len());
        buf[..n].copy_from_slice(&st.stdin[..n]);
        st.stdin.drain(..n);
        n
    }
    fn open(&mut self, path: &str, mode: &str) -> Result<usize, i32> {
        let mut st = self.0.borrow_mut();
        let writable = mode.contains('w') || mode.contains('a');
        if mode.contains('w') {
            st.files.insert(String::from(path), Vec::new());
        } else if mode.contains('a') {
            st.files.entry(String::from(path)).or_default();
        } else if !st.files.contains_key(path) {
            return Err(2);
        }
        st.open.push(Some((String::from(path), 0, writable)));
        Ok(st.open.len() + 2)
    }
    fn read(&mut self, h: usize, buf: &mut [u8]) -> Result<usize, i32> {
        let mut st = self.0.borrow_mut();
        let Some(Some((path, pos, _))) = st.open.get(h - 3).cloned() else { return Err(9) };
        let data = st.files.get(&path).cloned().unwrap_or_default();
        let n = buf.len().min(data.len().saturating_sub(pos));
        buf[..n].copy_from_slice(&data[pos..pos + n]);
        if let Some(Some(e)) = st.open.get_mut(h - 3) {
            e.1 += n;
        }
        Ok(n)
    }
    fn write(&mut self, h: usize, data: &[u8]) -> Result<usize, i32> {
        let mut st = self.0.borrow_mut();
        let Some(Some((path, _, true))) = st.open.get(h - 3).cloned() else { return Err(9) };
        st.files.entry(path).or_default().extend_from_slice(data);
        Ok(data.len())
    }
    fn close(&mut self, h: usize) {
        if let Some(e) = self.0.borrow_mut().open.get_mut(h - 3) {
            *e = None;
        }
    }
}

/// A fresh initialised VM and its HAL state.
pub fn vm() -> (Vm, Rc<RefCell<HalState>>) {
    let st = Rc::new(RefCell::new(HalState::default()));
    let mut vm = Vm::new(Config::default(), Box::new(TestHal(st.clone()))).expect("heap");
    let _ = crate::runtime::init::init(&mut vm);
    (vm, st)
}

/// Runs `f` with a fresh VM whose gc scans `f`'s native stack frame (the
/// stack base is set in this function, above `f`'s frame).
#[inline(never)]
pub fn with_vm(f: impl FnOnce(Vm, Rc<RefCell<HalState>>)) {
    let (mut vm, st) = vm();
    let marker = 0usize;
    vm.stack_base = core::hint::black_box(&marker) as *const usize as usize;
    // Debug-build test frames are large: leave room before the guard.
    vm.config.stack_limit = 512 * 1024;
    run_below(f, vm, st);
}

/// Calls `f` in a frame of its own, below the caller's (so a closure
/// inlined here keeps its locals below [`with_vm`]'s stack-base marker).
#[inline(never)]
fn run_below(f: impl FnOnce(Vm, Rc<RefCell<HalState>>), vm: Vm, st: Rc<RefCell<HalState>>) {
    f(vm, st);
}

/// The builtin called `name`.
pub fn builtin(vm: &mut Vm, name: &str) -> Obj {
    let q = crate::qstr::find_static(name).unwrap_or(Qstr(0));
    let r = crate::typ::find(crate::modules::builtins::BUILTINS_LOCALS, q);
    vm.rom_to_obj(r.unwrap_or(crate::typ::Rom::None)).unwrap_or(Obj::NONE)
}

/// `name(*args)` for a builtin.
pub fn call(vm: &mut Vm, name: &str, args: &[Obj]) -> Result<Obj, PyErr> {
    let f = builtin(vm, name);
    vm.call(f, args, &[])
}

/// `name(*args, **kw)` for a builtin (kw as (name, value) pairs).
pub fn call_kw(vm: &mut Vm, name: &str, args: &[Obj], kw: &[(&str, Obj)]) -> Result<Obj, PyErr> {
    let f = builtin(vm, name);
    let flat = flat_kw(vm, kw)?;
    vm.call(f, args, &flat)
}

/// Flattened keyword pairs with interned names (qstrs: nothing to keep
/// alive for the gc).
fn flat_kw(vm: &mut Vm, kw: &[(&str, Obj)]) -> Result<Vec<Obj>, PyErr> {
    let mut flat = Vec::new();
    for (k, v) in kw {
        let q = vm.intern(k)?;
        flat.push(Obj::qstr(q));
        flat.push(*v);
    }
    Ok(flat)
}

/// `o.name(*args)`.
pub fn meth(vm: &mut Vm, o: Obj, name: &str, args: &[Obj]) -> Result<Obj, PyErr> {
    let q = vm.intern(name)?;
    let m = vm.load_attr(o, q)?;
    vm.call(m, args, &[])
}

/// `o.name(*args, **kw)`.
pub fn meth_kw(vm: &mut Vm, o: Obj, name: &str, args: &[Obj], kw: &[(&str, Obj)]) -> Result<Obj, PyErr> {
    let q = vm.intern(name)?;
    let m = vm.load_attr(o, q)?;
    let flat = flat_kw(vm, kw)?;
    vm.call(m, args, &flat)
}

/// A str object.
pub fn s(vm: &mut Vm, t: &str) -> Obj {
    vm.new_str(t).unwrap_or(Obj::NONE)
}

/// A small int.
pub fn i(v: isize) -> Obj {
    Obj::small_int(v)
}

/// A list of small ints.
pub fn ilist(vm: &mut Vm, v: &[isize]) -> Obj {
    let items: Vec<Obj> = v.iter().map(|&x| i(x)).collect();
    vm.new_list(&items).unwrap_or(Obj::NONE)
}

/// `repr(o)` as a Rust string (test code may allocate).
pub fn repr_string(vm: &mut Vm, o: Obj) -> Result<String, PyErr> {
    let s = vm.repr_obj(o)?;
    Ok(String::from(vm.str_pinned(s).unwrap_or("")))
}

/// `str(o)` as a Rust string.
pub fn str_string(vm: &mut Vm, o: Obj) -> Result<String, PyErr> {
    let s = vm.str_obj(o)?;
    Ok(String::from(vm.str_pinned(s).unwrap_or("")))
}

/// The items of a list or tuple, copied out (test code may allocate).
pub fn items(vm: &Vm, o: Obj) -> Vec<Obj> {
    vm.seq_items(o).map(|v| v.to_vec()).unwrap_or_default()
}

/// `repr(o)`.
pub fn r(vm: &mut Vm, o: Obj) -> String {
    // Until the bool/None printers land on main.
    match o {
        Obj::NONE => return String::from("None"),
        Obj::TRUE => return String::from("True"),
        Obj::FALSE => return String::from("False"),
        _ => {}
    }
    match repr_string(vm, o) {
        Ok(s) => s,
        Err(e) => alloc::format!("<repr failed: {}>", err(vm, e)),
    }
}

/// `repr` of a result, or `Type: message` of its error.
pub fn rr(vm: &mut Vm, res: Result<Obj, PyErr>) -> String {
    match res {
        Ok(o) => r(vm, o),
        Err(e) => err(vm, e),
    }
}

/// `Type: str(args[0])` of an error (`Type` alone without args).
pub fn err(vm: &mut Vm, e: PyErr) -> String {
    let t = vm.type_of(e.0);
    let mut out = String::from(vm.class_name(t));
    let args = vm.heap.get::<ExceptionObj>(e.0).map_or(Obj::NONE, |x| x.args);
    let a = items(vm, args);
    if let Some(&first) = a.first() {
        out.push_str(": ");
        let s = if a.len() == 1 { str_string(vm, first) } else { repr_string(vm, args) };
        out.push_str(&s.unwrap_or_default());
    }
    out
}
