//! The compiler proper: walks the AST once per pass and scope, driving the
//! scope analysis ([`crate::scope`]) and the emitter ([`crate::emit`]).
//!
//! Pass order (as MicroPython's, which fixes qstr and constant numbering):
//! the scope pass over every scope in creation order (a scope is created
//! when its parent's scope pass meets it), then local numbering for all
//! scopes, then per scope the stack-size, code-size and emit passes.

mod expr;
pub mod fold;
mod func;
mod seq;
mod stmt;
mod trywith;

use crate::ast;
use crate::emit::tables::Tables;
use crate::emit::{Emitter, Label, Pass};
use crate::error::CompileError;
use crate::mem::{MResult, Mem, Oom, StrIndex};
use crate::scope::{self, IdKind, Scope, ScopeKind};
use crate::stack::StackGuard;
use crate::CompileOptions;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::Cell;
use fold::{CVal, Intern};
use mpy_bytecode::opcode as op;
use mpy_bytecode::prelude::{encode_prelude_size, Signature};
use mpy_bytecode::varint::{encode_vuint, vuint_len};
use mpy_bytecode::{CompiledModule, RawCode, RawCodeKind};

/// The AST node a scope compiles.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Node<'a> {
    Module(&'a ast::Module),
    Func(&'a ast::FunctionDef),
    Lambda(&'a ast::FunctionDef),
    Class(&'a ast::ClassDef),
    Comp(&'a ast::Expr),
}

/// Loop context for `break`/`continue`: two words, returned in
/// registers (the loops save and restore it around their bodies).
#[derive(Clone, Copy)]
pub(crate) struct LoopCtx {
    /// The `break` label; the `continue` label is the next one
    /// ([`Label`]`::MAX`: not in a loop).
    pub brk: Label,
    /// Exception level at the loop's start, shifted left by one; bit 0:
    /// `break` must pop a for-iterator (4 slots).
    pub level: u32,
}

impl LoopCtx {
    /// No loop.
    pub const NONE: LoopCtx = LoopCtx { brk: Label::MAX, level: 0 };
}

/// Names bound with `X = const(...)`: values in definition order with a
/// hash index over the names.
#[derive(Default)]
pub(crate) struct ConstNames<'a> {
    entries: Vec<(&'a str, CVal<'a>)>,
    index: StrIndex,
}

impl<'a> ConstNames<'a> {
    /// The value bound to `name`.
    pub fn get(&self, name: &str) -> Option<&CVal<'a>> {
        let e = &self.entries;
        let i = self.index.find(name.as_bytes(), &|p| e.get(p as usize).map_or(&[][..], |x| x.0.as_bytes()))?;
        e.get(i as usize).map(|x| &x.1)
    }

    /// Binds `name` to `v` (replacing an earlier value).
    pub fn insert(&mut self, mem: &Mem, name: &'a str, v: CVal<'a>) {
        let e = &self.entries;
        let found = self.index.find(name.as_bytes(), &|p| e.get(p as usize).map_or(&[][..], |x| x.0.as_bytes()));
        if let Some(slot) = found.and_then(|i| self.entries.get_mut(i as usize)) {
            slot.1 = v;
            return;
        }
        let i = self.entries.len() as u32;
        if mem.push(&mut self.entries, (name, v)).is_err() {
            return;
        }
        let e = &self.entries;
        if self.index.insert(mem, name.as_bytes(), i, &|p| e.get(p as usize).map_or(&[][..], |x| x.0.as_bytes())).is_err() {
            self.entries.pop();
        }
    }
}

/// A SyntaxError message of the compiler proper: one byte at every call
/// site of [`Compiler::syntax_error`] and [`Compiler::parse_error`] (a
/// string argument costs a literal and a length there); the texts are
/// [`MSGS`], in this order.
#[derive(Clone, Copy)]
#[repr(u8)]
pub(crate) enum Msg {
    /// `invalid arch`
    InvalidArch,
    /// `invalid micropython decorator`
    InvalidMicropythonDecorator,
    /// `argument name reused`
    ArgumentNameReused,
    /// `default 'except' must be last`
    DefaultExceptMustBeLast,
    /// `async for/with outside async function`
    AsyncForWithOutsideAsyncFunction,
    /// `'break'/'continue' outside loop`
    BreakContinueOutsideLoop,
    /// `'return' outside function`
    ReturnOutsideFunction,
    /// `not a constant`
    NotAConstant,
    /// `can't assign to expression`
    CantAssignToExpression,
    /// `multiple *x in assignment`
    MultipleStarXInAssignment,
    /// `can't delete expression`
    CantDeleteExpression,
    /// `import * not at module level`
    ImportStarNotAtModuleLevel,
    /// `can't declare nonlocal in outer code`
    CantDeclareNonlocalInOuterCode,
    /// `identifier redefined as global`
    IdentifierRedefinedAsGlobal,
    /// `no binding for nonlocal found`
    NoBindingForNonlocalFound,
    /// `identifier redefined as nonlocal`
    IdentifierRedefinedAsNonlocal,
    /// `'await' outside function`
    AwaitOutsideFunction,
    /// `*x must be assignment target`
    StarXMustBeAssignmentTarget,
    /// `invalid syntax`
    InvalidSyntax,
    /// `'yield' outside function`
    YieldOutsideFunction,
    /// `super() can't find self`
    SuperCantFindSelf,
    /// `* arg after **`
    StarArgAfterDoubleStar,
    /// `* arg after kwarg`
    #[allow(dead_code)] // Numbered by `call_args`.
    StarArgAfterKwarg,
    /// `positional arg after **`
    #[allow(dead_code)] // Numbered by `call_args`.
    PositionalArgAfterDoubleStar,
    /// `positional arg after keyword arg`
    #[allow(dead_code)] // Numbered by `call_args`.
    PositionalArgAfterKeywordArg,
}

/// The texts of [`Msg`], in its order, each ended by a NUL.
const MSGS: &str = "\
invalid arch\0\
invalid micropython decorator\0\
argument name reused\0\
default 'except' must be last\0\
async for/with outside async function\0\
'break'/'continue' outside loop\0\
'return' outside function\0\
not a constant\0\
can't assign to expression\0\
multiple *x in assignment\0\
can't delete expression\0\
import * not at module level\0\
can't declare nonlocal in outer code\0\
identifier redefined as global\0\
no binding for nonlocal found\0\
identifier redefined as nonlocal\0\
'await' outside function\0\
*x must be assignment target\0\
invalid syntax\0\
'yield' outside function\0\
super() can't find self\0\
* arg after **\0\
* arg after kwarg\0\
positional arg after **\0\
positional arg after keyword arg\0";

impl Msg {
    /// The text of message number `k`.
    #[cold]
    #[inline(never)]
    fn text(k: u8) -> &'static str {
        let (mut start, mut n) = (0, 0);
        for (i, &c) in MSGS.as_bytes().iter().enumerate() {
            if c == 0 {
                if n == k {
                    return MSGS.get(start..i).unwrap_or("");
                }
                n += 1;
                start = i + 1;
            }
        }
        ""
    }
}

/// (`repr(C)` with the emitter first: the emitter calls, the most
/// frequent code of the compiler, pass the compiler's own address.)
#[repr(C)]
pub(crate) struct Compiler<'a> {
    /// The emitter of the scope being compiled (one at a time: a scope's
    /// passes run back to back once every scope pass is done).
    pub e: Emitter<'a>,
    pub mem: &'a Mem,
    pub cur: usize,
    pub scopes: Vec<Scope<'a>>,
    pub next_label: u32,
    pub except_level: u32,
    pub loop_ctx: LoopCtx,
    pub opts: &'a CompileOptions,
    /// Native stack bound (see [`crate::stack`]).
    pub stack: StackGuard,
    pub t: Tables,
    /// The native stack limit was hit (reported when the pass ends).
    pub too_deep: Cell<bool>,
    /// Mode::Single: expression statements print their value.
    pub repl: bool,
    /// Line-number tables wanted (`-X no-source-lines` turns them off).
    pub source_lines: bool,
    pub error: Option<CompileError>,
    /// Scope the first error was found in (`None`: a parser-stage error).
    pub error_scope: Option<usize>,
    /// Names bound with `X = const(...)` (module and class level).
    pub consts: ConstNames<'a>,
    /// The source text, when known.
    pub source: Option<&'a [u8]>,
    /// Next child of the current scope (index into its `children`).
    pub child_cursor: usize,
}

