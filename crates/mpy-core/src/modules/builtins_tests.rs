//! Tests of the builtins module through the runtime API (expected values
//! checked against MicroPython 1.27).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::obj::Obj;
use crate::types::testutil::*;
use alloc::string::String;

macro_rules! rr {
    ($vm:ident, $e:expr) => {{
        let x = $e;
        rr(&mut $vm, x)
    }};
}

fn out(st: &alloc::rc::Rc<core::cell::RefCell<HalState>>) -> String {
    let s = String::from_utf8_lossy(&st.borrow().out).into_owned();
    st.borrow_mut().out.clear();
    s
}

#[test]
fn table_has_micropython_names() {
    let names = [
        "abs",
        "all",
        "any",
        "bin",
        "callable",
        "chr",
        "compile",
        "delattr",
        "dict",
        "dir",
        "divmod",
        "enumerate",
        "eval",
        "exec",
        "execfile",
        "filter",
        "float",
        "frozenset",
        "getattr",
        "globals",
        "hasattr",
        "hash",
        "help",
        "hex",
        "id",
        "input",
        "int",
        "isinstance",
        "issubclass",
        "iter",
        "len",
        "list",
        "locals",
        "map",
        "max",
        "min",
        "next",
        "object",
        "oct",
        "open",
        "ord",
        "pow",
        "print",
        "property",
        "range",
        "repr",
        "reversed",
        "round",
        "set",
        "setattr",
        "slice",
        "sorted",
        "staticmethod",
        "str",
        "sum",
        "tuple",
        "type",
        "zip",
        "bool",
        "bytearray",
        "bytes",
        "complex",
        "classmethod",
        "__import__",
        "__repl_print__",
        "__name__",
    ];
    for n in names {
        let q = crate::qstr::find_static(n).expect(n);
        assert!(
            super::builtins::BUILTINS_LOCALS
                .iter()
                .any(|e| e.name() == q),
            "missing {n}"
        );
    }
    for t in crate::types::exception::ALL {
        assert!(super::builtins::BUILTINS_LOCALS
            .iter()
            .any(|e| e.name() == t.name));
    }
}

#[test]
fn print_sep_end_and_file() {
    with_vm(|mut vm, st| {
        call(&mut vm, "print", &[i(1), i(2)]).unwrap();
        assert_eq!(out(&st), "1 2\n");
        let sep = s(&mut vm, "-");
        let end = s(&mut vm, "!\n");
        call_kw(
            &mut vm,
            "print",
            &[i(1), i(2), i(3)],
            &[("sep", sep), ("end", end)],
        )
        .unwrap();
        assert_eq!(out(&st), "1-2-3!\n");
        call(&mut vm, "print", &[]).unwrap();
        assert_eq!(out(&st), "\n");
        let e = call_kw(&mut vm, "print", &[i(1)], &[("sep", Obj::NONE)]);
        assert_eq!(
            rr!(vm, e),
            "TypeError: can't convert 'NoneType' object to str implicitly"
        );
        let e = call_kw(&mut vm, "print", &[i(1)], &[("foo", i(2))]);
        assert_eq!(rr!(vm, e), "TypeError: extra keyword arguments given");
        let l = ilist(&mut vm, &[1, 2]);
        call(&mut vm, "print", &[l]).unwrap();
        assert_eq!(out(&st), "[1, 2]\n");
        // file= with a file object.
        let p = s(&mut vm, "/f.txt");
        let w = s(&mut vm, "w");
        let f = call(&mut vm, "open", &[p, w]).unwrap();
        call_kw(&mut vm, "print", &[i(7)], &[("file", f)]).unwrap();
        meth(&mut vm, f, "close", &[]).unwrap();
        assert_eq!(
            st.borrow().files.get("/f.txt").cloned().unwrap_or_default(),
            b"7\n"
        );
        assert_eq!(out(&st), "");
    });
}

