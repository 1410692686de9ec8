//! Generators and coroutines: resuming a suspended frame (its state is
//! copied onto `Vm::stack` while it runs and back when it yields),
//! `send`/`throw`/`close`, and `yield from` delegation.

use super::dispatch::{self, Outcome};
use super::frame::Frame;
use crate::obj::Obj;
use crate::objdata::ObjData;
use crate::qstr::q;
use crate::state::Vm;
use crate::typ::{BuiltinFun, PrintKind, Rom};
use crate::types::exception as exc;
use crate::{PyErr, PyResult};
use alloc::string::String;
use core::fmt::Write;

/// One step of a generator or delegated iterator.
pub enum Step {
    /// It yielded a value.
    Yield(Obj),
    /// It finished, returning a value.
    Return(Obj),
}

/// Resumes generator `g` sending `send` (or throwing `throw`, if not NULL).
///
/// Errors: `ValueError: generator already executing`, `TypeError: can't
/// send non-None value to a just-started generator`, and whatever the
/// generator raises (it is then finished).
pub fn resume(vm: &mut Vm, g: Obj, send: Obj, throw: Obj) -> PyResult<Step> {
    let (fun, ip, sp, exc_sp, started) = match vm.heap.get(g) {
        Some(ObjData::Generator(gen)) => {
            if gen.running {
                return Err(vm.value_error("generator already executing"));
            }
            if gen.finished {
                if !throw.is_null() {
                    return Err(PyErr(throw));
                }
                return Ok(Step::Return(Obj::NONE));
            }
            (gen.fun, gen.ip, gen.sp, gen.exc_sp, gen.started)
        }
        _ => return Err(vm.type_error("not a generator")),
    };
    if !started && throw.is_null() && send != Obj::NONE {
        return Err(vm.type_error("can't send non-None value to a just-started generator"));
    }
    let (code, context, globals) = match vm.heap.get(fun) {
        Some(ObjData::Function(f)) => (f.code.clone(), f.context, f.globals),
        _ => return Err(dispatch::bad_code(vm)),
    };
    if !started && !throw.is_null() {
        set_finished(vm, g);
        return Err(PyErr(throw));
    }
    super::call::check_recursion(vm)?;
    let base = vm.stack.len();
    let size = Frame::size(&code);
    if vm.stack.try_reserve(size).is_err() {
        return Err(vm.memory_error());
    }
    // Copy the saved state straight from the generator (no temporary).
    if let Some(ObjData::Generator(gen)) = vm.heap.get(g) {
        vm.stack.extend_from_slice(&gen.state);
    }
    vm.stack.resize(base + size, Obj::NULL);
    let mut frame = Frame { code, context, globals, locals: globals, ip, base, sp: base + sp, exc_sp };
    if started && throw.is_null() {
        if frame.sp >= frame.blocks_base() {
            vm.stack.truncate(base);
            return Err(dispatch::bad_code(vm));
        }
        vm.stack[frame.sp] = send;
        frame.sp += 1;
    }
    if let Some(ObjData::Generator(gen)) = vm.heap.get_mut(g) {
        gen.running = true;
        gen.started = true;
    }
    vm.vmstate.depth += 1;
    let saved = (vm.vmstate.globals, vm.vmstate.locals);
    vm.vmstate.globals = globals;
    vm.vmstate.locals = globals;
    let r = dispatch::run(vm, &mut frame, if throw.is_null() { None } else { Some(throw) });
    (vm.vmstate.globals, vm.vmstate.locals) = saved;
    vm.vmstate.depth -= 1;
    let out = match r {
        Ok(Outcome::Yield(v)) => {
            // Save the state back into the generator's own buffer (same
            // size as before, so no reallocation or heap re-charge).
            if let Some(ObjData::Generator(gen)) = vm.heap.get_mut(g) {
                gen.state.clear();
                gen.state.extend_from_slice(vm.stack.get(base..base + size).unwrap_or(&[]));
                gen.ip = frame.ip;
                gen.sp = frame.sp - base;
                gen.exc_sp = frame.exc_sp;
                gen.running = false;
            }
            Ok(Step::Yield(v))
        }
        Ok(Outcome::Return(v)) => {
            set_finished(vm, g);
            Ok(Step::Return(v))
        }
        Err(e) => {
            set_finished(vm, g);
            Err(e)
        }
    };
    vm.stack.truncate(base);
    out
}

fn set_finished(vm: &mut Vm, g: Obj) {
    if let Some(ObjData::Generator(gen)) = vm.heap.get_mut(g) {
        gen.finished = true;
        gen.running = false;
        gen.state = alloc::vec::Vec::new();
    }
}

/// Is `e` an instance of built-in exception type `t` (or a subclass)?
pub fn exc_is(vm: &Vm, e: Obj, t: &'static crate::typ::TypeObj) -> bool {
    let c = vm.type_of(e);
    vm.is_subclass(c, Obj::from_type(t))
}

/// The value of a StopIteration exception (its first arg or None).
pub fn stop_value(vm: &Vm, e: Obj) -> Obj {
    match vm.heap.get(e) {
        Some(ObjData::Exception(x)) => match vm.heap.get(x.args) {
            Some(ObjData::Tuple(t)) => t.first().copied().unwrap_or(Obj::NONE),
            _ => Obj::NONE,
        },
        _ => Obj::NONE,
    }
}

