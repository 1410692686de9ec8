//! Statements: assignment targets, control flow, loops (including the
//! `for x in range(...)` counter form), imports, declarations.

use super::fold::{CVal, Intern};
use super::{Compiler, LoopCtx, Msg};
use crate::ast::{
    Alias, AnnAssignStmt, Arg, AssertStmt, AssignStmt, Elif, Expr, ExprKind, ForStmt, IfStmt, Stmt, StmtKind, TryStmt,
    WithItem, WithStmt,
};
use crate::emit::{Label, Pass};
use crate::scope::{IdKind, ScopeKind};
use super::seq::{ADJUST, JUMP, LABEL};
use mpy_bytecode::opcode as op;

impl<'a> Compiler<'a> {
    pub(crate) fn stmts(&mut self, body: &'a [Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    fn is_lonely_constant(&self, e: &Expr) -> bool {
        !matches!(e.kind, ExprKind::Name(_)) && self.folds(e)
    }

    fn stmt(&mut self, s: &'a Stmt) {
        if self.deep() {
            return;
        }
        let line = s.line;
        let first_line = match &s.kind {
            StmtKind::FunctionDef(f) | StmtKind::ClassDef(f) => f.decorators.first().map_or(line, |d| d.line()),
            _ => line,
        };
        if !self.is_hidden_const_def(s) {
            self.e.set_line(first_line);
        }
        match &s.kind {
            StmtKind::Pass => return,
            StmtKind::Expr(e) if !self.repl_here() && self.is_lonely_constant(e) => return,
            _ => {}
        }
        match &s.kind {
            StmtKind::FunctionDef(f) => self.funcdef(f, line),
            StmtKind::ClassDef(c) => self.classdef(c, line),
            StmtKind::Return(v) => self.return_stmt(v.as_ref(), line),
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.target(t, true);
                }
            }
            StmtKind::Assign(node) => {
                let AssignStmt { targets, value } = node;
                self.assign_stmt(targets, value, line)
            }
            StmtKind::AugAssign { op: o, target, value } => self.aug_assign(target, *o, value, line),
            StmtKind::AnnAssign(node) => {
                let AnnAssignStmt { target, value, .. } = node;
                if let Some(v) = value {
                    self.expr(v);
                    self.assign(target);
                } else if let ExprKind::Name(n) = &target.kind {
                    // MicroPython registers the name but emits nothing.
                    if self.pass() == Pass::Scope && self.scope().kind.is_func_like() {
                        let mem = self.mem;
                        self.scope_mut().modify(mem, n);
                    }
                }
            }
            StmtKind::For(node) => {
                let ForStmt { items, body, orelse, is_async, .. } = &**node;
                let [WithItem { context_expr: iter, optional_vars: Some(target) }] = &items[..] else { return };
                if *is_async {
                    self.async_for(target, iter, body, orelse.as_deref(), line);
                } else {
                    self.for_stmt(target, iter, body, orelse.as_deref());
                }
            }
            StmtKind::While(node) => {
                let IfStmt { clauses, orelse, .. } = &**node;
                if let [Elif { test: Some(test), body, .. }] = &clauses[..] {
                    self.while_stmt(test, body, orelse.as_deref())
                }
            }
            StmtKind::If(node) => {
                let IfStmt { clauses, orelse, .. } = &**node;
                let l_end = self.new_label();
                for (i, el) in clauses.iter().enumerate() {
                    let Some(test) = &el.test else { continue };
                    let t = self.const_truth(test);
                    if t != Some(false) {
                        let l_fail = self.new_label();
                        self.c_if_cond(test, false, l_fail);
                        self.stmts(&el.body);
                        if t == Some(true) {
                            self.e.label(l_end);
                            return;
                        }
                        // The `if` clause does not jump over nothing (no
                        // `elif`/`else` after it); an `elif` always jumps.
                        if i > 0 || clauses.len() > 1 || orelse.is_some() {
                            self.e.jump(op::JUMP, l_end);
                        }
                        self.e.label(l_fail);
                    }
                }
                if let Some(b) = orelse {
                    self.stmts(b);
                }
                self.e.label(l_end);
            }
            StmtKind::With(node) => {
                let WithStmt { items, body, is_async, .. } = &**node;
                if *is_async {
                    self.async_with(items, body, line);
                } else {
                    self.with_stmt(items, body);
                }
            }
            StmtKind::Raise(node) => {
                // RAISE_LAST, RAISE_OBJ, RAISE_FROM: by the operands given.
                let mut o = op::RAISE_LAST;
                if let Some(x) = &node.exc {
                    self.expr(x);
                    o += 1;
                    if let Some(c) = &node.cause {
                        self.expr(c);
                        o += 1;
                    }
                }
                self.e.op(o);
            }
            StmtKind::Try(node) => {
                let TryStmt { body, clauses: handlers, orelse, finalbody, .. } = &**node;
                self.try_stmt(body, handlers, orelse.as_deref(), finalbody.as_deref(), line)
            }
            StmtKind::Assert(node) => {
                let AssertStmt { test, msg } = node;
                if self.opts.opt_level != 0 {
                    return;
                }
                let l_end = self.new_label();
                self.c_if_cond(test, true, l_end);
                self.op_q(op::LOAD_GLOBAL, "AssertionError");
                if let Some(m) = msg {
                    self.expr(m);
                    self.call1();
                }
                self.e.op(op::RAISE_OBJ);
                self.e.label(l_end);
            }
            StmtKind::Import(aliases) => {
                for a in aliases {
                    self.import_name(a);
                }
            }
            StmtKind::ImportFrom { module, names, level } => {
                self.import_from(module.as_deref(), names, names.is_empty(), *level, line)
            }
            StmtKind::Global(names) => self.declare(names, true, line),
            StmtKind::Nonlocal(names) => self.declare(names, false, line),
            StmtKind::Expr(e) => {
                let repl = self.repl_here();
                if repl {
                    self.load_id("__repl_print__");
                }
                self.expr(e);
                if repl {
                    self.call1();
                }
                self.e.op(op::POP_TOP);
            }
            StmtKind::Pass => {}
            StmtKind::Break | StmtKind::Continue => {
                let l = self.loop_ctx;
                if l.brk == Label::MAX {
                    self.syntax_error(Msg::BreakContinueOutsideLoop, line);
                    return;
                }
                let depth = self.except_level - (l.level >> 1);
                if matches!(s.kind, StmtKind::Break) {
                    self.unwind_jump(l.brk, depth, l.level & 1 != 0);
                } else {
                    self.unwind_jump(l.brk + 1, depth, false);
                }
            }
        }
    }

    /// `_NAME = const(...)`: the parser drops the statement entirely.
    fn is_hidden_const_def(&self, s: &Stmt) -> bool {
        let StmtKind::Assign(node) = &s.kind else { return false };
        matches!(const_call(&node.targets, &node.value), Some((n, [_])) if n.starts_with('_'))
    }

    fn repl_here(&self) -> bool {
        self.repl && self.scope().kind == ScopeKind::Module
    }

    /// Jump out of `depth` exception handlers (and a for-iterator when
    /// `from_for`), MicroPython's unwind_jump.
    pub(crate) fn unwind_jump(&mut self, label: Label, depth: u32, from_for: bool) {
        if depth == 0 {
            if from_for {
                self.e.raw(&[op::POP_TOP; 4]);
            }
            self.e.jump(op::JUMP, label);
        } else {
            let b = (depth as u8 & 0x7f) | if from_for { 0x80 } else { 0 };
            self.e.unwind_jump(label, b);
        }
    }

    fn return_stmt(&mut self, v: Option<&'a Expr>, line: u32) {
        if self.scope().kind != ScopeKind::Function {
            self.syntax_error(Msg::ReturnOutsideFunction, line);
            return;
        }
        match v {
            None => self.e.op(op::LOAD_CONST_NONE),
            Some(x) => {
                if let ExprKind::IfExp { test, body, orelse } = &x.kind {
                    if !self.folds(x) {
                        self.e.set_line(x.line());
                        let l_fail = self.new_label();
                        self.c_if_cond(test, false, l_fail);
                        self.expr(body);
                        self.e.op(op::RETURN_VALUE);
                        self.e.label(l_fail);
                        self.expr(orelse);
                        self.e.op(op::RETURN_VALUE);
                        return;
                    }
                }
                self.expr(x)
            }
        }
        self.e.op(op::RETURN_VALUE);
    }

    // ---- assignment -----------------------------------------------------------

    /// `X = const(v)`: returns true if handled as a constant definition.
    fn const_def(&mut self, targets: &'a [Expr], value: &'a Expr, line: u32) -> bool {
        let Some((name, [Arg::Positional(arg)])) = const_call(targets, value) else { return false };
        let Some(mut v) = self.fold(arg) else {
            self.parse_error(Msg::NotAConstant, line);
            return true;
        };
        if !name.starts_with('_') {
            self.load_cval(&v);
            self.store_id(name);
        }
        // A use of the name loads a str object, even a short or interned
        // one (MicroPython's parser keeps the value as an object).
        if let CVal::Str(_, q) = &mut v {
            *q = Intern::Object;
        }
        let mem = self.mem;
        self.consts.insert(mem, name, v);
        true
    }

    fn assign_stmt(&mut self, targets: &'a [Expr], value: &'a Expr, line: u32) {
        if self.const_def(targets, value, line) {
            return;
        }
        if let ([t], ExprKind::Tuple(rhs)) = (targets, &value.kind) {
            if let ExprKind::Tuple(lhs) = &t.kind {
                let n = lhs.len();
                if (n == 2 || n == 3)
                    && rhs.len() == n
                    && !t.parenthesized()
                    && !value.parenthesized()
                    && !self.folds(value)
                    && !lhs.iter().any(|x| matches!(x.kind, ExprKind::Starred(_)))
                    && !rhs.iter().any(|x| matches!(x.kind, ExprKind::Starred(_)))
                {
                    for r in rhs {
                        self.expr(r);
                    }
                    if n == 3 {
                        self.e.op(op::ROT_THREE);
                    }
                    self.e.op(op::ROT_TWO);
                    for l in lhs {
                        self.assign(l);
                    }
                    return;
                }
            }
        }
        self.expr(value);
        let n = targets.len();
        for (i, t) in targets.iter().enumerate() {
            if i + 1 < n {
                self.e.op(op::DUP_TOP);
            }
            self.assign(t);
        }
    }

    /// Stores the value on top of the stack into target `t`.
    pub(crate) fn assign(&mut self, t: &'a Expr) {
        self.target(t, false);
    }

    /// Stores into (or, if `del`, deletes) target `t`: one body for both
    /// (`del x.a` is `STORE_ATTR` of a NULL).
    fn target(&mut self, t: &'a Expr, del: bool) {
        if self.deep() {
            return;
        }
        match &t.kind {
            ExprKind::Name(n) => self.name_op(n, 1 + usize::from(del)),
            ExprKind::Attribute { value, attr, .. } => {
                self.assign_target_base(value);
                if del {
                    self.e.op(op::LOAD_NULL);
                    self.e.op(op::ROT_TWO);
                }
                self.op_q(op::STORE_ATTR, attr);
            }
            ExprKind::Subscript { value, index, .. } => {
                self.assign_target_base(value);
                self.subscript_index(index);
                if del {
                    self.e.op(op::LOAD_NULL);
                    self.e.op(op::ROT_THREE);
                }
                self.e.op(op::STORE_SUBSCR);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                if !del {
                    self.assign_seq(items, t.line());
                    return;
                }
                for it in items {
                    self.target(it, true);
                }
            }
            _ => {
                let m = if del { Msg::CantDeleteExpression } else { Msg::CantAssignToExpression };
                self.syntax_error(m, t.line());
            }
        }
    }

    /// The object of an attribute/subscript target (assignment, augmented
    /// assignment, `del`): MicroPython compiles the target's trailers one
    /// by one, each setting its line, with no method-call optimisation,
    /// and does not set the line of the target node itself.
    pub(crate) fn assign_target_base(&mut self, value: &'a Expr) {
        if self.deep() {
            return;
        }
        match &value.kind {
            ExprKind::Attribute { value: v, attr, op_dline } => {
                self.assign_target_base(v);
                self.e.set_line(value.op_line(*op_dline));
                self.op_q(op::LOAD_ATTR, attr);
            }
            ExprKind::Subscript { value: v, index, op_line } => {
                self.assign_target_base(v);
                self.e.set_line(*op_line);
                self.subscript_index(index);
                self.e.op(op::LOAD_SUBSCR);
            }
            ExprKind::Call { func, args, op_dline } => {
                self.assign_target_base(func);
                self.e.set_line(value.op_line(*op_dline));
                self.call_args(args, false, 0);
            }
            _ => self.expr(value),
        }
    }

    fn assign_seq(&mut self, items: &'a [Expr], line: u32) {
        let stars: usize = items.iter().filter(|x| matches!(x.kind, ExprKind::Starred(_))).count();
        if stars > 1 {
            self.syntax_error(Msg::MultipleStarXInAssignment, line);
            return;
        }
        if stars == 0 {
            let n = items.len() as u32;
            self.e.op_uint(op::UNPACK_SEQUENCE, n, n as i32 - 1);
        } else {
            let pos = items.iter().position(|x| matches!(x.kind, ExprKind::Starred(_))).unwrap_or(0);
            let left = pos as u32;
            let right = (items.len() - pos - 1) as u32;
            self.e.op_uint(op::UNPACK_EX, left | (right << 8), (left + right) as i32);
        }
        for it in items {
            match &it.kind {
                ExprKind::Starred(inner) => self.assign(inner),
                _ => self.assign(it),
            }
        }
    }

    fn aug_assign(&mut self, target: &'a Expr, o: crate::ast::BinOp, value: &'a Expr, line: u32) {
        match &target.kind {
            ExprKind::Name(n) => {
                self.load_id(n);
                self.expr(value);
                self.inplace_op(o);
                self.store_id(n);
            }
            ExprKind::Attribute { value: obj, attr, .. } => {
                self.assign_target_base(obj);
                self.e.op(op::DUP_TOP);
                self.op_q(op::LOAD_ATTR, attr);
                self.expr(value);
                self.inplace_op(o);
                self.e.op(op::ROT_TWO);
                self.op_q(op::STORE_ATTR, attr);
            }
            ExprKind::Subscript { value: obj, index, .. } => {
                self.assign_target_base(obj);
                self.subscript_index(index);
                self.e.op(op::DUP_TOP_TWO);
                self.e.op(op::LOAD_SUBSCR);
                self.expr(value);
                self.inplace_op(o);
                self.e.op(op::ROT_THREE);
                self.e.op(op::STORE_SUBSCR);
            }
            _ => self.syntax_error(Msg::CantAssignToExpression, line),
        }
    }

    // ---- loops ----------------------------------------------------------------

    /// Enters a loop: its `break` and `continue` labels are the next two
    /// (`self.loop_ctx.brk` and the one after). Returns the enclosing
    /// loop's context, restored when the body ends.
    fn start_loop(&mut self, from_for: bool) -> LoopCtx {
        let ctx = LoopCtx { brk: self.new_labels(2), level: self.except_level << 1 | u32::from(from_for) };
        core::mem::replace(&mut self.loop_ctx, ctx)
    }

    /// Ends a loop started by [`Compiler::start_loop`]: the enclosing
    /// loop's context `old` comes back, then the `else` body and the
    /// `break` label.
    pub(crate) fn end_loop(&mut self, old: LoopCtx, orelse: Option<&'a [Stmt]>) {
        let brk = self.loop_ctx.brk;
        self.loop_ctx = old;
        self.stmts(orelse.unwrap_or_default());
        self.e.label(brk);
    }

    fn while_stmt(&mut self, test: &'a Expr, body: &'a [Stmt], orelse: Option<&'a [Stmt]>) {
        let old = self.start_loop(false);
        let brk = self.loop_ctx.brk;
        let t = self.const_truth(test);
        if t != Some(false) {
            let top = self.new_label();
            if t != Some(true) {
                self.e.jump(op::JUMP, brk + 1);
            }
            self.e.label(top);
            self.stmts(body);
            self.e.label(brk + 1);
            self.c_if_cond(test, true, top);
        }
        self.end_loop(old, orelse);
    }

    /// Range arguments (start, end, step) if `iter` is `range(...)` in the
    /// form MicroPython compiles as a counter loop.
    fn range_args(&self, target: &Expr, iter: &'a Expr) -> Option<(Option<&'a Expr>, &'a Expr, Option<&'a Expr>, i64)> {
        if !matches!(target.kind, ExprKind::Name(_)) {
            return None;
        }
        let ExprKind::Call { func, args, .. } = &iter.kind else { return None };
        let ExprKind::Name(n) = &func.kind else { return None };
        if !crate::is(n, "range") || args.is_empty() || args.len() > 3 {
            return None;
        }
        let mut pos: [&'a Expr; 3] = [iter; 3];
        for (slot, a) in pos.iter_mut().zip(args.iter()) {
            match a {
                Arg::Positional(x) => *slot = x,
                _ => return None,
            }
        }
        match args.len() {
            1 => Some((None, pos[0], None, 1)),
            2 => Some((Some(pos[0]), pos[1], None, 1)),
            _ => {
                let step = self.fold(pos[2])?;
                if !self.is_small_int(&step) {
                    return None;
                }
                let s = step.as_i64()?;
                if s == 0 {
                    return None;
                }
                Some((Some(pos[0]), pos[1], Some(pos[2]), s))
            }
        }
    }

    fn for_stmt(&mut self, target: &'a Expr, iter: &'a Expr, body: &'a [Stmt], orelse: Option<&'a [Stmt]>) {
        if let Some((start, end, step, step_v)) = self.range_args(target, iter) {
            self.for_range(target, start, end, step, step_v, body, orelse);
            return;
        }
        let old = self.start_loop(true);
        let brk = self.loop_ctx.brk;
        // Labels from `brk`: break, continue, and the exhausted iterator's.
        self.new_label();
        self.expr(iter);
        self.seq(&[op::GET_ITER_STACK, LABEL + 1, JUMP, op::FOR_ITER, 2], brk);
        self.assign(target);
        self.stmts(body);
        self.seq(&[JUMP, op::JUMP, 1, LABEL + 2, ADJUST, -4i8 as u8], brk);
        self.end_loop(old, orelse);
    }

    #[allow(clippy::too_many_arguments)]
    fn for_range(
        &mut self,
        target: &'a Expr,
        start: Option<&'a Expr>,
        end: &'a Expr,
        step: Option<&'a Expr>,
        step_v: i64,
        body: &'a [Stmt],
        orelse: Option<&'a [Stmt]>,
    ) {
        let old = self.start_loop(false);
        let brk = self.loop_ctx.brk;
        let top = self.new_label();
        let entry = self.new_label();
        let end_small = self.fold(end).map(|v| self.is_small_int(&v)).unwrap_or(false);
        let end_on_stack = !end_small;
        if end_on_stack {
            self.expr(end);
        }
        match start {
            Some(s) => self.expr(s),
            None => self.e.load_small_int(0),
        }
        // Labels from `brk`: break, continue, `top`, `entry`.
        self.seq(&[JUMP, op::JUMP, 3, LABEL + 2, op::DUP_TOP], brk);
        self.assign(target);
        self.stmts(body);
        self.e.label(brk + 1);
        match step {
            Some(s) => self.expr(s),
            None => self.e.load_small_int(1),
        }
        self.inplace_op(crate::ast::BinOp::Add);
        self.e.label(entry);
        if end_on_stack {
            self.e.op(op::DUP_TOP_TWO);
            self.e.op(op::ROT_TWO);
        } else {
            self.e.op(op::DUP_TOP);
            self.expr(end);
        }
        self.binary_op(if step_v >= 0 { 0 } else { 1 });
        self.e.jump(op::POP_JUMP_IF_TRUE, top);
        self.loop_ctx = old;
        let mut end_label = None;
        if let Some(b) = orelse {
            self.e.op(op::POP_TOP);
            if end_on_stack {
                self.e.op(op::POP_TOP);
            }
            self.stmts(b);
            let l = self.new_label();
            self.e.jump(op::JUMP, l);
            self.e.adjust_stack(1 + i32::from(end_on_stack));
            end_label = Some(l);
        }
        self.e.label(brk);
        self.e.op(op::POP_TOP);
        if end_on_stack {
            self.e.op(op::POP_TOP);
        }
        if let Some(l) = end_label {
            self.e.label(l);
        }
    }

    pub(crate) fn loop_start_for_async(&mut self) -> LoopCtx {
        self.start_loop(false)
    }

    // ---- imports ----------------------------------------------------------------

    fn import_name(&mut self, a: &'a Alias) {
        self.e.load_small_int(0);
        self.e.op(op::LOAD_CONST_NONE);
        self.op_q(op::IMPORT_NAME, &a.name);
        let (first, mut rest) = dot_split(&a.name);
        match &a.asname {
            Some(asn) => {
                while let Some(r) = rest {
                    let (part, next) = dot_split(r);
                    self.op_q(op::LOAD_ATTR, part);
                    rest = next;
                }
                self.store_id(asn);
            }
            None => self.store_id(first),
        }
    }

    fn import_from(&mut self, module: Option<&'a str>, names: &'a [Alias], star: bool, level: u32, line: u32) {
        self.e.load_small_int(i64::from(level));
        let m = module.unwrap_or("");
        if star {
            if self.scope().kind != ScopeKind::Module {
                self.syntax_error(Msg::ImportStarNotAtModuleLevel, line);
                return;
            }
            self.load_const_str_qstr("*");
        }
        for a in names {
            self.load_const_str_qstr(&a.name);
        }
        // The names' tuple (`('*',)` for a star import), then the module.
        let n = names.len().max(usize::from(star)) as u32;
        self.e.op_uint(op::BUILD_TUPLE, n, 1 - n as i32);
        self.op_q(op::IMPORT_NAME, m);
        if star {
            self.e.op(op::IMPORT_STAR);
            return;
        }
        for a in names {
            self.op_q(op::IMPORT_FROM, &a.name);
            self.store_id(a.asname.as_deref().unwrap_or(&a.name));
        }
        self.e.op(op::POP_TOP);
    }

    // ---- global / nonlocal ----------------------------------------------------------

    fn declare(&mut self, names: &'a [crate::ast::Alias], global: bool, line: u32) {
        if self.pass() != Pass::Scope {
            return;
        }
        if !global && self.scope().kind == ScopeKind::Module {
            self.syntax_error(Msg::CantDeclareNonlocalInOuterCode, line);
            return;
        }
        let mem = self.mem;
        for n in names {
            let n = &n.name;
            let Ok((i, _)) = self.scope_mut().find_or_add(mem, n, IdKind::Undecided) else { return };
            let kind = self.scope().ids[i].kind;
            if global {
                if kind != IdKind::Undecided && kind != IdKind::GlobalExplicit {
                    self.syntax_error(Msg::IdentifierRedefinedAsGlobal, line);
                    return;
                }
                self.make_global(i, n);
            } else if kind == IdKind::Undecided {
                if self.close_over(i) == IdKind::GlobalImplicit {
                    self.syntax_error(Msg::NoBindingForNonlocalFound, line);
                    return;
                }
            } else if kind != IdKind::Free {
                self.syntax_error(Msg::IdentifierRedefinedAsNonlocal, line);
                return;
            }
        }
    }
}

