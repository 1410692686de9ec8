//! `try`/`except`/`finally`, `with`, `async with` and `async for`: the
//! statements that set up exception handlers.
//!
//! Stack-depth bookkeeping follows MicroPython's emitter: an exception
//! handler is entered with the stack 4 deeper (exception + possible
//! unwind state), a `finally` body 2 deeper, a `with` cleanup calls
//! `__exit__` with 2 extra slots.

use super::seq::*;
use super::{Compiler, Msg};
use crate::ast::{ExceptHandler, Expr, Stmt, WithItem};
use mpy_bytecode::opcode as op;

impl<'a> Compiler<'a> {
    pub(crate) fn try_stmt(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: Option<&'a [Stmt]>,
        finalbody: Option<&'a [Stmt]>,
        _line: u32,
    ) {
        match finalbody {
            None => self.try_except(body, handlers, orelse),
            Some(fin) => {
                let l_finally = self.new_label();
                self.increase_except_level();
                self.e.jump(op::SETUP_FINALLY, l_finally);
                if handlers.is_empty() {
                    self.e.adjust_stack(3);
                    self.stmts(body);
                    self.e.adjust_stack(-3);
                } else {
                    self.try_except(body, handlers, orelse);
                }
                self.seq(&[op::LOAD_CONST_NONE, LABEL, ADJUST, 1], l_finally);
                self.stmts(fin);
                self.seq(&[ADJUST, -1i8 as u8, EXC_DOWN, op::END_FINALLY], 0);
            }
        }
    }

    fn try_except(&mut self, body: &'a [Stmt], handlers: &'a [ExceptHandler], orelse: Option<&'a [Stmt]>) {
        // l1, success
        let base = self.new_labels(2);
        let l1 = base;
        self.increase_except_level();
        self.e.jump(op::SETUP_EXCEPT, l1);
        self.stmts(body);
        self.seq(&[JUMP, op::POP_EXCEPT_JUMP, 1, LABEL, ADJUST, 4], base);
        let l2 = self.new_label();
        let n = handlers.len();
        for (i, h) in handlers.iter().enumerate() {
            let end_finally = self.new_label();
            match &h.test {
                None => {
                    if i + 1 != n {
                        self.syntax_error(Msg::DefaultExceptMustBeLast, h.line);
                        self.decrease_except_level();
                        return;
                    }
                }
                Some(t) => {
                    self.e.op(op::DUP_TOP);
                    self.expr(t);
                    self.seq(&[EXC_MATCH, JUMP, op::POP_JUMP_IF_FALSE, 0], end_finally);
                }
            }
            let name = h.name.as_deref().filter(|_| h.test.is_some());
            match name {
                None => self.e.op(op::POP_TOP),
                Some(nm) => self.store_id(nm),
            }
            let mut l3 = 0;
            if name.is_some() {
                l3 = self.new_label();
                self.increase_except_level();
                self.e.jump(op::SETUP_FINALLY, l3);
            }
            self.stmts(&h.body);
            if let Some(nm) = name {
                self.seq(&[op::LOAD_CONST_NONE, LABEL, ADJUST, 1, op::LOAD_CONST_NONE], l3);
                self.store_id(nm);
                self.delete_id(nm);
                self.seq(&[ADJUST, -1i8 as u8, EXC_DOWN, op::END_FINALLY], 0);
            }
            self.e.jump(op::POP_EXCEPT_JUMP, l2);
            self.e.label(end_finally);
            self.e.adjust_stack(1);
        }
        self.seq(&[EXC_DOWN, op::END_FINALLY, ADJUST, -3i8 as u8, LABEL + 1], base);
        if let Some(b) = orelse {
            self.stmts(b);
        }
        self.e.label(l2);
    }

    pub(crate) fn with_stmt(&mut self, items: &'a [WithItem], body: &'a [Stmt]) {
        if self.deep() {
            return;
        }
        let Some((first, rest)) = items.split_first() else {
            self.stmts(body);
            return;
        };
        let l_end = self.new_label();
        self.expr(&first.context_expr);
        self.increase_except_level();
        self.e.jump(op::SETUP_WITH, l_end);
        match &first.optional_vars {
            Some(t) => self.assign(t),
            None => self.e.op(op::POP_TOP),
        }
        self.with_stmt(rest, body);
        self.seq(&[op::LOAD_CONST_NONE, LABEL, op::WITH_CLEANUP, ADJUST, -4i8 as u8, EXC_DOWN, op::END_FINALLY], l_end);
    }

