//! Heap objects owned by the VM: functions, generators, code contexts.
//!
//! PLACEHOLDER SHAPES: the VM defines these fully (see `vm/`).

use crate::obj::Obj;
use crate::qstr::Qstr;
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::vec::Vec;
use mpy_bytecode::RawCode;

/// A loaded module's code context: its qstr table mapped to run-time qstrs
/// and its constant objects (MicroPython's `mp_module_context_t`).
pub struct CodeContext {
    /// Module qstr index -> run-time qstr.
    pub qstrs: Vec<Qstr>,
    /// Module constant index -> object.
    pub consts: Vec<Obj>,
    /// The module's globals dict.
    pub globals: Obj,
}

impl CodeContext {
    /// gc tracing.
    pub fn trace(&self, f: &mut dyn FnMut(Obj)) {
        self.consts.iter().for_each(|&o| f(o));
        f(self.globals);
    }
    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.qstrs.capacity() * 4 + self.consts.capacity() * core::mem::size_of::<Obj>()
    }
}

/// A Python function: code plus the environment it closes over.
pub struct Function {
    /// The code (shared with the module's raw-code tree).
    pub raw: Rc<RawCode>,
    /// The module's [`CodeContext`].
    pub context: Obj,
    /// Default positional values (a tuple) or NULL.
    pub defaults: Obj,
    /// Default keyword-only values (a dict) or NULL.
    pub kw_defaults: Obj,
    /// Closed-over cells.
    pub closure: Box<[Obj]>,
}

impl Function {
    /// gc tracing.
    pub fn trace(&self, f: &mut dyn FnMut(Obj)) {
        f(self.context);
        f(self.defaults);
        f(self.kw_defaults);
        self.closure.iter().for_each(|&o| f(o));
    }
    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        48 + self.closure.len() * core::mem::size_of::<Obj>()
    }
}

/// A generator (or coroutine): a suspended frame.
pub struct Generator {
    /// The generator function.
    pub fun: Obj,
    /// Saved frame state (locals and value stack).
    pub state: Vec<Obj>,
    /// Bytecode offset to resume at.
    pub ip: usize,
    /// Has it finished?
    pub finished: bool,
}

impl Generator {
    /// gc tracing.
    pub fn trace(&self, f: &mut dyn FnMut(Obj)) {
        f(self.fun);
        self.state.iter().for_each(|&o| f(o));
    }
    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        32 + self.state.capacity() * core::mem::size_of::<Obj>()
    }
}
