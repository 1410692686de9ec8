//! The identifiers of a module with the line each first appears on.
//!
//! MicroPython's parser interns every identifier as a qstr while parsing,
//! and a long string literal becomes a qstr (rather than a str object) only
//! if an equal qstr already exists at that point. Without token positions
//! the line of first use approximates "already seen".

use crate::ast::*;
use crate::compile::IdentLines;
use crate::error::CompileError;
use crate::mem::{MResult, Mem, StrIndex};
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
    for p in a.args.iter().chain(a.vararg.as_deref()).chain(a.kwonly.iter()).chain(a.kwarg.as_deref()) {
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
            call_args(&c.args, l, map);
            body(&c.body, map);
        }
        StmtKind::Return(v) => {
            if let Some(v) = v {
                expr(v, map)
            }
        }
        StmtKind::Delete(t) => t.iter().for_each(|e| expr(e, map)),
        StmtKind::Assign(node) => {
            let AssignStmt { targets, value } = &**node;
            targets.iter().for_each(|e| expr(e, map));
            expr(value, map);
        }
        StmtKind::AugAssign(node) => {
            let AugAssignStmt { target, value, .. } = &**node;
            expr(target, map);
            expr(value, map);
        }
        StmtKind::AnnAssign(node) => {
            let AnnAssignStmt { target, annotation, value } = &**node;
            expr(target, map);
            expr(annotation, map);
            if let Some(v) = value {
                expr(v, map);
            }
        }
        StmtKind::For(node) => {
            let ForStmt { target, iter, body: b, orelse, .. } = &**node;
            expr(target, map);
            expr(iter, map);
            body(b, map);
            if let Some(o) = orelse {
                body(o, map);
            }
        }
        StmtKind::While(node) => {
            let WhileStmt { test, body: b, orelse } = &**node;
            expr(test, map);
            body(b, map);
            if let Some(o) = orelse {
                body(o, map);
            }
        }
        StmtKind::If(node) => {
            let IfStmt { test, body: b, elifs, orelse } = &**node;
            expr(test, map);
            body(b, map);
            for e in elifs {
                expr(&e.test, map);
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
            let RaiseStmt { exc, cause } = &**node;
            exc.iter().chain(cause.iter()).for_each(|e| expr(e, map));
        }
        StmtKind::Try(node) => {
            let TryStmt { body: b, handlers, orelse, finalbody } = &**node;
            body(b, map);
            for h in handlers {
                if let Some(t) = &h.type_ {
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
            let AssertStmt { test, msg } = &**node;
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
        StmtKind::Global(n) | StmtKind::Nonlocal(n) => n.iter().for_each(|x| map.note(x, l)),
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
        ExprKind::Lambda { args: a, body } => {
            args(a, map);
            expr(body, map);
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
            for it in items {
                match it {
                    DictItem::Pair(k, v) => {
                        expr(k, map);
                        expr(v, map);
                    }
                    DictItem::Unpack(v) => expr(v, map),
                }
            }
        }
        ExprKind::ListComp { elt, generators } | ExprKind::SetComp { elt, generators } | ExprKind::GeneratorExp { elt, generators } => {
            expr(elt, map);
            comps(generators, map);
        }
        ExprKind::DictComp { kv, generators } => {
            expr(&kv[0], map);
            expr(&kv[1], map);
            comps(generators, map);
        }
    }
}

/// Longest str literal that is always a qstr (MicroPython interns short
/// strings while parsing): only longer strings, and so only identifiers and
/// literal bodies longer than this, are ever looked up in [`SourceTokens`],
/// which therefore records no shorter ones (most of a source's tokens).
pub(crate) const SHORT_STR: usize = 10;

/// Identifier and string-literal tokens of the source, with positions, from
/// a light scan (comments skipped, strings not decoded). Everything is
/// borrowed from the source text.
#[derive(Debug, Default)]
pub struct SourceTokens<'a> {
    /// Identifiers longer than [`SHORT_STR`] with their first (line,
    /// column), in order of first occurrence.
    idents: Vec<(&'a str, u32, u32)>,
    index: StrIndex,
    /// String literal tokens longer than [`SHORT_STR`]: (line, column, raw
    /// body between the quotes).
    pub strings: Vec<(u32, u32, &'a [u8])>,
}

impl<'a> SourceTokens<'a> {
    /// The first (line, column) of identifier `name`.
    fn ident(&self, name: &str) -> Option<(u32, u32)> {
        let e = &self.idents;
        let i = self.index.find(name.as_bytes(), &|p| e.get(p as usize).map_or(&[][..], |x| x.0.as_bytes()))?;
        e.get(i as usize).map(|x| (x.1, x.2))
    }

    /// Records identifier `name` at (line, col) unless already seen.
    fn add_ident(&mut self, mem: &Mem, name: &'a str, line: u32, col: u32) -> MResult<()> {
        if name.len() <= SHORT_STR || self.ident(name).is_some() {
            return Ok(());
        }
        let i = self.idents.len() as u32;
        mem.push(&mut self.idents, (name, line, col))?;
        let e = &self.idents;
        self.index.insert(mem, name.as_bytes(), i, &|p| e.get(p as usize).map_or(&[][..], |x| x.0.as_bytes()))
    }

    /// Whether identifier `name` occurs before the string literal with raw
    /// body `body` on `line`; `None` if that literal cannot be located.
    pub fn ident_before_string(&self, name: &str, body: &[u8], line: u32) -> Option<bool> {
        let (il, ic) = self.ident(name)?;
        let exact = self.strings.iter().find(|(l, _, b)| *l == line && *b == body);
        // Strings in f-string fields may be reported on a later line than
        // their token: take the last equal literal before that line.
        let (sl, sc, _) = match exact {
            Some(x) => x,
            None => self.strings.iter().filter(|(l, _, b)| *l <= line && *b == body).last()?,
        };
        Some((il, ic) < (*sl, *sc))
    }

    /// First line of identifier `name`.
    pub fn ident_line(&self, name: &str) -> Option<u32> {
        self.ident(name).map(|p| p.0)
    }
}

/// Scans `src` for identifiers and string literals (see [`SourceTokens`]).
///
/// Errors: running out of `mem`.
pub fn scan_source<'a>(src: &'a [u8], mem: &Mem) -> MResult<SourceTokens<'a>> {
    let mut t = SourceTokens::default();
    let (mut i, mut line, mut line_start) = (0usize, 1u32, 0usize);
    let n = src.len();
    let is_id_start = |c: u8| c.is_ascii_alphabetic() || c == b'_' || c >= 0x80;
    let is_id = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80;
    while i < n {
        let c = src[i];
        if c == b'\n' {
            line += 1;
            i += 1;
            line_start = i;
        } else if c == b'#' {
            while i < n && src[i] != b'\n' {
                i += 1;
            }
        } else if c == b'\'' || c == b'"' || (is_id_start(c) && string_prefix_len(&src[i..]).is_some()) {
            let p = if c == b'\'' || c == b'"' { 0 } else { string_prefix_len(&src[i..]).unwrap_or(0) };
            let col = (i - line_start) as u32;
            let start_line = line;
            let q = src[i + p];
            let is_f = src[i..i + p].iter().any(|c| *c == b'f' || *c == b'F');
            i += p;
            let triple = i + 2 < n && src[i + 1] == q && src[i + 2] == q;
            let ql = if triple { 3 } else { 1 };
            i += ql;
            let body_start = i;
            let mut body_end = n;
            while i < n {
                if src[i] == b'\\' {
                    i += 2;
                    continue;
                }
                if src[i] == b'\n' {
                    line += 1;
                    line_start = i + 1;
                    if !triple {
                        body_end = i;
                        break;
                    }
                }
                if src[i] == q && (!triple || (i + 2 < n && src[i + 1] == q && src[i + 2] == q)) {
                    body_end = i;
                    i += ql;
                    break;
                }
                i += 1;
            }
            let body_end = body_end.min(n);
            if body_start <= body_end {
                let body = &src[body_start..body_end];
                if body.len() > SHORT_STR {
                    mem.push(&mut t.strings, (start_line, col, body))?;
                }
                // MicroPython's lexer tokenizes the fields of an f-string, so
                // names used there are interned too.
                if is_f {
                    scan_fstring_fields(body, start_line, col, &mut t, mem)?;
                }
            }
        } else if is_id_start(c) {
            let s = i;
            while i < n && is_id(src[i]) {
                i += 1;
            }
            if let Ok(name) = core::str::from_utf8(&src[s..i]) {
                t.add_ident(mem, name, line, (s - line_start) as u32)?;
            }
        } else if c.is_ascii_digit() {
            while i < n && (is_id(src[i]) || src[i] == b'.') {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    Ok(t)
}

/// Records identifiers inside the `{...}` fields of an f-string body.
fn scan_fstring_fields<'a>(body: &'a [u8], line: u32, col: u32, t: &mut SourceTokens<'a>, mem: &Mem) -> MResult<()> {
    let mut depth = 0u32;
    let mut j = 0;
    let mut quote: Option<u8> = None;
    let mut qstart = 0usize;
    while j < body.len() {
        let c = body[j];
        if let Some(q) = quote {
            if c == q {
                quote = None;
                let lit = body.get(qstart..j).unwrap_or_default();
                if lit.len() > SHORT_STR {
                    mem.push(&mut t.strings, (line, col + 2 + qstart as u32, lit))?;
                }
            }
            j += 1;
            continue;
        }
        if depth == 0 {
            if c == b'{' {
                if body.get(j + 1) == Some(&b'{') {
                    j += 2;
                    continue;
                }
                depth = 1;
            }
            j += 1;
            continue;
        }
        match c {
            b'{' => depth += 1,
            b'}' => depth -= 1,
            b'\'' | b'"' => {
                quote = Some(c);
                qstart = j + 1;
            }
            _ if c.is_ascii_alphabetic() || c == b'_' => {
                let s = j;
                while j < body.len() && (body[j].is_ascii_alphanumeric() || body[j] == b'_') {
                    j += 1;
                }
                if let Ok(name) = core::str::from_utf8(&body[s..j]) {
                    t.add_ident(mem, name, line, col + 2 + s as u32)?;
                }
                continue;
            }
            _ => {}
        }
        j += 1;
    }
    Ok(())
}

/// Length of a string prefix (`r`, `b`, `rb`, `f`, ...) if `s` starts with
/// one followed by a quote.
fn string_prefix_len(s: &[u8]) -> Option<usize> {
    let mut k = 0;
    while k < s.len() && k < 2 && matches!(s[k], b'r' | b'R' | b'b' | b'B' | b'f' | b'F' | b'u' | b'U') {
        k += 1;
    }
    if k > 0 && k < s.len() && (s[k] == b'\'' || s[k] == b'"') {
        Some(k)
    } else {
        None
    }
}
