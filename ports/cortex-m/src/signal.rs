//! `machine.Signal`: a Pin seen as active-high or active-low.
//! `Signal(pin, *, invert=False)` or `Signal(pin_id, mode, ..., *,
//! invert=False)` (the other arguments make the Pin); methods
//! `value([x])`, `__call__([x])`, `on()`, `off()`.

use mpy_core::typ::given;
use mpy_core::q;
use mpy_core::typ::{flags, BuiltinFun, PrintKind, Entry, Rom, TypeObj};
use mpy_core::runtime::print::Out;
use mpy_core::{Obj, PyResult, Vm};

/// The pin number and inversion of a Signal.
fn this(vm: &mut Vm, o: Obj) -> PyResult<(u8, bool)> {
    let s = crate::kw::slots_of(vm, o, &SIGNAL_TYPE, mpy_core::msg!("expected a Signal"))?;
    Ok((s[0].as_small_int().unwrap_or(0) as u8, s[1] == Obj::TRUE))
}

/// `Signal(pin, *, invert=False)`.
///
/// Errors: the Pin's (`ValueError: invalid pin`, ...).
fn make_new(vm: &mut Vm, _cls: Obj, a: &[Obj], k: &[Obj]) -> PyResult<Obj> {
    let id = crate::kw::first_arg(vm, a)?;
    let invert = crate::kw::kw_bool(vm, k, q::invert, false)?;
    let pin = crate::pin::pin_arg(vm, id)?;
    // Pin arguments besides `invert`: make (configure) the Pin.
    let mut kw = [Obj::NULL; 12];
    let mut n = 0;
    for p in k.chunks_exact(2) {
        if p[0].as_qstr() != Some(q::invert) && n + 2 <= kw.len() {
            kw[n] = p[0];
            kw[n + 1] = p[1];
            n += 2;
        }
    }
    if a.len() > 1 || n > 0 {
        vm.call(Obj::from_type(&crate::pin::PIN_TYPE), a, &kw[..n])?;
    }
    vm.new_port_obj(&SIGNAL_TYPE, [Obj::small_int(isize::from(pin)), Obj::bool(invert), Obj::NONE, Obj::NONE])
}

/// `value([x])`: the logical value (the pin's level, inverted if asked).
fn value(vm: &mut Vm, a0: Obj, a1: Obj, _a2: Obj) -> PyResult<Obj> {
    let (pin, invert) = this(vm, a0)?;
    match given(&a1) {
        Some(&v) => {
            let on = vm.is_true(v)?;
            crate::pin::write(pin, on != invert);
            Ok(Obj::NONE)
        }
        None => Ok(Obj::small_int(isize::from(crate::pin::read(pin) != invert))),
    }
}

fn call(vm: &mut Vm, o: Obj, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    value(vm, o, a.first().copied().unwrap_or(Obj::NULL), Obj::NULL)
}

fn on(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let a = &[a0];
    value(vm, a[0], Obj::TRUE, Obj::NULL)
}

fn off(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let a = &[a0];
    value(vm, a[0], Obj::FALSE, Obj::NULL)
}

/// `<Signal>`.
fn print(vm: &mut Vm, _o: Obj, out: &mut Out, _kind: PrintKind) -> PyResult<()> {
    out.str(vm, "<Signal>")
}

static VALUE: BuiltinFun = BuiltinFun::new_opt(q::value, 1, 2, value);
static ON: BuiltinFun = BuiltinFun::new1(q::on, on);
static OFF: BuiltinFun = BuiltinFun::new1(q::off, off);

static LOCALS: [Entry; 3] = [Entry::new(q::off, Rom::Fun(&OFF)), Entry::new(q::on, Rom::Fun(&ON)), Entry::new(q::value, Rom::Fun(&VALUE))];

/// The `Signal` type (`machine.Signal`).
pub static SIGNAL_TYPE: TypeObj = TypeObj {
    name: q::Signal.tn(),
    flags: flags::PORT_OBJ,
    make_new: Some(make_new),
    ext: &mpy_core::typ::TypeExt { call: Some(call), ..mpy_core::typ::TypeExt::NONE },
    print: Some(print),
    locals: mpy_core::typ::Locals::of(&LOCALS),
    ..TypeObj::EMPTY
};
