//! Shared helpers for the frontend tests: a compact S-expression dump of the
//! AST (every node with its line) used by the snapshot tests.
#![allow(dead_code)]
#![allow(clippy::unwrap_used)]

use mpy_compiler::ast::*;
use std::fmt::Write;

/// Dumps a module as one S-expression per statement, newline separated.
pub fn dump_module(m: &Module) -> String {
    let mut s = String::new();
    match m {
        Module::Exec(b) => {
            for st in b {
                stmt(&mut s, st);
                s.push('\n');
            }
        }
        Module::Single(b) => {
            s.push_str("single:\n");
            for st in b {
                stmt(&mut s, st);
                s.push('\n');
            }
        }
        Module::Eval(e) => {
            s.push_str("eval: ");
            expr(&mut s, e);
            s.push('\n');
        }
    }
    s
}

fn body(s: &mut String, b: &[Stmt]) {
    s.push('[');
    for (i, st) in b.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        stmt(s, st);
    }
    s.push(']');
}

fn opt_body(s: &mut String, b: &Option<Body>) {
    match b {
        None => s.push('-'),
        Some(b) => body(s, b),
    }
}

fn opt_expr(s: &mut String, e: &Option<Expr>) {
    match e {
        None => s.push('-'),
        Some(e) => expr(s, e),
    }
}

fn opt_pexpr(s: &mut String, e: &Option<P<Expr>>) {
    match e {
        None => s.push('-'),
        Some(e) => expr(s, e),
    }
}

fn exprs(s: &mut String, es: &[Expr]) {
    s.push('[');
    for (i, e) in es.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        expr(s, e);
    }
    s.push(']');
}

fn args(s: &mut String, a: &[Arg]) {
    s.push('[');
    for (i, a) in a.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        match a {
            Arg::Positional(e) => expr(s, e),
            Arg::Starred(e) => {
                s.push('*');
                expr(s, e)
            }
            Arg::Keyword(n, e) => {
                write!(s, "{}=", n).unwrap();
                expr(s, e)
            }
            Arg::DoubleStarred(e) => {
                s.push_str("**");
                expr(s, e)
            }
        }
    }
    s.push(']');
}

fn param(s: &mut String, p: &Param) {
    write!(s, "{}@{}", p.name, p.line).unwrap();
    if let Some(a) = &p.annotation {
        s.push(':');
        expr(s, a);
    }
    if let Some(d) = &p.default {
        s.push('=');
        expr(s, d);
    }
}

fn arguments(s: &mut String, a: &Arguments) {
    s.push('(');
    let mut parts: Vec<String> = Vec::new();
    for p in &a.args {
        let mut t = String::new();
        param(&mut t, p);
        parts.push(t);
    }
    if let Some(p) = &a.vararg {
        let mut t = String::from("*");
        param(&mut t, p);
        parts.push(t);
    } else if !a.kwonly.is_empty() {
        parts.push("*".into());
    }
    for p in &a.kwonly {
        let mut t = String::new();
        param(&mut t, p);
        parts.push(t);
    }
    if let Some(p) = &a.kwarg {
        let mut t = String::from("**");
        param(&mut t, p);
        parts.push(t);
    }
    s.push_str(&parts.join(", "));
    s.push(')');
}

fn gens(s: &mut String, g: &[Comprehension]) {
    for c in g {
        write!(
            s,
            " ({}for@{} ",
            if c.is_async { "async " } else { "" },
            c.line
        )
        .unwrap();
        expr(s, &c.target);
        s.push_str(" in ");
        expr(s, &c.iter);
        for i in &c.ifs {
            s.push_str(" if ");
            expr(s, i);
        }
        s.push(')');
    }
}

pub fn bytes_repr(b: &[u8]) -> String {
    let mut s = String::new();
    for &c in b {
        match c {
            b'\\' => s.push_str("\\\\"),
            b'"' => s.push_str("\\\""),
            0x20..=0x7e => s.push(c as char),
            b'\n' => s.push_str("\\n"),
            _ => write!(s, "\\x{:02x}", c).unwrap(),
        }
    }
    s
}

pub fn constant(s: &mut String, c: &Constant) {
    match c {
        Constant::None => s.push_str("None"),
        Constant::True => s.push_str("True"),
        Constant::False => s.push_str("False"),
        Constant::Ellipsis => s.push_str("..."),
        Constant::Int(i) => write!(s, "{}", i.get()).unwrap(),
        Constant::BigInt(d) => write!(s, "big:{}", d).unwrap(),
        Constant::Float(f) => write!(s, "{:?}f", f.get()).unwrap(),
        Constant::Imag(f) => write!(s, "{:?}j", f.get()).unwrap(),
        Constant::Str(b) => write!(s, "\"{}\"", bytes_repr(b)).unwrap(),
        Constant::Bytes(b) => write!(s, "b\"{}\"", bytes_repr(b)).unwrap(),
    }
}