#[test]
fn min_max_sum_sorted_any_all() {
    with_vm(|mut vm, _| {
        let l = ilist(&mut vm, &[3, 1, 2]);
        assert_eq!(rr!(vm, call(&mut vm, "min", &[l])), "1");
        assert_eq!(rr!(vm, call(&mut vm, "max", &[l])), "3");
        assert_eq!(rr!(vm, call(&mut vm, "max", &[i(1), i(5), i(2)])), "5");
        let empty = ilist(&mut vm, &[]);
        assert_eq!(
            rr!(vm, call(&mut vm, "min", &[empty])),
            "ValueError: arg is an empty sequence"
        );
        assert_eq!(
            rr!(vm, call_kw(&mut vm, "max", &[empty], &[("default", i(9))])),
            "9"
        );
        let key = builtin(&mut vm, "min");
        let a = vm.new_tuple(&[i(5), i(1)]).unwrap();
        let b = vm.new_tuple(&[i(2), i(3)]).unwrap();
        let pairs = vm.new_list(&[a, b]).unwrap();
        assert_eq!(
            rr!(vm, call_kw(&mut vm, "max", &[pairs], &[("key", key)])),
            "(2, 3)"
        );
        assert_eq!(
            rr!(vm, call(&mut vm, "max", &[i(1)])),
            "TypeError: 'int' object isn't iterable"
        );
        assert_eq!(rr!(vm, call(&mut vm, "sum", &[l])), "6");
        assert_eq!(rr!(vm, call(&mut vm, "sum", &[l, i(10)])), "16");
        let r5 = call(&mut vm, "range", &[i(5)]).unwrap();
        assert_eq!(rr!(vm, call(&mut vm, "sum", &[r5])), "10");
        assert_eq!(rr!(vm, call(&mut vm, "sorted", &[l])), "[1, 2, 3]");
        assert_eq!(
            rr!(
                vm,
                call_kw(&mut vm, "sorted", &[l], &[("reverse", Obj::TRUE)])
            ),
            "[3, 2, 1]"
        );
        assert_eq!(
            rr!(vm, call(&mut vm, "sorted", &[l, Obj::NONE])),
            "TypeError: must use keyword argument for key function"
        );
        assert_eq!(r(&mut vm, l), "[3, 1, 2]");
        assert_eq!(rr!(vm, call(&mut vm, "any", &[empty])), "False");
        assert_eq!(rr!(vm, call(&mut vm, "all", &[empty])), "True");
        let z = ilist(&mut vm, &[1, 0]);
        assert_eq!(rr!(vm, call(&mut vm, "all", &[z])), "False");
        assert_eq!(rr!(vm, call(&mut vm, "any", &[z])), "True");
    });
}

