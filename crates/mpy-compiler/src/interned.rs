//! Which long string literals MicroPython's parser makes qstrs.
//!
//! MicroPython's parser interns every identifier as a qstr while parsing,
//! and a long string literal becomes a qstr (rather than a str object) only
//! if an equal qstr already exists at that point. With the source text the
//! tokens are replayed in order ([`qstr_literals`]); without it the line
//! of an identifier's first use approximates "already seen".

use crate::ast::*;
use crate::compile::IdentLines;
use crate::error::CompileError;
use crate::lexer::Lexer;
use crate::mem::{MResult, Mem};
use crate::token::Tok;
use crate::mem::StrIndex;
use crate::stack::StackGuard;
use alloc::vec::Vec;

/// The walk's state: the table being filled and the limits.
struct Walk<'a, 'w> {
    map: &'w mut IdentLines<'a>,
    mem: &'w Mem,
    stack: &'w StackGuard,
    /// Out of memory or stack: the walk stops.
    failed: Option<CompileError>,
}

impl<'a> Walk<'a, '_> {
    fn note(&mut self, name: &'a str, line: u32) {
        if self.failed.is_none() && self.map.note(self.mem, name, line).is_err() {
            self.failed = Some(CompileError::memory());
        }
    }

    /// Whether to stop (failed, or the stack limit is reached).
    fn stop(&mut self) -> bool {
        if self.failed.is_none() && self.stack.exceeded() {
            self.failed = Some(CompileError::recursion(0));
        }
        self.failed.is_some()
    }
}

/// Records every identifier of `m` (names, attributes, keywords,
/// parameters, imported names) in `map` with its first line.
///
/// Errors: `MemoryError`, or `RuntimeError` when the tree is deeper than
/// the native stack allowed by `stack` can walk.
pub(crate) fn collect_idents<'a>(
    m: &'a Module,
    map: &mut IdentLines<'a>,
    mem: &Mem,
    stack: &StackGuard,
) -> Result<(), (CompileError, Option<usize>)> {
    let mut w = Walk { map, mem, stack, failed: None };
    match m {
        Module::Exec(b) | Module::Single(b) => body(b, &mut w),
        Module::Eval(e) => expr(e, &mut w),
    }
    match w.failed {
        Some(e) => Err((e, None)),
        None => Ok(()),
    }
}

fn body<'a>(b: &'a [Stmt], map: &mut Walk<'a, '_>) {
    for s in b {
        stmt(s, map);
    }
}

fn args<'a>(a: &'a Arguments, map: &mut Walk<'a, '_>) {
    for p in a.args.iter().chain(a.vararg.as_ref()).chain(a.kwonly.iter()).chain(a.kwarg.as_ref()) {
        map.note(&p.name, p.line);
        if let Some(d) = &p.default {
            expr(d, map);
        }
        if let Some(x) = &p.annotation {
            expr(x, map);
        }
    }
}

fn call_args<'a>(a: &'a [Arg], line: u32, map: &mut Walk<'a, '_>) {
    for x in a {
        match x {
            Arg::Positional(e) | Arg::Starred(e) | Arg::DoubleStarred(e) => expr(e, map),
            Arg::Keyword(k, e) => {
                map.note(k, line.max(e.line()));
                expr(e, map);
            }
        }
    }
}