fn trim_end(s: &[u8]) -> &[u8] {
    let n = s.iter().rposition(|c| !c.is_ascii_whitespace()).map_or(0, |i| i + 1);
    &s[..n]
}

/// The first line of `s` (without its `\n`) and the text after it (`None`
/// if there is no `\n`).
fn split_line(s: &[u8]) -> (&[u8], Option<&[u8]>) {
    match s.iter().position(|&b| b == b'\n') {
        Some(p) => (s.get(..p).unwrap_or(s), s.get(p + 1..)),
        None => (s, None),
    }
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(s.len());
    &s[n..]
}

/// Host small-int range used by the parser's notion of "small int" (mpy-cross
/// on a 64-bit host: 63-bit signed). −2^62 is excluded: it can only arise
/// from negating the big int 2^62, which stays an int object.
pub(crate) fn is_host_small(v: &CVal) -> bool {
    match v.as_i64() {
        Some(i) => (-(1i64 << 62) + 1..(1i64 << 62)).contains(&i),
        None => false,
    }
}

impl<'a> Compiler<'a> {
    fn new(opts: &'a CompileOptions, filename: &str, mem: &'a Mem, stack: StackGuard) -> Self {
        Compiler {
            opts,
            mem,
            stack,
            too_deep: Cell::new(false),
            t: Tables::new(mem, filename),
            scopes: Vec::new(),
            cur: 0,
            e: Emitter::new(mem),
            next_label: 0,
            loop_ctx: LoopCtx::NONE,
            except_level: 0,
            consts: ConstNames::default(),
            error: None,
            error_scope: None,
            source: None,
            source_lines: true,
            repl: false,
            child_cursor: 0,
        }
    }

