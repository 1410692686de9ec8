//! Expressions: constants and folding, names, operators, calls, displays,
//! subscripts, conditional and boolean expressions.

use super::fold::{fold_binary, fold_unary, CVal};
use super::seq::{ADJUST, JUMP, LABEL};
use super::{Compiler, Msg};
use crate::ast::{Arg, BinOp, BoolOp, CmpOp, CompKind, Expr, ExprKind, UnaryOp};
use crate::emit::{Label, Pass};
use crate::scope::{IdKind, ScopeKind};
use mpy_bytecode::opcode as op;

/// Offset of the in-place operators in the BINARY_OP_MULTI range.
const INPLACE_BASE: u8 = 9;
/// Offset of the plain arithmetic operators in the BINARY_OP_MULTI range.
const ARITH_BASE: u8 = 22;

/// Index of `op` within the 13 arithmetic operators (OR .. POWER).
pub(crate) fn binop_index(o: BinOp) -> u8 {
    // The variants are declared in this order.
    o as u8
}

/// The source line MicroPython's parser gives the constant object folded
/// from `e`: for a parenthesized tuple of three or more items it is the
/// line of the second item (the grammar's item list starts after the first
/// comma), otherwise the line of the first item / token.
fn const_node_line(e: &Expr) -> u32 {
    match &e.kind {
        ExprKind::Tuple(items) if items.len() >= 3 && e.parenthesized() => items[1].line(),
        ExprKind::Tuple(items) if !items.is_empty() => items[0].line(),
        _ => e.line(),
    }
}

impl<'a> Compiler<'a> {
    pub(crate) fn binary_op(&mut self, n: u8) {
        self.e.op(op::BINARY_OP_MULTI + n);
    }

    pub(crate) fn arith_op(&mut self, o: BinOp) {
        self.binary_op(ARITH_BASE + binop_index(o));
    }

    pub(crate) fn inplace_op(&mut self, o: BinOp) {
        self.binary_op(INPLACE_BASE + binop_index(o));
    }

    pub(crate) fn unary_op(&mut self, n: u8) {
        self.e.op(op::UNARY_OP_MULTI + n);
    }

    // ---- constants --------------------------------------------------------

    /// Where MicroPython's parser cuts an `and`/`or` chain: after the
    /// first constant operand that decides the result (else after the
    /// last operand). Of the operands before that end, it also drops the
    /// constants ([`Compiler::logic_single`]; the loops over the chain
    /// skip them), so that no temporary list is needed.
    pub(crate) fn logic_end(&self, o: BoolOp, values: &[Expr]) -> usize {
        for (i, v) in values.iter().enumerate() {
            if let Some(c) = self.fold(v) {
                if c.truthy() == (o == BoolOp::Or) {
                    return i + 1;
                }
            }
        }
        values.len()
    }