fn stmt<'a>(s: &'a Stmt, map: &mut Walk<'a, '_>) {
    if map.stop() {
        return;
    }
    let l = s.line;
    match &s.kind {
        StmtKind::FunctionDef(f) => {
            for d in &f.decorators {
                expr(d, map);
            }
            map.note(&f.name, l);
            args(&f.args, map);
            if let Some(r) = &f.returns {
                expr(r, map);
            }
            body(&f.body, map);
        }
        StmtKind::ClassDef(c) => {
            for d in &c.decorators {
                expr(d, map);
            }
            map.note(&c.name, l);
            call_args(&c.bases, l, map);
            body(&c.body, map);
        }
        StmtKind::Return(v) => {
            if let Some(v) = v {
                expr(v, map)
            }
        }
        StmtKind::Delete(t) => t.iter().for_each(|e| expr(e, map)),
        StmtKind::Assign(node) => {
            let AssignStmt { targets, value } = node;
            targets.iter().for_each(|e| expr(e, map));
            expr(value, map);
        }
        StmtKind::AugAssign { target, value, .. } => {
            expr(target, map);
            expr(value, map);
        }
        StmtKind::AnnAssign(node) => {
            let AnnAssignStmt { target, annotation, value } = node;
            expr(target, map);
            expr(annotation, map);
            if let Some(v) = value {
                expr(v, map);
            }
        }
        StmtKind::For(node) => {
            let ForStmt { items, body: b, orelse, .. } = &**node;
            for it in items {
                if let Some(t) = &it.optional_vars {
                    expr(t, map);
                }
                expr(&it.context_expr, map);
            }
            body(b, map);
            if let Some(o) = orelse {
                body(o, map);
            }
        }
        StmtKind::If(node) | StmtKind::While(node) => {
            let IfStmt { clauses, orelse } = &**node;
            for e in clauses {
                if let Some(t) = &e.test {
                    expr(t, map);
                }
                body(&e.body, map);
            }
            if let Some(o) = orelse {
                body(o, map);
            }
        }
        StmtKind::With(node) => {
            let WithStmt { items, body: b, .. } = &**node;
            for it in items {
                expr(&it.context_expr, map);
                if let Some(v) = &it.optional_vars {
                    expr(v, map);
                }
            }
            body(b, map);
        }
        StmtKind::Raise(node) => {
            let RaiseStmt { exc, cause } = node;
            exc.iter().chain(cause.iter()).for_each(|e| expr(e, map));
        }
        StmtKind::Try(node) => {
            let TryStmt { body: b, handlers, orelse, finalbody } = &**node;
            body(b, map);
            for h in handlers {
                if let Some(t) = &h.test {
                    expr(t, map);
                }
                if let Some(n) = &h.name {
                    map.note(n, h.line);
                }
                body(&h.body, map);
            }
            if let Some(o) = orelse {
                body(o, map);
            }
            if let Some(f) = finalbody {
                body(f, map);
            }
        }
        StmtKind::Assert(node) => {
            let AssertStmt { test, msg } = node;
            expr(test, map);
            if let Some(m) = msg {
                expr(m, map);
            }
        }
        StmtKind::Import(al) => {
            for a in al {
                for part in a.name.split('.') {
                    map.note(part, l);
                }
                if let Some(x) = &a.asname {
                    map.note(x, l);
                }
            }
        }
        StmtKind::ImportFrom { module, names, .. } => {
            if let Some(m) = module {
                for part in m.split('.') {
                    map.note(part, l);
                }
            }
            for a in names {
                map.note(&a.name, l);
                if let Some(x) = &a.asname {
                    map.note(x, l);
                }
            }
        }
        StmtKind::Global(n) | StmtKind::Nonlocal(n) => n.iter().for_each(|x| map.note(&x.name, l)),
        StmtKind::Expr(e) => expr(e, map),
        StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
    }
}

fn comps<'a>(gens: &'a [Comprehension], map: &mut Walk<'a, '_>) {
    for g in gens {
        expr(&g.target, map);
        expr(&g.iter, map);
        g.ifs.iter().for_each(|e| expr(e, map));
    }
}

