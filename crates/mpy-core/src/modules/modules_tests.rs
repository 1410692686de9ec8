//! Tests of the built-in modules (static module objects, `sys`, `gc`,
//! `json`, `struct`, `io`, `collections`, files) through the runtime API
//! and small scripts (expected values as on MicroPython 1.27).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::state::Vm;
use crate::types::testutil::*;
use crate::vm::{exec_source, CompileMode};
use alloc::string::String;

/// Runs `src` in `__main__`; its output, or `Type: message` if it raises.
fn run(vm: &mut Vm, st: &alloc::rc::Rc<core::cell::RefCell<HalState>>, src: &str) -> String {
    st.borrow_mut().out.clear();
    let r = exec_source(vm, src.as_bytes(), "<test>", CompileMode::Exec);
    let mut out = String::from_utf8_lossy(&st.borrow().out).into_owned();
    if let Err(e) = r {
        out.push_str(&err(vm, e));
    }
    out
}

#[test]
fn builtin_modules_are_static_objects() {
    with_vm(|mut vm, st| {
        // A function importing modules, warmed up once; calling it again
        // must allocate nothing.
        run(&mut vm, &st, "import sys, json, gc, time\ndef f():\n    import gc, json, time, micropython\n    return json\nf()\n");
        let md = vm.modules;
        let main = vm.dict_lookup_qstr(md, crate::qstr::q::__main__).unwrap().unwrap();
        let g = crate::vm::module::module_globals(&vm, main).unwrap();
        let fq = vm.intern("f").unwrap();
        let f = vm.dict_lookup_qstr(g, fq).unwrap().unwrap();
        let before = vm.heap.mem_alloc();
        let m = vm.call(f, &[], &[]).unwrap();
        assert_eq!(vm.heap.mem_alloc(), before, "importing built-in modules allocates nothing");
        assert_eq!(m, crate::modules::json::JSON_MODULE.obj());
        let o = crate::modules::find_builtin(crate::qstr::q::sys).unwrap().obj();
        assert_eq!(r(&mut vm, o), "<module 'sys'>");
        assert!(o.as_builtin_module().is_some() && !vm.heap.is_heap_obj(o));
        assert_eq!(run(&mut vm, &st, "print(type(json), json.__name__, 'sys' in sys.modules)\n"), "<class 'module'> json False\n");
        assert_eq!(
            run(&mut vm, &st, "json.nope\n"),
            "AttributeError: module 'json' has no attribute 'nope'"
        );
        assert_eq!(run(&mut vm, &st, "print(dir(gc)[:3], 'collect' in dir(gc))\n"), "['__class__', '__name__', 'collect'] True\n");
        assert_eq!(run(&mut vm, &st, "print(sorted(time.__dict__)[:2])\n"), "['__name__', 'gmtime']\n");
    });
}

#[test]
fn sys_dynamic_attributes() {
    with_vm(|mut vm, st| {
        let out = run(
            &mut vm,
            &st,
            "import sys\nprint(sys.path is sys.path, sys.argv, sys.byteorder, sys.implementation.name)\n\
             print(sys.stdout, sys.stdin is sys.stdin, sys.version_info[0], sys.maxsize > 0)\n\
             print(sys.stdout.write('ab'), sys.stderr.write(b'c'))\n\
             sys.path = ['x']\nprint(sys.path)\n",
        );
        assert_eq!(out, "True [] little micropython\n<io.TextIOWrapper 1> True 3 True\nabc2 1\n['x']\n");
        assert_eq!(run(&mut vm, &st, "sys.foo = 1\n"), "AttributeError: module 'sys' has no attribute 'foo'");
        assert!(run(&mut vm, &st, "print('argv' in dir(sys), 'stderr' in dir(sys))\n") == "True True\n");
        let out = run(&mut vm, &st, "try:\n    raise ValueError('v')\nexcept ValueError as e:\n    sys.print_exception(e)\n");
        assert!(out.ends_with("ValueError: v\n"), "{out}");
        assert_eq!(run(&mut vm, &st, "sys.exit(3)\n"), "SystemExit: 3");
    });
}

