//! Tests of the port hooks: port-provided built-in modules
//! (`VmState::port_modules`), port objects, and pending callbacks
//! (`micropython.schedule`, the port's pending hook).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::typ::Entry;
use crate::obj::Obj;
use crate::qstr::q;
use crate::state::Vm;
use crate::typ::{flags, BuiltinFun, ModuleDef, Rom, TypeObj};
use crate::types::testutil::*;
use crate::vm::complete::{complete, NameScope};
use crate::vm::{exec_source, CompileMode};
use crate::PyResult;
use alloc::string::String;
use alloc::vec::Vec;

fn run(vm: &mut Vm, st: &alloc::rc::Rc<core::cell::RefCell<HalState>>, src: &str) -> String {
    st.borrow_mut().out.clear();
    let r = exec_source(vm, src.as_bytes(), "<test>", CompileMode::Exec);
    let mut out = String::from_utf8_lossy(&st.borrow().out).into_owned();
    if let Err(e) = r {
        out.push_str(&err(vm, e));
    }
    out
}

fn freq(_vm: &mut Vm, _a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    Ok(Obj::small_int(42))
}

static PIN_TYPE: TypeObj = TypeObj { name: q::Pin.tn(), flags: flags::PORT_OBJ, ..TypeObj::EMPTY };

fn pin(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let a = &[a0];
    vm.new_port_obj(&PIN_TYPE, [a[0], Obj::NONE, Obj::NONE, Obj::NONE])
}

static FREQ: BuiltinFun = BuiltinFun::new(q::freq, 0, 0, freq);
static PIN: BuiltinFun = BuiltinFun::new1(q::Pin, pin);
static LOCALS: [Entry; 3] =
    [Entry::new(q::__name__, Rom::Str(q::machine)), Entry::new(q::Pin, Rom::Fun(&PIN)), Entry::new(q::freq, Rom::Fun(&FREQ))];
static MACHINE: ModuleDef = ModuleDef::new(q::machine, &LOCALS);
static PORT: [&ModuleDef; 1] = [&MACHINE];

#[test]
fn port_modules_import_help_complete() {
    with_vm(|mut vm, st| {
        assert_eq!(run(&mut vm, &st, "import machine\n"), "ImportError: no module named 'machine'");
        vm.vmstate.port_modules = &PORT;
        assert_eq!(run(&mut vm, &st, "import machine\nprint(machine, machine.freq())\n"), "<module 'machine'> 42\n");
        // Importing a port module allocates nothing (a static object).
        run(&mut vm, &st, "def f():\n    import machine\n    return machine\nf()\n");
        let md = vm.modules;
        let main = vm.dict_lookup_qstr(md, q::__main__).unwrap().unwrap();
        let g = crate::vm::module::module_globals(&vm, main).unwrap();
        let fq = vm.intern("f").unwrap();
        let f = vm.dict_lookup_qstr(g, fq).unwrap().unwrap();
        let before = vm.heap.mem_alloc();
        let m = vm.call(f, &[], &[]).unwrap();
        assert_eq!(vm.heap.mem_alloc(), before);
        assert_eq!(m, MACHINE.obj());
        assert!(run(&mut vm, &st, "help('modules')\n").contains("machine"));
        let mut names = Vec::new();
        complete(&mut vm, NameScope::Modules, "mach", &mut |c| c(), &mut |s| names.push(String::from(s)));
        assert_eq!(names, ["machine"]);
        // Port objects: the port's own type over the shared layout.
        assert_eq!(run(&mut vm, &st, "p = machine.Pin(7)\nprint(type(p).__name__)\n"), "Pin\n");
        let p = vm.dict_lookup_qstr(g, q::p).unwrap().unwrap();
        assert_eq!(vm.port_slots(p, &PIN_TYPE).unwrap()[0], Obj::small_int(7));
        assert!(vm.set_port_slot(p, &PIN_TYPE, 1, Obj::TRUE));
        assert_eq!(vm.port_slots(p, &PIN_TYPE).unwrap()[1], Obj::TRUE);
        assert!(vm.port_slots(Obj::NONE, &PIN_TYPE).is_none());
        assert!(vm.new_port_obj(&crate::types::list::LIST_TYPE, [Obj::NONE; 4]).is_err());
    });
}

#[test]
fn schedule_runs_at_pending_checks() {
    with_vm(|mut vm, st| {
        // Deferred to the next check (here the end of the command), in order.
        let out = run(
            &mut vm,
            &st,
            "import micropython\nl = []\nmicropython.schedule(l.append, 1)\nmicropython.schedule(l.append, 2)\nprint(l)\n",
        );
        assert_eq!(out, "[]\n");
        assert_eq!(run(&mut vm, &st, "print(l)\n"), "[1, 2]\n");
        // A backward jump after a schedule call is a check.
        let out = run(&mut vm, &st, "l = []\nmicropython.schedule(l.append, 3)\nfor i in range(2):\n    pass\nprint(l)\n");
        assert_eq!(out, "[3]\n");
        // The queue holds 8; a callback's exception reaches the running code.
        let out = run(
            &mut vm,
            &st,
            "s = micropython.schedule\ntry:\n    s(print, 0); s(print, 1); s(print, 2); s(print, 3); s(print, 4)\n    s(print, 5); s(print, 6); s(print, 7); s(print, 8)\nexcept RuntimeError as e:\n    print(e)\n",
        );
        assert_eq!(out, "schedule queue full\n0\n1\n2\n3\n4\n5\n6\n7\n");
        let out = run(&mut vm, &st, "def bad(x):\n    raise ValueError(x)\nmicropython.schedule(bad, 5)\nwhile True:\n    pass\n");
        assert_eq!(out, "ValueError: 5");
        assert_eq!(run(&mut vm, &st, "micropython.alloc_emergency_exception_buf(100)\n"), "");
    });
}

/// The test's port hook: calls `hard` (a global of `__main__`) with the
/// heap locked, as a board's timer callback runs.
fn hook(vm: &mut Vm) -> PyResult<()> {
    let md = vm.modules;
    let Some(main) = vm.dict_lookup_qstr(md, q::__main__)? else { return Ok(()) };
    let g = crate::vm::module::module_globals(vm, main).unwrap_or(Obj::NULL);
    let Some(f) = vm.dict_lookup_qstr(g, q::hard)? else { return Ok(()) };
    vm.heap.stats.lock_depth += 1;
    let r = vm.call(f, &[Obj::NONE], &[]);
    vm.heap.stats.lock_depth -= 1;
    r.map(|_| ())
}

#[test]
fn port_hook_runs_hard_callbacks_heap_locked() {
    with_vm(|mut vm, st| {
        vm.vmstate.pending.port_hook = Some(hook);
        let out = run(
            &mut vm,
            &st,
            "n = [0]\ndef hard(t):\n    n[0] += 1\nfor i in range(100):\n    pass\nprint(n[0] > 0)\n",
        );
        assert_eq!(out, "True\n");
        let out = run(&mut vm, &st, "def hard(t):\n    x = [1, 2, 3]\nfor i in range(100):\n    pass\n");
        assert_eq!(out, "MemoryError: memory allocation failed, heap is locked");
        let out = run(&mut vm, &st, "hard = None\ndel hard\nprint('ok')\n");
        assert_eq!(out, "ok\n");
    });
}
