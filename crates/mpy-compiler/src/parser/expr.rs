//! Expression grammar.
//!
//! Depth accounting: every recursive cycle of this grammar passes through
//! `test`, `star_expr`, a unary operator, `not` or `**`, which each count
//! one level (brackets and trailers always reach `test` or `star_expr`).
//!
//! Every node's `line` is the line of the token current when its rule
//! started (MicroPython's rule-line semantics): a parenthesised operand
//! makes the enclosing operator node start at the `(`, while the node
//! inside the parentheses starts at its own first token.

use crate::ast::{Ident, Own, P};

use super::{list, PResult, Parser, Vec, Stop};
use crate::ast::{
    Arg, Arguments, BinOp, BoolOp, CmpOp, CompKind, Comprehension, Constant, Expr, ExprKind, FunctionDef, Param,
    UnaryOp,
};
use crate::error::CompileError;
use crate::token::{Kw, Op, Tok};

/// [`Parser::list_of`]: `exprlist` (`expr` or `star_expr` items).
const EXPRLIST: u8 = 0;
/// [`Parser::list_of`]: `testlist` (`test` items).
const TESTLIST: u8 = 1;
/// [`Parser::list_of`]: `testlist_star_expr` (`test` or `star_expr` items).
const TESTLIST_STAR: u8 = 2;
/// [`Parser::list_of`]: `subscriptlist` (`subscript` items, up to `]`).
const SUBSCRIPTS: u8 = 3;

fn mk(line: u32, kind: ExprKind) -> Expr {
    Expr::new(line, kind)
}

/// An empty slot for a rule that parses into place (owns nothing, so
/// overwriting it needs no drop).
pub(super) const HOLE: Expr = Expr::new(0, ExprKind::Constant(Constant::None));

/// The expression in `out`, leaving [`HOLE`] there.
#[inline(always)]
pub(super) fn take(out: &mut Expr) -> Expr {
    core::mem::replace(out, HOLE)
}

/// Writes `e` into `out`, which holds [`HOLE`] (nothing to drop: the
/// old value is forgotten, so no drop glue is called).
#[inline(always)]
fn put(out: &mut Expr, e: Expr) {
    core::mem::forget(core::mem::replace(out, e));
}

/// The binary operator of `tok` with its precedence level (0 = `|` ...
/// 5 = `*`); `**` is not one of these levels.
fn bin_op(tok: &Tok) -> Option<(u8, BinOp)> {
    let op = match tok {
        Tok::Op(Op::Bin(b)) => *b,
        Tok::Op(Op::At) => BinOp::MatMult,
        _ => return None,
    };
    let l = match op {
        BinOp::BitOr => 0,
        BinOp::BitXor => 1,
        BinOp::BitAnd => 2,
        BinOp::LShift | BinOp::RShift => 3,
        BinOp::Add | BinOp::Sub => 4,
        BinOp::Mult | BinOp::MatMult | BinOp::Div | BinOp::FloorDiv | BinOp::Mod => 5,
        BinOp::Pow => return None,
    };
    Some((l, op))
}