    /// The one operand left of a chain cut at `end` (see
    /// [`Compiler::logic_end`]) when all operands before its last are
    /// constants.
    pub(crate) fn logic_single<'b>(&self, values: &'b [Expr], end: usize) -> Option<&'b Expr> {
        let (last, before) = values.get(..end)?.split_last()?;
        before.iter().all(|v| self.folds(v)).then_some(last)
    }

    /// A folded value, unless it is an int the run time cannot hold
    /// (without feature `bigint`: one outside the target's small ints).
    #[inline]
    fn fits<'b>(&self, v: CVal<'b>) -> Option<CVal<'b>> {
        #[cfg(not(feature = "bigint"))]
        if matches!(v, CVal::Int(_)) && !self.is_small_int(&v) {
            return None;
        }
        Some(v)
    }

    /// The value of `e` if MicroPython's parser turns it into a constant
    /// (`None` too if the native stack or memory runs out: that is
    /// recorded and ends the pass).
    pub(crate) fn fold<'b>(&self, e: &'b Expr) -> Option<CVal<'b>>
    where
        'a: 'b,
    {
        if self.deep() {
            return None;
        }
        let mem = self.mem;
        match &e.kind {
            ExprKind::Constant(c) => CVal::from_constant(c, e.interned(), mem).ok(),
            ExprKind::Name(n) => {
                if crate::is(n, "__debug__") {
                    return Some(if self.opts.opt_level == 0 { CVal::True } else { CVal::False });
                }
                self.consts.get(n)?.try_clone(mem).ok()
            }
            ExprKind::UnaryOp { op, operand } => self.fits(fold_unary(*op, self.fold(operand)?, mem)?),
            #[cfg(feature = "float")]
            ExprKind::Attribute { value, attr, .. } => {
                // MicroPython's parser folds the float constants of `math`.
                let ExprKind::Name(m) = &value.kind else { return None };
                if !crate::is(m, "math") {
                    return None;
                }
                // A table, not a `match` on strings (less code).
                const MATH: [(&str, f64); 5] = [
                    ("pi", core::f64::consts::PI),
                    ("e", core::f64::consts::E),
                    ("tau", core::f64::consts::TAU),
                    ("inf", f64::INFINITY),
                    ("nan", f64::NAN),
                ];
                let v = MATH.iter().find(|(n, _)| *n == &**attr)?.1;
                Some(CVal::Float(v))
            }
            ExprKind::BinOp { first, rest } => {
                let mut acc = self.fold(first)?;
                for (o, x) in rest {
                    let v = self.fold(x)?;
                    acc = self.fits(fold_binary(*o, &acc, &v, mem)?)?;
                }
                Some(acc)
            }
            ExprKind::BoolOp { op, values } => {
                let end = self.logic_end(*op, values);
                self.fold(self.logic_single(values, end)?)
            }
            ExprKind::Tuple(items) => {
                let mut v = mem.with_capacity(items.len()).ok()?;
                for it in items {
                    v.push(self.fold(it)?);
                }
                Some(CVal::Tuple(v))
            }
            _ => None,
        }
    }

    /// Whether `e` folds to a constant (the value is dropped at once).
    #[cfg_attr(target_os = "none", inline(never))]
    pub(crate) fn folds(&self, e: &Expr) -> bool {
        self.fold(e).is_some()
    }

    /// Constant truthiness of a condition, if it is a constant (the empty
    /// tuple counts as false here).
    pub(crate) fn const_truth(&self, e: &'a Expr) -> Option<bool> {
        if let ExprKind::Tuple(items) = &e.kind {
            if items.is_empty() {
                return Some(false);
            }
        }
        self.fold(e).map(|v| v.truthy())
    }

    // ---- expressions --------------------------------------------------------

    /// Compiles `e`, leaving its value on the stack.
    pub(crate) fn expr(&mut self, e: &'a Expr) {
        if self.deep() {
            return;
        }
        if let Some(v) = self.fold(e) {
            if matches!(&v, CVal::Tuple(t) if t.is_empty()) {
                self.e.set_line(e.line());
                self.e.op_uint(op::BUILD_TUPLE, 0, 1);
                return;
            }
            // Literal constant objects (floats, big ints, long strings,
            // bytes) and constant tuples set their line like MicroPython's
            // const-object nodes; values folded from operators do not.
            let literal = matches!(e.kind, ExprKind::Constant(_) | ExprKind::Tuple(_));
            let leaf = !literal
                || match &v {
                    CVal::Int(_) => self.is_small_int(&v),
                    CVal::Str(s, q) => self.str_is_qstr(s, *q),
                    CVal::None | CVal::True | CVal::False | CVal::Ellipsis => true,
                    _ => false,
                };
            if !leaf {
                let mut line = const_node_line(e);
                if let ExprKind::Tuple(items) = &e.kind {
                    // `(a,\n b,\n)`: with a trailing comma the item list
                    // after the first comma is its own node.
                    if items.len() == 2 && e.parenthesized() && self.trailing_comma_after_line(items[1].line()) {
                        line = items[1].line();
                    }
                }
                self.e.set_line(line);
            }
            self.load_cval(&v);
            return;
        }
        match &e.kind {
            ExprKind::Name(n) => self.load_id(n),
            ExprKind::Constant(_) => {}
            _ => {
                self.e.set_line(e.line());
                self.expr_node(e);
            }
        }
    }

    pub(crate) fn expr_node(&mut self, e: &'a Expr) {
        if self.deep() {
            return;
        }
        match &e.kind {
            ExprKind::Name(_) | ExprKind::Constant(_) => {}
            ExprKind::BoolOp { op: o, values } => {
                let n = self.logic_end(*o, values);
                if let Some(one) = self.logic_single(values, n) {
                    self.expr(one);
                    return;
                }
                let end = self.new_label();
                let jop = match o {
                    BoolOp::And => op::JUMP_IF_FALSE_OR_POP,
                    BoolOp::Or => op::JUMP_IF_TRUE_OR_POP,
                };
                for (i, v) in values.get(..n).unwrap_or(values).iter().enumerate() {
                    if i + 1 == n {
                        self.expr(v);
                    } else if !self.folds(v) {
                        self.expr(v);
                        self.e.jump(jop, end);
                    }
                }
                self.e.label(end);
            }
            ExprKind::BinOp { first, rest } => {
                self.expr(first);
                for (o, x) in rest {
                    self.expr(x);
                    self.arith_op(*o);
                }
            }
            ExprKind::UnaryOp { op: o, operand } => {
                self.expr(operand);
                // The variants are declared in opcode order.
                self.unary_op(*o as u8);
            }
            ExprKind::Compare { left, rest } => self.compare(left, rest),
            ExprKind::IfExp { test, body, orelse } => {
                // Labels: fail, end.
                let l_fail = self.new_labels(2);
                self.c_if_cond(test, false, l_fail);
                self.expr(body);
                self.seq(&[JUMP, op::JUMP, 1, LABEL, ADJUST, -1i8 as u8], l_fail);
                self.expr(orelse);
                self.e.label(l_fail + 1);
            }
            ExprKind::Lambda(f) => self.lambda(f, e.line()),
            ExprKind::NamedExpr { target, value } => {
                self.expr(value);
                self.e.op(op::DUP_TOP);
                self.store_named_expr_target(target);
            }
            ExprKind::Yield(_) | ExprKind::YieldFrom(_) | ExprKind::Await(_) => {
                // `await` is accepted in any `def` (MicroPython does not
                // check for `async def`), not in lambdas or comprehensions;
                // `yield` in a lambda too. One arm for the three (less code).
                let is_await = matches!(e.kind, ExprKind::Await(_));
                let k = self.scope().kind;
                if !(k == ScopeKind::Function || (!is_await && k == ScopeKind::Lambda)) {
                    let m = if is_await { Msg::AwaitOutsideFunction } else { Msg::YieldOutsideFunction };
                    self.syntax_error(m, e.line());
                    return;
                }
                if self.pass() == Pass::Scope {
                    self.scope_mut().flags |= crate::scope::flags::GENERATOR;
                }
                match &e.kind {
                    ExprKind::Yield(v) => {
                        self.expr_or_none(v.as_deref());
                        self.e.op(op::YIELD_VALUE);
                    }
                    ExprKind::YieldFrom(v) | ExprKind::Await(v) => {
                        self.expr(v);
                        self.await_value();
                    }
                    _ => {}
                }
            }
            ExprKind::Call { func, args, op_dline } => self.call(func, args, e.op_line(*op_dline)),
            ExprKind::Attribute { value, attr, op_dline } => {
                self.trailer_base(value);
                self.e.set_line(e.op_line(*op_dline));
                self.op_q(op::LOAD_ATTR, attr);
            }
            ExprKind::Subscript { value, index, op_line } => {
                self.trailer_base(value);
                self.e.set_line(*op_line);
                self.subscript_index(index);
                self.e.op(op::LOAD_SUBSCR);
            }
            ExprKind::Starred(_) => self.syntax_error(Msg::StarXMustBeAssignmentTarget, e.line()),
            ExprKind::Slice { .. } => self.syntax_error(Msg::InvalidSyntax, e.line()),
            ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
                if self.check_no_star(items, e.line()) {
                    for it in items {
                        self.expr(it);
                    }
                    let o = match e.kind {
                        ExprKind::List(_) => op::BUILD_LIST,
                        ExprKind::Tuple(_) => op::BUILD_TUPLE,
                        _ => op::BUILD_SET,
                    };
                    self.e.op_uint(o, items.len() as u32, 1 - items.len() as i32);
                }
            }
            ExprKind::Dict(items) => {
                self.e.op_uint(op::BUILD_MAP, (items.len() / 2) as u32, 1);
                for kv in items.chunks_exact(2) {
                    let [k, v] = kv else { continue };
                    self.e.set_line(k.line());
                    self.expr(v);
                    self.expr(k);
                    self.e.op(op::STORE_MAP);
                }
            }
            ExprKind::Comp { kind, .. } => {
                let k = match kind {
                    CompKind::List => ScopeKind::ListComp,
                    CompKind::Set => ScopeKind::SetComp,
                    CompKind::Dict => ScopeKind::DictComp,
                    CompKind::Generator => ScopeKind::GenExpr,
                };
                self.comprehension(e, k)
            }
        }
    }

    /// Compiles the object a trailer (`.attr`, `[i]`, `(args)`) applies
    /// to: `math.pi` is only folded when it is the whole expression.
    pub(crate) fn trailer_base(&mut self, value: &'a Expr) {
        if matches!(value.kind, ExprKind::Attribute { .. }) {
            self.e.set_line(value.line());
            self.expr_node(value);
        } else {
            self.expr(value);
        }
    }

    fn check_no_star(&mut self, items: &[Expr], line: u32) -> bool {
        if items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_))) {
            self.syntax_error(Msg::StarXMustBeAssignmentTarget, line);
            return false;
        }
        true
    }

    /// `async for`/`async with` need an `async def`.
    pub(crate) fn in_async_function(&self) -> bool {
        let s = self.scope();
        s.kind == ScopeKind::Function && s.is_async
    }

    /// `await x` with x on the stack: MicroPython's `yield from
    /// x.__await__()`-style sequence.
    pub(crate) fn await_value(&mut self) {
        self.seq(&[op::GET_ITER, op::LOAD_CONST_NONE, op::YIELD_FROM], 0);
    }

    fn store_named_expr_target(&mut self, target: &'a str) {
        // In a comprehension the name binds in the enclosing
        // non-comprehension scope (PEP 572): declared global there if that
        // is the module, closed over if it is a function.
        let is_comp = |k: ScopeKind| matches!(k, ScopeKind::ListComp | ScopeKind::DictComp | ScopeKind::SetComp | ScopeKind::GenExpr);
        if is_comp(self.scope().kind) && self.pass() == Pass::Scope {
            let mut p = self.scope().parent;
            while let Some(i) = p {
                if !is_comp(self.scope_at(i).kind) {
                    break;
                }
                p = self.scope_at(i).parent;
            }
            if let Some(i) = p {
                let mem = self.mem;
                let Ok((j, _)) = self.scope_mut().find_or_add(mem, target, IdKind::Undecided) else { return };
                if self.scope_at(i).kind.is_func_like() {
                    self.scope_at_mut(i).modify(mem, target);
                    if self.scope().ids[j].kind == IdKind::Undecided {
                        self.close_over(j);
                    }
                } else {
                    self.make_global(j, target);
                }
                return;
            }
        }
        self.store_id(target);
    }

    fn compare(&mut self, left: &'a Expr, rest: &'a [(CmpOp, Expr)]) {
        self.expr(left);
        let n = rest.len();
        // Labels: fail, and end if there is more than one comparison.
        let l_fail = self.new_labels(1 + u32::from(n > 1));
        for (i, (o, x)) in rest.iter().enumerate() {
            self.expr(x);
            let last = i + 1 == n;
            if !last {
                self.e.op(op::DUP_TOP);
                self.e.op(op::ROT_THREE);
            }
            self.cmp_op(*o);
            if !last {
                self.e.jump(op::JUMP_IF_FALSE_OR_POP, l_fail);
            }
        }
        if n > 1 {
            self.seq(&[JUMP, op::JUMP, 1, LABEL, ADJUST, 1, op::ROT_TWO, op::POP_TOP, LABEL + 1], l_fail);
        }
    }

    fn cmp_op(&mut self, o: CmpOp) {
        // MicroPython's comparison opcode offsets, `not` for `not in`/`is not`.
        const N: [u8; 10] = [0, 1, 2, 3, 4, 5, 6, 6, 7, 7];
        let i = o as usize;
        let (n, not) = (N[i], matches!(o, CmpOp::NotIn | CmpOp::IsNot));
        self.binary_op(n);
        if not {
            self.unary_op(3);
        }
    }

    /// Compiles a subscript index (slice, tuple with slices, or value).
    pub(crate) fn subscript_index(&mut self, index: &'a Expr) {
        if self.deep() {
            return;
        }
        match &index.kind {
            ExprKind::Slice { lower, upper, step } => {
                self.e.set_line(index.line());
                self.expr_or_none(lower.as_deref());
                self.expr_or_none(upper.as_deref());
                if let Some(x) = step {
                    self.expr(x);
                }
                let n = 2 + u32::from(step.is_some());
                self.e.op_uint(op::BUILD_SLICE, n, 1 - n as i32);
            }
            ExprKind::Tuple(items) if !self.folds(index) => {
                self.e.set_line(index.line());
                for it in items {
                    self.subscript_index(it);
                }
                self.e.op_uint(op::BUILD_TUPLE, items.len() as u32, 1 - items.len() as i32);
            }
            _ => self.expr(index),
        }
    }

    /// Compiles `x`, or loads `None` if absent.
    #[cfg_attr(target_os = "none", inline(never))]
    fn expr_or_none(&mut self, x: Option<&'a Expr>) {
        match x {
            Some(x) => self.expr(x),
            None => self.e.op(op::LOAD_CONST_NONE),
        }
    }

    // ---- calls --------------------------------------------------------------

    fn call(&mut self, func: &'a Expr, args: &'a [Arg], op_line: u32) {
        if let ExprKind::Attribute { value, attr, .. } = &func.kind {
            if let ExprKind::Call { func: f2, args: a2, .. } = &value.kind {
                if self.is_zero_arg_super(f2, a2) {
                    // super().m(...): LOAD_SUPER_METHOD
                    self.e.set_line(value.line());
                    self.load_super_args();
                    self.op_q(op::LOAD_SUPER_METHOD, attr);
                    self.call_args(args, true, 0);
                    return;
                }
            }
            self.trailer_base(value);
            self.op_q(op::LOAD_METHOD, attr);
            self.call_args(args, true, 0);
            return;
        }
        if self.is_zero_arg_super(func, args) {
            self.load_super_args();
            self.e.op_uint(op::CALL_FUNCTION, 2, -2);
            return;
        }
        self.trailer_base(func);
        self.e.set_line(op_line);
        self.call_args(args, false, 0);
    }

    /// `super()` with no arguments inside a function.
    fn is_zero_arg_super(&self, func: &Expr, args: &[Arg]) -> bool {
        matches!(&func.kind, ExprKind::Name(n) if crate::is(n, "super"))
            && args.is_empty()
            && self.scope().kind == ScopeKind::Function
    }

    /// Pushes `super`, `__class__` and the first parameter.
    fn load_super_args(&mut self) {
        self.load_id("super");
        self.load_id("__class__");
        let first = self
            .scope()
            .ids
            .iter()
            .find(|i| i.flags & crate::scope::FLAG_PARAM != 0)
            .map(|i| i.name);
        match first {
            Some(n) => self.load_id(n),
            None => self.syntax_error(Msg::SuperCantFindSelf, self.e.last_line_hint()),
        }
    }

    /// Compiles call arguments and the call itself. `extra` positional
    /// values are already on the stack (class name and body for classes).
    pub(crate) fn call_args(&mut self, args: &'a [Arg], method: bool, extra: u32) {
        let mut n_pos = extra;
        let mut n_kw = 0u32;
        let mut star_seen = false;
        let mut dbl = false;
        let mut bitmap: i64 = 0;
        for (i, a) in args.iter().enumerate() {
            match a {
                Arg::Starred(x) | Arg::Positional(x) => {
                    let star = matches!(a, Arg::Starred(_));
                    // (A `**` argument counts as a keyword too.)
                    if n_kw > 0 {
                        // One site for the four messages, in `Msg`'s order:
                        // `*`/positional, after `**`/after a keyword.
                        let k = Msg::StarArgAfterDoubleStar as u8 + 2 * u8::from(!star) + u8::from(!dbl);
                        self.syntax_error_nth(k, x.line());
                        return;
                    }
                    if star {
                        star_seen = true;
                        if i < 62 {
                            bitmap |= 1i64 << i;
                        }
                        self.expr(x);
                    } else {
                        match &x.kind {
                            // A bare generator argument (only possible as the
                            // sole argument) is compiled without setting its line.
                            ExprKind::Comp { kind: CompKind::Generator, .. } if !x.parenthesized() && args.len() == 1 => {
                                self.expr_node(x)
                            }
                            _ => self.expr(x),
                        }
                    }
                    n_pos += 1;
                }
                Arg::DoubleStarred(x) => {
                    dbl = true;
                    self.e.op(op::LOAD_NULL);
                    self.expr(x);
                    n_kw += 1;
                }
                Arg::Keyword(k, x) => {
                    self.load_const_str_qstr(k);
                    self.expr(x);
                    n_kw += 1;
                }
            }
        }
        let arg = n_pos | (n_kw << 8);
        let base = n_pos as i32 + 2 * n_kw as i32;
        // CALL_FUNCTION, CALL_METHOD (which pops the method's object too),
        // each followed by its _VAR_KW form (which pops the bitmap too).
        let var = star_seen || dbl;
        if var {
            self.e.load_small_int(bitmap);
        }
        let o = op::CALL_FUNCTION + 2 * u8::from(method) + u8::from(var);
        self.e.op_uint(o, arg, -(base + i32::from(method) + i32::from(var)));
    }

    // ---- conditions -----------------------------------------------------------

    /// Compiles a jump to `label` taken when `e` is truthy (`jump_if`) or
    /// falsy, recursing into `not`, `and` and `or` like MicroPython.
    pub(crate) fn c_if_cond(&mut self, e: &'a Expr, jump_if: bool, label: Label) {
        if self.deep() {
            return;
        }
        if let Some(t) = self.const_truth(e) {
            if t == jump_if {
                self.e.jump(op::JUMP, label);
            }
            return;
        }
        match &e.kind {
            ExprKind::BoolOp { op: o, values } => {
                let n = self.logic_end(*o, values);
                if let Some(one) = self.logic_single(values, n) {
                    self.c_if_cond(one, jump_if, label);
                    return;
                }
                // `or` jumping if true / `and` jumping if false: every
                // operand jumps to `label`; otherwise all but the last
                // jump past the chain when they decide it.
                let all_to_label = (*o == BoolOp::Or) == jump_if;
                let l2 = if all_to_label { label } else { self.new_label() };
                for (i, v) in values.get(..n).unwrap_or(values).iter().enumerate() {
                    if i + 1 == n || all_to_label {
                        if i + 1 == n || !self.folds(v) {
                            self.c_if_cond(v, jump_if, label);
                        }
                    } else if !self.folds(v) {
                        self.c_if_cond(v, !jump_if, l2);
                    }
                }
                if !all_to_label {
                    self.e.label(l2);
                }
            }
            ExprKind::UnaryOp { op: UnaryOp::Not, operand } => {
                self.c_if_cond(operand, !jump_if, label);
            }
            _ => {
                self.expr(e);
                let o = if jump_if { op::POP_JUMP_IF_TRUE } else { op::POP_JUMP_IF_FALSE };
                self.e.jump(o, label);
            }
        }
    }
}
