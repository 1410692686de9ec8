//! Unit tests for str, bytes, bytearray, memoryview and formatting,
//! driven through the runtime API. Expected values come from the
//! MicroPython 1.27 wasm oracle (or CPython where MicroPython's build
//! lacks the feature).

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::needless_borrow, clippy::explicit_auto_deref, clippy::approx_constant)]

extern crate std;

use crate::hal::BufferHal;
use crate::obj::Obj;
use crate::state::{Config, Vm};
use crate::typ::{BinaryOp, Subscr, UnaryOp};
use crate::types::strutil::{new_of_kind, Kind};
use crate::types::{bytearray, bytes, memoryview, str as pstr, str_format};
use crate::PyErr;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

/// Runs `f` on a fresh initialised VM with a `heap_size`-byte heap, the
/// gc's native-stack scan covering start-up and all of `f`'s frame (the
/// stack base is set here, above both).
#[inline(never)]
fn run_with(heap_size: usize, f: fn(&mut Vm)) {
    let marker = 0usize;
    let mut v = Vm::new(Config { heap_size, ..Config::default() }, Box::new(BufferHal::default())).expect("vm");
    v.stack_base = core::hint::black_box(&marker) as *const usize as usize;
    v.config.stack_limit = 512 * 1024;
    crate::runtime::init::init(&mut v).expect("init");
    f(&mut v);
}

/// [`run_with`] the default heap size.
fn run(f: fn(&mut Vm)) {
    run_with(Config::default().heap_size, f);
}

fn s(vm: &mut Vm, t: &str) -> Obj {
    vm.new_str(t).expect("alloc")
}

fn b(vm: &mut Vm, t: &[u8]) -> Obj {
    vm.new_bytes(t).expect("alloc")
}

fn ba(vm: &mut Vm, t: &[u8]) -> Obj {
    new_of_kind(vm, Kind::ByteArray, t).expect("alloc")
}

fn i(v: isize) -> Obj {
    Obj::small_int(v)
}

/// The text of a str object.
fn text(vm: &Vm, o: Obj) -> String {
    String::from(vm.str_pinned(o).expect("str"))
}

/// repr of an object; lists and tuples rendered item by item.
fn r(vm: &mut Vm, o: Obj) -> String {
    match o {
        Obj::TRUE => return String::from("True"),
        Obj::FALSE => return String::from("False"),
        Obj::NONE => return String::from("None"),
        _ => {}
    }
    let tuple = vm.tuple_pinned(o).is_some();
    if let Some(items) = vm.seq_items(o).map(<[Obj]>::to_vec) {
        let parts: Vec<String> = items.into_iter().map(|x| r(vm, x)).collect();
        return if tuple { alloc::format!("({})", parts.join(", ")) } else { alloc::format!("[{}]", parts.join(", ")) };
    }
    let x = vm.repr_obj(o).expect("repr");
    text(vm, x)
}

/// "Type: message" of an error.
fn e(vm: &mut Vm, err: PyErr) -> String {
    let Some(args) = vm.heap.get::<crate::types::exception::ExceptionObj>(err.0).map(|x| x.args) else {
        return String::from("?");
    };
    let name = String::from(vm.qstr_str(vm.builtin_type(err.0).name));
    let msg = match vm.tuple_pinned(args) {
        Some(t) if !t.is_empty() => {
            let m = vm.str_obj(t[0]).expect("str");
            text(vm, m)
        }
        _ => String::new(),
    };
    if name == "MemoryError" && msg.is_empty() {
        return name;
    }
    alloc::format!("{name}: {msg}")
}

fn call(vm: &mut Vm, o: Obj, name: &str, args: &[Obj]) -> Result<Obj, PyErr> {
    let q = vm.intern(name)?;
    let (m, slf) = vm.load_method_maybe(o, q)?;
    assert!(!m.is_null(), "no method {name}");
    if slf.is_null() {
        vm.call(m, args, &[])
    } else {
        vm.call_with_self(m, slf, args, &[])
    }
}

/// Calls a method and returns the repr of the result or "Type: msg".
fn cr(vm: &mut Vm, o: Obj, name: &str, args: &[Obj]) -> String {
    match call(vm, o, name, args) {
        Ok(x) => r(vm, x),
        Err(err) => e(vm, err),
    }
}

fn op(vm: &mut Vm, o: BinaryOp, a: Obj, bb: Obj) -> String {
    match vm.binary_op(o, a, bb) {
        Ok(x) => r(vm, x),
        Err(err) => e(vm, err),
    }
}

fn sub(vm: &mut Vm, o: Obj, idx: Obj) -> String {
    match vm.subscr(o, idx, Subscr::Load) {
        Ok(x) => r(vm, x),
        Err(err) => e(vm, err),
    }
}

fn slice(vm: &mut Vm, a: Option<isize>, bb: Option<isize>, c: Option<isize>) -> Obj {
    let f = |x: Option<isize>| x.map(Obj::small_int).unwrap_or(Obj::NONE);
    crate::types::slice::new_slice(vm, f(a), f(bb), f(c)).expect("alloc")
}

/// `format(o, spec)` as a Rust string (or the error).
fn fo(vm: &mut Vm, o: Obj, spec: &str) -> Option<String> {
    let x = str_format::format_obj(vm, o, spec).ok()?;
    Some(text(vm, x))
}

fn fmt(vm: &mut Vm, f: &str, args: &[Obj]) -> String {
    let fo = s(vm, f);
    cr(vm, fo, "format", args)
}

fn modulo(vm: &mut Vm, f: &str, arg: Obj) -> String {
    let fo = s(vm, f);
    op(vm, BinaryOp::Modulo, fo, arg)
}

#[test]
fn str_repr_matches_micropython() {
    run(str_repr_matches_micropython_body);
}

