//! Heap objects owned by the VM: functions, generators, code contexts, and
//! the loaded (validated, pre-decoded) form of raw code they run.

use crate::obj::Obj;
use crate::qstr::Qstr;
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::vec::Vec;

/// Bytecode bytes: shared with a loaded `.mpy`/compiled module, or static
/// (frozen code in ROM, never copied).
#[derive(Clone)]
pub enum CodeBytes {
    /// Owned by the loaded module, shared by its functions.
    Shared(Rc<[u8]>),
    /// Frozen into the firmware image.
    Static(&'static [u8]),
}

impl core::ops::Deref for CodeBytes {
    type Target = [u8];
    #[inline(always)]
    fn deref(&self) -> &[u8] {
        match self {
            CodeBytes::Shared(r) => r,
            CodeBytes::Static(s) => s,
        }
    }
}

/// One loaded bytecode function body (MicroPython's `mp_raw_code_t` plus the
/// decoded prelude): checked by the loader so the VM can trust the offsets.
pub struct FunCode {
    /// The function's `fun_data` (signature, prelude, opcodes).
    pub bytes: CodeBytes,
    /// Offset of the first opcode in `bytes`.
    pub code_start: usize,
    /// Range of the line-number table in `bytes`.
    pub line_table: (usize, usize),
    /// Local indices that become cells on entry.
    pub cells: (usize, usize),
    /// Number of state slots (locals + value stack).
    pub n_state: usize,
    /// Depth of the exception-handler stack.
    pub n_exc_stack: usize,
    /// `SCOPE_FLAG_*` bits (generator, *args, **kw, kw defaults).
    pub scope_flags: u32,
    /// Positional parameters (closed-over cells first).
    pub n_pos_args: usize,
    /// Keyword-only parameters.
    pub n_kwonly_args: usize,
    /// Positional parameters with defaults.
    pub n_def_pos_args: usize,
    /// The function name (run-time qstr).
    pub name: Qstr,
    /// Parameter names (run-time qstrs), positional then keyword-only.
    pub arg_names: Box<[Qstr]>,
    /// The module's qstr table mapped to run-time qstrs (bytecode qstr
    /// operands index it).
    pub qstrs: Rc<[Qstr]>,
    /// Source file name.
    pub file: Qstr,
    /// Nested code (MAKE_FUNCTION/MAKE_CLOSURE operand indexes it).
    pub children: Box<[Rc<FunCode>]>,
}

impl FunCode {
    /// The opcodes.
    #[inline(always)]
    pub fn code(&self) -> &[u8] {
        self.bytes.get(self.code_start..).unwrap_or(&[])
    }
    /// The line of the instruction at code offset `off`.
    pub fn line_for(&self, off: usize) -> u32 {
        let t = self.bytes.get(self.line_table.0..self.line_table.1).unwrap_or(&[]);
        mpy_bytecode::line_table::line_for_offset(t, off as u32).unwrap_or(0)
    }
}

/// A loaded module's code context: its constant objects and globals
/// (MicroPython's `mp_module_context_t`; the qstr map lives in [`FunCode`]).
pub struct CodeContext {
    /// Module qstr index -> run-time qstr.
    pub qstrs: Rc<[Qstr]>,
    /// Module constant index -> object.
    pub consts: Vec<Obj>,
    /// The module's globals dict.
    pub globals: Obj,
    /// Bytes of bytecode loaded into RAM for this module (charged to the
    /// heap like MicroPython's gc-allocated bytecode; 0 for frozen code,
    /// which runs from read-only memory).
    pub code_bytes: usize,
}

impl CodeContext {
    /// gc tracing.
    pub fn trace(&self, f: &mut dyn FnMut(Obj)) {
        self.consts.iter().for_each(|&o| f(o));
        f(self.globals);
    }
    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.consts.capacity() * core::mem::size_of::<Obj>() + self.code_bytes
    }
}

/// A Python function: code plus the environment it closes over.
pub struct Function {
    /// The code.
    pub code: Rc<FunCode>,
    /// The module's [`CodeContext`] object (constants).
    pub context: Obj,
    /// The globals dict.
    pub globals: Obj,
    /// Default positional values (a tuple) or NULL.
    pub defaults: Obj,
    /// Default keyword-only values (a dict) or NULL.
    pub kw_defaults: Obj,
    /// Closed-over cells, passed as the first positional arguments.
    pub closure: Box<[Obj]>,
}

impl Function {
    /// gc tracing.
    pub fn trace(&self, f: &mut dyn FnMut(Obj)) {
        f(self.context);
        f(self.globals);
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
    /// Saved frame state: `n_state` slots then 3 slots per handler block.
    pub state: Vec<Obj>,
    /// Code offset to resume at.
    pub ip: usize,
    /// Value-stack top (relative to the state start).
    pub sp: usize,
    /// Active handler blocks.
    pub exc_sp: usize,
    /// Has it finished (returned or raised)?
    pub finished: bool,
    /// Is it executing now (re-entry raises ValueError)?
    pub running: bool,
    /// Has it been started (a non-None send before start is a TypeError)?
    pub started: bool,
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