/// One step of `yield from it` (also `await`): send `send` into `it`, or
/// throw `thrown` (NULL if none) into it.
pub fn delegate(vm: &mut Vm, it: Obj, send: Obj, thrown: Obj) -> PyResult<Step> {
    if matches!(vm.heap.get(it), Some(ObjData::Generator(_))) {
        if !thrown.is_null() && exc_is(vm, thrown, &exc::GENERATOR_EXIT_TYPE) {
            close(vm, it)?;
            return Err(PyErr(thrown));
        }
        return resume(vm, it, send, thrown);
    }
    let r = if !thrown.is_null() {
        if exc_is(vm, thrown, &exc::GENERATOR_EXIT_TYPE) {
            let c = vm.load_attr_maybe(it, q::close)?;
            if !c.is_null() {
                vm.call(c, &[], &[])?;
            }
            return Err(PyErr(thrown));
        }
        let t = vm.load_attr_maybe(it, q::throw)?;
        if t.is_null() {
            return Err(PyErr(thrown));
        }
        vm.call(t, &[thrown], &[])
    } else if send == Obj::NONE {
        return Ok(match vm.iter_next(it)? {
            Some(v) => Step::Yield(v),
            None => Step::Return(Obj::NONE),
        });
    } else {
        let s = vm.load_attr(it, q::send)?;
        vm.call(s, &[send], &[])
    };
    match r {
        Ok(v) => Ok(Step::Yield(v)),
        Err(PyErr(e)) if exc_is(vm, e, &exc::STOP_ITERATION_TYPE) => Ok(Step::Return(stop_value(vm, e))),
        Err(e) => Err(e),
    }
}

/// `gen.close()`: throws GeneratorExit in; fine if it finishes or raises
/// GeneratorExit/StopIteration.
///
/// Errors: `RuntimeError: generator ignored GeneratorExit`.
pub fn close(vm: &mut Vm, g: Obj) -> PyResult<Obj> {
    let live = matches!(vm.heap.get(g), Some(ObjData::Generator(x)) if x.started && !x.finished);
    if !live {
        set_finished(vm, g);
        return Ok(Obj::NONE);
    }
    let e = vm.error_noargs(&exc::GENERATOR_EXIT_TYPE).0;
    match resume(vm, g, Obj::NONE, e) {
        Ok(Step::Yield(_)) => Err(vm.runtime_error("generator ignored GeneratorExit")),
        Ok(Step::Return(_)) => Ok(Obj::NONE),
        Err(PyErr(x)) if exc_is(vm, x, &exc::GENERATOR_EXIT_TYPE) || exc_is(vm, x, &exc::STOP_ITERATION_TYPE) => Ok(Obj::NONE),
        Err(e) => Err(e),
    }
}

fn step_to_result(vm: &mut Vm, s: Step) -> PyResult<Obj> {
    match s {
        Step::Yield(v) => Ok(v),
        Step::Return(v) => {
            if v == Obj::NONE {
                Err(vm.error_noargs(&exc::STOP_ITERATION_TYPE))
            } else {
                Err(vm.error_arg(&exc::STOP_ITERATION_TYPE, v))
            }
        }
    }
}

fn gen_send(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let s = resume(vm, args[0], args[1], Obj::NULL)?;
    step_to_result(vm, s)
}

fn gen_throw(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let e = super::exc::make_raise_obj(vm, args[1])?;
    let s = resume(vm, args[0], Obj::NONE, e)?;
    step_to_result(vm, s)
}

fn gen_close(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    close(vm, args[0])
}

fn gen_next(vm: &mut Vm, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    let s = resume(vm, args[0], Obj::NONE, Obj::NULL)?;
    step_to_result(vm, s)
}

static GEN_SEND: BuiltinFun = BuiltinFun::new(q::send, 2, 2, gen_send);
static GEN_THROW: BuiltinFun = BuiltinFun::new(q::throw, 2, 4, gen_throw);
static GEN_CLOSE: BuiltinFun = BuiltinFun::new(q::close, 1, 1, gen_close);
static GEN_NEXT: BuiltinFun = BuiltinFun::new(q::__next__, 1, 1, gen_next);

/// The generator type's methods.
pub static GEN_LOCALS: [(crate::Qstr, Rom); 4] = [
    (q::send, Rom::Fun(&GEN_SEND)),
    (q::throw, Rom::Fun(&GEN_THROW)),
    (q::close, Rom::Fun(&GEN_CLOSE)),
    (q::__next__, Rom::Fun(&GEN_NEXT)),
];

/// The generator type's `iternext` slot: STOP_ITERATION when finished
/// returning None, `StopIteration(value)` raised for another return value
/// (consumers such as `for` and `Vm::iter_next` treat both as the end).
pub fn gen_iternext(vm: &mut Vm, g: Obj) -> PyResult<Obj> {
    match resume(vm, g, Obj::NONE, Obj::NULL)? {
        Step::Yield(v) => Ok(v),
        Step::Return(v) if v == Obj::NONE => Ok(Obj::STOP_ITERATION),
        Step::Return(v) => Err(vm.error_arg(&exc::STOP_ITERATION_TYPE, v)),
    }
}

/// The generator type's `print` slot: `<generator object 'f' at 0x...>`.
pub fn gen_print(vm: &mut Vm, g: Obj, out: &mut String, _k: PrintKind) -> PyResult<()> {
    let name = match vm.heap.get(g) {
        Some(ObjData::Generator(x)) => match vm.heap.get(x.fun) {
            Some(ObjData::Function(f)) => f.code.name,
            _ => q::generator,
        },
        _ => q::generator,
    };
    let _ = write!(out, "<generator object '{}' at {:x}>", vm.qstrs.str(name), g.raw());
    Ok(())
}