    pub(crate) fn async_with(&mut self, items: &'a [WithItem], body: &'a [Stmt], line: u32) {
        if !self.in_async_function() {
            self.syntax_error(Msg::AsyncForWithOutsideAsyncFunction, line);
            return;
        }
        if self.deep() {
            return;
        }
        let Some((first, rest)) = items.split_first() else {
            self.stmts(body);
            return;
        };
        // try_exception, no_reraise, try_unwind, end
        let base = self.new_labels(4);
        self.expr(&first.context_expr);
        self.seq(&[op::DUP_TOP, NAME, op::LOAD_METHOD, N_AENTER, CALL_METHOD_N, 0, op::GET_ITER, op::LOAD_CONST_NONE, op::YIELD_FROM], base);
        match &first.optional_vars {
            Some(t) => self.assign(t),
            None => self.e.op(op::POP_TOP),
        }
        self.seq(&[EXC_UP, JUMP, op::SETUP_FINALLY, 0, ADJUST, 3], base);
        self.async_with(rest, body, line);
        const EXIT: &[u8] = &[
            ADJUST, -3i8 as u8, op::LOAD_CONST_NONE, op::ROT_TWO, JUMP, op::JUMP, 1,
            // try_exception:
            LABEL, op::DUP_TOP, NAME, op::LOAD_GLOBAL, N_BASE_EXCEPTION, EXC_MATCH, JUMP, op::POP_JUMP_IF_FALSE, 2,
            op::DUP_TOP, op::ROT_THREE, op::ROT_TWO, NAME, op::LOAD_METHOD, N_AEXIT, op::ROT_THREE, op::ROT_THREE,
            op::DUP_TOP, NAME, op::LOAD_ATTR, N_CLASS, op::ROT_TWO, op::LOAD_CONST_NONE, CALL_METHOD_N, 3,
            op::GET_ITER, op::LOAD_CONST_NONE, op::YIELD_FROM, JUMP, op::POP_JUMP_IF_FALSE, 3,
            op::POP_TOP, op::LOAD_CONST_NONE, JUMP, op::JUMP, 3, ADJUST, 2,
            // try_unwind:
            LABEL + 2, op::ROT_THREE, op::ROT_THREE,
            // no_reraise:
            LABEL + 1, NAME, op::LOAD_METHOD, N_AEXIT, op::LOAD_CONST_NONE, op::DUP_TOP, op::DUP_TOP, CALL_METHOD_N, 3,
            op::GET_ITER, op::LOAD_CONST_NONE, op::YIELD_FROM, op::POP_TOP, ADJUST, -1i8 as u8,
            // end:
            LABEL + 3, EXC_DOWN, op::END_FINALLY,
        ];
        self.seq(EXIT, base);
    }

    pub(crate) fn async_for(
        &mut self,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: Option<&'a [Stmt]>,
        line: u32,
    ) {
        if !self.in_async_function() {
            self.syntax_error(Msg::AsyncForWithOutsideAsyncFunction, line);
            return;
        }
        // while_else, try_exception, try_else, try_finally
        let base = self.new_labels(4);
        self.expr(iter);
        self.seq(&[NAME, op::LOAD_METHOD, N_AITER, CALL_METHOD_N, 0], base);
        let old = self.loop_start_for_async();
        let brk = self.loop_ctx.brk;
        self.e.label(brk + 1);
        const NEXT: &[u8] = &[
            EXC_UP, JUMP, op::SETUP_EXCEPT, 1, op::DUP_TOP, NAME, op::LOAD_METHOD, N_ANEXT, CALL_METHOD_N, 0,
            op::GET_ITER, op::LOAD_CONST_NONE, op::YIELD_FROM,
        ];
        self.seq(NEXT, base);
        self.assign(target);
        const STOP: &[u8] = &[
            EXC_DOWN, JUMP, op::POP_EXCEPT_JUMP, 2,
            // try_exception:
            LABEL + 1, ADJUST, 4, op::DUP_TOP, NAME, op::LOAD_GLOBAL, N_STOP_ASYNC_ITERATION, EXC_MATCH,
            JUMP, op::POP_JUMP_IF_FALSE, 3, op::POP_TOP, JUMP, op::POP_EXCEPT_JUMP, 0,
            // try_finally:
            LABEL + 3, ADJUST, 1, op::END_FINALLY, ADJUST, -3i8 as u8,
            // try_else:
            LABEL + 2,
        ];
        self.seq(STOP, base);
        self.stmts(body);
        self.e.jump(op::JUMP, brk + 1);
        self.e.label(base);
        self.end_loop(old, orelse);
        self.e.op(op::POP_TOP);
    }
}
