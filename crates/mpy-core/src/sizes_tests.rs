//! Object sizes: prints the bytes each kind of object takes in the gc heap
//! beside official MicroPython's on a 32-bit target (16-byte blocks), and
//! on 32-bit targets checks none is larger (issue 7's table). Run with
//! `--nocapture` to see the table (tools/test.sh runs it on i686).

use crate::heap::BLOCK;
use crate::types::testutil::with_vm;
use crate::vm::CompileMode;
use crate::{Obj, Vm};
use alloc::string::String;
use alloc::vec::Vec;

/// Heap bytes of the allocation at `addr` (0 for none or a static).
fn alloc_bytes(vm: &Vm, addr: usize) -> usize {
    vm.heap.alloc_size(addr)
}

/// The value of global `name` in `__main__` after running `src`.
fn global_after(vm: &mut Vm, src: &str, name: &str) -> Obj {
    crate::vm::exec_source(vm, src.as_bytes(), "<sizes>", CompileMode::Exec).expect("runs");
    let g = crate::vm::current_globals(vm);
    let g = if g.is_null() {
        let md = vm.modules;
        let m = vm.dict_lookup_qstr(md, crate::q::__main__).expect("lookup").expect("__main__");
        crate::vm::module::module_globals(vm, m).expect("globals")
    } else {
        g
    };
    let q = vm.intern(name).expect("intern");
    vm.dict_lookup_qstr(g, q).expect("lookup").expect("defined")
}

#[test]
fn object_sizes() {
    with_vm(|mut vm, _| {
        let vm = &mut vm;
        let mut rows: Vec<(&str, usize, usize)> = Vec::new();
        // (what, ours, official MicroPython 32-bit)
        let f = vm.new_float(1.5).expect("float");
        let fl = if cfg!(feature = "float-stuffed") {
            "float (stuffed in the word)"
        } else {
            "float (boxed; 0 when NaN-boxed)"
        };
        let float_bytes = alloc_bytes(vm, f.raw());
        rows.push((fl, float_bytes, 16));
        if cfg!(any(feature = "float-stuffed", feature = "nanbox")) {
            assert_eq!(float_bytes, 0, "inline floats allocate nothing");
        } else {
            assert_eq!(float_bytes, BLOCK, "a boxed float is one block");
        }
        let i = vm.new_int_i128(1 << 40).expect("int");
        rows.push(("int 2**40", alloc_bytes(vm, i.raw()), 32));
        let s = vm.new_str_uninterned("abcdefghij").expect("str");
        rows.push(("str of 10 chars", alloc_bytes(vm, s.raw()), 32));
        let items = [Obj::small_int(1), Obj::small_int(2), Obj::small_int(3)];
        let t = vm.new_tuple(&items).expect("tuple");
        rows.push(("tuple of 3", alloc_bytes(vm, t.raw()), 32));
        let l = global_after(vm, "l = [1, 2, 3]", "l");
        let la = vm.heap.get::<crate::types::list::ListObj>(l).map_or(0, |x| x.items.addr());
        rows.push(("list of 3 (object + items)", alloc_bytes(vm, l.raw()) + alloc_bytes(vm, la), 32));
        let d = global_after(vm, "d = {'a': 1, 'b': 2}", "d");
        let dt = vm.heap.get::<crate::types::dict::DictObj>(d).map_or(0, |x| x.map.heap_bytes());
        rows.push(("dict of 2 (object + table)", alloc_bytes(vm, d.raw()) + dt, 32));
        let c = global_after(
            vm,
            "class C:\n    def __init__(self):\n        self.a = 1\n        self.b = 2\n    def m(self):\n        pass\nc = C()\n",
            "c",
        );
        // (The table's first buffer shares the instance's allocation.)
        let ca = vm.heap.get::<crate::vm::class::InstanceObj>(c).map_or(0, |x| x.members.buffer_addr());
        rows.push(("instance with 2 attributes (object + table)", alloc_bytes(vm, c.raw()) + alloc_bytes(vm, ca), 32));
        let g = global_after(vm, "def f():\n    x = 1\n    def g():\n        return x\n    return g\ng = f()\n", "g");
        let cells: usize = vm
            .heap
            .var::<crate::vmobj::FunHead>(g)
            .map_or(0, |(_, cells)| cells.iter().map(|cl| vm.heap.alloc_size(cl.raw())).sum());
        rows.push(("closure with 1 cell (function + cell)", alloc_bytes(vm, g.raw()) + cells, 48));
        let m = global_after(vm, "bm = c.m", "bm");
        rows.push(("bound method", alloc_bytes(vm, m.raw()), 16));
        let gen = global_after(vm, "def gen():\n    yield 1\ngo = gen()\n", "go");
        rows.push(("generator (no locals)", alloc_bytes(vm, gen.raw()), 0));
        let mut out = String::new();
        out.push_str(&alloc::format!("\nobject sizes ({}-bit, {}-byte blocks)\n", usize::BITS, BLOCK));
        out.push_str("| object | ours | official 32-bit |\n|---|---|---|\n");
        for (what, ours, off) in &rows {
            let o = if *off == 0 { String::from("-") } else { alloc::format!("{off}") };
            out.push_str(&alloc::format!("| {what} | {ours} | {o} |\n"));
        }
        std::print!("{out}");
        if usize::BITS == 32 {
            for (what, ours, off) in &rows {
                assert!(*off == 0 || ours <= off, "{what}: {ours} > official {off}");
            }
        }
    });
}
