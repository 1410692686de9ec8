//! Functions, lambdas, classes and comprehensions: creating their scopes,
//! default arguments, closures, decorators, and compiling their bodies.

use super::seq::{ADJUST, JUMP, LABEL};
use super::{Compiler, Msg, Node};
use crate::ast::{Arguments, ClassDef, CompKind, Comprehension, Expr, ExprKind, FunctionDef, Module, Stmt};
use crate::emit::Pass;
use crate::scope::{self, flags, IdKind, ScopeKind};
use mpy_bytecode::opcode as op;

impl<'a> Compiler<'a> {
    // ---- making function objects --------------------------------------------

    /// Emits default arguments for `args` (positional defaults as a tuple,
    /// keyword-only defaults as a dict), returning (n_pos_defaults,
    /// n_kw_defaults).
    fn defaults(&mut self, args: &'a Arguments) -> (u32, u32) {
        let mut n_pos = 0u32;
        let mut n_kw = 0u32;
        for p in &args.args {
            if let Some(d) = &p.default {
                self.expr(d);
                n_pos += 1;
            }
        }
        for p in &args.kwonly {
            if let Some(d) = &p.default {
                if n_kw == 0 {
                    if n_pos > 0 {
                        self.e.op_uint(op::BUILD_TUPLE, n_pos, 1 - n_pos as i32);
                    } else {
                        self.e.op(op::LOAD_NULL);
                    }
                    self.e.op_uint(op::BUILD_MAP, 0, 1);
                }
                self.expr(d);
                self.load_const_str_qstr(&p.name);
                self.e.op(op::STORE_MAP);
                n_kw += 1;
            }
        }
        if n_pos > 0 && n_kw == 0 {
            self.e.op_uint(op::BUILD_TUPLE, n_pos, 1 - n_pos as i32);
            self.e.op(op::LOAD_NULL);
        }
        (n_pos, n_kw)
    }

    /// Loads the cells the child scope closes over and makes the function
    /// or closure object.
    pub(crate) fn make_function(&mut self, child: usize, n_pos_def: u32, n_kw_def: u32) {
        let mut nfree = 0u32;
        if self.scope().kind != ScopeKind::Module && self.pass() != Pass::Scope {
            for j in 0..self.scope().ids.len() {
                let crate::scope::IdInfo { name, kind, local_num: num, .. } = self.scope().ids[j];
                if matches!(kind, IdKind::Cell | IdKind::Free) {
                    let matches = self.scope_at(child)
                        .ids
                        .iter()
                        .filter(|i| i.kind == IdKind::Free && i.name == name)
                        .count();
                    for _ in 0..matches {
                        self.load_fast(num);
                        nfree += 1;
                    }
                }
            }
        }
        let idx = self.e.next_child;
        self.e.next_child += 1;
        let _ = self.mem.push(&mut self.e.children, child as u32);
        let has_def = n_pos_def > 0 || n_kw_def > 0;
        // MAKE_FUNCTION, MAKE_CLOSURE, each followed by its _DEFARGS form
        // (which pops the defaults: two values).
        let stack = 1 - 2 * i32::from(has_def) - nfree as i32;
        if nfree == 0 {
            self.e.op_uint(op::MAKE_FUNCTION + u8::from(has_def), idx, stack);
        } else {
            self.e.op_uint_byte(op::MAKE_CLOSURE + u8::from(has_def), idx, nfree as u8, stack);
        }
    }

    /// Compiles decorators (MicroPython's grammar: a dotted name with an
    /// optional call; attribute chains use LOAD_ATTR, calls CALL_FUNCTION).
    fn decorator(&mut self, d: &'a Expr) {
        match &d.kind {
            ExprKind::Call { func, args, op_dline } => {
                self.decorator_name(func);
                self.e.set_line(d.op_line(*op_dline));
                self.call_args(args, false, 0);
            }
            _ => self.decorator_name(d),
        }
    }

    fn decorator_name(&mut self, d: &'a Expr) {
        if self.deep() {
            return;
        }
        match &d.kind {
            ExprKind::Attribute { value, attr, .. } => {
                self.decorator_name(value);
                self.op_q(op::LOAD_ATTR, attr);
            }
            _ => self.expr(d),
        }
    }

    /// `@micropython.<emitter>` decorators select the code emitter: they
    /// are not compiled as calls. Only `bytecode` is supported; the native
    /// emitters report "invalid arch" like `mpy-cross` without `-march`.
    /// Returns true if `d` is such a decorator.
    fn builtin_decorator(&mut self, d: &Expr) -> bool {
        let ExprKind::Attribute { value, attr, .. } = &d.kind else { return false };
        if !matches!(&value.kind, ExprKind::Name(n) if crate::is(n, "micropython")) {
            return false;
        }
        match &**attr {
            "bytecode" => {}
            "native" | "viper" | "asm_thumb" | "asm_xtensa" | "asm_rv32" => self.syntax_error(Msg::InvalidArch, d.line()),
            _ => self.syntax_error(Msg::InvalidMicropythonDecorator, d.line()),
        }
        true
    }