    // ---- errors ---------------------------------------------------------

    /// Records a SyntaxError (only the first one is kept).
    pub fn syntax_error(&mut self, msg: Msg, line: u32) {
        self.syntax_error_nth(msg as u8, line);
    }

    /// [`Compiler::syntax_error`] with message number `k` of [`MSGS`]
    /// (for a caller that computes which of neighbouring messages).
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn syntax_error_nth(&mut self, k: u8, line: u32) {
        if self.error.is_none() {
            self.error = Some(CompileError::syntax(Msg::text(k), line));
            self.error_scope = Some(self.cur);
        }
    }

    /// Records an error MicroPython's parser reports (no block name).
    pub fn parse_error(&mut self, msg: Msg, line: u32) {
        if self.error.is_none() {
            self.error = Some(CompileError::syntax(Msg::text(msg as u8), line));
            self.error_scope = None;
        }
    }

    /// Whether the native stack limit is exceeded here (then it is
    /// recorded, and the caller must not recurse). Out of line on the
    /// boards (its frame is a few bytes below the caller's: the bound
    /// holds all the same).
    #[cfg_attr(target_os = "none", inline(never))]
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn deep(&self) -> bool {
        if self.stack.exceeded() {
            self.too_deep.set(true);
            return true;
        }
        false
    }

    /// Whether the current pass must end the compilation: memory or
    /// stack ran out, or an error was recorded (see [`Compiler::final_error`]).
    fn pass_failed(&self) -> bool {
        self.mem.failed() || self.too_deep.get() || self.error.is_some()
    }