#[test]
fn iter_next_len_and_introspection() {
    with_vm(|mut vm, _| {
        let l = ilist(&mut vm, &[1]);
        let it = call(&mut vm, "iter", &[l]).unwrap();
        assert_eq!(rr!(vm, call(&mut vm, "next", &[it])), "1");
        assert_eq!(rr!(vm, call(&mut vm, "next", &[it, i(0)])), "0");
        assert_eq!(rr!(vm, call(&mut vm, "next", &[it])), "StopIteration");
        assert_eq!(
            rr!(vm, call(&mut vm, "next", &[i(1)])),
            "TypeError: 'int' object isn't an iterator"
        );
        assert_eq!(rr!(vm, call(&mut vm, "len", &[l])), "1");
        assert_eq!(
            rr!(vm, call(&mut vm, "len", &[i(1)])),
            "TypeError: object of type 'int' has no len()"
        );
        let list_t = builtin(&mut vm, "list");
        let int_t = builtin(&mut vm, "int");
        let tup = vm.new_tuple(&[int_t, list_t]).unwrap();
        assert_eq!(rr!(vm, call(&mut vm, "isinstance", &[l, tup])), "True");
        assert_eq!(rr!(vm, call(&mut vm, "isinstance", &[l, int_t])), "False");
        assert_eq!(
            rr!(vm, call(&mut vm, "isinstance", &[l, i(1)])),
            "TypeError: issubclass() arg 2 must be a class or a tuple of classes"
        );
        assert_eq!(
            rr!(vm, call(&mut vm, "issubclass", &[i(1), int_t])),
            "TypeError: issubclass() arg 1 must be a class"
        );
        let exc = builtin(&mut vm, "Exception");
        let ke = builtin(&mut vm, "KeyError");
        assert_eq!(rr!(vm, call(&mut vm, "issubclass", &[ke, exc])), "True");
        assert_eq!(rr!(vm, call(&mut vm, "callable", &[list_t])), "True");
        assert_eq!(rr!(vm, call(&mut vm, "callable", &[l])), "False");
        let name = s(&mut vm, "append");
        assert_eq!(rr!(vm, call(&mut vm, "hasattr", &[l, name])), "True");
        let bad = s(&mut vm, "nope");
        assert_eq!(rr!(vm, call(&mut vm, "hasattr", &[l, bad])), "False");
        assert_eq!(rr!(vm, call(&mut vm, "getattr", &[l, bad, i(5)])), "5");
        assert_eq!(
            rr!(vm, call(&mut vm, "getattr", &[l, bad])),
            "AttributeError: 'list' object has no attribute 'nope'"
        );
        assert_eq!(
            rr!(vm, call(&mut vm, "getattr", &[l, i(2)])),
            "TypeError: can't convert 'int' object to str implicitly"
        );
        let d = call(&mut vm, "dir", &[l]).unwrap();
        let names: alloc::vec::Vec<String> = vm
            .seq_items(d)
            .unwrap()
            .iter()
            .map(|&n| String::from(vm.str_of(n).unwrap_or("")))
            .collect();
        assert_eq!(names[0], "__class__");
        assert!(names.iter().any(|n| n == "append") && names.iter().any(|n| n == "sort"));
        assert_eq!(rr!(vm, call(&mut vm, "hash", &[i(12345)])), "12345");
        let t = vm.new_tuple(&[i(1), i(2)]).unwrap();
        let t2 = vm.new_tuple(&[i(1), i(2)]).unwrap();
        let h1 = call(&mut vm, "hash", &[t]).unwrap();
        let h2 = call(&mut vm, "hash", &[t2]).unwrap();
        assert_eq!(h1, h2);
        assert_eq!(
            rr!(vm, call(&mut vm, "hash", &[l])),
            "TypeError: unsupported type for __hash__: 'list'"
        );
        let id1 = call(&mut vm, "id", &[l]).unwrap();
        let id2 = call(&mut vm, "id", &[l]).unwrap();
        // Equal ints (a big int on 32-bit targets, where addresses exceed
        // the small-int range).
        assert!(vm.eq(id1, id2).unwrap());
    });
}