    /// `def` statement in the enclosing scope.
    pub(crate) fn funcdef(&mut self, f: &'a FunctionDef, line: u32) {
        let mut n_calls = 0;
        for d in &f.decorators {
            if !self.builtin_decorator(d) {
                self.decorator(d);
                n_calls += 1;
            }
        }
        let child = self.child_scope(ScopeKind::Function, &f.name, Node::Func(f), line);
        let (np, nk) = self.defaults(&f.args);
        if self.pass() == Pass::Scope {
            self.scope_at_mut(child).is_async = f.is_async;
        }
        self.make_function(child, np, nk);
        for _ in 0..n_calls {
            self.call1();
        }
        self.store_id(&f.name);
    }

    /// `lambda` expression.
    pub(crate) fn lambda(&mut self, f: &'a FunctionDef, line: u32) {
        let child = self.child_scope(ScopeKind::Lambda, "<lambda>", Node::Lambda(f), line);
        let (np, nk) = self.defaults(&f.args);
        self.make_function(child, np, nk);
    }

    /// `class` statement in the enclosing scope.
    pub(crate) fn classdef(&mut self, c: &'a ClassDef, line: u32) {
        for d in &c.decorators {
            self.decorator(d);
        }
        self.e.op(op::LOAD_BUILD_CLASS);
        let child = self.child_scope(ScopeKind::Class, &c.name, Node::Class(c), line);
        self.make_function(child, 0, 0);
        self.load_const_str_qstr(&c.name);
        self.call_args(&c.bases, false, 2);
        for _ in &c.decorators {
            self.call1();
        }
        self.store_id(&c.name);
    }

    /// Comprehension or generator expression in the enclosing scope.
    pub(crate) fn comprehension(&mut self, e: &'a Expr, kind: ScopeKind) {
        let gens = comp_generators(e);
        let Some(first) = gens.first() else { return };
        let name = match kind {
            ScopeKind::ListComp => "<listcomp>",
            ScopeKind::DictComp => "<dictcomp>",
            ScopeKind::SetComp => "<setcomp>",
            _ => "<genexpr>",
        };
        // The comprehension node starts at its element expression.
        let line = match &e.kind {
            ExprKind::Comp { elt, .. } => elt.line(),
            _ => e.line(),
        };
        let child = self.child_scope(kind, name, Node::Comp(e), line);
        self.make_function(child, 0, 0);
        self.expr(&first.iter);
        if kind == ScopeKind::GenExpr {
            self.e.op(op::GET_ITER);
        }
        self.call1();
    }

    // ---- scope bodies ---------------------------------------------------------

    fn add_params(&mut self, args: &'a Arguments, line: u32) {
        if self.pass() != Pass::Scope {
            return;
        }
        let mut ok = true;
        let mem = self.mem;
        let s = self.scope_mut();
        for p in &args.args {
            ok &= s.add_param(mem, &p.name, 0);
            if p.default.is_some() {
                s.num_def_pos_args += 1;
            }
            s.num_pos_args += 1;
        }
        if let Some(v) = &args.vararg {
            ok &= s.add_param(mem, &v.name, scope::FLAG_STAR_PARAM);
            s.flags |= flags::VARARGS;
        }
        for p in &args.kwonly {
            ok &= s.add_param(mem, &p.name, 0);
            s.num_kwonly_args += 1;
            if p.default.is_some() {
                s.flags |= flags::DEFKWARGS;
            }
        }
        if let Some(k) = &args.kwarg {
            ok &= s.add_param(mem, &k.name, scope::FLAG_DBL_STAR_PARAM);
            s.flags |= flags::VARKEYWORDS;
        }
        if args.vararg.is_some() {
            s.reorder_star_param();
        }
        if !ok {
            self.syntax_error(Msg::ArgumentNameReused, line);
        }
    }

    pub(crate) fn compile_module_body(&mut self, m: &'a Module) {
        match m {
            Module::Exec(stmts) | Module::Single(stmts) => {
                self.stmts(stmts);
                self.e.op(op::LOAD_CONST_NONE);
                self.e.op(op::RETURN_VALUE);
            }
            Module::Eval(e) => {
                self.expr(e);
                self.e.op(op::RETURN_VALUE);
            }
        }
    }

    pub(crate) fn compile_func_body(&mut self, f: &'a FunctionDef) {
        let line = self.scope().line;
        self.add_params(&f.args, line);
        if self.pass() == Pass::Scope && f.is_async {
            self.scope_mut().flags |= flags::GENERATOR;
        }
        self.stmts(&f.body);
        self.e.op(op::LOAD_CONST_NONE);
        self.e.op(op::RETURN_VALUE);
    }