impl<'a> Compiler<'a> {
    /// Makes identifier `i` (named `name`) of the current scope an
    /// explicit global, and the module's own `name` too if it has one.
    #[cfg_attr(target_os = "none", inline(never))]
    pub(crate) fn make_global(&mut self, i: usize, name: &str) {
        if let Some(id) = self.scope_mut().ids.get_mut(i) {
            id.kind = IdKind::GlobalExplicit;
        }
        if let Some(j) = self.scope_at(0).find(name) {
            if let Some(id) = self.scope_at_mut(0).ids.get_mut(j) {
                id.kind = IdKind::GlobalExplicit;
            }
        }
    }

    /// Binds identifier `i` of the current scope to a variable of an
    /// enclosing function if there is one (it stays an implicit global
    /// otherwise); returns its kind then.
    #[cfg_attr(target_os = "none", inline(never))]
    pub(crate) fn close_over(&mut self, i: usize) -> IdKind {
        if let Some(id) = self.scope_mut().ids.get_mut(i) {
            id.kind = IdKind::GlobalImplicit;
        }
        let (mem, cur) = (self.mem, self.cur);
        crate::scope::check_to_close_over(mem, &mut self.scopes, cur, i);
        self.scope().ids.get(i).map_or(IdKind::GlobalImplicit, |id| id.kind)
    }
}

/// `NAME = const(...)`: the name and the call's arguments.
fn const_call<'a>(targets: &'a [Expr], value: &'a Expr) -> Option<(&'a str, &'a [Arg])> {
    let [target] = targets else { return None };
    let ExprKind::Name(name) = &target.kind else { return None };
    let ExprKind::Call { func, args, .. } = &value.kind else { return None };
    match &func.kind {
        ExprKind::Name(f) if crate::is(f, "const") => Some((name, args)),
        _ => None,
    }
}

/// `s` split at its first `.`: the part before it and the rest after it.
fn dot_split(s: &str) -> (&str, Option<&str>) {
    match s.bytes().position(|b| b == b'.') {
        Some(i) => (s.get(..i).unwrap_or(""), s.get(i + 1..)),
        None => (s, None),
    }
}