#[test]
fn numeric_helpers() {
    with_vm(|mut vm, _| {
        let h = call(&mut vm, "hex", &[i(255)]).unwrap();
        assert_eq!(vm.str_of(h), Some("0xff"));
        let h = call(&mut vm, "hex", &[i(-255)]).unwrap();
        assert_eq!(vm.str_of(h), Some("-0xff"));
        let o = call(&mut vm, "oct", &[i(8)]).unwrap();
        assert_eq!(vm.str_of(o), Some("0o10"));
        let b = call(&mut vm, "bin", &[i(5)]).unwrap();
        assert_eq!(vm.str_of(b), Some("0b101"));
        let b = call(&mut vm, "bin", &[i(0)]).unwrap();
        assert_eq!(vm.str_of(b), Some("0b0"));
        let c = call(&mut vm, "chr", &[i(0x263a)]).unwrap();
        assert_eq!(vm.str_of(c), Some("\u{263a}"));
        assert_eq!(rr!(vm, call(&mut vm, "ord", &[c])), "9786");
        assert_eq!(
            rr!(vm, call(&mut vm, "chr", &[i(-1)])),
            "ValueError: chr() arg not in range(0x110000)"
        );
        let two = s(&mut vm, "ab");
        assert_eq!(
            rr!(vm, call(&mut vm, "ord", &[two])),
            "TypeError: ord() expected a character, but string of length 2 found"
        );
        let by = vm.new_bytes(b"a").unwrap();
        assert_eq!(rr!(vm, call(&mut vm, "ord", &[by])), "97");
        assert_eq!(rr!(vm, call(&mut vm, "pow", &[i(-2), i(3), i(5)])), "2");
        assert_eq!(
            rr!(vm, call(&mut vm, "pow", &[i(2), i(3), i(0)])),
            "ValueError: divide by zero"
        );
        let f = vm.new_float(2.0).unwrap();
        assert_eq!(
            rr!(vm, call(&mut vm, "pow", &[f, i(3), i(5)])),
            "TypeError: pow() with 3 arguments requires integers"
        );
        assert_eq!(rr!(vm, call(&mut vm, "round", &[i(7), i(-1)])), "10");
        assert_eq!(rr!(vm, call(&mut vm, "round", &[i(15), i(-1)])), "20");
        assert_eq!(rr!(vm, call(&mut vm, "round", &[i(25), i(-1)])), "20");
        for (x, want) in [(2.5, 2), (-2.5, -2), (0.5, 0), (1.5, 2), (2.6, 3)] {
            let f = vm.new_float(x).unwrap();
            assert_eq!(call(&mut vm, "round", &[f]).unwrap(), i(want), "round({x})");
        }
        let inf = vm.new_float(crate::Float::INFINITY).unwrap();
        assert_eq!(
            rr!(vm, call(&mut vm, "round", &[inf])),
            "OverflowError: can't convert inf to int"
        );
        let nan = vm.new_float(crate::Float::NAN).unwrap();
        assert_eq!(
            rr!(vm, call(&mut vm, "round", &[nan])),
            "ValueError: can't convert NaN to int"
        );
        let f = vm.new_float(1.5).unwrap();
        assert_eq!(
            rr!(vm, call(&mut vm, "hex", &[f])),
            "TypeError: can't convert float to int"
        );
    });
}

#[test]
fn open_read_write_and_errors() {
    with_vm(|mut vm, st| {
        let p = s(&mut vm, "/t.txt");
        let e = call(&mut vm, "open", &[p]);
        assert_eq!(rr!(vm, e), "OSError: 2");
        let w = s(&mut vm, "w");
        let f = call(&mut vm, "open", &[p, w]).unwrap();
        assert_eq!(r(&mut vm, f), "<io.TextIOWrapper 3>");
        let text = s(&mut vm, "h\u{e9}llo\nworld\nend");
        assert_eq!(rr!(vm, meth(&mut vm, f, "write", &[text])), "16");
        meth(&mut vm, f, "close", &[]).unwrap();
        assert_eq!(
            rr!(vm, meth(&mut vm, f, "write", &[text])),
            "ValueError: I/O operation on closed file"
        );
        let f = call(&mut vm, "open", &[p]).unwrap();
        let two = meth(&mut vm, f, "read", &[i(2)]).unwrap();
        assert_eq!(vm.str_of(two), Some("h\u{e9}"));
        let line = meth(&mut vm, f, "readline", &[]).unwrap();
        assert_eq!(vm.str_of(line), Some("llo\n"));
        let rest = meth(&mut vm, f, "readlines", &[]).unwrap();
        let items = vm.seq_items(rest).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(vm.str_of(items[1]), Some("end"));
        let _ = meth(&mut vm, f, "__exit__", &[Obj::NONE, Obj::NONE, Obj::NONE]).unwrap();
        let rb = s(&mut vm, "rb");
        let f = call(&mut vm, "open", &[p, rb]).unwrap();
        assert!(r(&mut vm, f).starts_with("<io.FileIO"));
        let all = meth(&mut vm, f, "read", &[]).unwrap();
        assert_eq!(vm.bytes_pinned(all).map(|b| b.len()), Some(16));
        let f = call(&mut vm, "open", &[p]).unwrap();
        let lines = vm.collect_iter(f).unwrap();
        assert_eq!(vm.seq_items(lines).map(|l| l.len()), Some(3));
        let bad = s(&mut vm, "rz");
        assert_eq!(
            rr!(vm, call(&mut vm, "open", &[p, bad])),
            "ValueError: invalid mode"
        );
        let _ = st;
    });
}

