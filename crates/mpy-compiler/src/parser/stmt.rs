//! Statement grammar.


use super::expr::{take, HOLE};
use super::{list, PResult, Parser, Vec, Stop};
use crate::ast::{
    Alias, AnnAssignStmt, Arg, AssertStmt, AssignStmt, BinOp, Body, ClassDef, Elif, ExceptHandler, Expr, ExprKind,
    ForStmt, FunctionDef, Ident, IfStmt, Own, RaiseStmt, Stmt, StmtKind, TryStmt, WithItem, WithStmt,
};
use crate::token::{Kw, Op, Tok};

/// [`Parser::alias`]: a plain name (`global`, `nonlocal`).
const NAME: u8 = 0;
/// [`Parser::alias`]: `NAME [as NAME]` (`from ... import`).
const NAME_AS: u8 = 1;
/// [`Parser::alias`]: `dotted_name [as NAME]` (`import`).
const DOTTED_AS: u8 = 2;

fn st(line: u32, kind: StmtKind) -> Stmt {
    Stmt { line, kind }
}

impl Parser<'_> {
    /// One `stmt` (a compound statement, or a line of `;`-separated simple
    /// statements), appended to `out`.
    pub(super) fn statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let line = self.tok.line;
        // Every arm writes the same result (a compound statement's kind:
        // two words, returned in registers); one `?` unpacks it.
        let r = match &self.tok.kind {
            Tok::Kw(Kw::If) => self.if_stmt(false),
            Tok::Kw(Kw::While) => self.if_stmt(true),
            Tok::Kw(Kw::For) => self.for_stmt(false),
            Tok::Kw(Kw::Try) => self.try_stmt(),
            Tok::Kw(Kw::With) => self.with_stmt(false),
            // Undecorated too (no decorators: one call site for all four).
            Tok::Kw(Kw::Def | Kw::Class | Kw::Async) | Tok::Op(Op::At) => return self.decorated(out),
            _ => return self.simple_stmt(out),
        };
        let kind = r?;
        self.push(out, st(line, kind))
    }

    /// `simple_stmt: small_stmt (';' small_stmt)* [';'] NEWLINE`.
    fn simple_stmt(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            self.small_stmt(out)?;
            if !self.eat_op(Op::Semi)? || matches!(self.tok.kind, Tok::Newline) {
                break;
            }
        }
        self.expect_newline()
    }

    /// `suite: simple_stmt | NEWLINE INDENT stmt+ DEDENT`.
    fn suite(&mut self) -> PResult<Body> {
        self.expect_op(Op::Colon)?;
        let mut body = Vec::new();
        self.enter()?;
        if matches!(self.tok.kind, Tok::Newline) {
            self.skip()?;
            if !matches!(self.tok.kind, Tok::Indent) {
                return self.fail();
            }
            self.skip()?;
            while !matches!(self.tok.kind, Tok::Dedent) {
                self.statement(&mut body)?;
            }
            self.skip()?;
        } else {
            self.simple_stmt(&mut body)?;
        }
        self.leave();
        Ok(crate::mem::list(self.mem().fit(super::done(body))?))
    }

    /// `else: suite` if present.
    fn opt_else(&mut self) -> PResult<Option<Body>> {
        if self.eat_kw(Kw::Else)? {
            Ok(Some(self.suite()?))
        } else {
            Ok(None)
        }
    }

    /// `if` (the current token) and its `elif`s and `else`, or (`is_while`)
    /// `while` and its `else`.
    fn if_stmt(&mut self, is_while: bool) -> PResult<StmtKind> {
        let mut clauses = Vec::new();
        // The current token is `if` or `while`, then each `elif`.
        loop {
            let cline = self.tok.line;
            self.skip()?;
            let mut test = HOLE;
            self.namedexpr_test(&mut test)?;
            let body = self.suite()?;
            self.push(&mut clauses, Elif { line: cline, test: Some(test), name: None, body })?;
            if is_while || !self.is_kw(Kw::Elif) {
                break;
            }
        }
        let orelse = self.opt_else()?;
        let node = self.bx(IfStmt { clauses: list(clauses), items: Default::default(), body: Default::default(), orelse, finalbody: None, is_async: false })?;
        Ok(if is_while { StmtKind::While(node) } else { StmtKind::If(node) })
    }

    fn for_stmt(&mut self, is_async: bool) -> PResult<StmtKind> {
        self.expect_kw(Kw::For)?;
        // The item is parsed in place (see `push_hole`).
        let mut items = Vec::new();
        self.push(&mut items, WithItem { context_expr: HOLE, optional_vars: Some(HOLE) })?;
        let Some(WithItem { context_expr, optional_vars: Some(target) }) = items.last_mut() else {
            return Err(Stop);
        };
        self.exprlist(target)?;
        self.expect_kw(Kw::In)?;
        self.testlist(context_expr)?;
        let body = self.suite()?;
        let orelse = self.opt_else()?;
        Ok(StmtKind::For(self.bx(ForStmt {
            clauses: Default::default(),
            items: list(items),
            body,
            orelse,
            finalbody: None,
            is_async,
        })?))
    }

    fn try_stmt(&mut self) -> PResult<StmtKind> {
        self.expect_kw(Kw::Try)?;
        let body = self.suite()?;
        let mut handlers = Vec::new();
        while self.is_kw(Kw::Except) {
            let hline = self.tok.line;
            self.skip()?;
            let mut test = None;
            let mut name = None;
            if !self.is_op(Op::Colon) {
                self.test_into(test.insert(HOLE))?;
                if self.eat_kw(Kw::As)? {
                    name = Some(self.expect_name()?);
                }
            }
            let body = self.suite()?;
            self.push(&mut handlers, ExceptHandler {
                line: hline,
                test,
                name,
                body,
            })?;
        }
        let orelse = if handlers.is_empty() {
            None
        } else {
            self.opt_else()?
        };
        let finalbody = if self.eat_kw(Kw::Finally)? {
            Some(self.suite()?)
        } else {
            None
        };
        if handlers.is_empty() && finalbody.is_none() {
            return self.fail();
        }
        Ok(StmtKind::Try(self.bx(TryStmt {
            clauses: list(handlers),
            items: Default::default(),
            body,
            orelse,
            finalbody,
            is_async: false,
        })?))
    }

    fn with_stmt(&mut self, is_async: bool) -> PResult<StmtKind> {
        self.expect_kw(Kw::With)?;
        let mut items = Vec::new();
        // Items nest like `with` statements (compiled recursively).
        let mut n = 0;
        loop {
            self.enter()?;
            n += 1;
            // Parsed in place (see `push_hole`).
            self.push(&mut items, WithItem { context_expr: HOLE, optional_vars: None })?;
            let Some(item) = items.last_mut() else { return Err(Stop) };
            self.test_into(&mut item.context_expr)?;
            if self.eat_kw(Kw::As)? {
                self.binary(0, item.optional_vars.insert(HOLE))?;
            }
            if !self.eat_op(Op::Comma)? {
                break;
            }
        }
        self.leave_n(n);
        let body = self.suite()?;
        Ok(StmtKind::With(self.bx(WithStmt {
            clauses: Default::default(),
            items: list(items),
            body,
            orelse: None,
            finalbody: None,
            is_async,
        })?))
    }

    /// `def` (current token) with already-parsed decorators.
    fn funcdef(&mut self, decorators: Vec<Expr>, is_async: bool) -> PResult<StmtKind> {
        self.expect_kw(Kw::Def)?;
        let name = self.expect_name()?;
        self.expect_op(Op::LParen)?;
        let args = self.params(Op::RParen, true)?;
        self.expect_op(Op::RParen)?;
        let returns = self.opt_test_after(Op::Arrow)?;
        let body = self.suite()?;
        let f = FunctionDef {
            name,
            args,
            bases: Default::default(),
            returns,
            body,
            decorators: list(decorators),
            is_async,
        };
        Ok(StmtKind::FunctionDef(self.bx(f)?))
    }

    fn classdef(&mut self, decorators: Vec<Expr>) -> PResult<StmtKind> {
        self.expect_kw(Kw::Class)?;
        let name = self.expect_name()?;
        let mut args: Own<[Arg]> = Default::default();
        if self.eat_op(Op::LParen)? {
            args = self.arglist(Op::RParen)?;
            self.expect_op(Op::RParen)?;
        }
        let body = self.suite()?;
        Ok(StmtKind::ClassDef(self.bx(ClassDef {
            name,
            args: Default::default(),
            bases: args,
            returns: None,
            body,
            decorators: list(decorators),
            is_async: false,
        })?))
    }

    /// `async` followed by `def`, `with` or `for` (the `async` token is the
    /// statement's line).
    fn async_stmt(&mut self, decorators: Vec<Expr>) -> PResult<StmtKind> {
        self.expect_kw(Kw::Async)?;
        match self.tok.kind {
            Tok::Kw(Kw::Def) => self.funcdef(decorators, true),
            Tok::Kw(Kw::With) if decorators.is_empty() => self.with_stmt(true),
            Tok::Kw(Kw::For) if decorators.is_empty() => self.for_stmt(true),
            _ => self.fail(),
        }
    }

    /// `[decorators] (classdef | funcdef | async_funcdef)`; each decorator
    /// is `'@' dotted_name ['(' [arglist] ')'] NEWLINE`.
    fn decorated(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let mut decorators = Vec::new();
        while self.eat_op(Op::At)? {
            let line = self.tok.line;
            let mut e = Expr::new(line, ExprKind::Name(self.expect_name()?));
            self.trailers(line, &mut e, true)?;
            self.expect_newline()?;
            self.push(&mut decorators, e)?;
        }
        // The statement's line: its `def`, `class` or `async`.
        let line = self.tok.line;
        let r = match self.tok.kind {
            Tok::Kw(Kw::Def) => self.funcdef(decorators, false),
            Tok::Kw(Kw::Class) => self.classdef(decorators),
            Tok::Kw(Kw::Async) => self.async_stmt(decorators),
            _ => self.fail(),
        };
        let kind = r?;
        self.push(out, st(line, kind))
    }

    /// One `small_stmt`, appended to `out` (pushed first and parsed in
    /// place: an expression statement's expression is not moved).
    fn small_stmt(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let line = self.tok.line;
        self.push(out, st(line, StmtKind::Expr(HOLE)))?;
        let Some(Stmt { kind: slot, .. }) = out.last_mut() else { return Err(Stop) };
        let kind = match self.tok.kind {
            Tok::Kw(k @ (Kw::Pass | Kw::Break | Kw::Continue)) => {
                self.skip()?;
                match k {
                    Kw::Pass => StmtKind::Pass,
                    Kw::Break => StmtKind::Break,
                    _ => StmtKind::Continue,
                }
            }
            Tok::Kw(Kw::Return) => {
                self.skip()?;
                let mut v = None;
                if self.starts_value() {
                    self.testlist(v.insert(HOLE))?;
                }
                StmtKind::Return(v)
            }
            Tok::Kw(Kw::Raise) => {
                self.skip()?;
                let mut exc = None;
                let mut cause = None;
                if self.starts_value() {
                    exc = Some(self.test_bx()?);
                    if self.eat_kw(Kw::From)? {
                        cause = Some(self.test_bx()?);
                    }
                }
                StmtKind::Raise(RaiseStmt { exc, cause })
            }
            // `global` and `nonlocal` names, `import` dotted names with
            // `as`: one loop.
            Tok::Kw(k @ (Kw::Global | Kw::Nonlocal | Kw::Import)) => {
                self.skip()?;
                let mut names = Vec::new();
                loop {
                    self.alias(if k == Kw::Import { DOTTED_AS } else { NAME }, &mut names)?;
                    if !self.eat_op(Op::Comma)? {
                        break;
                    }
                }
                let names = list(names);
                match k {
                    Kw::Global => StmtKind::Global(names),
                    Kw::Nonlocal => StmtKind::Nonlocal(names),
                    _ => StmtKind::Import(names),
                }
            }
            Tok::Kw(Kw::Del) => {
                self.skip()?;
                let mut targets = Vec::new();
                loop {
                    let t = self.push_hole(&mut targets)?;
                    if self.is_op(Op::Bin(BinOp::Mult)) { self.star_expr(t) } else { self.binary(0, t) }?;
                    if !self.eat_op(Op::Comma)? || !self.starts_expr() {
                        break;
                    }
                }
                StmtKind::Delete(list(targets))
            }
            Tok::Kw(Kw::Assert) => {
                self.skip()?;
                let test = self.test_bx()?;
                let msg = self.opt_test_after(Op::Comma)?;
                StmtKind::Assert(AssertStmt { test, msg })
            }
            Tok::Kw(Kw::From) => self.import_from()?,
            _ => return self.expr_stmt(slot),
        };
        // Nothing to drop: the slot holds a `HOLE`.
        core::mem::forget(core::mem::replace(slot, kind));
        Ok(())
    }

    /// A name appended to `names`: a plain name ([`NAME`]), a plain name
    /// with an optional `as NAME` ([`NAME_AS`]) or a dotted name with one
    /// ([`DOTTED_AS`]).
    #[inline(never)]
    fn alias(&mut self, form: u8, names: &mut Vec<Alias>) -> PResult<()> {
        let name = if form == DOTTED_AS { self.dotted_name() } else { self.expect_name() }?;
        let asname = if form != NAME && self.eat_kw(Kw::As)? {
            Some(self.expect_name()?)
        } else {
            None
        };
        self.push(names, Alias { name, asname })
    }

    /// `NAME ('.' NAME)*` joined with dots.
    #[inline(never)]
    fn dotted_name(&mut self) -> PResult<Ident> {
        let first = self.expect_name()?;
        if !self.is_op(Op::Dot) {
            return Ok(first);
        }
        #[cfg(not(target_os = "none"))]
        let mut name = first.into_string();
        // The boards' names are never freed one by one (see `Own`): a copy.
        #[cfg(target_os = "none")]
        let mut name = self.mem().string(&first)?;
        while self.eat_op(Op::Dot)? {
            let part = self.expect_name()?;
            let mem = self.mem();
            mem.push_str(&mut name, ".")?;
            mem.push_str(&mut name, &part)?;
            #[cfg(not(target_os = "none"))]
            mem.credit(part.len());
        }
        Ok(self.mem().own_str(name)?)
    }

    fn import_from(&mut self) -> PResult<StmtKind> {
        self.expect_kw(Kw::From)?;
        let mut level = 0u32;
        loop {
            if self.eat_op(Op::Dot)? {
                level = level.saturating_add(1);
            } else if self.eat_op(Op::Ellipsis)? {
                level = level.saturating_add(3);
            } else {
                break;
            }
        }
        let module = if level == 0 || matches!(self.tok.kind, Tok::Name(_)) {
            Some(self.dotted_name()?)
        } else {
            None
        };
        self.expect_kw(Kw::Import)?;
        if self.eat_op(Op::Bin(BinOp::Mult))? {
            return Ok(StmtKind::ImportFrom { module, names: Default::default(), level });
        }
        let paren = self.eat_op(Op::LParen)?;
        let mut names = Vec::new();
        loop {
            self.alias(NAME_AS, &mut names)?;
            if !self.eat_op(Op::Comma)? {
                break;
            }
            if !matches!(self.tok.kind, Tok::Name(_)) {
                break;
            }
        }
        if paren {
            self.expect_op(Op::RParen)?;
        }
        Ok(StmtKind::ImportFrom { module, names: list(names), level })
    }

    /// `expr_stmt: testlist_star_expr (annassign | augassign (yield_expr |
    /// testlist) | ('=' (yield_expr | testlist_star_expr))*)`.
    ///
    /// Also `yield_expr` as a statement. Parsed into `slot`, which holds
    /// `StmtKind::Expr(HOLE)`.
    fn expr_stmt(&mut self, slot: &mut StmtKind) -> PResult<()> {
        let StmtKind::Expr(first) = slot else { return Err(Stop) };
        if self.is_kw(Kw::Yield) {
            return self.yield_expr(first);
        }
        self.testlist_star_expr(first)?;
        let kind = if self.eat_op(Op::Colon)? {
            let target = self.bx_take(first)?;
            let annotation = self.test_bx()?;
            let value = if self.eat_op(Op::Assign)? {
                let mut v = self.bx_hole()?;
                self.assign_rhs(&mut v)?;
                Some(v)
            } else {
                None
            };
            StmtKind::AnnAssign(AnnAssignStmt {
                target,
                annotation,
                value,
            })
        } else if let Tok::Op(Op::AugAssign(op)) = self.tok.kind {
            self.skip()?;
            let mut value = self.bx_hole()?;
            if self.is_kw(Kw::Yield) { self.yield_expr(&mut value) } else { self.testlist(&mut value) }?;
            let target = self.bx_take(first)?;
            StmtKind::AugAssign { op, target, value }
        } else if !self.is_op(Op::Assign) {
            return Ok(());
        } else {
            let mut targets = self.vec1(take(first))?;
            while self.eat_op(Op::Assign)? {
                let t = self.push_hole(&mut targets)?;
                self.assign_rhs(t)?;
            }
            let value = match targets.pop() {
                Some(v) => v,
                None => return self.fail(),
            };
            StmtKind::Assign(AssignStmt { targets: list(targets), value: self.bx(value)? })
        };
        // Nothing to drop: the expression was taken out of the slot.
        core::mem::forget(core::mem::replace(slot, kind));
        Ok(())
    }

    /// The right-hand side of an assignment, into `out`.
    fn assign_rhs(&mut self, out: &mut Expr) -> PResult<()> {
        if self.is_kw(Kw::Yield) {
            self.yield_expr(out)
        } else {
            self.testlist_star_expr(out)
        }
    }
}