    pub(crate) fn compile_lambda_body(&mut self, f: &'a FunctionDef) {
        let line = self.scope().line;
        self.add_params(&f.args, line);
        self.e.set_line(line);
        if let Some(body) = &f.returns {
            self.expr(body);
        }
        if self.scope().flags & flags::GENERATOR != 0 {
            self.e.op(op::POP_TOP);
            self.e.op(op::LOAD_CONST_NONE);
        }
        self.e.op(op::RETURN_VALUE);
    }

    pub(crate) fn compile_class_body(&mut self, c: &'a ClassDef) {
        if self.pass() == Pass::Scope {
            let mem = self.mem;
            let _ = self.scope_mut().find_or_add(mem, "__class__", IdKind::Local);
        }
        self.load_id("__name__");
        self.store_id("__module__");
        self.load_const_str_qstr(&c.name);
        self.store_id("__qualname__");
        self.stmts(&c.body);
        // (Names are unique in a scope: the first `__class__` is the one.)
        let cell = self.scope().ids.iter().find(|id| crate::is(id.name, "__class__"));
        match cell {
            Some(id) if id.kind == IdKind::Cell => self.load_fast(id.local_num),
            _ => self.e.op(op::LOAD_CONST_NONE),
        }
        self.e.op(op::RETURN_VALUE);
    }

    pub(crate) fn compile_comp_body(&mut self, e: &'a Expr) {
        let kind = self.scope().kind;
        let line = self.scope().line;
        self.e.set_line(line);
        if self.pass() == Pass::Scope {
            let mem = self.mem;
            self.scope_mut().add_param(mem, "*", 0);
            self.scope_mut().num_pos_args = 1;
            if kind == ScopeKind::GenExpr {
                self.scope_mut().flags |= flags::GENERATOR;
            }
        }
        match kind {
            ScopeKind::ListComp => self.e.op_uint(op::BUILD_LIST, 0, 1),
            ScopeKind::DictComp => self.e.op_uint(op::BUILD_MAP, 0, 1),
            ScopeKind::SetComp => self.e.op_uint(op::BUILD_SET, 0, 1),
            _ => {}
        }
        if kind == ScopeKind::GenExpr {
            self.e.op(op::LOAD_NULL);
            self.load_id("*");
            self.e.op(op::LOAD_NULL);
            self.e.op(op::LOAD_NULL);
        } else {
            self.load_id("*");
            self.e.op(op::GET_ITER_STACK);
        }
        let gens = comp_generators(e);
        self.comp_iter(e, gens, 0);
        if kind == ScopeKind::GenExpr {
            self.e.op(op::LOAD_CONST_NONE);
        }
        self.e.op(op::RETURN_VALUE);
    }

    fn comp_iter(&mut self, e: &'a Expr, gens: &'a [Comprehension], depth: u32) {
        let Some(g) = gens.first() else { return };
        if self.deep() {
            return;
        }
        if depth > 0 {
            self.expr(&g.iter);
            self.e.op(op::GET_ITER_STACK);
        }
        // Labels: end, top.
        let l_end = self.new_labels(2);
        let l_top = l_end + 1;
        self.seq(&[LABEL + 1, JUMP, op::FOR_ITER, 0], l_end);
        self.assign(&g.target);
        for cond in &g.ifs {
            self.c_if_cond(cond, false, l_top);
        }
        if gens.len() > 1 {
            self.comp_iter(e, &gens[1..], depth + 1);
        } else {
            let ExprKind::Comp { kind, elt, .. } = &e.kind else { return };
            if *kind == CompKind::Generator {
                self.expr(elt);
                self.e.op(op::YIELD_VALUE);
                self.e.op(op::POP_TOP);
            } else {
                let dict = *kind == CompKind::Dict;
                match &elt.kind {
                    // The value, then the key.
                    ExprKind::Dict(kv) if dict => {
                        for x in kv.iter().rev() {
                            self.expr(x);
                        }
                    }
                    _ => self.expr(elt),
                }
                // The collection's stack slot below the iterators and the
                // item(s), then its kind in the low bits: list 0, dict 1,
                // set 2 (`CompKind`'s order).
                let slot = 4 * depth + 5 + u32::from(dict);
                self.e.op_uint(op::STORE_COMP, slot << 2 | *kind as u32, -1 - i32::from(dict));
            }
        }
        self.seq(&[JUMP, op::JUMP, 1, LABEL, ADJUST, -4i8 as u8], l_end);
    }
}

/// The `for` clauses of a comprehension expression.
pub(crate) fn comp_generators(e: &Expr) -> &[Comprehension] {
    match &e.kind {
        ExprKind::Comp { generators, .. } => generators,
        _ => &[],
    }
}

/// Unused helper to keep the Stmt import meaningful for docs.
#[allow(dead_code)]
fn _stmt_marker(_: &Stmt) {}
