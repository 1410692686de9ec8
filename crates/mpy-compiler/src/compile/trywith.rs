//! `try`/`except`/`finally`, `with`, `async with` and `async for`: the
//! statements that set up exception handlers.
//!
//! Stack-depth bookkeeping follows MicroPython's emitter: an exception
//! handler is entered with the stack 4 deeper (exception + possible
//! unwind state), a `finally` body 2 deeper, a `with` cleanup calls
//! `__exit__` with 2 extra slots.

use super::Compiler;
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
                self.e.op(op::LOAD_CONST_NONE);
                self.e.label(l_finally);
                self.e.adjust_stack(1);
                self.stmts(fin);
                self.e.adjust_stack(-1);
                self.decrease_except_level();
                self.e.op(op::END_FINALLY);
            }
        }
    }

    fn try_except(&mut self, body: &'a [Stmt], handlers: &'a [ExceptHandler], orelse: Option<&'a [Stmt]>) {
        let l1 = self.new_label();
        let success = self.new_label();
        self.increase_except_level();
        self.e.jump(op::SETUP_EXCEPT, l1);
        self.stmts(body);
        self.e.jump(op::POP_EXCEPT_JUMP, success);
        self.e.label(l1);
        self.e.adjust_stack(4);
        let l2 = self.new_label();
        let n = handlers.len();
        for (i, h) in handlers.iter().enumerate() {
            let end_finally = self.new_label();
            match &h.type_ {
                None => {
                    if i + 1 != n {
                        self.syntax_error("default 'except' must be last", h.line);
                        self.decrease_except_level();
                        return;
                    }
                }
                Some(t) => {
                    self.e.op(op::DUP_TOP);
                    self.expr(t);
                    self.binary_op(8);
                    self.e.jump(op::POP_JUMP_IF_FALSE, end_finally);
                }
            }
            let name = h.name.as_deref().filter(|_| h.type_.is_some());
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
                self.e.op(op::LOAD_CONST_NONE);
                self.e.label(l3);
                self.e.adjust_stack(1);
                self.e.op(op::LOAD_CONST_NONE);
                self.store_id(nm);
                self.delete_id(nm);
                self.e.adjust_stack(-1);
                self.decrease_except_level();
                self.e.op(op::END_FINALLY);
            }
            self.e.jump(op::POP_EXCEPT_JUMP, l2);
            self.e.label(end_finally);
            self.e.adjust_stack(1);
        }
        self.decrease_except_level();
        self.e.op(op::END_FINALLY);
        self.e.adjust_stack(-3);
        self.e.label(success);
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
        self.e.op(op::LOAD_CONST_NONE);
        self.e.label(l_end);
        self.e.op(op::WITH_CLEANUP);
        self.e.adjust_stack(-4);
        self.decrease_except_level();
        self.e.op(op::END_FINALLY);
    }

    fn yield_from_await(&mut self) {
        self.e.op(op::GET_ITER);
        self.e.op(op::LOAD_CONST_NONE);
        self.e.op(op::YIELD_FROM);
    }

    pub(crate) fn async_with(&mut self, items: &'a [WithItem], body: &'a [Stmt], line: u32) {
        if !self.in_async_function() {
            self.syntax_error("async for/with outside async function", line);
            return;
        }
        if self.deep() {
            return;
        }
        let Some((first, rest)) = items.split_first() else {
            self.stmts(body);
            return;
        };
        let try_exception = self.new_label();
        let no_reraise = self.new_label();
        let try_unwind = self.new_label();
        let end = self.new_label();
        self.expr(&first.context_expr);
        self.e.op(op::DUP_TOP);
        self.op_q(op::LOAD_METHOD, "__aenter__");
        self.e.op_uint(op::CALL_METHOD, 0, -1);
        self.yield_from_await();
        match &first.optional_vars {
            Some(t) => self.assign(t),
            None => self.e.op(op::POP_TOP),
        }
        self.increase_except_level();
        self.e.jump(op::SETUP_FINALLY, try_exception);
        self.e.adjust_stack(3);
        self.async_with(rest, body, line);
        self.e.adjust_stack(-3);
        self.e.op(op::LOAD_CONST_NONE);
        self.e.op(op::ROT_TWO);
        self.e.jump(op::JUMP, no_reraise);
        self.e.label(try_exception);
        self.e.op(op::DUP_TOP);
        self.op_q(op::LOAD_GLOBAL, "BaseException");
        self.binary_op(8);
        self.e.jump(op::POP_JUMP_IF_FALSE, try_unwind);
        self.e.op(op::DUP_TOP);
        self.e.op(op::ROT_THREE);
        self.e.op(op::ROT_TWO);
        self.op_q(op::LOAD_METHOD, "__aexit__");
        self.e.op(op::ROT_THREE);
        self.e.op(op::ROT_THREE);
        self.e.op(op::DUP_TOP);
        self.op_q(op::LOAD_ATTR, "__class__");
        self.e.op(op::ROT_TWO);
        self.e.op(op::LOAD_CONST_NONE);
        self.e.op_uint(op::CALL_METHOD, 3, -4);
        self.yield_from_await();
        self.e.jump(op::POP_JUMP_IF_FALSE, end);
        self.e.op(op::POP_TOP);
        self.e.op(op::LOAD_CONST_NONE);
        self.e.jump(op::JUMP, end);
        self.e.adjust_stack(2);
        self.e.label(try_unwind);
        self.e.op(op::ROT_THREE);
        self.e.op(op::ROT_THREE);
        self.e.label(no_reraise);
        self.op_q(op::LOAD_METHOD, "__aexit__");
        self.e.op(op::LOAD_CONST_NONE);
        self.e.op(op::DUP_TOP);
        self.e.op(op::DUP_TOP);
        self.e.op_uint(op::CALL_METHOD, 3, -4);
        self.yield_from_await();
        self.e.op(op::POP_TOP);
        self.e.adjust_stack(-1);
        self.e.label(end);
        self.decrease_except_level();
        self.e.op(op::END_FINALLY);
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
            self.syntax_error("async for/with outside async function", line);
            return;
        }
        let while_else = self.new_label();
        let try_exception = self.new_label();
        let try_else = self.new_label();
        let try_finally = self.new_label();
        self.expr(iter);
        self.op_q(op::LOAD_METHOD, "__aiter__");
        self.e.op_uint(op::CALL_METHOD, 0, -1);
        let (old, ctx) = self.loop_start_for_async();
        self.e.label(ctx.continue_label);
        self.increase_except_level();
        self.e.jump(op::SETUP_EXCEPT, try_exception);
        self.e.op(op::DUP_TOP);
        self.op_q(op::LOAD_METHOD, "__anext__");
        self.e.op_uint(op::CALL_METHOD, 0, -1);
        self.yield_from_await();
        self.assign(target);
        self.decrease_except_level();
        self.e.jump(op::POP_EXCEPT_JUMP, try_else);
        self.e.label(try_exception);
        self.e.adjust_stack(4);
        self.e.op(op::DUP_TOP);
        self.op_q(op::LOAD_GLOBAL, "StopAsyncIteration");
        self.binary_op(8);
        self.e.jump(op::POP_JUMP_IF_FALSE, try_finally);
        self.e.op(op::POP_TOP);
        self.e.jump(op::POP_EXCEPT_JUMP, while_else);
        self.e.label(try_finally);
        self.e.adjust_stack(1);
        self.e.op(op::END_FINALLY);
        self.e.adjust_stack(-3);
        self.e.label(try_else);
        self.stmts(body);
        self.e.jump(op::JUMP, ctx.continue_label);
        self.loop_ctx = old;
        self.e.label(while_else);
        if let Some(b) = orelse {
            self.stmts(b);
        }
        self.e.label(ctx.break_label);
        self.e.op(op::POP_TOP);
    }
}