pub fn expr(s: &mut String, e: &Expr) {
    if e.parenthesized() {
        s.push_str("(paren ");
        expr_inner(s, e);
        s.push(')');
    } else {
        expr_inner(s, e);
    }
}

fn expr_inner(s: &mut String, e: &Expr) {
    let l = e.line();
    match &e.kind {
        ExprKind::Name(n) => write!(s, "{}@{}", n, l).unwrap(),
        ExprKind::Constant(c) => {
            constant(s, c);
            write!(s, "@{}", l).unwrap()
        }
        ExprKind::BoolOp { op, values } => {
            write!(s, "({:?}@{} ", op, l).unwrap();
            exprs(s, values);
            s.push(')');
        }
        ExprKind::BinOp { first, rest } => {
            write!(s, "(BinOp@{} ", l).unwrap();
            expr(s, first);
            for (op, e) in rest {
                write!(s, " {:?} ", op).unwrap();
                expr(s, e);
            }
            s.push(')');
        }
        ExprKind::UnaryOp { op, operand } => {
            write!(s, "({:?}@{} ", op, l).unwrap();
            expr(s, operand);
            s.push(')');
        }
        ExprKind::Compare { left, rest } => {
            write!(s, "(Compare@{} ", l).unwrap();
            expr(s, left);
            for (op, e) in rest {
                write!(s, " {:?} ", op).unwrap();
                expr(s, e);
            }
            s.push(')');
        }
        ExprKind::IfExp { test, body, orelse } => {
            write!(s, "(IfExp@{} ", l).unwrap();
            expr(s, body);
            s.push_str(" if ");
            expr(s, test);
            s.push_str(" else ");
            expr(s, orelse);
            s.push(')');
        }
        ExprKind::Lambda(f) => {
            write!(s, "(Lambda@{} ", l).unwrap();
            arguments(s, &f.args);
            s.push(' ');
            expr(s, f.returns.as_ref().unwrap());
            s.push(')');
        }
        ExprKind::NamedExpr { target, value } => {
            write!(s, "(NamedExpr@{} {} ", l, target).unwrap();
            expr(s, value);
            s.push(')');
        }
        ExprKind::Yield(v) => {
            write!(s, "(Yield@{}", l).unwrap();
            if let Some(v) = v {
                s.push(' ');
                expr(s, v);
            }
            s.push(')');
        }
        ExprKind::YieldFrom(v) => {
            write!(s, "(YieldFrom@{} ", l).unwrap();
            expr(s, v);
            s.push(')');
        }
        ExprKind::Await(v) => {
            write!(s, "(Await@{} ", l).unwrap();
            expr(s, v);
            s.push(')');
        }
        ExprKind::Call {
            func,
            args: a,
            op_dline,
        } => {
            write!(s, "(Call@{}/{} ", l, e.op_line(*op_dline)).unwrap();
            expr(s, func);
            s.push(' ');
            args(s, a);
            s.push(')');
        }
        ExprKind::Attribute {
            value,
            attr,
            op_dline,
        } => {
            write!(s, "(Attr@{}/{} ", l, e.op_line(*op_dline)).unwrap();
            expr(s, value);
            write!(s, " .{})", attr).unwrap();
        }
        ExprKind::Subscript {
            value,
            index,
            op_line,
        } => {
            write!(s, "(Subscript@{}/{} ", l, op_line).unwrap();
            expr(s, value);
            s.push(' ');
            expr(s, index);
            s.push(')');
        }
        ExprKind::Starred(v) => {
            write!(s, "(Starred@{} ", l).unwrap();
            expr(s, v);
            s.push(')');
        }
        ExprKind::Slice { lower, upper, step } => {
            write!(s, "(Slice@{} ", l).unwrap();
            for (i, p) in [lower, upper, step].iter().enumerate() {
                if i > 0 {
                    s.push(' ');
                }
                match p {
                    None => s.push('-'),
                    Some(e) => expr(s, e),
                }
            }
            s.push(')');
        }
        ExprKind::List(v) => {
            write!(s, "(List@{} ", l).unwrap();
            exprs(s, v);
            s.push(')');
        }
        ExprKind::Tuple(v) => {
            write!(s, "(Tuple@{} ", l).unwrap();
            exprs(s, v);
            s.push(')');
        }
        ExprKind::Set(v) => {
            write!(s, "(Set@{} ", l).unwrap();
            exprs(s, v);
            s.push(')');
        }
        ExprKind::Dict(items) => {
            write!(s, "(Dict@{} [", l).unwrap();
            for (i, kv) in items.chunks(2).enumerate() {
                if i > 0 {
                    s.push(' ');
                }
                expr(s, &kv[0]);
                s.push(':');
                expr(s, &kv[1]);
            }
            s.push_str("])");
        }
        ExprKind::Comp { kind: CompKind::Dict, elt, generators } => {
            write!(s, "(DictComp@{} ", l).unwrap();
            let ExprKind::Dict(kv) = &elt.kind else { panic!("DictComp element {elt:?}") };
            expr(s, &kv[0]);
            s.push(':');
            expr(s, &kv[1]);
            gens(s, generators);
            s.push(')');
        }
        ExprKind::Comp { kind, elt, generators } => {
            let name = match kind {
                CompKind::List => "ListComp",
                CompKind::Set => "SetComp",
                _ => "GenExp",
            };
            write!(s, "({}@{} ", name, l).unwrap();
            expr(s, elt);
            gens(s, generators);
            s.push(')');
        }
    }
}