fn expr<'a>(e: &'a Expr, map: &mut Walk<'a, '_>) {
    if map.stop() {
        return;
    }
    let l = e.line();
    match &e.kind {
        ExprKind::Name(n) => map.note(n, l),
        ExprKind::Constant(_) => {}
        ExprKind::BoolOp { values, .. } => values.iter().for_each(|x| expr(x, map)),
        ExprKind::BinOp { first, rest } => {
            expr(first, map);
            rest.iter().for_each(|(_, x)| expr(x, map));
        }
        ExprKind::UnaryOp { operand, .. } => expr(operand, map),
        ExprKind::Compare { left, rest } => {
            expr(left, map);
            rest.iter().for_each(|(_, x)| expr(x, map));
        }
        ExprKind::IfExp { test, body, orelse } => {
            expr(body, map);
            expr(test, map);
            expr(orelse, map);
        }
        ExprKind::Lambda(f) => {
            args(&f.args, map);
            if let Some(body) = &f.returns {
                expr(body, map);
            }
        }
        ExprKind::NamedExpr { target, value } => {
            map.note(target, l);
            expr(value, map);
        }
        ExprKind::Yield(v) => {
            if let Some(v) = v {
                expr(v, map)
            }
        }
        ExprKind::YieldFrom(v) | ExprKind::Await(v) | ExprKind::Starred(v) => expr(v, map),
        ExprKind::Call { func, args: a, op_dline } => {
            expr(func, map);
            call_args(a, e.op_line(*op_dline), map);
        }
        ExprKind::Attribute { value, attr, op_dline } => {
            expr(value, map);
            map.note(attr, e.op_line(*op_dline));
        }
        ExprKind::Subscript { value, index, .. } => {
            expr(value, map);
            expr(index, map);
        }
        ExprKind::Slice { lower, upper, step } => {
            lower.iter().chain(upper.iter()).chain(step.iter()).for_each(|x| expr(x, map));
        }
        ExprKind::List(v) | ExprKind::Tuple(v) | ExprKind::Set(v) => v.iter().for_each(|x| expr(x, map)),
        ExprKind::Dict(items) => {
            items.iter().for_each(|x| expr(x, map));
        }
        ExprKind::Comp { elt, generators, .. } => {
            expr(elt, map);
            comps(generators, map);
        }
    }
}

/// Longest str literal that is always a qstr (MicroPython interns short
/// strings while parsing): only longer literals are looked up, and only
/// identifiers longer than this can equal one.
pub(crate) const SHORT_STR: usize = 10;

/// The str literal groups longer than [`SHORT_STR`] that MicroPython's
/// parser makes qstrs because an equal identifier came before them.
#[derive(Debug, Default)]
pub(crate) struct QstrLiterals {
    /// The long identifiers' text, back to back.
    text: Vec<u8>,
    /// (start, end) of each long identifier in `text`.
    names: Vec<(u32, u32)>,
    /// (line, identifier) of each such literal, in source order.
    lits: Vec<(u32, u32)>,
}

impl QstrLiterals {
    /// Long identifier `n`.
    fn name(&self, n: u32) -> &[u8] {
        self.names.get(n as usize).and_then(|&(a, b)| self.text.get(a as usize..b as usize)).unwrap_or_default()
    }

    /// Whether a literal with value `s` on `line` is one of them.
    pub(crate) fn contains(&self, line: u32, s: &[u8]) -> bool {
        self.lits.iter().any(|&(l, n)| l == line && self.name(n) == s)
    }
}

/// Lexes `src` again and returns its [`QstrLiterals`]: the parser interns
/// each identifier when it consumes its token, and a long literal becomes
/// a qstr if it is interned at that point, so token order decides (the
/// lexer yields f-string fields after their format string, as
/// MicroPython's does). Run only when a long literal is met, on a source
/// that parsed.
///
/// Errors: running out of `mem`.
pub(crate) fn qstr_literals(src: &[u8], mem: &Mem) -> MResult<QstrLiterals> {
    let mut lx = Lexer::new(src, mem).map_err(|_| mem.fail())?;
    let mut q = QstrLiterals::default();
    let mut index = StrIndex::new();
    loop {
        let t = lx.next_tok().map_err(|_| mem.fail())?;
        let (s, is_name) = match &t.kind {
            Tok::Name(n) => (n.as_bytes(), true),
            Tok::Str(v) => (&v[..], false),
            Tok::EndMarker | Tok::Error(_) => return Ok(q),
            _ => continue,
        };
        if s.len() > SHORT_STR {
            match (is_name, index.find(s, &|p| q.name(p))) {
                (true, None) => {
                    let (i, a) = (q.names.len() as u32, q.text.len() as u32);
                    mem.extend(&mut q.text, s)?;
                    mem.push(&mut q.names, (a, q.text.len() as u32))?;
                    index.insert(mem, s, i, &|p| q.name(p))?;
                }
                (false, Some(n)) => mem.push(&mut q.lits, (t.line, n))?,
                _ => {}
            }
        }
        // Give back the token's text.
        mem.credit(s.len());
    }
}