#[test]
fn gc_and_micropython() {
    with_vm(|mut vm, st| {
        let size = vm.heap.size();
        let out = run(&mut vm, &st, "import gc\ngc.collect()\nprint(gc.mem_free() + gc.mem_alloc())\n");
        assert_eq!(out, alloc::format!("{size}\n"));
        let out = run(&mut vm, &st, "gc.disable()\nprint(gc.isenabled())\ngc.enable()\ngc.threshold(4096)\nprint(gc.threshold())\ngc.threshold(-1)\nprint(gc.threshold())\n");
        assert_eq!(out, "False\n4096\n-1\n");
        let out = run(
            &mut vm,
            &st,
            "import micropython\nmicropython.heap_lock()\ntry:\n    [1, 2]\nexcept MemoryError:\n    print('locked')\n\
             print(micropython.heap_unlock())\nprint(micropython.const(5), micropython.stack_use() > 0)\n",
        );
        assert_eq!(out, "locked\n0\n5 True\n");
        let out = run(&mut vm, &st, "micropython.mem_info()\n");
        assert!(out.starts_with("stack: ") && out.contains("GC: total: "), "{out}");
        let out = run(&mut vm, &st, "micropython.mem_info(1)\n");
        assert!(out.contains("GC memory layout; from "), "{out}");
        assert!(run(&mut vm, &st, "micropython.qstr_info()\n").starts_with("qstr pool: n_pool="));
    });
}

#[test]
fn json_round_trip() {
    with_vm(|mut vm, st| {
        let out = run(
            &mut vm,
            &st,
            "import json\nprint(json.dumps({'a': [1, 2.5, None, True, 'x\\n\"\\x01'], 3: (4,)}))\n\
             print(json.dumps([1, 2], separators=(',', ':')))\n\
             print(json.loads('{\"a\": [1, {\"b\": null}], \"c\": \"\\\\u0041\", \"d\": 123456789012345678901234567890}'))\n\
             print(json.loads(b'[1.5e1, -2, false]'), json.loads(bytearray(b'\"s\"')))\n",
        );
        assert_eq!(
            out,
            "{\"a\": [1, 2.5, null, true, \"x\\n\\\"\\u0001\"], \"3\": [4]}\n[1,2]\n\
             {'a': [1, {'b': None}], 'c': 'A', 'd': 123456789012345678901234567890}\n[15.0, -2, False] s\n"
        );
        assert_eq!(run(&mut vm, &st, "json.loads('[1, 2')\n"), "ValueError: syntax error in JSON");
        assert_eq!(run(&mut vm, &st, "json.loads('[1, 2]]')\n"), "ValueError: syntax error in JSON");
        let out = run(&mut vm, &st, "import io\ns = io.StringIO()\njson.dump({'k': 'v'}, s)\nprint(s.getvalue(), json.load(io.StringIO('[3]')))\n");
        assert_eq!(out, "{\"k\": \"v\"} [3]\n");
    });
}

#[test]
fn struct_pack_unpack() {
    with_vm(|mut vm, st| {
        let out = run(
            &mut vm,
            &st,
            "import struct\nprint(struct.pack('<hI2s', -2, 7, b'abc'), struct.unpack('<hI', b'\\xfe\\xff\\x07\\x00\\x00\\x00'))\n\
             print(struct.calcsize('@bi'), struct.calcsize('<bi'), struct.unpack('>Q', b'\\xff' * 8))\n\
             ba = bytearray(8)\nstruct.pack_into('<I', ba, 2, 0x01020304)\nprint(ba, struct.unpack_from('<H', ba, 2))\n\
             print(len(struct.pack('100s', b'x')), struct.unpack('<d', struct.pack('<d', 1.5)))\n",
        );
        assert_eq!(
            out,
            "b'\\xfe\\xff\\x07\\x00\\x00\\x00ab' (-2, 7)\n8 5 (18446744073709551615,)\n\
             bytearray(b'\\x00\\x00\\x04\\x03\\x02\\x01\\x00\\x00') (772,)\n100 (1.5,)\n"
        );
        assert_eq!(run(&mut vm, &st, "struct.pack('<Z', 1)\n"), "ValueError: bad typecode");
        assert_eq!(run(&mut vm, &st, "struct.unpack('<I', b'ab')\n"), "ValueError: buffer too small");
    });
}