fn str_repr_matches_micropython_body(v: &mut Vm) {
    let mut v = v;
    let x = s(&mut v, "a\x00\x7f\u{80}\u{ff}\u{100}\u{2028}\u{1f600}'\"\n\t\r\\");
    assert_eq!(r(&mut v, x), r#"'a\x00\x7f\x80\xff\u0100\u2028\U0001f600\'"\n\t\r\\'"#);
    let x = s(&mut v, "'");
    assert_eq!(r(&mut v, x), r#""'""#);
    let x = s(&mut v, "'\"");
    assert_eq!(r(&mut v, x), r#"'\'"'"#);
}

#[test]
fn str_len_index_slice() {
    run(str_len_index_slice_body);
}

fn str_len_index_slice_body(v: &mut Vm) {
    let mut v = v;
    let x = s(&mut v, "é€😀");
    assert_eq!(v.len(x).ok(), Some(3));
    assert_eq!(sub(&mut v, x, i(1)), r"'\u20ac'");
    assert_eq!(sub(&mut v, x, i(-1)), r"'\U0001f600'");
    let sl = slice(&mut v, None, None, Some(-1));
    assert_eq!(sub(&mut v, x, sl), r"'\U0001f600\u20ac\xe9'");
    let y = s(&mut v, "abcdef");
    let sl = slice(&mut v, Some(1), Some(5), Some(2));
    assert_eq!(sub(&mut v, y, sl), "'bd'");
    let sl = slice(&mut v, Some(10), None, None);
    assert_eq!(sub(&mut v, y, sl), "''");
    let sl = slice(&mut v, Some(-3), None, None);
    assert_eq!(sub(&mut v, y, sl), "'def'");
    assert_eq!(sub(&mut v, y, i(-7)), "IndexError: string index out of range");
    let f = v.new_float(1.0).expect("f");
    assert_eq!(sub(&mut v, y, f), "TypeError: string indices must be integers, not float");
    assert_eq!(sub(&mut v, y, Obj::TRUE), "'b'");
}

#[test]
fn str_hash_equals_qstr_hash() {
    run(str_hash_equals_qstr_hash_body);
}

fn str_hash_equals_qstr_hash_body(v: &mut Vm) {
    let mut v = v;
    let heap = s(&mut v, "some heap string not interned");
    assert!(v.heap.is_heap_obj(heap));
    let h1 = v.hash(heap).expect("hash");
    assert_eq!(h1, crate::qstr::hash_bytes(b"some heap string not interned"));
    let q = Obj::qstr(crate::qstr::q::append);
    assert_eq!(v.hash(q).ok(), Some(crate::qstr::hash_bytes(b"append")));
    let by = b(&mut v, b"append");
    assert_eq!(v.unary_op(UnaryOp::Hash, by).ok(), Some(i((crate::qstr::hash_bytes(b"append") >> 1) as isize)));
}

#[test]
fn str_ops() {
    run(str_ops_body);
}

fn str_ops_body(v: &mut Vm) {
    let mut v = v;
    let a = s(&mut v, "ab");
    let c = s(&mut v, "cd");
    assert_eq!(op(&mut v, BinaryOp::Add, a, c), "'abcd'");
    assert_eq!(op(&mut v, BinaryOp::Add, a, i(1)), "TypeError: unsupported types for __add__: 'str', 'int'");
    assert_eq!(op(&mut v, BinaryOp::Multiply, a, i(3)), "'ababab'");
    assert_eq!(op(&mut v, BinaryOp::Multiply, i(2), a), "'abab'");
    assert_eq!(op(&mut v, BinaryOp::Multiply, a, i(-1)), "''");
    // Huge repetition: MemoryError, never an abort.
    let big = v.new_int(10_000_000_000).expect("int");
    assert_eq!(op(&mut v, BinaryOp::Multiply, a, big), huge_int_error());
    let huge = v.new_int_mag(false, &[0, 0, 64]).expect("int");
    assert_eq!(
        op(&mut v, BinaryOp::Multiply, a, huge),
        "OverflowError: overflow converting long int to machine word"
    );
    assert_eq!(op(&mut v, BinaryOp::Less, a, c), "True");
    let bb = s(&mut v, "b");
    let abc = s(&mut v, "abc");
    assert_eq!(op(&mut v, BinaryOp::More, bb, abc), "True");
    assert_eq!(op(&mut v, BinaryOp::In, bb, abc), "True");
    assert_eq!(op(&mut v, BinaryOp::In, i(1), abc), "TypeError: can't convert 'int' object to str implicitly");
    let by = b(&mut v, b"ab");
    assert!(!v.eq(a, by).expect("eq"));
    assert_eq!(op(&mut v, BinaryOp::Add, a, by), "TypeError: unsupported types for __add__: 'str', 'bytes'");
}

#[test]
fn str_iteration() {
    run(str_iteration_body);
}

fn str_iteration_body(v: &mut Vm) {
    let mut v = v;
    let x = s(&mut v, "aé€");
    let it = v.get_iter(x).expect("iter");
    let mut out = Vec::new();
    while let Some(c) = v.iter_next(it).expect("next") {
        out.push(r(&mut v, c));
    }
    assert_eq!(out, ["'a'", r"'\xe9'", r"'\u20ac'"]);
    assert_eq!(r(&mut v, it), "<iterator>");
}

#[test]
fn str_find_family() {
    run(str_find_family_body);
}

fn str_find_family_body(v: &mut Vm) {
    let mut v = v;
    let x = s(&mut v, "abcabc");
    let c = s(&mut v, "c");
    assert_eq!(cr(&mut v, x, "find", &[c, i(3)]), "5");
    assert_eq!(cr(&mut v, x, "rfind", &[c, i(0), i(4)]), "2");
    assert_eq!(cr(&mut v, x, "index", &[c]), "2");
    let z = s(&mut v, "z");
    assert_eq!(cr(&mut v, x, "rindex", &[z]), "ValueError: substring not found");
    assert_eq!(cr(&mut v, x, "find", &[i(1)]), "TypeError: can't convert 'int' object to str implicitly");
    let empty = s(&mut v, "");
    assert_eq!(cr(&mut v, x, "count", &[empty]), "7");
    let aaaa = s(&mut v, "aaaa");
    let aa = s(&mut v, "aa");
    assert_eq!(cr(&mut v, aaaa, "count", &[aa]), "2");
    let u = s(&mut v, "é€😀€");
    let euro = s(&mut v, "€");
    assert_eq!(cr(&mut v, u, "find", &[euro, i(2)]), "3");
    assert_eq!(cr(&mut v, u, "rfind", &[euro]), "3");
    assert_eq!(cr(&mut v, u, "count", &[euro, i(-3)]), "2");
}

#[test]
fn str_starts_ends() {
    run(str_starts_ends_body);
}

fn str_starts_ends_body(v: &mut Vm) {
    let mut v = v;
    let x = s(&mut v, "abc");
    let a = s(&mut v, "a");
    let xx = s(&mut v, "x");
    let t = v.new_tuple(&[xx, a]).expect("t");
    assert_eq!(cr(&mut v, x, "startswith", &[t]), "True");
    let bc = s(&mut v, "bc");
    assert_eq!(cr(&mut v, x, "endswith", &[bc, i(1)]), "True");
    let bb = s(&mut v, "b");
    assert_eq!(cr(&mut v, x, "startswith", &[bb, i(1), i(2)]), "True");
    assert_eq!(cr(&mut v, x, "startswith", &[i(1)]), "TypeError: can't convert 'int' object to str implicitly");
}

#[test]
fn str_strip_split_join() {
    run(str_strip_split_join_body);
}

fn str_strip_split_join_body(v: &mut Vm) {
    let mut v = v;
    let x = s(&mut v, "  xx ");
    assert_eq!(cr(&mut v, x, "strip", &[]), "'xx'");
    let y = s(&mut v, "xxaxx");
    let xs = s(&mut v, "x");
    assert_eq!(cr(&mut v, y, "lstrip", &[xs]), "'axx'");
    assert_eq!(cr(&mut v, y, "rstrip", &[xs]), "'xxa'");
    let sp = s(&mut v, " a  b ");
    assert_eq!(cr(&mut v, sp, "split", &[]), "['a', 'b']");
    let csv = s(&mut v, "a,b,,c");
    let comma = s(&mut v, ",");
    assert_eq!(cr(&mut v, csv, "split", &[comma]), "['a', 'b', '', 'c']");
    assert_eq!(cr(&mut v, csv, "split", &[comma, i(1)]), "['a', 'b,,c']");
    assert_eq!(cr(&mut v, csv, "rsplit", &[comma, i(1)]), "['a,b,', 'c']");
    let abc = s(&mut v, " a b c ");
    assert_eq!(cr(&mut v, abc, "split", &[Obj::NONE, i(1)]), "['a', 'b c ']");
    assert_eq!(cr(&mut v, abc, "rsplit", &[Obj::NONE, i(1)]), "[' a b', 'c']");
    let empty = s(&mut v, "");
    assert_eq!(cr(&mut v, abc, "split", &[empty]), "ValueError: empty separator");
    let lines = s(&mut v, "a\nb\r\nc\rd\n");
    assert_eq!(cr(&mut v, lines, "splitlines", &[]), "['a', 'b', 'c', 'd']");
    assert_eq!(cr(&mut v, lines, "splitlines", &[Obj::TRUE]), r"['a\n', 'b\r\n', 'c\r', 'd\n']");
    let l = {
        let a = s(&mut v, "a");
        let bb = s(&mut v, "b");
        v.new_list(&[a, bb]).expect("l")
    };
    assert_eq!(cr(&mut v, comma, "join", &[l]), "'a,b'");
    let xyz = s(&mut v, "xyz");
    assert_eq!(cr(&mut v, comma, "join", &[xyz]), "'x,y,z'");
    let bad = v.new_list(&[i(1)]).expect("l");
    assert_eq!(
        cr(&mut v, comma, "join", &[bad]),
        "TypeError: join expects a list of str/bytes objects consistent with self object"
    );
}

#[test]
fn str_misc_methods() {
    run(str_misc_methods_body);
}

fn str_misc_methods_body(v: &mut Vm) {
    let mut v = v;
    let h = s(&mut v, "hello");
    let l = s(&mut v, "l");
    let big_l = s(&mut v, "L");
    assert_eq!(cr(&mut v, h, "replace", &[l, big_l, i(1)]), "'heLlo'");
    let abc = s(&mut v, "abc");
    let empty = s(&mut v, "");
    let dash = s(&mut v, "-");
    assert_eq!(cr(&mut v, abc, "replace", &[empty, dash]), "'-a-b-c-'");
    assert_eq!(cr(&mut v, empty, "replace", &[empty, dash]), "'-'");
    let ab = s(&mut v, "ab");
    assert_eq!(cr(&mut v, ab, "center", &[i(7)]), "'  ab   '");
    let star = s(&mut v, "€");
    assert_eq!(cr(&mut v, ab, "center", &[i(5), star]), r"'\u20acab\u20ac\u20ac'");
    assert_eq!(cr(&mut v, ab, "center", &[i(5), ab]), "TypeError: The fill character must be exactly one character long");
    let dots = s(&mut v, "a.b.c");
    let dot = s(&mut v, ".");
    assert_eq!(cr(&mut v, dots, "partition", &[dot]), "('a', '.', 'b.c')");
    assert_eq!(cr(&mut v, dots, "rpartition", &[dot]), "('a.b', '.', 'c')");
    let y = s(&mut v, "y");
    assert_eq!(cr(&mut v, abc, "rpartition", &[y]), "('', '', 'abc')");
    let mixed = s(&mut v, "ABc1é");
    assert_eq!(cr(&mut v, mixed, "lower", &[]), r"'abc1\xe9'");
    assert_eq!(cr(&mut v, mixed, "upper", &[]), r"'ABC1\xe9'");
    let d = s(&mut v, "123");
    assert_eq!(cr(&mut v, d, "isdigit", &[]), "True");
    assert_eq!(cr(&mut v, empty, "isdigit", &[]), "False");
    let ab1 = s(&mut v, "AB1");
    assert_eq!(cr(&mut v, ab1, "isupper", &[]), "True");
    assert_eq!(cr(&mut v, ab1, "islower", &[]), "False");
    let ws = s(&mut v, " \t");
    assert_eq!(cr(&mut v, ws, "isspace", &[]), "True");
    let e_acute = s(&mut v, "é");
    assert_eq!(cr(&mut v, e_acute, "isalpha", &[]), "False");
    assert_eq!(cr(&mut v, e_acute, "encode", &[]), r"b'\xc3\xa9'");
}

#[test]
fn str_constructor() {
    run(str_constructor_body);
}

fn str_constructor_body(v: &mut Vm) {
    let mut v = v;
    let t = Obj::from_type(&pstr::STR_TYPE);
    let r0 = v.call(t, &[], &[]).expect("str()");
    assert_eq!(r(&mut v, r0), "''");
    let r1 = v.call(t, &[i(12)], &[]).expect("str(12)");
    assert_eq!(r(&mut v, r1), "'12'");
    let by = b(&mut v, b"abc");
    let enc = s(&mut v, "utf-8");
    let r2 = v.call(t, &[by, enc], &[]).expect("decode");
    assert_eq!(r(&mut v, r2), "'abc'");
    let r3 = v.call(t, &[by], &[]).expect("str(bytes)");
    assert_eq!(r(&mut v, r3), "\"b'abc'\"");
    let bad = b(&mut v, b"\xff");
    let err = v.call(t, &[bad, enc], &[]).expect_err("bad utf8");
    assert_eq!(e(&mut v, err), "UnicodeError: ");
    let err = v.call(t, &[i(1), enc], &[]).expect_err("no buffer");
    assert_eq!(e(&mut v, err), "TypeError: object with buffer protocol required");
}

#[test]
#[cfg_attr(feature = "float-single", ignore = "double-precision digits")]
fn format_spec_mini_language() {
    run(format_spec_mini_language_body);
}

fn format_spec_mini_language_body(v: &mut Vm) {
    let mut v = v;
    let n = i(12345);
    assert_eq!(fmt(&mut v, "{:*^9,}", &[n]), "'*12,345**'");
    let f = v.new_float(-3.14159).expect("f");
    assert_eq!(fmt(&mut v, "{:08.3f}", &[f]), "'-003.142'");
    assert_eq!(fmt(&mut v, "{:x} {:X} {:#o} {:#b} {:c}", &[i(255), i(255), i(8), i(5), i(65)]), "'ff FF 0o10 0b101 A'");
    let a = s(&mut v, "a");
    let bb = s(&mut v, "b");
    assert_eq!(fmt(&mut v, "{:10}|{:<10}|{:>10}|{:^10}|", &[a, i(1), bb, i(2)]), "'a         |1         |         b|    2     |'");
    assert_eq!(fmt(&mut v, "{:=10}|", &[i(-5)]), "'-        5|'");
    assert_eq!(fmt(&mut v, "{:+d} {: d}", &[i(5), i(5)]), "'+5  5'");
    assert_eq!(fmt(&mut v, "{!r:>5}", &[a]), "\"  'a'\"");
    assert_eq!(fmt(&mut v, "{:=10}", &[a]), "ValueError: '=' alignment not allowed in string format specifier");
    assert_eq!(fmt(&mut v, "{:d}", &[a]), "ValueError: unknown format code 'd' for object of type 'str'");
    assert_eq!(fmt(&mut v, "{:s}", &[i(1)]), "ValueError: unknown format code 's' for object of type 'int'");
    assert_eq!(fmt(&mut v, "{:z}", &[i(1)]), "ValueError: invalid format specifier");
    assert_eq!(fmt(&mut v, "{:,d}", &[i(-1234567)]), "'-1,234,567'");
    assert_eq!(fmt(&mut v, "{:_x}", &[i(0xffffff)]), "'ff_ffff'");
    assert_eq!(fmt(&mut v, "{:#010x}", &[i(255)]), "'0x000000ff'");
    assert_eq!(fmt(&mut v, "{:0=10}", &[i(-3)]), "'-000000003'");
    let ab = s(&mut v, "ab");
    assert_eq!(fmt(&mut v, "{:010}", &[ab]), "'ab00000000'");
    assert_eq!(fmt(&mut v, "{:<05}", &[i(3)]), "'30000'");
    assert_eq!(fmt(&mut v, "{:5}", &[Obj::TRUE]), "'    1'");
    assert_eq!(fmt(&mut v, "{:f}", &[i(1)]), "'1.000000'");
    let half = v.new_float(0.5).expect("f");
    assert_eq!(fmt(&mut v, "{:.3%}", &[half]), "'50.000%'");
    let pi = v.new_float(3.14159).expect("f");
    assert_eq!(fmt(&mut v, "{:.2}", &[pi]), "'3.1'");
    let one = v.new_float(1.0).expect("f");
    assert_eq!(fmt(&mut v, "{:10.3}", &[one]), "'         1'");
    let x15 = v.new_float(1.5).expect("f");
    let e20 = v.new_float(1e20).expect("f");
    let em20 = v.new_float(1e-20).expect("f");
    let q = v.new_float(0.25).expect("f");
    assert_eq!(
        fmt(&mut v, "{:e} {:E} {:g} {:G} {:%}", &[x15, x15, e20, em20, q]),
        "'1.500000e+00 1.500000E+00 1e+20 1E-20 25.000000%'"
    );
    assert_eq!(fmt(&mut v, "{:x}", &[x15]), "ValueError: unknown format code 'x' for object of type 'float'");
    assert_eq!(fmt(&mut v, "{:>5}", &[Obj::NONE]), "TypeError: can't convert 'NoneType' object to str implicitly");
    let abc = s(&mut v, "abc");
    assert_eq!(fmt(&mut v, "{:.2}", &[abc]), "'ab'");
    assert_eq!(fo(&mut v, i(255), "#x").as_deref(), Some("0xff"));
    // MicroPython's float digits (ties away from zero; `#` ignored).
    let h = v.new_float(2.5).expect("f");
    assert_eq!(fo(&mut v, h, ".0f").as_deref(), Some("3"));
    assert_eq!(fo(&mut v, i(1), "#.3g").as_deref(), Some("1"));
    assert_eq!(fo(&mut v, h, "").as_deref(), Some("2.5"));
    let big = v.new_float(1e16).expect("f");
    assert_eq!(fo(&mut v, big, "").as_deref(), Some("1e+16"));
    assert_eq!(fo(&mut v, big, ">8").as_deref(), Some("   1e+16"));
    let m = v.new_float(1234567.891).expect("f");
    // MicroPython 1.27 ignores grouping for floats ('{:,.2f}'.format(1234.5) == '1234.50').
    assert_eq!(fo(&mut v, m, ",.2f").as_deref(), Some("1234567.89"));
}

#[test]
fn format_fields() {
    run(format_fields_body);
}

fn format_fields_body(v: &mut Vm) {
    let mut v = v;
    assert_eq!(fmt(&mut v, "{} {0}", &[i(1), i(2)]), "ValueError: can't switch from automatic field numbering to manual field specification");
    assert_eq!(fmt(&mut v, "{0} {}", &[i(1), i(2)]), "ValueError: can't switch from manual field specification to automatic field numbering");
    assert_eq!(fmt(&mut v, "{", &[i(1)]), "ValueError: unmatched '{' in format");
    assert_eq!(fmt(&mut v, "}", &[i(1)]), "ValueError: single '}' encountered in format string");
    assert_eq!(fmt(&mut v, "{2}", &[i(1)]), "IndexError: tuple index out of range");
    assert_eq!(fmt(&mut v, "{{}} {}", &[i(1)]), "'{} 1'");
    let a = s(&mut v, "a");
    let bb = s(&mut v, "b");
    assert_eq!(fmt(&mut v, "{0}{1}{0}", &[a, bb]), "'aba'");
    assert_eq!(fmt(&mut v, "{:{}}|", &[i(3), i(4)]), "'   3|'");
    assert_eq!(fmt(&mut v, "{!x}", &[a]), "ValueError: unknown conversion specifier x");
    // Keyword fields and nested specs.
    let fo = s(&mut v, "{:{w}}|{a}");
    let (m, slf) = v.load_method_maybe(fo, crate::qstr::q::format).expect("m");
    let w = s(&mut v, "w");
    let ka = s(&mut v, "a");
    let ab = s(&mut v, "ab");
    let out = v.call_with_self(m, slf, &[ab], &[w, i(5), ka, i(7)]).expect("fmt");
    assert_eq!(r(&mut v, out), "'ab   |7'");
    let err = v.call_with_self(m, slf, &[ab], &[w, i(5)]).expect_err("missing");
    assert_eq!(e(&mut v, err), "KeyError: a");
    // Index access.
    let l = v.new_list(&[i(5), i(6)]).expect("l");
    let _ = l;
}

#[test]
fn percent_formatting() {
    run(percent_formatting_body);
}

fn percent_formatting_body(v: &mut Vm) {
    let mut v = v;
    let args = {
        let x = v.new_float(3.14159).expect("f");
        let xs = s(&mut v, "x");
        let ys = s(&mut v, "y");
        let e = v.new_float(12345.678).expect("f");
        let g = v.new_float(0.00001).expect("f");
        v.new_tuple(&[x, i(42), i(255), i(8), e, g, i(65), xs, ys]).expect("t")
    };
    assert_eq!(
        modulo(&mut v, "%5.2f|%-5d|%x|%o|%e|%g|%c|%%|%r|%s", args),
        "\" 3.14|42   |ff|10|1.234568e+04|1e-05|A|%|'x'|y\""
    );
    let t = v.new_tuple(&[i(255), i(8), i(255), i(7), i(5), i(5), i(-42)]).expect("t");
    assert_eq!(modulo(&mut v, "%#x %#o %X %5.3d %+d % d %05d|", t), "'0xff 0o10 FF   007 +5  5 -0042|'");
    let a = s(&mut v, "a");
    assert_eq!(modulo(&mut v, "%d", a), "TypeError: can't convert str to int");
    let t1 = v.new_tuple(&[i(1)]).expect("t");
    assert_eq!(modulo(&mut v, "%d %d", t1), "TypeError: format string needs more arguments");
    let t2 = v.new_tuple(&[i(1), i(2)]).expect("t");
    assert_eq!(modulo(&mut v, "%d", t2), "TypeError: format string didn't convert all arguments");
    assert_eq!(modulo(&mut v, "%z", i(1)), "ValueError: unsupported format character 'z' (0x7a) at index 1");
    assert_eq!(modulo(&mut v, "%5%", i(1)), "ValueError: unsupported format character '%' (0x25) at index 2");
    let t0 = v.new_tuple(&[]).expect("t");
    assert_eq!(modulo(&mut v, "%5%", t0), "TypeError: format string needs more arguments");
    assert_eq!(modulo(&mut v, "%", t0), "ValueError: incomplete format");
    assert_eq!(modulo(&mut v, "a", i(1)), "TypeError: format string didn't convert all arguments");
    let abc = s(&mut v, "abcdefg");
    assert_eq!(modulo(&mut v, "%10.4s|", abc), "'      abcd|'");
    let f = v.new_float(3.7).expect("f");
    assert_eq!(modulo(&mut v, "%d", f), "'3'");
    assert_eq!(modulo(&mut v, "%x", f), "TypeError: can't convert float to int");
    let q = v.new_float(2.25).expect("f");
    assert_eq!(modulo(&mut v, "%+.1f", q), "'+2.3'");
    let star = {
        let pi = v.new_float(3.14159).expect("f");
        v.new_tuple(&[i(8), i(2), pi]).expect("t")
    };
    assert_eq!(modulo(&mut v, "%*.*f", star), "'    3.14'");
    let ab = s(&mut v, "ab");
    assert_eq!(modulo(&mut v, "%c", ab), "TypeError: %c needs int or char");
    assert_eq!(modulo(&mut v, "%x", i(-255)), "'-ff'");
    let huge = v.new_int(10_000_000_000).expect("int");
    let t = v.new_tuple(&[huge, i(1)]).expect("t");
    assert_eq!(modulo(&mut v, "%*d", t), huge_int_error());
    assert_eq!(fmt(&mut v, "{:10000000000}", &[i(1)]), "MemoryError");
    assert_eq!(fmt(&mut v, "{:.10000000000f}", &[i(1)]), "MemoryError");
    assert_eq!(modulo(&mut v, "%c", i(0x263a)), "'\u{263a}'".replace('\u{263a}', "\\u263a"));
    // Dict-based.
    let d = v.new_dict().expect("d");
    let ka = s(&mut v, "a");
    v.dict_store(d, ka, i(1)).expect("store");
    assert_eq!(modulo(&mut v, "%(a)s", d), "'1'");
    assert_eq!(modulo(&mut v, "%(a)s %s", d), "TypeError: format string needs more arguments");
    // bytes % args.
    let bf = b(&mut v, b"%d %s %r");
    let bx = b(&mut v, b"x");
    let by = b(&mut v, b"y");
    let t = v.new_tuple(&[i(1), bx, by]).expect("t");
    assert_eq!(op(&mut v, BinaryOp::Modulo, bf, t), "b\"1 x b'y'\"");
}

#[test]
fn bytes_basics() {
    run(bytes_basics_body);
}

fn bytes_basics_body(v: &mut Vm) {
    let mut v = v;
    let x = b(&mut v, b"\x00abc'\"\x7f\xff\n\r\t\\");
    assert_eq!(r(&mut v, x), r#"b'\x00abc\'"\x7f\xff\n\r\t\\'"#);
    let q = b(&mut v, b"'");
    assert_eq!(r(&mut v, q), r#"b"'""#);
    let ab = b(&mut v, b"ab");
    assert_eq!(sub(&mut v, ab, i(0)), "97");
    assert_eq!(sub(&mut v, ab, i(-3)), "IndexError: bytes index out of range");
    let sl = slice(&mut v, Some(0), Some(1), None);
    assert_eq!(sub(&mut v, ab, sl), "b'a'");
    let abc = b(&mut v, b"abc");
    assert_eq!(op(&mut v, BinaryOp::In, i(98), abc), "True");
    let bb = b(&mut v, b"b");
    assert_eq!(op(&mut v, BinaryOp::In, bb, abc), "True");
    assert_eq!(op(&mut v, BinaryOp::In, i(300), abc), "False");
    assert_eq!(op(&mut v, BinaryOp::Add, ab, abc), "b'ababc'");
    assert_eq!(op(&mut v, BinaryOp::Multiply, ab, i(2)), "b'abab'");
    assert_eq!(op(&mut v, BinaryOp::Add, ab, i(1)), "TypeError: unsupported types for __add__: 'bytes', 'int'");
    let bya = ba(&mut v, b"ab");
    assert!(v.eq(ab, bya).expect("eq"));
    assert!(v.eq(bya, ab).expect("eq"));
    let comma = b(&mut v, b",");
    let csv = b(&mut v, b"a,b");
    assert_eq!(cr(&mut v, csv, "split", &[comma]), "[b'a', b'b']");
    let sc = s(&mut v, ",");
    assert_eq!(cr(&mut v, csv, "split", &[sc]), "TypeError: can't convert 'str' object to bytes implicitly");
    assert_eq!(cr(&mut v, abc, "hex", &[]), "'616263'");
    let dash = s(&mut v, "-");
    assert_eq!(cr(&mut v, abc, "hex", &[dash]), "'61-62-63'");
    let bt = Obj::from_type(&bytes::BYTES_TYPE);
    let h = s(&mut v, "0a 0b");
    assert_eq!(cr(&mut v, bt, "fromhex", &[h]), r"b'\n\x0b'");
    let bad = s(&mut v, "0a0");
    assert_eq!(cr(&mut v, bt, "fromhex", &[bad]), "ValueError: non-hex digit");
    let bat = Obj::from_type(&bytearray::BYTEARRAY_TYPE);
    let h1 = s(&mut v, "0a");
    assert_eq!(cr(&mut v, bat, "fromhex", &[h1]), r"bytearray(b'\n')");
    assert_eq!(cr(&mut v, abc, "decode", &[]), "'abc'");
    let xx = b(&mut v, b"xax");
    let xs = b(&mut v, b"x");
    assert_eq!(cr(&mut v, xx, "strip", &[xs]), "b'a'");
    let list = v.new_list(&[ab, bya]).expect("l");
    assert_eq!(cr(&mut v, comma, "join", &[list]), "b'ab,ab'");
    let it = v.get_iter(ab).expect("iter");
    assert_eq!(v.iter_next(it).ok(), Some(Some(i(97))));
}

#[test]
fn bytes_constructor() {
    run(bytes_constructor_body);
}

fn bytes_constructor_body(v: &mut Vm) {
    let mut v = v;
    let t = Obj::from_type(&bytes::BYTES_TYPE);
    let mk = |v: &mut Vm, args: &[Obj]| match v.call(t, args, &[]) {
        Ok(x) => r(v, x),
        Err(err) => e(v, err),
    };
    assert_eq!(mk(&mut v, &[i(3)]), r"b'\x00\x00\x00'");
    let l = v.new_list(&[i(1), i(2)]).expect("l");
    assert_eq!(mk(&mut v, &[l]), r"b'\x01\x02'");
    let l = v.new_list(&[i(256)]).expect("l");
    assert_eq!(mk(&mut v, &[l]), "ValueError: bytes value out of range");
    let ab = s(&mut v, "ab");
    assert_eq!(mk(&mut v, &[ab]), "TypeError: string argument without an encoding");
    let enc = s(&mut v, "utf8");
    assert_eq!(mk(&mut v, &[ab, enc]), "b'ab'");
    assert_eq!(mk(&mut v, &[i(-1)]), "ValueError: ");
    assert_eq!(mk(&mut v, &[]), "b''");
    let bat = Obj::from_type(&bytearray::BYTEARRAY_TYPE);
    let big = v.new_int(10_000_000_000).expect("int");
    let err = v.call(bat, &[big], &[]).expect_err("too big");
    assert_eq!(e(&mut v, err), huge_int_error());
}

#[test]
fn bytearray_mutation() {
    run(bytearray_mutation_body);
}

fn bytearray_mutation_body(v: &mut Vm) {
    let mut v = v;
    let a = ba(&mut v, b"abc");
    v.subscr(a, i(0), Subscr::Store(i(65))).expect("store");
    call(&mut v, a, "append", &[i(68)]).expect("append");
    let ef = b(&mut v, b"EF");
    call(&mut v, a, "extend", &[ef]).expect("extend");
    let sl = slice(&mut v, Some(1), Some(3), None);
    let xyz = b(&mut v, b"xyz");
    v.subscr(a, sl, Subscr::Store(xyz)).expect("slice store");
    assert_eq!(r(&mut v, a), "bytearray(b'AxyzDEF')");
    // As MicroPython: no item deletion; a slice assignment resizes.
    let err = v.subscr(a, i(0), Subscr::Delete).expect_err("del");
    assert_eq!(e(&mut v, err), "TypeError: 'bytearray' object doesn't support item deletion");
    let sl = slice(&mut v, Some(0), Some(1), None);
    let empty = b(&mut v, b"");
    v.subscr(a, sl, Subscr::Store(empty)).expect("shrink");
    assert_eq!(r(&mut v, a), "bytearray(b'xyzDEF')");
    let bang = b(&mut v, b"!");
    let a2 = v.binary_op(BinaryOp::InplaceAdd, a, bang).expect("+=");
    assert_eq!(a2, a);
    assert_eq!(r(&mut v, a), "bytearray(b'xyzDEF!')");
    let err = v.subscr(a, i(10), Subscr::Store(i(1))).expect_err("oob");
    assert_eq!(e(&mut v, err), "IndexError: bytearray index out of range");
    // The low 8 bits, unchecked (as MicroPython's arrays).
    v.subscr(a, i(0), Subscr::Store(i(256 + 120))).expect("truncated");
    let a3 = v.binary_op(BinaryOp::InplaceMultiply, a, i(2)).expect("*=");
    assert_eq!(a3, a);
    assert_eq!(r(&mut v, a), "bytearray(b'xyzDEF!xyzDEF!')");
    let sl = slice(&mut v, Some(3), None, None);
    let empty = b(&mut v, b"");
    v.subscr(a, sl, Subscr::Store(empty)).expect("cut tail");
    let sl = slice(&mut v, None, None, Some(2));
    let err = v.subscr(a, sl, Subscr::Store(empty)).expect_err("step");
    assert_eq!(e(&mut v, err), "NotImplementedError: only slices with step=1 (aka None) are supported");
    assert_eq!(r(&mut v, a), "bytearray(b'xyz')");
    let comma = b(&mut v, b",");
    let csv = ba(&mut v, b"a,b");
    assert_eq!(cr(&mut v, csv, "split", &[comma]), "[bytearray(b'a'), bytearray(b'b')]");
    assert_eq!(v.len(a).ok(), Some(3));
    let err = v.hash(a).expect_err("unhashable");
    assert_eq!(e(&mut v, err), "TypeError: unhashable type: 'bytearray'");
}

#[test]
fn memoryview_views() {
    run(memoryview_views_body);
}

fn memoryview_views_body(v: &mut Vm) {
    let mut v = v;
    let base = ba(&mut v, b"hello");
    let m = memoryview::new_memoryview(&mut v, base).expect("mv");
    assert_eq!(r(&mut v, m), "<memoryview>");
    let sl = slice(&mut v, Some(1), Some(4), None);
    let mv = v.subscr(m, sl, Subscr::Load).expect("slice");
    assert_eq!(v.len(mv).ok(), Some(3));
    assert_eq!(sub(&mut v, mv, i(0)), "101");
    assert_eq!(sub(&mut v, mv, i(-1)), "108");
    assert_eq!(sub(&mut v, mv, i(5)), "IndexError: memoryview index out of range");
    v.subscr(mv, i(0), Subscr::Store(i(69))).expect("store");
    assert_eq!(r(&mut v, base), "bytearray(b'hEllo')");
    let qq = b(&mut v, b"QQ");
    let sl2 = slice(&mut v, Some(1), Some(3), None);
    v.subscr(mv, sl2, Subscr::Store(qq)).expect("slice store");
    assert_eq!(r(&mut v, base), "bytearray(b'hEQQo')");
    let d = crate::types::strutil::get_buffer(&mut v, mv).expect("mem").expect("buffer");
    assert_eq!(d.get(), b"EQQ");
    d.free(&mut v);
    let bt = Obj::from_type(&bytes::BYTES_TYPE);
    let copy = v.call(bt, &[mv], &[]).expect("bytes(mv)");
    assert_eq!(r(&mut v, copy), "b'EQQ'");
    let ro = b(&mut v, b"ab");
    let rm = memoryview::new_memoryview(&mut v, ro).expect("mv");
    let err = v.subscr(rm, i(0), Subscr::Store(i(1))).expect_err("readonly");
    assert_eq!(e(&mut v, err), "TypeError: 'memoryview' object doesn't support item assignment");
    assert!(v.eq(rm, ro).expect("eq"));
    let err = memoryview::new_memoryview(&mut v, i(1)).expect_err("no buffer");
    assert_eq!(e(&mut v, err), "TypeError: object with buffer protocol required");
    assert_eq!(cr(&mut v, rm, "hex", &[]), "'6162'");
    let it = v.get_iter(rm).expect("iter");
    assert_eq!(v.iter_next(it).ok(), Some(Some(i(97))));
}

#[test]
fn results_survive_gc() {
    // Build many parts while collections happen (tiny heap forces gc).
    run_with(64 * 1024, gc_body);
}

fn gc_body(v: &mut Vm) {
    let mut v = v;
    let text: String = (0..300).map(|n| alloc::format!("w{n} ")).collect();
    let x = s(&mut v, &text);
    for _ in 0..5 {
        let l = call(&mut v, x, "split", &[]).expect("split");
        let items = v.seq_items(l).expect("list");
        assert_eq!(items.len(), 300);
        assert_eq!(v.str_of(items[299]), Some("w299"));
        crate::gc::collect(&mut v);
    }
}

/// All parts of `s` split from the left (see `Splitter`).
fn split_parts<'a>(s: &'a [u8], sep: Option<&[u8]>, max: isize) -> Vec<&'a [u8]> {
    let mut sp = crate::types::str_methods::Splitter::new(max, false);
    let mut out = Vec::new();
    while let Some((a, b)) = sp.next(s, sep) {
        out.push(&s[a..b]);
    }
    out
}

/// All parts of `s` split from the right, in left-to-right order.
fn rsplit_parts<'a>(s: &'a [u8], sep: Option<&[u8]>, max: isize) -> Vec<&'a [u8]> {
    let mut sp = crate::types::str_methods::Splitter::new(max, true);
    let mut out = Vec::new();
    while let Some((a, b)) = sp.next(s, sep) {
        out.push(&s[a..b]);
    }
    out.reverse();
    out
}

#[test]
fn search_and_split_helpers() {
    use crate::types::str_methods::{find_bytes, rfind_bytes};
    let p: &[&[u8]] = &[b"a", b"b", b"c"];
    assert_eq!(split_parts(b" a b  c ", None, -1), p);
    let p: &[&[u8]] = &[b"a", b"b", b"", b"c", b""];
    assert_eq!(split_parts(b"a,b,,c,", Some(b","), -1), p);
    let p: &[&[u8]] = &[b"a", b"b", b",c,"];
    assert_eq!(split_parts(b"a,b,,c,", Some(b","), 2), p);
    let p: &[&[u8]] = &[b"a", b"b", b"c"];
    assert_eq!(split_parts(b"a<>b<>c", Some(b"<>"), -1), p);
    let p: &[&[u8]] = &[b""];
    assert_eq!(split_parts(b"", Some(b","), -1), p);
    let p: &[&[u8]] = &[];
    assert_eq!(split_parts(b"", None, -1), p);
    let p: &[&[u8]] = &[b"a,b,", b"c"];
    assert_eq!(rsplit_parts(b"a,b,,c", Some(b","), 1), p);
    let p: &[&[u8]] = &[b"", b"a", b"b"];
    assert_eq!(rsplit_parts(b",a,b", Some(b","), -1), p);
    assert_eq!(find_bytes(b"abcabc", b"ca", 0), Some(2));
    assert_eq!(find_bytes(b"abcabc", b"c", 3), Some(5));
    assert_eq!(find_bytes(b"abc", b"", 3), Some(3));
    assert_eq!(find_bytes(b"abc", b"", 4), None);
    assert_eq!(find_bytes(b"ab", b"abc", 0), None);
    assert_eq!(find_bytes(b"aab", b"ab", 0), Some(1));
    assert_eq!(rfind_bytes(b"abcabc", b"ab", 6), Some(3));
    assert_eq!(rfind_bytes(b"abcabc", b"ab", 4), Some(0));
    assert_eq!(rfind_bytes(b"abc", b"", 3), Some(3));
    let p: &[&[u8]] = &[b"a", b"b c "];
    assert_eq!(split_parts(b" a b c ", None, 1), p);
    let p: &[&[u8]] = &[b" a b", b"c"];
    assert_eq!(rsplit_parts(b" a b c ", None, 1), p);
    let p: &[&[u8]] = &[];
    assert_eq!(split_parts(b"   ", None, -1), p);
    let p: &[&[u8]] = &[b"", b""];
    assert_eq!(split_parts(b",", Some(b","), -1), p);
    let p: &[&[u8]] = &[b"a,b", b"c"];
    assert_eq!(rsplit_parts(b"a,b,c", Some(b","), 1), p);
}

#[test]
fn micropython_error_messages() {
    run(micropython_error_messages_body);
}

fn micropython_error_messages_body(v: &mut Vm) {
    let mut v = v;
    assert_eq!(modulo(&mut v, "%(a)s", i(5)), "TypeError: format needs a dict");
    let f = v.new_float(1.5).expect("f");
    assert_eq!(modulo(&mut v, "%c", f), "TypeError: integer needed");
    assert_eq!(modulo(&mut v, "%c", i(-1)), "OverflowError: %c arg not in range(0x110000)");
    let a = s(&mut v, "a");
    let t = v.new_tuple(&[a, i(1)]).expect("t");
    assert_eq!(modulo(&mut v, "%*d", t), "TypeError: can't convert str to int");
    let abc = s(&mut v, "abc");
    let c = s(&mut v, "c");
    let x = s(&mut v, "x");
    assert_eq!(cr(&mut v, abc, "index", &[c, x]), "TypeError: string indices must be integers, not str");
    let bt = Obj::from_type(&bytes::BYTES_TYPE);
    let err = v.call(bt, &[i(1), i(2)], &[]).expect_err("args");
    assert_eq!(e(&mut v, err), "TypeError: wrong number of arguments");
    assert_eq!(cr(&mut v, bt, "fromhex", &[i(1)]), "TypeError: object with buffer protocol required");
    assert_eq!(fmt(&mut v, "{!}", &[i(5)]), "ValueError: unknown conversion specifier }");
    assert_eq!(fmt(&mut v, "{0!rr}", &[i(5)]), "ValueError: expected ':' after format specifier");
    assert_eq!(fmt(&mut v, "{:<<<}", &[i(5)]), "ValueError: invalid format specifier");
}

#[test]
fn str_fast_paths() {
    run(str_fast_paths_body);
}

/// The allocation-free and copy-free paths give the same results as the
/// general ones (one-char qstrs, slices, splitting, %-formatting).
fn str_fast_paths_body(v: &mut Vm) {
    let mut v = v;
    // One-char ASCII strs are built-in qstrs; equal strs hash alike.
    let x = s(&mut v, "hello");
    let h = v.subscr(x, i(1), Subscr::Load).unwrap();
    assert_eq!(h.as_qstr(), crate::qstr::find_static("e"));
    let it = v.get_iter(x).unwrap();
    let first = v.iter_next(it).unwrap().unwrap();
    assert_eq!(first.as_qstr(), crate::qstr::find_static("h"));
    let up = call(&mut v, h, "upper", &[]).unwrap();
    assert_eq!(up.as_qstr(), crate::qstr::find_static("E"));
    let low = call(&mut v, x, "lower", &[]).unwrap();
    assert!(v.eq(low, x).unwrap());
    let hx = v.hash(x).unwrap();
    let y = s(&mut v, "hel");
    let z = s(&mut v, "lo");
    let yz = v.binary_op(BinaryOp::Add, y, z).unwrap();
    assert_eq!(v.hash(yz).unwrap(), hx);
    assert!(v.eq(yz, x).unwrap());
    // Slices and indexing, ASCII and not.
    let sl = slice(&mut v, Some(1), None, None);
    assert_eq!(sub(&mut v, x, sl), "'ello'");
    let u = s(&mut v, "aé€b");
    assert_eq!(sub(&mut v, u, sl), r"'\xe9\u20acb'");
    assert_eq!(sub(&mut v, u, i(3)), "'b'");
    assert_eq!(sub(&mut v, u, i(-2)), r"'\u20ac'");
    let sl2 = slice(&mut v, Some(-3), Some(-1), None);
    assert_eq!(sub(&mut v, u, sl2), r"'\xe9\u20ac'");
    // Splitting and partition on non-ASCII text.
    let t = s(&mut v, "é,€,,x");
    let comma = s(&mut v, ",");
    assert_eq!(cr(&mut v, t, "split", &[comma]), r"['\xe9', '\u20ac', '', 'x']");
    let euro = s(&mut v, "€");
    assert_eq!(cr(&mut v, t, "partition", &[euro]), r"('\xe9,', '\u20ac', ',,x')");
    assert_eq!(cr(&mut v, t, "rpartition", &[euro]), r"('\xe9,', '\u20ac', ',,x')");
    let ws = s(&mut v, "  a  bé \t");
    assert_eq!(cr(&mut v, ws, "split", &[]), r"['a', 'b\xe9']");
    assert_eq!(cr(&mut v, ws, "strip", &[]), r"'a  b\xe9'");
    let bt = b(&mut v, b"a,b");
    let bc = b(&mut v, b",");
    assert_eq!(cr(&mut v, bt, "split", &[bc]), "[b'a', b'b']");
    assert_eq!(cr(&mut v, bt, "partition", &[bc]), "(b'a', b',', b'b')");
    // %-formatting of small and big ints and strs.
    let big = v.new_int_mag(false, &[0, 0, 1]).unwrap();
    let n = v.new_int(-255).unwrap();
    let tup = v.new_tuple(&[n, n, n, big, x]).unwrap();
    assert_eq!(modulo(&mut v, "%06d|%x|%-6X|%d|%7s", tup), "'-00255|-ff|-FF   |18446744073709551616|  hello'");
    let tup = v.new_tuple(&[i(5), x]).unwrap();
    assert_eq!(modulo(&mut v, "%+.3d %.2s", tup), "'+005 he'");
    // join over a list, a tuple and an iterator; type errors kept.
    let l = v.new_list(&[x, y, z]).unwrap();
    let dash = s(&mut v, "-");
    assert_eq!(cr(&mut v, dash, "join", &[l]), "'hello-hel-lo'");
    let bad = v.new_list(&[x, i(1)]).unwrap();
    assert_eq!(
        cr(&mut v, dash, "join", &[bad]),
        "TypeError: join expects a list of str/bytes objects consistent with self object"
    );
    let it = v.get_iter(l).unwrap();
    assert_eq!(cr(&mut v, dash, "join", &[it]), "'hello-hel-lo'");
    // startswith with a tuple and a start index.
    let pre = s(&mut v, "ll");
    let other = s(&mut v, "zz");
    let cands = v.new_tuple(&[other, pre]).unwrap();
    assert_eq!(cr(&mut v, x, "startswith", &[cands, i(2)]), "True");
    assert_eq!(cr(&mut v, x, "startswith", &[cands]), "False");
}

/// What a size of 10**10 gives: `MemoryError` where it is a machine word,
/// MicroPython's `OverflowError` on 32-bit targets where it is a big int.
fn huge_int_error() -> &'static str {
    if usize::BITS == 64 {
        "MemoryError"
    } else {
        "OverflowError: overflow converting long int to machine word"
    }
}