#[test]
fn input_reads_a_line() {
    with_vm(|mut vm, st| {
        st.borrow_mut().stdin.extend_from_slice(b"abc\ndef");
        let prompt = s(&mut vm, "> ");
        let l1 = call(&mut vm, "input", &[prompt]).unwrap();
        assert_eq!(vm.str_of(l1), Some("abc"));
        assert_eq!(out(&st), "> ");
        let l2 = call(&mut vm, "input", &[]).unwrap();
        assert_eq!(vm.str_of(l2), Some("def"));
        assert_eq!(rr!(vm, call(&mut vm, "input", &[])), "EOFError");
    });
}

#[test]
fn help_and_repl_print() {
    with_vm(|mut vm, st| {
        call(&mut vm, "help", &[]).unwrap();
        assert!(out(&st).starts_with("Welcome to MicroPython!\n"));
        let l = ilist(&mut vm, &[]);
        call(&mut vm, "help", &[l]).unwrap();
        let h = out(&st);
        assert!(
            h.starts_with("object [] is of type list\n  append -- "),
            "{h}"
        );
        assert_eq!(h.lines().count(), 12);
        call(&mut vm, "__repl_print__", &[Obj::NONE]).unwrap();
        assert_eq!(out(&st), "");
        call(&mut vm, "__repl_print__", &[l]).unwrap();
        assert_eq!(out(&st), "[]\n");
    });
}

#[test]
fn bool_is_not_an_int_subclass_as_in_micropython() {
    with_vm(|mut vm, _| {
        let int_t = builtin(&mut vm, "int");
        let bool_t = builtin(&mut vm, "bool");
        assert_eq!(rr!(vm, call(&mut vm, "isinstance", &[Obj::TRUE, int_t])), "False");
        assert_eq!(rr!(vm, call(&mut vm, "isinstance", &[Obj::TRUE, bool_t])), "True");
        assert_eq!(rr!(vm, call(&mut vm, "issubclass", &[bool_t, int_t])), "False");
        assert_eq!(rr!(vm, call(&mut vm, "isinstance", &[i(1), int_t])), "True");
    });
}

#[test]
fn empty_dict_lookup_does_not_hash() {
    with_vm(|mut vm, _| {
        let d = vm.new_dict().unwrap();
        let key = ilist(&mut vm, &[]);
        let e = vm.subscr(d, key, crate::typ::Subscr::Load);
        assert_eq!(rr!(vm, e), "KeyError: []");
        assert!(!vm.contains(d, key).unwrap());
        vm.subscr(d, i(1), crate::typ::Subscr::Store(i(2))).unwrap();
        let e = vm.subscr(d, key, crate::typ::Subscr::Load);
        assert_eq!(rr!(vm, e), "TypeError: unsupported type for __hash__: 'list'");
    });
}

#[test]
fn table_has_no_duplicate_names() {
    let t = super::builtins::BUILTINS_LOCALS;
    for (k, e) in t.iter().enumerate() {
        let a = e.name();
        assert!(t[k + 1..].iter().all(|b| b.name() != a), "duplicate builtin {}", a.0);
    }
}