#[test]
fn string_and_bytes_io() {
    with_vm(|mut vm, st| {
        let out = run(
            &mut vm,
            &st,
            "import io\ns = io.StringIO('h\\xe9llo\\nworld')\nprint(s.read(2), s.readline(), s.read(), s.tell())\n\
             s.write('!')\nprint(s.getvalue(), s.seek(0), [len(x) for x in s])\n\
             b = io.BytesIO(b'xy')\nb.seek(4)\nb.write(b'z')\nprint(b.getvalue())\nb.close()\n",
        );
        assert_eq!(out, "h\u{e9} llo\n world 12\nh\u{e9}llo\nworld! 0 [6, 6]\nb'xy\\x00\\x00z'\n");
        assert_eq!(run(&mut vm, &st, "b.read()\n"), "ValueError: I/O operation on closed file");
    });
}

#[test]
fn collections_types() {
    with_vm(|mut vm, st| {
        let out = run(
            &mut vm,
            &st,
            "from collections import namedtuple, deque, OrderedDict\nP = namedtuple('P', 'x y')\np = P(1, y=2)\n\
             print(p, p.x, p[1], len(p), p == (1, 2), P._fields, P, list(p))\n\
             d = deque((1, 2, 3), 3)\nd.append(4)\nd.appendleft(0)\nprint(list(d), d.pop(), d.popleft(), len(d), d[0], d[-1])\n\
             d.extend(d)\nd[1] = 9\nprint(list(d), bool(d), OrderedDict is dict)\n\
             q = deque((), 100)\nfor i in range(50): q.append(i)\nfor i in range(45): q.popleft()\nprint(list(q))\n",
        );
        assert_eq!(
            out,
            "P(x=1, y=2) 1 2 2 True ('x', 'y') <class 'P'> [1, 2]\n[0, 2, 3] 3 0 1 2 2\n[2, 9] True True\n[45, 46, 47, 48, 49]\n"
        );
        assert_eq!(run(&mut vm, &st, "p.x = 3\n"), "AttributeError: can't set attribute");
        assert_eq!(run(&mut vm, &st, "P(1)\n"), "TypeError: P() takes 2 positional arguments but 1 were given");
        assert_eq!(run(&mut vm, &st, "deque((), 1).pop()\n"), "IndexError: empty");
    });
}

#[test]
fn files_are_closed_by_the_collector() {
    with_vm(|mut vm, st| {
        st.borrow_mut().files.insert(String::from("/a"), b"x".to_vec());
        run(&mut vm, &st, "for i in range(5):\n    f = open('/a')\nf = None\n");
        vm.collect();
        let open = st.borrow().open.iter().filter(|h| h.is_some()).count();
        assert_eq!(open, 0, "finalisers closed every handle");
    });
}

#[test]
fn hal_defaults_and_os() {
    with_vm(|mut vm, st| {
        assert_eq!(run(&mut vm, &st, "import os\nprint(os.getcwd(), os.sep)\n"), "/ /\n");
        assert_eq!(run(&mut vm, &st, "os.listdir()\n"), "OSError: 2");
        st.borrow_mut().files.insert(String::from("/m.txt"), b"abc".to_vec());
        let mut buf = [0u8; 8];
        assert_eq!(vm.hal.read_file_into("/m.txt", &mut buf), Some(3));
        assert_eq!(&buf[..3], b"abc");
        assert!(vm.read_file("/none").unwrap().is_none());
    });
}

/// The 32-bit targets' 64-bit division (bit by bit) against `/`.
#[cfg(any(feature = "random", feature = "select"))]
#[test]
fn div_u64_bits_divides() {
    use super::{div_u64, div_u64_bits};
    let vals = [0u64, 1, 2, 3, 7, 1000, 0xffff_ffff, 1 << 32, (1 << 32) + 1, 0x1234_5678_9abc_def0, 1 << 63, (1 << 63) + 5, u64::MAX - 1, u64::MAX];
    for &n in &vals {
        for &d in &vals[1..] {
            assert_eq!(div_u64_bits(n, d), n / d, "{n} / {d}");
            assert_eq!(div_u64(n, d), n / d);
        }
    }
}