impl Parser<'_> {
    /// The expression in `out`, boxed (leaving [`HOLE`] there).
    #[inline(never)]
    pub(super) fn bx_take(&self, out: &mut Expr) -> PResult<P<Expr>> {
        self.bx(take(out))
    }

    /// A boxed [`HOLE`], for a rule to parse a boxed child in place (the
    /// box is allocated before the child's nodes, not after).
    #[inline(never)]
    pub(super) fn bx_hole(&self) -> PResult<P<Expr>> {
        self.bx(HOLE)
    }

    /// Appends a [`HOLE`] to `v` (growing it by doubling) and returns it,
    /// for a rule to parse the item in place: the item is not moved into
    /// the list after it is built.
    #[inline(never)]
    pub(super) fn push_hole<'v>(&self, v: &'v mut Vec<Expr>) -> PResult<&'v mut Expr> {
        self.push(v, HOLE)?;
        v.last_mut().ok_or(Stop)
    }

    /// Whether the current token can start an expression (`test` or
    /// `star_expr`); used to tell a trailing comma from a separator.
    pub(super) fn starts_expr(&self) -> bool {
        match &self.tok.kind {
            Tok::Name(_) | Tok::Number(_) | Tok::BadNumber(_) | Tok::Str(_) | Tok::Bytes(_) => true,
            Tok::Kw(k) => matches!(
                k,
                Kw::Not | Kw::Lambda | Kw::Await | Kw::None | Kw::True | Kw::False
            ),
            Tok::Op(o) => matches!(
                o,
                Op::LParen
                    | Op::LBracket
                    | Op::LBrace
                    | Op::Tilde
                    | Op::Ellipsis
                    | Op::Bin(BinOp::Add)
                    | Op::Bin(BinOp::Sub)
                    | Op::Bin(BinOp::Mult)
            ),
            _ => false,
        }
    }

    /// Whether the current token can start a value after `return`,
    /// `raise` or `yield` (an expression, but not a starred one).
    #[inline(never)]
    pub(super) fn starts_value(&self) -> bool {
        self.starts_expr() && !self.is_op(Op::Bin(BinOp::Mult))
    }

    /// `namedexpr_test: test [':=' test]`, into `out` (every rule below
    /// parses into a slot its caller holds, so that no expression is moved
    /// through the `?` of each level).
    pub(super) fn namedexpr_test(&mut self, out: &mut Expr) -> PResult<()> {
        let line = self.tok.line;
        self.test_into(out)?;
        if self.is_op(Op::Walrus) {
            let target = self.target_name(out, line, "can't assign to expression");
            self.skip()?;
            let value = self.test_bx()?;
            put(out, mk(line, ExprKind::NamedExpr { target, value }));
        }
        Ok(())
    }

    /// The name assigned to by `e` (a `:=` target or a keyword argument's
    /// name), taken out of `e` (leaving [`HOLE`]); anything but a plain
    /// name (`__debug__` is a keyword in MicroPython) defers `msg` and
    /// gives an empty name.
    #[inline(never)]
    fn target_name(&mut self, e: &mut Expr, line: u32, msg: &'static str) -> Ident {
        match take(e).kind {
            ExprKind::Name(t) if !crate::is(&t, "__debug__") => t,
            _ => {
                self.defer(CompileError::syntax(msg, line));
                Ident::default()
            }
        }
    }

    /// `test: or_test ['if' or_test 'else' test] | lambdef`, into `out`.
    #[inline(never)]
    pub(super) fn test_into(&mut self, out: &mut Expr) -> PResult<()> {
        self.enter()?;
        let r = self.test_inner(out);
        self.leave();
        r
    }

    #[inline(always)]
    fn test_inner(&mut self, out: &mut Expr) -> PResult<()> {
        if self.is_kw(Kw::Lambda) {
            return self.lambdef(false, out);
        }
        let line = self.tok.line;
        self.bool_test(false, out)?;
        if self.is_kw(Kw::If) {
            return self.ifexp_tail(line, out);
        }
        Ok(())
    }

    /// `if or_test else test` after the body of a conditional expression
    /// (kept out of line so `test`'s frame, on every recursion, stays small).
    #[inline(never)]
    fn ifexp_tail(&mut self, line: u32, out: &mut Expr) -> PResult<()> {
        self.expect_kw(Kw::If)?;
        let mut test = self.bx_hole()?;
        self.bool_test(false, &mut test)?;
        self.expect_kw(Kw::Else)?;
        let orelse = self.test_bx()?;
        let e = mk(
            line,
            ExprKind::IfExp {
                test,
                body: self.bx_take(out)?,
                orelse,
            },
        );
        put(out, e);
        Ok(())
    }

    /// `test_nocond: or_test | lambdef_nocond` (comprehension conditions).
    fn test_nocond(&mut self, out: &mut Expr) -> PResult<()> {
        self.enter()?;
        let r = if self.is_kw(Kw::Lambda) {
            self.lambdef(true, out)
        } else {
            self.bool_test(false, out)
        };
        self.leave();
        r
    }

    /// `lambda [varargslist]: test` (`test_nocond` body if `nocond`).
    #[inline(never)]
    fn lambdef(&mut self, nocond: bool, out: &mut Expr) -> PResult<()> {
        let line = self.tok.line;
        self.expect_kw(Kw::Lambda)?;
        let args = self.params(Op::Colon, false)?;
        self.expect_op(Op::Colon)?;
        let body = if nocond {
            let mut b = self.bx_hole()?;
            self.test_nocond(&mut b)?;
            b
        } else {
            self.test_bx()?
        };
        let f = FunctionDef {
            name: Ident::default(),
            args,
            bases: Default::default(),
            returns: Some(body),
            body: Default::default(),
            decorators: Default::default(),
            is_async: false,
        };
        put(out, mk(line, ExprKind::Lambda(self.bx(f)?)));
        Ok(())
    }

    /// Parameter list up to (not including) `close`; annotations if `typed`.
    #[inline(never)]
    pub(super) fn params(&mut self, close: Op, typed: bool) -> PResult<Arguments> {
        let mut a = Arguments::default();
        let (mut args, mut kwonly) = (Vec::new(), Vec::new());
        let mut star = false;
        while !self.is_op(close) {
            if a.kwarg.is_some() {
                return self.fail();
            }
            // 0: a plain parameter, 1: `*name`, 2: `**name`, 3: a bare `*`.
            let kind = if self.eat_op(Op::Bin(BinOp::Mult))? {
                if star {
                    return self.fail();
                }
                star = true;
                if let Tok::Name(_) = self.tok.kind {
                    1
                } else {
                    3
                }
            } else if self.eat_op(Op::Bin(BinOp::Pow))? {
                2
            } else {
                0
            };
            if kind != 3 {
                let p = self.param(typed, kind == 0)?;
                if kind == 0 {
                    let list = if star { &mut kwonly } else { &mut args };
                    self.push(list, p)?;
                } else {
                    let p = Some(p);
                    if kind == 1 {
                        a.vararg = p;
                    } else {
                        a.kwarg = p;
                    }
                }
            }
            if !self.eat_op(Op::Comma)? {
                break;
            }
        }
        if !self.is_op(close) {
            return self.fail();
        }
        a.args = list(args);
        a.kwonly = list(kwonly);
        Ok(a)
    }

    /// `NAME [':' test] ['=' test]`.
    #[inline(never)]
    fn param(&mut self, typed: bool, with_default: bool) -> PResult<Param> {
        let line = self.tok.line;
        let name = self.expect_name()?;
        let annotation = if typed { self.opt_test_after(Op::Colon)? } else { None };
        let default = if with_default { self.opt_test_after(Op::Assign)? } else { None };
        Ok(Param {
            line,
            name,
            annotation,
            default,
        })
    }

    /// `or_test: and_test ('or' and_test)*` (`and` false) or `and_test:
    /// not_test ('and' not_test)*` (`and` true), into `out`: one loop for
    /// both.
    #[inline(never)]
    fn bool_test(&mut self, and: bool, out: &mut Expr) -> PResult<()> {
        let (kw, op) = if and { (Kw::And, BoolOp::And) } else { (Kw::Or, BoolOp::Or) };
        let line = self.tok.line;
        if and { self.not_test(out) } else { self.bool_test(true, out) }?;
        if !self.is_kw(kw) {
            return Ok(());
        }
        let mut values = Vec::new();
        self.push(&mut values, take(out))?;
        while self.eat_kw(kw)? {
            let t = self.push_hole(&mut values)?;
            if and { self.not_test(t) } else { self.bool_test(true, t) }?;
        }
        put(out, mk(line, ExprKind::BoolOp { op, values: list(values) }));
        Ok(())
    }

    fn not_test(&mut self, out: &mut Expr) -> PResult<()> {
        if self.is_kw(Kw::Not) {
            let line = self.tok.line;
            self.skip()?;
            self.enter()?;
            self.not_test(out)?;
            self.leave();
            let e = mk(
                line,
                ExprKind::UnaryOp {
                    op: UnaryOp::Not,
                    operand: self.bx_take(out)?,
                },
            );
            put(out, e);
            return Ok(());
        }
        self.comparison(out)
    }

    #[inline(never)]
    fn comp_op(&mut self) -> PResult<Option<CmpOp>> {
        let op = match &self.tok.kind {
            Tok::Op(Op::Lt) => CmpOp::Lt,
            Tok::Op(Op::Gt) => CmpOp::Gt,
            Tok::Op(Op::EqEq) => CmpOp::Eq,
            Tok::Op(Op::LtE) => CmpOp::LtE,
            Tok::Op(Op::GtE) => CmpOp::GtE,
            Tok::Op(Op::NotEq) => CmpOp::NotEq,
            Tok::Kw(Kw::In) => CmpOp::In,
            Tok::Kw(Kw::Not) => {
                self.skip()?;
                if !self.is_kw(Kw::In) {
                    return self.fail();
                }
                CmpOp::NotIn
            }
            Tok::Kw(Kw::Is) => {
                self.skip()?;
                if self.eat_kw(Kw::Not)? {
                    return Ok(Some(CmpOp::IsNot));
                }
                return Ok(Some(CmpOp::Is));
            }
            _ => return Ok(None),
        };
        self.skip()?;
        Ok(Some(op))
    }

    #[inline(always)]
    fn comparison(&mut self, out: &mut Expr) -> PResult<()> {
        let line = self.tok.line;
        self.binary(0, out)?;
        let mut rest = Vec::new();
        while let Some(op) = self.comp_op()? {
            let mut t = (op, HOLE);
            self.binary(0, &mut t.1)?;
            self.push_bx(&mut rest, t)?;
        }
        if rest.is_empty() {
            return Ok(());
        }
        let e = mk(
            line,
            ExprKind::Compare {
                left: self.bx_take(out)?,
                rest: self.boxed(rest)?,
            },
        );
        put(out, e);
        Ok(())
    }

    /// `star_expr: '*' expr`.
    #[inline(never)]
    pub(super) fn star_expr(&mut self, out: &mut Expr) -> PResult<()> {
        let line = self.tok.line;
        self.expect_op(Op::Bin(BinOp::Mult))?;
        self.enter()?;
        let mut e = self.bx_hole()?;
        self.binary(0, &mut e)?;
        self.leave();
        put(out, mk(line, ExprKind::Starred(e)));
        Ok(())
    }

    /// `expr: xor_expr ('|' xor_expr)*` and the levels below it (`min`
    /// 0: the rule `expr`), into `out`. Precedence climbing over the six
    /// n-ary levels: builds one `BinOp` per run of same-level operators
    /// (MicroPython's rule nodes). Recursion happens only for operators of
    /// a higher level than the current run, so its depth is at most six
    /// regardless of the input.
    pub(super) fn binary(&mut self, min: u8, out: &mut Expr) -> PResult<()> {
        let line = self.tok.line;
        self.factor(out)?;
        while let Some((l, _)) = bin_op(&self.tok.kind) {
            if l < min {
                break;
            }
            let mut rest = Vec::new();
            while let Some((ol, op)) = bin_op(&self.tok.kind) {
                if ol != l {
                    break;
                }
                self.skip()?;
                let mut t = (op, HOLE);
                if l == 5 { self.factor(&mut t.1) } else { self.binary(l + 1, &mut t.1) }?;
                self.push_bx(&mut rest, t)?;
            }
            let e = mk(
                line,
                ExprKind::BinOp {
                    first: self.bx_take(out)?,
                    rest: self.boxed(rest)?,
                },
            );
            put(out, e);
        }
        Ok(())
    }

    /// `factor: ('+'|'-'|'~') factor | power`.
    fn factor(&mut self, out: &mut Expr) -> PResult<()> {
        let op = match self.tok.kind {
            Tok::Op(Op::Bin(BinOp::Add)) => Some(UnaryOp::Pos),
            Tok::Op(Op::Bin(BinOp::Sub)) => Some(UnaryOp::Neg),
            Tok::Op(Op::Tilde) => Some(UnaryOp::Invert),
            _ => None,
        };
        if let Some(op) = op {
            let line = self.tok.line;
            self.skip()?;
            self.enter()?;
            self.factor(out)?;
            self.leave();
            let e = mk(
                line,
                ExprKind::UnaryOp {
                    op,
                    operand: self.bx_take(out)?,
                },
            );
            put(out, e);
            return Ok(());
        }
        self.power(out)
    }

    /// `power: atom_expr ['**' factor]`.
    #[inline(always)]
    fn power(&mut self, out: &mut Expr) -> PResult<()> {
        let line = self.tok.line;
        self.atom_expr(out)?;
        if self.eat_op(Op::Bin(BinOp::Pow))? {
            self.enter()?;
            let mut t = (BinOp::Pow, HOLE);
            self.factor(&mut t.1)?;
            self.leave();
            let e = mk(
                line,
                ExprKind::BinOp {
                    first: self.bx_take(out)?,
                    rest: self.boxed(self.vec1(t)?)?,
                },
            );
            put(out, e);
        }
        Ok(())
    }

    /// `atom_expr: ['await'] atom trailer*`.
    #[inline(always)]
    fn atom_expr(&mut self, out: &mut Expr) -> PResult<()> {
        let line = self.tok.line;
        let is_await = self.eat_kw(Kw::Await)?;
        self.atom(out)?;
        if matches!(self.tok.kind, Tok::Op(Op::LParen | Op::LBracket | Op::Dot)) {
            self.trailers(line, out, false)?;
        }
        if is_await {
            let e = mk(line, ExprKind::Await(self.bx_take(out)?));
            put(out, e);
        }
        Ok(())
    }

    /// `trailer*` after an atom (out of line: see `ifexp_tail`); for a
    /// decorator (`deco`), only `.NAME` trailers and then at most one call.
    #[inline(never)]
    pub(super) fn trailers(&mut self, line: u32, out: &mut Expr, deco: bool) -> PResult<()> {
        // Each trailer nests the tree one level (walked recursively by the
        // compiler): count it, once its own contents are parsed (so that
        // `f(g(h(x)))` costs one level per call, like a bracket).
        let mut n = 0;
        loop {
            let op_line = self.tok.line;
            if n > 0 {
                self.enter()?;
            }
            n += 1;
            let call = self.eat_op(Op::LParen)?;
            let kind = if call {
                let args = self.arglist(Op::RParen)?;
                self.expect_op(Op::RParen)?;
                ExprKind::Call {
                    func: self.bx_take(out)?,
                    args,
                    op_dline: Self::dline(line, op_line),
                }
            } else if !deco && self.eat_op(Op::LBracket)? {
                let mut index = HOLE;
                self.subscriptlist(&mut index)?;
                self.expect_op(Op::RBracket)?;
                ExprKind::Subscript {
                    value: self.bx_take(out)?,
                    index: self.bx(index)?,
                    op_line,
                }
            } else if self.eat_op(Op::Dot)? {
                let attr = self.expect_name()?;
                ExprKind::Attribute {
                    value: self.bx_take(out)?,
                    attr,
                    op_dline: Self::dline(line, op_line),
                }
            } else {
                break;
            };
            put(out, mk(line, kind));
            if deco && call {
                break;
            }
        }
        self.leave_n(n - 1);
        Ok(())
    }

    /// `atom`, into `out`.
    #[inline(always)]
    fn atom(&mut self, out: &mut Expr) -> PResult<()> {
        let line = self.tok.line;
        let e = match &self.tok.kind {
            Tok::Name(_) => {
                let n = self.expect_name()?;
                mk(line, ExprKind::Name(n))
            }
            Tok::Number(_) | Tok::Str(_) | Tok::Bytes(_) => {
                let interned = self.tok_interned;
                let t = core::mem::replace(&mut self.tok.kind, Tok::EndMarker);
                self.skip()?;
                let k = match t {
                    Tok::Number(k) => k,
                    Tok::Str(s) => Constant::Str(self.mem().own_bytes(s)?),
                    Tok::Bytes(b) => Constant::Bytes(self.mem().own_bytes(b)?),
                    _ => return self.fail(),
                };
                let mut e = mk(line, ExprKind::Constant(k));
                if interned {
                    e.set_interned();
                }
                e
            }
            Tok::BadNumber(_) => return Err(self.take_bad_number()),
            Tok::Kw(Kw::Debug) => {
                self.skip()?;
                mk(line, ExprKind::Name(self.mem().own_str(self.mem().string("__debug__")?)?))
            }
            Tok::Kw(Kw::None | Kw::True | Kw::False) | Tok::Op(Op::Ellipsis) => {
                let k = match self.tok.kind {
                    Tok::Kw(Kw::None) => Constant::None,
                    Tok::Kw(Kw::True) => Constant::True,
                    Tok::Kw(Kw::False) => Constant::False,
                    _ => Constant::Ellipsis,
                };
                self.skip()?;
                mk(line, ExprKind::Constant(k))
            }
            &Tok::Op(open @ (Op::LParen | Op::LBracket | Op::LBrace)) => {
                self.skip()?;
                let (r, close) = match open {
                    Op::LParen => (self.bracket_contents(line, out, true), Op::RParen),
                    Op::LBracket => (self.bracket_contents(line, out, false), Op::RBracket),
                    _ => (self.brace_contents(line, out), Op::RBrace),
                };
                r?;
                if open == Op::LParen {
                    out.set_parenthesized();
                }
                return self.expect_op(close);
            }
            _ => return self.fail(),
        };
        put(out, e);
        Ok(())
    }

    /// The error of the current `BadNumber` token, moved out (the parse
    /// ends with it).
    #[cold]
    #[inline(never)]
    fn take_bad_number(&mut self) -> Stop {
        let e = match core::mem::replace(&mut self.tok.kind, Tok::EndMarker) {
            Tok::BadNumber(e) => e,
            _ => CompileError::invalid_syntax(self.tok.line),
        };
        self.stop(e)
    }

    /// One element of a parenthesised or bracketed display, into `out`.
    #[inline(always)]
    fn display_elem(&mut self, out: &mut Expr) -> PResult<()> {
        if self.is_op(Op::Bin(BinOp::Mult)) {
            self.star_expr(out)
        } else {
            self.namedexpr_test(out)
        }
    }

    /// Inside `( ... )` (`paren`): `()`, `(yield ...)`, `(x)`, `(x,)`,
    /// `(x for ...)`; or inside `[ ... ]`: `[]`, `[x, ...]`, `[x for ...]`;
    /// into `out` (one body for both).
    #[inline(never)]
    fn bracket_contents(&mut self, line: u32, out: &mut Expr, paren: bool) -> PResult<()> {
        let (close, comp) = if paren { (Op::RParen, CompKind::Generator) } else { (Op::RBracket, CompKind::List) };
        let mut elts = Vec::new();
        if !self.is_op(close) {
            if paren && self.is_kw(Kw::Yield) {
                return self.yield_expr(out);
            }
            self.display_elem(out)?;
            if self.is_kw(Kw::For) {
                return self.comp(line, comp, out);
            }
            if paren && !self.is_op(Op::Comma) {
                return Ok(());
            }
            // The first element and those after it, up to the bracket.
            elts = self.vec1(take(out))?;
            while self.eat_op(Op::Comma)? {
                if self.is_op(close) {
                    break;
                }
                let slot = self.push_hole(&mut elts)?;
                self.display_elem(slot)?;
            }
        }
        let elts = list(elts);
        put(out, mk(line, if paren { ExprKind::Tuple(elts) } else { ExprKind::List(elts) }));
        Ok(())
    }

    /// Inside `{ ... }`: dict or set display or comprehension, into `out`.
    /// MicroPython has no `*`/`**` unpacking here.
    #[inline(never)]
    fn brace_contents(&mut self, line: u32, out: &mut Expr) -> PResult<()> {
        if self.is_op(Op::RBrace) {
            put(out, mk(line, ExprKind::Dict(Default::default())));
            return Ok(());
        }
        // One loop for both displays (less code): a dict's items are
        // key, value, key, value, ...
        let mut items = Vec::new();
        self.push_test(&mut items)?;
        let kline = items.first().map_or(line, Expr::line);
        let is_dict = self.eat_op(Op::Colon)?;
        if is_dict {
            self.push_test(&mut items)?;
        }
        if self.is_kw(Kw::For) {
            let kind = if is_dict {
                put(out, mk(kline, ExprKind::Dict(list(items))));
                CompKind::Dict
            } else {
                let Some(first) = items.pop() else { return self.fail() };
                // The empty list is freed (the boards' lists are not
                // dropped: see `Vec`).
                drop(super::done(items));
                put(out, first);
                CompKind::Set
            };
            return self.comp(line, kind, out);
        }
        while self.eat_op(Op::Comma)? {
            if self.is_op(Op::RBrace) {
                break;
            }
            let kline = self.tok.line;
            self.push_test(&mut items)?;
            if is_dict {
                if !self.is_op(Op::Colon) && (self.is_op(Op::Comma) || self.is_op(Op::RBrace)) {
                    self.defer(CompileError::syntax("expecting key:value for dict", kline));
                    items.pop();
                    continue;
                }
                self.expect_op(Op::Colon)?;
                self.push_test(&mut items)?;
            } else if self.eat_op(Op::Colon)? {
                self.defer(CompileError::syntax("expecting just a value for set", kline));
                let mut t = HOLE;
                self.test_into(&mut t)?;
            }
        }
        put(out, mk(line, if is_dict { ExprKind::Dict(list(items)) } else { ExprKind::Set(list(items)) }));
        Ok(())
    }

    /// A `test` appended to `v` (parsed in place: no move of the result).
    #[inline(never)]
    fn push_test(&mut self, v: &mut Vec<Expr>) -> PResult<()> {
        let slot = self.push_hole(v)?;
        self.test_into(slot)
    }

    /// A comprehension of `kind` with the element in `out`, its clauses
    /// from the current `for` on, into `out`.
    #[inline(never)]
    fn comp(&mut self, line: u32, kind: CompKind, out: &mut Expr) -> PResult<()> {
        let generators = self.comp_for()?;
        let e = mk(line, ExprKind::Comp { kind, elt: self.bx_take(out)?, generators });
        put(out, e);
        Ok(())
    }

    /// `comp_for: 'for' exprlist 'in' or_test [comp_iter]`, with all
    /// following `for`/`if` clauses. (MicroPython's grammar has no `async`
    /// comprehensions: `[x async for x in y]` is `invalid syntax`.)
    #[inline(never)]
    pub(super) fn comp_for(&mut self) -> PResult<Own<[Comprehension]>> {
        let mut gens: Vec<Comprehension> = Vec::new();
        // The `if` conditions of the last `for` clause so far.
        let mut ifs: Vec<Expr> = Vec::new();
        // Each `for` clause nests the compiled loops one level.
        let mut n = 0;
        loop {
            let line = self.tok.line;
            if self.eat_kw(Kw::For)? {
                self.enter()?;
                n += 1;
                // MicroPython has no `async for` in comprehensions.
                let is_async = false;
                if let Some(g) = gens.last_mut() {
                    g.ifs = list(core::mem::take(&mut ifs));
                }
                // The clause is parsed in place (see `push_hole`).
                self.push_bx(&mut gens, Comprehension {
                    line,
                    target: HOLE,
                    iter: HOLE,
                    ifs: Default::default(),
                    is_async,
                })?;
                let Some(g) = gens.last_mut() else { return Err(Stop) };
                self.exprlist(&mut g.target)?;
                self.expect_kw(Kw::In)?;
                self.bool_test(false, &mut g.iter)?;
            } else if self.eat_kw(Kw::If)? {
                if gens.is_empty() {
                    let mut cond = HOLE;
                    self.test_nocond(&mut cond)?;
                    return self.fail();
                }
                let slot = self.push_hole(&mut ifs)?;
                self.test_nocond(slot)?;
            } else {
                if let Some(g) = gens.last_mut() {
                    g.ifs = list(ifs);
                }
                self.leave_n(n);
                return self.boxed(gens);
            }
        }
    }

    /// `exprlist: (expr|star_expr) (',' (expr|star_expr))* [',']` (a `Tuple`
    /// if there is a comma), into `out`.
    pub(super) fn exprlist(&mut self, out: &mut Expr) -> PResult<()> {
        self.list_of(EXPRLIST, out)
    }

    /// `testlist: test (',' test)* [',']`, into `out`.
    pub(super) fn testlist(&mut self, out: &mut Expr) -> PResult<()> {
        self.list_of(TESTLIST, out)
    }

    /// `testlist_star_expr: (test|star_expr) (',' (test|star_expr))* [',']`,
    /// into `out`.
    pub(super) fn testlist_star_expr(&mut self, out: &mut Expr) -> PResult<()> {
        self.list_of(TESTLIST_STAR, out)
    }

    /// One item of [`Parser::list_of`]'s list `kind`, into `out`.
    #[inline(never)]
    fn list_item(&mut self, kind: u8, out: &mut Expr) -> PResult<()> {
        if kind == SUBSCRIPTS {
            self.subscript(out)
        } else if kind != TESTLIST && self.is_op(Op::Bin(BinOp::Mult)) {
            self.star_expr(out)
        } else if kind == EXPRLIST {
            self.binary(0, out)
        } else {
            self.test_into(out)
        }
    }

    /// The comma-separated lists (a `Tuple` if there is a comma; the
    /// `kind` is [`EXPRLIST`], [`TESTLIST`], [`TESTLIST_STAR`] or
    /// [`SUBSCRIPTS`]), into `out`: one loop for all four.
    #[inline(never)]
    fn list_of(&mut self, kind: u8, out: &mut Expr) -> PResult<()> {
        let line = self.tok.line;
        self.list_item(kind, out)?;
        if !self.is_op(Op::Comma) {
            return Ok(());
        }
        let mut elts = Vec::new();
        self.push(&mut elts, take(out))?;
        loop {
            if !self.eat_op(Op::Comma)? {
                break;
            }
            let more = if kind == SUBSCRIPTS {
                !self.is_op(Op::RBracket)
            } else {
                self.starts_expr() && !(kind == TESTLIST && self.is_op(Op::Bin(BinOp::Mult)))
            };
            if !more {
                break;
            }
            let slot = self.push_hole(&mut elts)?;
            self.list_item(kind, slot)?;
        }
        put(out, mk(line, ExprKind::Tuple(list(elts))));
        Ok(())
    }

    /// `yield_expr: 'yield' ['from' test | testlist]`, into `out`.
    #[inline(never)]
    pub(super) fn yield_expr(&mut self, out: &mut Expr) -> PResult<()> {
        let line = self.tok.line;
        self.expect_kw(Kw::Yield)?;
        let kind = if self.eat_kw(Kw::From)? {
            ExprKind::YieldFrom(self.test_bx()?)
        } else if self.starts_value() {
            let mut e = self.bx_hole()?;
            self.testlist(&mut e)?;
            ExprKind::Yield(Some(e))
        } else {
            ExprKind::Yield(None)
        };
        put(out, mk(line, kind));
        Ok(())
    }

    /// `subscriptlist: subscript (',' subscript)* [',']`, into `out`.
    fn subscriptlist(&mut self, out: &mut Expr) -> PResult<()> {
        self.list_of(SUBSCRIPTS, out)
    }

    /// `subscript: test | [test] ':' [test] [':' [test]]`, into `out`.
    #[inline(never)]
    fn subscript(&mut self, out: &mut Expr) -> PResult<()> {
        let line = self.tok.line;
        let has_lower = !self.is_op(Op::Colon);
        if has_lower {
            self.test_into(out)?;
        }
        if !self.eat_op(Op::Colon)? {
            return if has_lower { Ok(()) } else { self.fail() };
        }
        let bound = |p: &mut Self| -> PResult<Option<P<Expr>>> {
            if p.is_op(Op::Colon) || p.is_op(Op::Comma) || p.is_op(Op::RBracket) {
                Ok(None)
            } else {
                Ok(Some(p.test_bx()?))
            }
        };
        let upper = bound(self)?;
        let step = if self.eat_op(Op::Colon)? {
            bound(self)?
        } else {
            None
        };
        let lower = if has_lower { Some(self.bx_take(out)?) } else { None };
        put(out, mk(line, ExprKind::Slice { lower, upper, step }));
        Ok(())
    }

    /// Call (or class base) arguments up to `close` (not consumed).
    #[inline(never)]
    pub(super) fn arglist(&mut self, close: Op) -> PResult<Own<[Arg]>> {
        let mut args = Vec::new();
        while !self.is_op(close) {
            // One `test` and one push for every kind of argument.
            let star = if self.eat_op(Op::Bin(BinOp::Mult))? {
                1
            } else if self.eat_op(Op::Bin(BinOp::Pow))? {
                2
            } else {
                0
            };
            let line = self.tok.line;
            // Parsed in place (see `push_hole`), as a positional argument
            // that the other kinds replace.
            self.push_bx(&mut args, Arg::Positional(HOLE))?;
            let Some(slot) = args.last_mut() else { return Err(Stop) };
            let Arg::Positional(e) = slot else { return Err(Stop) };
            self.test_into(e)?;
            let arg = if star == 1 {
                Some(Arg::Starred(take(e)))
            } else if star == 2 {
                Some(Arg::DoubleStarred(take(e)))
            } else if self.is_op(Op::Assign) || self.is_op(Op::Walrus) {
                let walrus = self.is_op(Op::Walrus);
                let msg = if walrus {
                    "can't assign to expression"
                } else {
                    "LHS of keyword arg must be an id"
                };
                let name = self.target_name(e, line, msg);
                self.skip()?;
                let value = self.test_bx()?;
                if walrus {
                    put(e, mk(line, ExprKind::NamedExpr { target: name, value }));
                    None
                } else {
                    Some(Arg::Keyword(name, value))
                }
            } else {
                if self.is_kw(Kw::For) {
                    self.comp(line, CompKind::Generator, e)?;
                }
                None
            };
            if let Some(arg) = arg {
                // Nothing to drop: the slot's expression was taken above.
                core::mem::forget(core::mem::replace(slot, arg));
            }
            if !self.eat_op(Op::Comma)? {
                break;
            }
        }
        self.boxed(args)
    }
}
