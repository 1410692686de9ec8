//! `pyb.LED(id)`: the board's LEDs (netduinoplus2: 1 and 3 the blue user
//! LED on A10, 2 and 4 the white power LED on C13, as official's
//! NETDUINO_PLUS_2 board). Methods `on`, `off`, `toggle`,
//! `intensity([value])`: no LED here dims (no PWM), so intensity 0 is
//! off, anything else on, and it reads 0 or 255. Each LED is its pin set
//! to output ([`crate::pin`]), so `Pin('LED').value()` shows it.

use mpy_core::typ::given;
use crate::hw::ops;
use mpy_core::q;
use mpy_core::runtime::print::Out;
use mpy_core::typ::{flags, BuiltinFun, PrintKind, Entry, Rom, TypeObj};
use mpy_core::{Obj, PyResult, Vm};

/// The LED number (1..) and its pin.
fn this(vm: &mut Vm, o: Obj) -> PyResult<(u32, u8)> {
    let s = crate::kw::slots_of(vm, o, &LED_TYPE, mpy_core::msg!("expected an LED"))?;
    let n = s[0].as_small_int().unwrap_or(1) as usize;
    Ok((n as u32, ops().leds.get(n.wrapping_sub(1)).copied().unwrap_or(0)))
}

/// `LED(id)`: id 1.. (as many as the board has); the pin becomes an
/// output.
///
/// Errors: `ValueError: LED(N) doesn't exist`.
fn make_new(vm: &mut Vm, _cls: Obj, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let id = crate::kw::first_arg(vm, a)?;
    let n = crate::kw::int32(vm, id)?;
    let Some(&pin) = usize::try_from(n.wrapping_sub(1)).ok().and_then(|i| ops().leds.get(i)) else {
        return Err(vm.value_error(mpy_core::msg!("LED doesn't exist")));
    };
    crate::pin::configure(pin, crate::pin::OUT, 0, 0);
    vm.new_port_obj(&LED_TYPE, [Obj::small_int(n as isize), Obj::NONE, Obj::NONE, Obj::NONE])
}

/// `off()` (member 0), `on()` (1) and `toggle()` (2): one body
/// ([`BuiltinFun::new1_at`]).
fn level(vm: &mut Vm, a0: Obj, at: usize) -> PyResult<Obj> {
    let pin = this(vm, a0)?.1;
    let v = match at {
        0 => false,
        1 => true,
        _ => !crate::pin::read(pin),
    };
    crate::pin::write(pin, v);
    Ok(Obj::NONE)
}

fn intensity(vm: &mut Vm, a0: Obj, a1: Obj, _a2: Obj) -> PyResult<Obj> {
    let pin = this(vm, a0)?.1;
    match given(&a1) {
        Some(&v) => {
            let v = crate::kw::int32(vm, v)?;
            crate::pin::write(pin, v > 0);
            Ok(Obj::NONE)
        }
        None => Ok(Obj::small_int(if crate::pin::read(pin) { 255 } else { 0 })),
    }
}

/// `LED(1)`.
fn print(vm: &mut Vm, o: Obj, out: &mut Out, _kind: PrintKind) -> PyResult<()> {
    let n = this(vm, o)?.0;
    out.fmt(vm, "LED({})", &[n.into()])
}

static ON: BuiltinFun = BuiltinFun::new1_at(q::on, level, 1);
static OFF: BuiltinFun = BuiltinFun::new1_at(q::off, level, 0);
static TOGGLE: BuiltinFun = BuiltinFun::new1_at(q::toggle, level, 2);
static INTENSITY: BuiltinFun = BuiltinFun::new_opt(q::intensity, 1, 2, intensity);

static LOCALS: [Entry; 4] = [
    Entry::new(q::intensity, Rom::Fun(&INTENSITY)),
    Entry::new(q::off, Rom::Fun(&OFF)),
    Entry::new(q::on, Rom::Fun(&ON)),
    Entry::new(q::toggle, Rom::Fun(&TOGGLE)),
];

/// The `LED` type (`pyb.LED`).
pub static LED_TYPE: TypeObj = TypeObj {
    name: q::LED.tn(),
    flags: flags::PORT_OBJ,
    make_new: Some(make_new),
    print: Some(print),
    locals: mpy_core::typ::Locals::of(&LOCALS),
    ..TypeObj::EMPTY
};
