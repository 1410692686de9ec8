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
mod stmt;
mod trywith;

use crate::ast;
use crate::emit::tables::Tables;
use crate::emit::{encode_lines, Emitter, Label, Pass};
use crate::error::CompileError;
use crate::scope::{self, IdKind, Scope, ScopeKind};
use crate::CompileOptions;
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use fold::CVal;
use mpy_bytecode::opcode as op;
use mpy_bytecode::prelude::{encode_prelude, Signature};
use mpy_bytecode::{CompiledModule, RawCode, RawCodeKind};

/// The AST node a scope compiles.
#[derive(Clone, Copy)]
pub(crate) enum Node<'a> {
    Module(&'a ast::Module),
    Func(&'a ast::FunctionDef),
    Lambda(&'a ast::Arguments, &'a ast::Expr),
    Class(&'a ast::ClassDef),
    Comp(&'a ast::Expr),
}

/// Loop context for `break`/`continue`.
#[derive(Clone, Copy)]
pub(crate) struct LoopCtx {
    pub break_label: Label,
    pub continue_label: Label,
    /// `break` must pop a for-iterator (4 slots).
    pub break_from_for: bool,
    /// Exception level at the loop's start.
    pub except_level: u32,
}

pub(crate) struct Compiler<'a> {
    pub opts: &'a CompileOptions,
    pub t: Tables,
    pub scopes: Vec<Scope>,
    pub nodes: Vec<Node<'a>>,
    pub emitters: Vec<Emitter>,
    pub cur: usize,
    pub e: Emitter,
    pub next_label: u32,
    pub loop_ctx: Option<LoopCtx>,
    pub except_level: u32,
    /// Names bound with `X = const(...)` (module and class level).
    pub consts: BTreeMap<String, CVal>,
    pub error: Option<CompileError>,
    /// Name of the scope the first error was found in.
    pub error_scope: Option<String>,
    /// Identifier name -> first source line (approximates the parser's
    /// qstr interning of names before a string literal is met).
    pub ident_lines: BTreeMap<String, u32>,
    /// The source text, when known.
    pub source: Option<&'a [u8]>,
    /// Line-number tables wanted (`-X no-source-lines` turns them off).
    pub source_lines: bool,
    /// Token positions scanned from the source, when known.
    pub tokens: Option<crate::interned::SourceTokens>,
    /// Mode::Single: expression statements print their value.
    pub repl: bool,
    /// Next child of the current scope (index into its `children`).
    pub child_cursor: usize,
}

/// Long (over 10 bytes) qstrs that official `mpy-cross` has interned at
/// start-up beyond the static `.mpy` qstr list, so that an equal string
/// literal becomes a qstr (found by compiling probe files).
const MPY_CROSS_POOL_QSTRS: &[&str] = &[
    "Interpolation",
    "format_spec",
    "maximum recursion depth exceeded",
    "interpolations",
    "StopAsyncIteration",
    "UnicodeError",
    "ViperTypeError",
    "__build_class__",
    "__complex__",
    "__contains__",
    "__repl_print__",
    "__reversed__",
    "__traceback__",
    "difference_update",
    "heap_unlock",
    "intersection",
    "intersection_update",
    "symmetric_difference",
    "symmetric_difference_update",
    "unpack_from",
];

fn trim_end(s: &[u8]) -> &[u8] {
    let n = s.iter().rposition(|c| !c.is_ascii_whitespace()).map_or(0, |i| i + 1);
    &s[..n]
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
    fn new(opts: &'a CompileOptions, filename: &str) -> Self {
        Compiler {
            opts,
            t: Tables::new(filename),
            scopes: Vec::new(),
            nodes: Vec::new(),
            emitters: Vec::new(),
            cur: 0,
            e: Emitter::new(),
            next_label: 0,
            loop_ctx: None,
            except_level: 0,
            consts: BTreeMap::new(),
            error: None,
            error_scope: None,
            ident_lines: BTreeMap::new(),
            tokens: None,
            source: None,
            source_lines: true,
            repl: false,
            child_cursor: 0,
        }
    }

    // ---- errors ---------------------------------------------------------

    /// Records a SyntaxError (only the first one is kept).
    pub fn syntax_error(&mut self, msg: &'static str, line: u32) {
        if self.error.is_none() {
            self.error = Some(CompileError::syntax(msg, line));
            self.error_scope = Some(self.scopes[self.cur].name.clone());
        }
    }

    /// Records an error MicroPython's parser reports (no block name).
    pub fn parse_error(&mut self, msg: &'static str, line: u32) {
        if self.error.is_none() {
            self.error = Some(CompileError::syntax(msg, line));
            self.error_scope = None;
        }
    }

    pub fn pass(&self) -> Pass {
        self.e.pass
    }

    pub fn scope(&self) -> &Scope {
        &self.scopes[self.cur]
    }

    pub fn scope_mut(&mut self) -> &mut Scope {
        &mut self.scopes[self.cur]
    }

    pub fn new_label(&mut self) -> Label {
        let l = self.next_label;
        self.next_label += 1;
        l
    }

    // ---- scope creation ---------------------------------------------------

    /// Creates (scope pass) or looks up (later passes) the next child scope
    /// of the current scope, returning its index.
    pub fn child_scope(&mut self, kind: ScopeKind, name: &str, node: Node<'a>, line: u32) -> usize {
        if self.pass() == Pass::Scope {
            let idx = self.scopes.len();
            self.scopes.push(Scope::new(kind, Some(self.cur), name, line));
            self.nodes.push(node);
            self.emitters.push(Emitter::new());
            self.scopes[self.cur].children.push(idx);
            self.child_cursor += 1;
            idx
        } else {
            let idx = self.scopes[self.cur].children.get(self.child_cursor).copied().unwrap_or(0);
            self.child_cursor += 1;
            idx
        }
    }

    // ---- qstr / const helpers ----------------------------------------------

    pub fn op_q(&mut self, opcode: u8, name: &str, stack: i32) {
        let q = self.t.qstr(name);
        self.e.op_uint(opcode, q, stack);
    }

    pub fn load_const_str_qstr(&mut self, s: &str) {
        self.op_q(op::LOAD_CONST_STRING, s, 1);
    }

    /// Whether a str literal becomes a qstr (LOAD_CONST_STRING): short
    /// strings are interned by the parser, longer ones only if already
    /// interned (a static qstr or an identifier seen earlier).
    pub fn str_is_qstr(&self, s: &[u8], line: u32) -> bool {
        let Ok(st) = core::str::from_utf8(s) else { return false };
        if s.len() <= 10 {
            return true;
        }
        if mpy_bytecode::static_qstr::static_qstr_id(st).is_some() || MPY_CROSS_POOL_QSTRS.contains(&st) {
            return true;
        }
        if let Some(t) = &self.tokens {
            if let Some(before) = t.ident_before_string(st, s, line) {
                return before;
            }
            return matches!(t.ident_line(st), Some(l) if l < line);
        }
        matches!(self.ident_lines.get(st), Some(&l) if l <= line)
    }

    /// Whether the source line `line` ends a tuple item list with a trailing
    /// comma: it ends with `,)`, or with `,` and the next non-blank line
    /// starts with `)` (the AST does not record trailing commas).
    pub fn trailing_comma_after_line(&self, line: u32) -> bool {
        let Some(src) = self.source else { return false };
        let mut lines = src.split(|&b| b == b'\n').skip(line.saturating_sub(1) as usize);
        let Some(cur) = lines.next() else { return false };
        let cur = trim_end(cur);
        if cur.ends_with(b",)") {
            return true;
        }
        if !cur.ends_with(b",") {
            return false;
        }
        for l in lines {
            let t = trim_start(l);
            if t.is_empty() || t.starts_with(b"#") {
                continue;
            }
            return t.starts_with(b")");
        }
        false
    }

    /// Whether MicroPython's parser would hold `v` as a small-int node: an
    /// int that is a small int on the host and fits the target's
    /// small-int bits.
    pub fn is_small_int(&self, v: &CVal) -> bool {
        let bits = u32::from(self.opts.small_int_bits.clamp(2, 63));
        match v.as_i64() {
            Some(i) => is_host_small(v) && i >= -(1i64 << (bits - 1)) && i < (1i64 << (bits - 1)),
            None => false,
        }
    }

    /// Loads a constant value.
    pub fn load_cval(&mut self, v: &CVal, line: u32) {
        match v {
            CVal::None => self.e.op(op::LOAD_CONST_NONE, 1),
            CVal::True => self.e.op(op::LOAD_CONST_TRUE, 1),
            CVal::False => self.e.op(op::LOAD_CONST_FALSE, 1),
            CVal::Int(_) => match v.as_i64() {
                Some(i) if self.is_small_int(v) => self.e.load_small_int(i),
                _ => self.load_const_obj(v),
            },
            CVal::Str(s) if self.str_is_qstr(s, line) => {
                let st = String::from_utf8_lossy(s).into_owned();
                self.load_const_str_qstr(&st);
            }
            _ => self.load_const_obj(v),
        }
    }

    pub fn load_const_obj(&mut self, v: &CVal) {
        let i = self.t.constant(v.to_const());
        self.e.op_uint(op::LOAD_CONST_OBJ, i, 1);
    }

    // ---- identifiers ------------------------------------------------------

    fn id_lookup(&self, name: &str) -> (IdKind, u32) {
        let s = self.scope();
        match s.find(name) {
            Some(i) => (s.ids[i].kind, s.ids[i].local_num),
            None => (IdKind::GlobalImplicit, 0),
        }
    }

    pub fn load_fast(&mut self, n: u32) {
        if n < 16 {
            self.e.op(op::LOAD_FAST_MULTI + n as u8, 1);
        } else {
            self.e.op_uint(op::LOAD_FAST_N, n, 1);
        }
    }

    pub fn store_fast(&mut self, n: u32) {
        if n < 16 {
            self.e.op(op::STORE_FAST_MULTI + n as u8, -1);
        } else {
            self.e.op_uint(op::STORE_FAST_N, n, -1);
        }
    }

    pub fn load_id(&mut self, name: &str) {
        if self.pass() == Pass::Scope {
            self.scope_mut().find_or_add(name, IdKind::GlobalImplicit);
            return;
        }
        match self.id_lookup(name) {
            (IdKind::GlobalExplicit, _) => self.op_q(op::LOAD_GLOBAL, name, 1),
            (IdKind::Local, n) => self.load_fast(n),
            (IdKind::Cell | IdKind::Free, n) => self.e.op_uint(op::LOAD_DEREF, n, 1),
            _ => {
                if self.scope().kind.is_func_like() {
                    self.op_q(op::LOAD_GLOBAL, name, 1)
                } else {
                    self.op_q(op::LOAD_NAME, name, 1)
                }
            }
        }
    }

    pub fn store_id(&mut self, name: &str) {
        if self.pass() == Pass::Scope {
            self.scope_mut().modify(name);
            return;
        }
        match self.id_lookup(name) {
            (IdKind::GlobalExplicit, _) => self.op_q(op::STORE_GLOBAL, name, -1),
            (IdKind::Local, n) => self.store_fast(n),
            (IdKind::Cell | IdKind::Free, n) => self.e.op_uint(op::STORE_DEREF, n, -1),
            _ => {
                if self.scope().kind.is_func_like() {
                    self.op_q(op::STORE_GLOBAL, name, -1)
                } else {
                    self.op_q(op::STORE_NAME, name, -1)
                }
            }
        }
    }

    pub fn delete_id(&mut self, name: &str) {
        if self.pass() == Pass::Scope {
            self.scope_mut().modify(name);
            return;
        }
        match self.id_lookup(name) {
            (IdKind::GlobalExplicit, _) => self.op_q(op::DELETE_GLOBAL, name, 0),
            (IdKind::Local, n) => self.e.op_uint(op::DELETE_FAST, n, 0),
            (IdKind::Cell | IdKind::Free, n) => self.e.op_uint(op::DELETE_DEREF, n, 0),
            _ => {
                if self.scope().kind.is_func_like() {
                    self.op_q(op::DELETE_GLOBAL, name, 0)
                } else {
                    self.op_q(op::DELETE_NAME, name, 0)
                }
            }
        }
    }

    // ---- exception levels ---------------------------------------------------

    pub fn increase_except_level(&mut self) {
        self.except_level += 1;
        let lvl = self.except_level;
        let s = self.scope_mut();
        if lvl > s.exc_stack_size {
            s.exc_stack_size = lvl;
        }
    }

    pub fn decrease_except_level(&mut self) {
        self.except_level = self.except_level.saturating_sub(1);
    }

    // ---- passes -----------------------------------------------------------

    /// Argument names written in the prelude, by local slot: parameters
    /// by name, other slots (free variables) as `*`.
    fn arg_names(&self, idx: usize) -> Vec<String> {
        let s = &self.scopes[idx];
        let n = s.num_pos_args + s.num_kwonly_args;
        (0..n)
            .map(|i| {
                s.ids
                    .iter()
                    .find(|id| id.local_num == i && id.flags & scope::FLAG_PARAM != 0 && id.kind != IdKind::Free)
                    .map(|id| id.name.clone())
                    .unwrap_or_else(|| String::from("*"))
            })
            .collect()
    }

    fn run_pass(&mut self, idx: usize, pass: Pass) {
        self.cur = idx;
        self.e = core::mem::take(&mut self.emitters[idx]);
        self.e.start_pass(pass);
        self.e.record_lines = self.opts.opt_level < 3 && self.source_lines;
        self.next_label = 0;
        self.loop_ctx = None;
        self.except_level = 0;
        self.child_cursor = 0;
        let name = self.scopes[idx].name.clone();
        self.t.qstr(&name);
        if pass != Pass::Scope {
            for a in self.arg_names(idx) {
                self.t.qstr(&a);
            }
        }
        match self.nodes[idx] {
            Node::Module(m) => self.compile_module_body(m),
            Node::Func(f) => self.compile_func_body(f),
            Node::Lambda(a, b) => self.compile_lambda_body(a, b),
            Node::Class(c) => self.compile_class_body(c),
            Node::Comp(e) => self.compile_comp_body(e),
        }
        self.emitters[idx] = core::mem::take(&mut self.e);
    }

    fn finish_scope(&mut self, idx: usize) -> Vec<u8> {
        let s = &self.scopes[idx];
        let em = &self.emitters[idx];
        let mut n_state = s.num_locals + em.max_stack.max(0) as u32;
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
        let mut cells: Vec<u8> = Vec::new();
        for id in &s.ids {
            if id.kind == IdKind::Cell {
                cells.push(id.local_num as u8);
            }
        }
        let lines = encode_lines(&em.lines);
        let name = s.name.clone();
        let args = self.arg_names(idx);
        let name_q = self.t.qstr(&name);
        let arg_q: Vec<u32> = args.iter().map(|a| self.t.qstr(a)).collect();
        let mut out = Vec::new();
        encode_prelude(&mut out, &sig, name_q, &arg_q, &lines, &cells);
        out.extend_from_slice(&self.emitters[idx].code);
        out
    }

    fn build_raw_code(&self, idx: usize, data: &mut Vec<Option<Vec<u8>>>) -> RawCode {
        let children = self.emitters[idx].children.iter().map(|&c| self.build_raw_code(c, data)).collect();
        RawCode { kind: RawCodeKind::Bytecode, fun_data: data[idx].take().unwrap_or_default(), children }
    }
}

/// Compiles a parsed module to raw code (see [`crate::compile()`]).
pub fn compile_ast<'a>(
    module: &'a ast::Module,
    filename: &str,
    opts: &'a CompileOptions,
    source: Option<&'a [u8]>,
    source_lines: bool,
) -> Result<CompiledModule, (CompileError, Option<String>)> {
    let mut c = Compiler::new(opts, filename);
    c.source_lines = source_lines;
    c.source = source;
    c.tokens = source.map(crate::interned::scan_source);
    c.repl = matches!(module, ast::Module::Single(_));
    crate::interned::collect_idents(module, &mut c.ident_lines);
    c.scopes.push(Scope::new(ScopeKind::Module, None, "<module>", 1));
    c.nodes.push(Node::Module(module));
    c.emitters.push(Emitter::new());
    let mut i = 0;
    while i < c.scopes.len() {
        c.run_pass(i, Pass::Scope);
        if let Some(e) = c.error.take() {
            return Err((e, c.error_scope.take()));
        }
        let n = c.scopes[i].ids.len();
        for j in 0..n {
            if c.scopes[i].ids[j].kind == IdKind::GlobalImplicit {
                scope::check_to_close_over(&mut c.scopes, i, j);
            }
        }
        i += 1;
    }
    for i in 0..c.scopes.len() {
        scope::compute_locals(&mut c.scopes, i);
    }
    let mut data: Vec<Option<Vec<u8>>> = Vec::new();
    for i in 0..c.scopes.len() {
        c.run_pass(i, Pass::StackSize);
        let max_stack = c.emitters[i].max_stack;
        c.run_pass(i, Pass::CodeSize);
        let mut size = c.emitters[i].code.len();
        for _ in 0..64 {
            c.run_pass(i, Pass::Emit);
            let n = c.emitters[i].code.len();
            if n == size {
                break;
            }
            size = n;
        }
        c.emitters[i].max_stack = max_stack;
        if let Some(e) = c.error.take() {
            return Err((e, c.error_scope.take()));
        }
        data.push(None);
    }
    for (i, d) in data.iter_mut().enumerate() {
        *d = Some(c.finish_scope(i));
    }
    let raw_code = c.build_raw_code(0, &mut data);
    Ok(CompiledModule { qstrs: c.t.qstrs, consts: c.t.consts, raw_code, small_int_bits: opts.small_int_bits })
}