pub fn stmt(s: &mut String, st: &Stmt) {
    let l = st.line;
    match &st.kind {
        StmtKind::FunctionDef(f) => {
            write!(
                s,
                "({}Def@{} {} ",
                if f.is_async { "Async" } else { "" },
                l,
                f.name
            )
            .unwrap();
            if !f.decorators.is_empty() {
                s.push_str("deco=");
                exprs(s, &f.decorators);
                s.push(' ');
            }
            arguments(s, &f.args);
            if let Some(r) = &f.returns {
                s.push_str(" -> ");
                expr(s, r);
            }
            s.push(' ');
            body(s, &f.body);
            s.push(')');
        }
        StmtKind::ClassDef(c) => {
            write!(s, "(Class@{} {} ", l, c.name).unwrap();
            if !c.decorators.is_empty() {
                s.push_str("deco=");
                exprs(s, &c.decorators);
                s.push(' ');
            }
            args(s, &c.bases);
            s.push(' ');
            body(s, &c.body);
            s.push(')');
        }
        StmtKind::Return(v) => {
            write!(s, "(Return@{} ", l).unwrap();
            opt_expr(s, v);
            s.push(')');
        }
        StmtKind::Delete(t) => {
            write!(s, "(Del@{} ", l).unwrap();
            exprs(s, t);
            s.push(')');
        }
        StmtKind::Assign(node) => {
            let AssignStmt { targets, value } = node;
            write!(s, "(Assign@{} ", l).unwrap();
            exprs(s, targets);
            s.push(' ');
            expr(s, value);
            s.push(')');
        }
        StmtKind::AugAssign { op, target, value } => {
            write!(s, "(AugAssign@{} ", l).unwrap();
            expr(s, target);
            write!(s, " {:?}= ", op).unwrap();
            expr(s, value);
            s.push(')');
        }
        StmtKind::AnnAssign(node) => {
            let AnnAssignStmt {
            target,
            annotation,
            value,
        } = node;
            write!(s, "(AnnAssign@{} ", l).unwrap();
            expr(s, target);
            s.push_str(" : ");
            expr(s, annotation);
            s.push_str(" = ");
            opt_pexpr(s, value);
            s.push(')');
        }
        StmtKind::For(node) => {
            let ForStmt {
            items,
            body: b,
            orelse,
            is_async,
            ..
        } = &**node;
            let [WithItem { context_expr: iter, optional_vars: Some(target) }] = &items[..] else { panic!("for with {} items", items.len()) };
            write!(s, "({}For@{} ", if *is_async { "Async" } else { "" }, l).unwrap();
            expr(s, target);
            s.push_str(" in ");
            expr(s, iter);
            s.push(' ');
            body(s, b);
            s.push_str(" else ");
            opt_body(s, orelse);
            s.push(')');
        }
        StmtKind::While(node) => {
            let IfStmt { clauses, orelse, .. } = &**node;
            let [Elif { test: Some(test), body: b, .. }] = &clauses[..] else { panic!("while with {} clauses", clauses.len()) };
            write!(s, "(While@{} ", l).unwrap();
            expr(s, test);
            s.push(' ');
            body(s, b);
            s.push_str(" else ");
            opt_body(s, orelse);
            s.push(')');
        }
        StmtKind::If(node) => {
            let IfStmt { clauses, orelse, .. } = &**node;
            let (first, elifs) = clauses.split_first().unwrap();
            write!(s, "(If@{} ", l).unwrap();
            opt_expr(s, &first.test);
            s.push(' ');
            body(s, &first.body);
            for e in elifs {
                write!(s, " elif@{} ", e.line).unwrap();
                opt_expr(s, &e.test);
                s.push(' ');
                body(s, &e.body);
            }
            s.push_str(" else ");
            opt_body(s, orelse);
            s.push(')');
        }
        StmtKind::With(node) => {
            let WithStmt {
            items,
            body: b,
            is_async,
            ..
        } = &**node;
            write!(s, "({}With@{} ", if *is_async { "Async" } else { "" }, l).unwrap();
            for it in items {
                expr(s, &it.context_expr);
                if let Some(v) = &it.optional_vars {
                    s.push_str(" as ");
                    expr(s, v);
                }
                s.push_str(", ");
            }
            body(s, b);
            s.push(')');
        }
        StmtKind::Raise(node) => {
            let RaiseStmt { exc, cause } = node;
            write!(s, "(Raise@{} ", l).unwrap();
            opt_pexpr(s, exc);
            s.push_str(" from ");
            opt_pexpr(s, cause);
            s.push(')');
        }
        StmtKind::Try(node) => {
            let TryStmt {
            body: b,
            clauses: handlers,
            orelse,
            finalbody,
            ..
        } = &**node;
            write!(s, "(Try@{} ", l).unwrap();
            body(s, b);
            for h in handlers {
                write!(s, " except@{} ", h.line).unwrap();
                opt_expr(s, &h.test);
                if let Some(n) = &h.name {
                    write!(s, " as {}", n).unwrap();
                }
                s.push(' ');
                body(s, &h.body);
            }
            s.push_str(" else ");
            opt_body(s, orelse);
            s.push_str(" finally ");
            opt_body(s, finalbody);
            s.push(')');
        }
        StmtKind::Assert(node) => {
            let AssertStmt { test, msg } = node;
            write!(s, "(Assert@{} ", l).unwrap();
            expr(s, test);
            s.push(' ');
            opt_pexpr(s, msg);
            s.push(')');
        }
        StmtKind::Import(names) => {
            write!(s, "(Import@{}", l).unwrap();
            for a in names {
                write!(s, " {}", a.name).unwrap();
                if let Some(n) = &a.asname {
                    write!(s, " as {}", n).unwrap();
                }
            }
            s.push(')');
        }
        StmtKind::ImportFrom {
            module,
            names,
            level,
        } => {
            write!(
                s,
                "(ImportFrom@{} level={} {}",
                l,
                level,
                module.as_deref().unwrap_or("-")
            )
            .unwrap();
            if names.is_empty() {
                s.push_str(" *");
            }
            for a in names {
                write!(s, " {}", a.name).unwrap();
                if let Some(n) = &a.asname {
                    write!(s, " as {}", n).unwrap();
                }
            }
            s.push(')');
        }
        StmtKind::Global(n) => write!(s, "(Global@{} {})", l, names(n)).unwrap(),
        StmtKind::Nonlocal(n) => write!(s, "(Nonlocal@{} {})", l, names(n)).unwrap(),
        StmtKind::Expr(e) => {
            write!(s, "(Expr@{} ", l).unwrap();
            expr(s, e);
            s.push(')');
        }
        StmtKind::Pass => write!(s, "(Pass@{})", l).unwrap(),
        StmtKind::Break => write!(s, "(Break@{})", l).unwrap(),
        StmtKind::Continue => write!(s, "(Continue@{})", l).unwrap(),
    }
}

/// Parses in exec mode and dumps, or returns `ERR Kind: msg @line`.
pub fn parse_dump(src: &str) -> String {
    parse_dump_mode(src.as_bytes(), mpy_compiler::Mode::Exec)
}

pub fn parse_dump_mode(src: &[u8], mode: mpy_compiler::Mode) -> String {
    match mpy_compiler::parse(src, "t.py", mode) {
        Ok(m) => dump_module(&m),
        Err(e) => format!("ERR {} @{}\n", e, e.line),
    }
}

fn names(n: &[Alias]) -> String {
    n.iter().map(|a| &*a.name).collect::<Vec<_>>().join(" ")
}