    /// The error that ended the compilation: running out of memory or
    /// stack wins over a syntax error found on the way; with it, the
    /// scope the error was found in (`None` for those and for errors
    /// of the parser stage).
    #[inline(never)]
    fn final_error(&mut self) -> (CompileError, Option<usize>) {
        if self.mem.failed() {
            return (CompileError::memory(), None);
        }
        if self.too_deep.get() {
            return (CompileError::recursion(0), None);
        }
        match self.error.take() {
            Some(e) => (e, self.error_scope.take()),
            None => (CompileError::memory(), None),
        }
    }

    /// The pass being run (scope analysis, stack sizing, code size, emit).
    pub fn pass(&self) -> Pass {
        self.e.pass
    }

    /// The scope being compiled. (Out of line on the boards, as is
    /// [`Compiler::scope_mut`]: a call is shorter than the indexing.)
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn scope(&self) -> &Scope<'a> {
        self.scope_at(self.cur)
    }

    /// The scope being compiled, mutably.
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn scope_mut(&mut self) -> &mut Scope<'a> {
        self.scope_at_mut(self.cur)
    }

    /// Scope `i` (out of line on the boards, like [`Compiler::scope`]).
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn scope_at(&self, i: usize) -> &Scope<'a> {
        &self.scopes[i]
    }

    /// Scope `i`, mutably.
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn scope_at_mut(&mut self, i: usize) -> &mut Scope<'a> {
        &mut self.scopes[i]
    }

    /// A fresh label of the current scope's code.
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn new_label(&mut self) -> Label {
        let l = self.next_label;
        self.next_label += 1;
        l
    }

    /// Frees a temporary vector, crediting the budget.
    pub fn release<T>(&self, v: Vec<T>) {
        self.mem.credit(v.capacity() * core::mem::size_of::<T>());
    }

    // ---- scope creation ---------------------------------------------------

    /// Creates (scope pass) or looks up (later passes) the next child scope
    /// of the current scope, returning its index. (When memory runs out
    /// the current scope's index is returned; the pass then fails.)
    pub fn child_scope(&mut self, kind: ScopeKind, name: &'a str, node: Node<'a>, line: u32) -> usize {
        if self.pass() == Pass::Scope {
            let mem = self.mem;
            let cur = self.cur;
            if mem.reserve(&mut self.scopes, 1).is_err() {
                return cur;
            }
            let idx = self.scopes.len();
            self.scopes.push(Scope::new(kind, Some(cur), name, line, node));
            let s = self.scope_mut();
            if s.n_children == 0 {
                s.first_child = idx as u32;
            }
            s.n_children += 1;
            self.child_cursor += 1;
            idx
        } else {
            let s = self.scope();
            let idx = if self.child_cursor < s.n_children as usize { s.first_child as usize + self.child_cursor } else { 0 };
            self.child_cursor += 1;
            idx
        }
    }

    // ---- qstr / const helpers ----------------------------------------------

    /// Emits `opcode` with qstr operand `name` (its stack effect is
    /// [`crate::emit::stack_effect`]'s).
    pub fn op_q(&mut self, opcode: u8, name: &str) {
        let q = self.t.qstr(self.mem, name);
        self.e.op_uint(opcode, q, crate::emit::stack_effect(opcode));
    }

    /// Loads the string `s` as a constant (LOAD_CONST_STRING, a qstr operand).
    pub fn load_const_str_qstr(&mut self, s: &str) {
        self.op_q(op::LOAD_CONST_STRING, s);
    }

    /// Whether a str constant is loaded as a qstr (LOAD_CONST_STRING):
    /// short literals are interned by the parser, longer ones only if
    /// already interned (one the run time holds,
    /// [`crate::CompileOptions::is_static_qstr`], or an identifier seen
    /// earlier: the parser marked those); see [`Intern`].
    pub fn str_is_qstr(&self, s: &[u8], how: Intern) -> bool {
        let Some(st) = mpy_bytecode::utf8::str(s) else { return false };
        match how {
            Intern::Object => false,
            Intern::Qstr => true,
            Intern::ByLength => {
                s.len() <= crate::interned::SHORT_STR || (self.opts.is_static_qstr)(st)
            }
        }
    }

    /// Whether the source line `line` ends a tuple item list with a trailing
    /// comma: it ends with `,)`, or with `,` and the next non-blank line
    /// starts with `)` (the AST does not record trailing commas).
    pub fn trailing_comma_after_line(&self, line: u32) -> bool {
        // The lines are walked with `split_line` (a slice `Split` iterator
        // is two more functions on the boards).
        let mut rest = self.source;
        for _ in 1..line {
            rest = rest.and_then(|s| split_line(s).1);
        }
        let Some(s) = rest else { return false };
        let (cur, mut rest) = split_line(s);
        let cur = trim_end(cur);
        if cur.ends_with(b",)") {
            return true;
        }
        if !cur.ends_with(b",") {
            return false;
        }
        while let Some(s) = rest {
            let (l, next) = split_line(s);
            let t = trim_start(l);
            if !t.is_empty() && !t.starts_with(b"#") {
                return t.starts_with(b")");
            }
            rest = next;
        }
        false
    }

    /// Whether MicroPython's parser would hold `v` as a small-int node: an
    /// int that is a small int on the host and fits the target's
    /// small-int bits.
    pub fn is_small_int(&self, v: &CVal<'_>) -> bool {
        let bits = u32::from(self.opts.small_int_bits.clamp(2, 63));
        match v.as_i64() {
            Some(i) => is_host_small(v) && i >= -(1i64 << (bits - 1)) && i < (1i64 << (bits - 1)),
            None => false,
        }
    }

    /// Loads a constant value.
    pub fn load_cval(&mut self, v: &CVal<'_>) {
        match v {
            CVal::None => self.e.op(op::LOAD_CONST_NONE),
            CVal::True => self.e.op(op::LOAD_CONST_TRUE),
            CVal::False => self.e.op(op::LOAD_CONST_FALSE),
            CVal::Int(_) => match v.as_i64() {
                Some(i) if self.is_small_int(v) => self.e.load_small_int(i),
                _ => self.load_const_obj(v),
            },
            CVal::Str(s, q) if self.str_is_qstr(s, *q) => match mpy_bytecode::utf8::str(s) {
                Some(st) => self.load_const_str_qstr(st),
                None => self.load_const_obj(v),
            },
            _ => self.load_const_obj(v),
        }
    }

    /// Loads `v` as an entry of the constant table (LOAD_CONST_OBJ).
    pub fn load_const_obj(&mut self, v: &CVal<'_>) {
        let i = match v.to_const(self.mem) {
            Ok(c) => self.t.constant(self.mem, c),
            Err(_) => 0,
        };
        self.e.op_uint(op::LOAD_CONST_OBJ, i, 1);
    }

    // ---- identifiers ------------------------------------------------------

    /// Loads local slot `n` (LOAD_FAST_N, or the short forms for slots < 16).
    pub fn load_fast(&mut self, n: u32) {
        if n < 16 {
            self.e.op(op::LOAD_FAST_MULTI + n as u8);
        } else {
            self.e.op_uint(op::LOAD_FAST_N, n, 1);
        }
    }

    /// Loads the name `name` as its scope kind says: fast local, cell, global or name.
    pub fn load_id(&mut self, name: &'a str) {
        self.name_op(name, 0);
    }

    /// Stores into the name `name` as its scope kind says.
    pub fn store_id(&mut self, name: &'a str) {
        self.name_op(name, 1);
    }

    /// Deletes the name `name` as its scope kind says.
    pub fn delete_id(&mut self, name: &'a str) {
        self.name_op(name, 2);
    }

    /// Load (`k` = 0), store (1) or delete (2) of the name `name`: in the
    /// scope pass the name is recorded (a load as an implicit global),
    /// later the opcode of its kind is written. (One body on the boards.)
    #[cfg_attr(target_os = "none", inline(never))]
    fn name_op(&mut self, name: &'a str, k: usize) {
        // Load, store, delete for globals, names, fast locals, cells.
        const OPS: [u8; 12] = [
            op::LOAD_GLOBAL, op::STORE_GLOBAL, op::DELETE_GLOBAL,
            op::LOAD_NAME, op::STORE_NAME, op::DELETE_NAME,
            op::LOAD_FAST_N, op::STORE_FAST_N, op::DELETE_FAST,
            op::LOAD_DEREF, op::STORE_DEREF, op::DELETE_DEREF,
        ];
        if self.pass() == Pass::Scope {
            let mem = self.mem;
            let s = self.scope_mut();
            if k == 0 {
                let _ = s.find_or_add(mem, name, IdKind::GlobalImplicit);
            } else {
                s.modify(mem, name);
            }
            return;
        }
        let s = self.scope();
        let (kind, n) = match s.find(name).and_then(|i| s.ids.get(i)) {
            Some(id) => (id.kind, id.local_num),
            None => (IdKind::GlobalImplicit, 0),
        };
        // The row of `OPS`.
        let row = match kind {
            IdKind::GlobalExplicit => 0,
            IdKind::Local => 2,
            IdKind::Cell | IdKind::Free => 3,
            _ if s.kind.is_func_like() => 0,
            _ => 1,
        };
        let o = OPS.get(row * 3 + k).copied().unwrap_or(0);
        if row < 2 {
            self.op_q(o, name);
        } else if row == 2 && k < 2 && n < 16 {
            // LOAD_FAST_MULTI, STORE_FAST_MULTI
            let base = if k == 0 { op::LOAD_FAST_MULTI } else { op::STORE_FAST_MULTI };
            self.e.op(base + n as u8);
        } else {
            self.e.op_uint(o, n, crate::emit::stack_effect(o));
        }
    }

    /// CALL_FUNCTION with one positional argument (decorators, the REPL
    /// printer, `AssertionError(msg)`, a comprehension's iterable).
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn call1(&mut self) {
        self.e.op_uint(op::CALL_FUNCTION, 1, -1);
    }

    // ---- exception levels ---------------------------------------------------

    /// Enters a block that pushes an exception handler (try, with): the
    /// scope's handler-stack size grows to cover it.
    pub fn increase_except_level(&mut self) {
        self.except_level += 1;
        let lvl = self.except_level;
        let s = self.scope_mut();
        if lvl > s.exc_stack_size {
            s.exc_stack_size = lvl;
        }
    }

    /// Leaves such a block.
    pub fn decrease_except_level(&mut self) {
        self.except_level = self.except_level.saturating_sub(1);
    }

    // ---- passes -----------------------------------------------------------

    /// Number of argument names written in scope `idx`'s prelude.
    #[cfg_attr(target_os = "none", inline(never))]
    fn n_arg_names(&self, idx: usize) -> u32 {
        let s = self.scope_at(idx);
        s.num_pos_args + s.num_kwonly_args
    }

    /// Argument name `i` written in the prelude, by local slot: a
    /// parameter by name, another slot (a free variable) as `*`.
    fn arg_name(&self, idx: usize, i: u32) -> &'a str {
        self.scope_at(idx)
            .ids
            .iter()
            .find(|id| id.local_num == i && id.flags & scope::FLAG_PARAM != 0 && id.kind != IdKind::Free)
            .map_or("*", |id| id.name)
    }

    /// Qstr `i` of scope `idx`'s prelude: its name (0), then its
    /// argument names ([`Compiler::arg_name`]).
    #[cfg_attr(target_os = "none", inline(never))]
    fn prelude_qstr(&mut self, idx: usize, i: u32) -> u32 {
        let a = match i.checked_sub(1) {
            None => self.scope_at(idx).name,
            Some(j) => self.arg_name(idx, j),
        };
        self.t.qstr(self.mem, a)
    }

    fn run_pass(&mut self, idx: usize, pass: Pass) {
        self.cur = idx;
        self.e.start_pass(pass);
        self.e.record_lines = self.opts.opt_level < 3 && self.source_lines;
        self.next_label = 0;
        self.loop_ctx = LoopCtx::NONE;
        self.except_level = 0;
        self.child_cursor = 0;
        // The name, then (after the scope pass) the argument names.
        let n = if pass != Pass::Scope { self.n_arg_names(idx) } else { 0 };
        for i in 0..=n {
            self.prelude_qstr(idx, i);
        }
        match self.scope_at(idx).node {
            Node::Module(m) => self.compile_module_body(m),
            Node::Func(f) => self.compile_func_body(f),
            Node::Lambda(f) => self.compile_lambda_body(f),
            Node::Class(c) => self.compile_class_body(c),
            Node::Comp(e) => self.compile_comp_body(e),
        }
    }

    /// The raw code bytes of scope `idx`, whose passes just ended (its
    /// code is in the emitter, which is then emptied): prelude
    /// (signature, sizes, name and argument qstrs, line table, cells)
    /// then the bytecode. `max_stack` is from the stack-size pass.
    fn finish_scope(&mut self, idx: usize, max_stack: i32) -> Result<Vec<u8>, crate::mem::Oom> {
        let mem = self.mem;
        let s = self.scope_at(idx);
        let mut n_state = s.num_locals + max_stack.max(0) as u32;
        if n_state == 0 {
            n_state = 1;
        }
        let sig = Signature {
            n_state,
            n_exc_stack: s.exc_stack_size,
            scope_flags: u32::from(s.flags),
            n_pos_args: s.num_pos_args,
            n_kwonly_args: s.num_kwonly_args,
            n_def_pos_args: s.num_def_pos_args,
        };
        let n_cells = s.ids.iter().filter(|id| id.kind == IdKind::Cell).count();
        let lines = crate::emit::encode_lines(mem, &self.e.lines)?;
        let n_args = self.n_arg_names(idx);
        // The info block: name and argument qstrs, then the line table;
        // its size is written first.
        let mut n_info = lines.len();
        for i in 0..=n_args {
            n_info += vuint_len(self.prelude_qstr(idx, i));
        }
        // Signature and prelude size: at most 33 bytes each.
        let mut out: Vec<u8> = mem.with_capacity(70 + n_info + n_cells + self.e.code.len())?;
        sig.encode(&mut out);
        encode_prelude_size(&mut out, n_info as u32, n_cells as u32);
        for i in 0..=n_args {
            let q = self.prelude_qstr(idx, i);
            encode_vuint(&mut out, q);
        }
        out.extend_from_slice(&lines);
        self.release(lines);
        for id in &self.scope_at(idx).ids {
            if id.kind == IdKind::Cell {
                out.push(id.local_num as u8);
            }
        }
        mem.extend(&mut out, &self.e.code)?;
        self.e.finish_scope();
        Ok(out)
    }

    fn build_raw_code(&self, idx: usize, data: &mut [Finished]) -> Result<RawCode, crate::mem::Oom> {
        if self.deep() {
            return Err(crate::mem::Oom);
        }
        let Some((fun_data, kids)) = data.get_mut(idx).and_then(Option::take) else {
            return Ok(RawCode { kind: RawCodeKind::Bytecode, fun_data: Vec::new(), children: Vec::new() });
        };
        // One exit: what is built so far is dropped in one place.
        let mut ok = true;
        let mut children = match self.mem.with_capacity(kids.len()) {
            Ok(v) => v,
            Err(_) => {
                ok = false;
                Vec::new()
            }
        };
        for &c in &kids {
            if !ok {
                break;
            }
            match self.build_raw_code(c as usize, data) {
                // Always room (it was reserved); the check lets the push
                // drop its growth path.
                Ok(r) if children.len() < children.capacity() => children.push(r),
                _ => ok = false,
            }
        }
        self.release(kids);
        let rc = RawCode { kind: RawCodeKind::Bytecode, fun_data, children };
        if ok {
            Ok(rc)
        } else {
            Err(crate::mem::Oom)
        }
    }
}

