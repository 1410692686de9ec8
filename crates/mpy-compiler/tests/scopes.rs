//! Scope analysis seen through the emitted code: which load/store opcode a
//! name gets (NAME, GLOBAL, FAST, DEREF) and which locals become cells.

use mpy_bytecode::{Prelude, RawCode};
use mpy_compiler::{compile, CompileOptions};

/// The opcodes (first byte of each instruction is enough for these small
/// snippets) of a raw code, after its prelude.
fn code(rc: &RawCode) -> Vec<u8> {
    let p = Prelude::decode(&rc.fun_data).expect("valid prelude");
    p.code(&rc.fun_data).to_vec()
}

fn cells(rc: &RawCode) -> Vec<u8> {
    let p = Prelude::decode(&rc.fun_data).expect("valid prelude");
    p.cells(&rc.fun_data).to_vec()
}

fn module(src: &str) -> RawCode {
    compile(src.as_bytes(), "t.py", &CompileOptions::default()).expect("compiles").raw_code
}

const LOAD_NAME: u8 = 0x11;
const LOAD_GLOBAL: u8 = 0x12;
const STORE_NAME: u8 = 0x16;
const STORE_GLOBAL: u8 = 0x17;
const LOAD_DEREF: u8 = 0x25;
const STORE_DEREF: u8 = 0x27;
const LOAD_FAST_0: u8 = 0xb0;
const STORE_FAST_0: u8 = 0xc0;

#[test]
fn module_names_use_name_ops() {
    let m = module("x = 1\nprint(x)\n");
    let c = code(&m);
    assert!(c.contains(&STORE_NAME));
    assert!(c.contains(&LOAD_NAME));
}

#[test]
fn function_locals_and_implicit_globals() {
    let m = module("def f(a):\n    b = a\n    return g\n");
    let c = code(&m.children[0]);
    // a is local 0, b local 1, g a global
    assert_eq!(c[0], LOAD_FAST_0);
    assert_eq!(c[1], STORE_FAST_0 + 1);
    assert_eq!(c[2], LOAD_GLOBAL);
}

#[test]
fn explicit_global_in_function_and_module() {
    let m = module("def f():\n    global x\n    x = 1\nx = 2\n");
    assert!(code(&m.children[0]).contains(&STORE_GLOBAL));
    // the module's own x follows the declaration too
    assert!(code(&m).contains(&STORE_GLOBAL));
}

#[test]
fn closures_make_cells_and_frees() {
    let m = module("def f():\n    x = 1\n    def g():\n        return x\n    return g\n");
    let f = &m.children[0];
    assert_eq!(cells(f), vec![1]); // g is local 0, the cell x comes after
    assert!(code(f).contains(&STORE_DEREF));
    let g = &f.children[0];
    assert_eq!(code(g)[0], LOAD_DEREF);
}

#[test]
fn class_names_are_not_closed_over() {
    let m = module("class C:\n    y = 1\n    def f(self):\n        return y\n");
    let f = &m.children[0].children[0];
    assert_eq!(code(f)[0], LOAD_GLOBAL);
}

#[test]
fn zero_arg_super_makes_class_cell() {
    let m = module("class C:\n    def f(self):\n        return super().f()\n");
    let cls = &m.children[0];
    assert_eq!(cells(cls), vec![0]);
    let f = &cls.children[0];
    // LOAD_GLOBAL super, LOAD_DEREF __class__, LOAD_FAST self
    let c = code(f);
    assert_eq!(c[0], LOAD_GLOBAL);
    assert_eq!(c[2], LOAD_DEREF);
    assert_eq!(c[4], LOAD_FAST_0 + 1);
}

#[test]
fn nonlocal_rebinds_enclosing_local() {
    let m = module("def f():\n    n = 0\n    def g():\n        nonlocal n\n        n = 1\n    return g\n");
    let g = &m.children[0].children[0];
    assert!(code(g).contains(&STORE_DEREF));
}

#[test]
fn comprehension_iteration_variable_is_local() {
    let m = module("x = [i for i in y]\n");
    let comp = &m.children[0];
    let c = code(comp);
    // BUILD_LIST 0, LOAD_FAST 0 (the iterator argument), GET_ITER_STACK, FOR_ITER.., STORE_FAST 1
    assert_eq!(c[2], LOAD_FAST_0);
    assert!(c.contains(&(STORE_FAST_0 + 1)));
}