/// A compiled scope: its raw code bytes and its child scopes in
/// MAKE_FUNCTION order (taken when the raw-code tree is built).
type Finished = Option<(Vec<u8>, Vec<u32>)>;

/// Compiles a parsed module to raw code (see [`crate::compile()`]),
/// allocating through `mem` and with the native stack bounded by `stack`.
pub(crate) fn compile_ast<'a>(
    module: &'a ast::Module,
    filename: &str,
    opts: &'a CompileOptions,
    source: Option<&'a [u8]>,
    source_lines: bool,
    mem: &'a Mem,
    stack: StackGuard,
) -> Result<CompiledModule, (CompileError, Option<String>)> {
    let mut c = Compiler::new(opts, filename, mem, stack);
    if let Ok(m) = compile_scopes(&mut c, module, source, source_lines) {
        return Ok(m);
    }
    let (e, scope) = c.final_error();
    let block = match scope.and_then(|i| c.scopes.get(i)) {
        Some(s) => match mem.string(s.name) {
            Ok(b) => Some(b),
            Err(_) => return Err((CompileError::memory(), None)),
        },
        None => None,
    };
    Err((e, block))
}

/// The passes over every scope (see the module docs). On failure the
/// error is found in the compiler's state ([`Compiler::final_error`]).
fn compile_scopes<'a>(
    c: &mut Compiler<'a>,
    module: &'a ast::Module,
    source: Option<&'a [u8]>,
    source_lines: bool,
) -> MResult<CompiledModule> {
    let mem = c.mem;
    c.source_lines = source_lines;
    c.source = source;
    c.repl = matches!(module, ast::Module::Single(_));
    mem.reserve(&mut c.scopes, 1)?;
    c.scopes.push(Scope::new(ScopeKind::Module, None, "<module>", 1, Node::Module(module)));
    let mut i = 0;
    while i < c.scopes.len() {
        c.run_pass(i, Pass::Scope);
        if c.pass_failed() {
            return Err(Oom);
        }
        let n = c.scope_at(i).ids.len();
        for j in 0..n {
            if c.scope_at(i).ids[j].kind == IdKind::GlobalImplicit {
                scope::check_to_close_over(mem, &mut c.scopes, i, j);
            }
        }
        if mem.failed() {
            return Err(Oom);
        }
        i += 1;
    }
    for i in 0..c.scopes.len() {
        scope::compute_locals(&mut c.scopes, i);
    }
    // Each scope's passes run back to back; its raw code bytes and its
    // children (in MAKE_FUNCTION order) are kept, the rest freed at once.
    let mut data: Vec<Finished> = mem.with_capacity(c.scopes.len())?;
    for i in 0..c.scopes.len() {
        c.run_pass(i, Pass::StackSize);
        let max_stack = c.e.max_stack;
        c.run_pass(i, Pass::CodeSize);
        let mut size = c.e.code.len();
        for _ in 0..64 {
            if mem.failed() || c.too_deep.get() {
                break;
            }
            c.run_pass(i, Pass::Emit);
            let n = c.e.code.len();
            if n == size {
                break;
            }
            size = n;
        }
        if c.pass_failed() {
            return Err(Oom);
        }
        // An exact copy (the emitter's list keeps its room for the next scope).
        let kids = mem.vec_from(&c.e.children)?;
        let fun = c.finish_scope(i, max_stack)?;
        data.push(Some((fun, kids)));
        // Nothing reads a finished scope's identifiers any more.
        let ids = core::mem::take(&mut c.scope_at_mut(i).ids);
        c.release(ids);
    }
    // A failure here is the stack (`too_deep`) or memory.
    let raw_code = c.build_raw_code(0, &mut data)?;
    let t = core::mem::take(&mut c.t);
    Ok(CompiledModule { qstrs: t.qstrs, consts: t.consts, raw_code, small_int_bits: c.opts.small_int_bits })
}
