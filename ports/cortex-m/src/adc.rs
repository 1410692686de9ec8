//! `machine.ADC` / `pyb.ADC`: one-shot conversions on the board's ADC
//! (netduinoplus2: ADC1, 12 bits; channels 0-15 on pins A0-A7, B0-B1,
//! C0-C5, 16-18 internal). `ADC(id)`: a Pin, pin name or channel number;
//! `read_u16()` (0-65535, the 12 bits scaled), `read()` (pyb: 0-4095).
//! QEMU 7.2 models the STM32's ADC with made-up samples (each conversion
//! 7 more than the last, wrapping at 12 bits), so conversions are real
//! there too.

use crate::hw::ops;
use mpy_core::q;
use mpy_core::runtime::print::Out;
use mpy_core::typ::{flags, BuiltinFun, PrintKind, Entry, Rom, TypeObj};
use mpy_core::{Obj, PyResult, Vm};

fn channel(vm: &mut Vm, o: Obj) -> PyResult<u8> {
    crate::kw::slot0_u8(vm, o, &ADC_TYPE, mpy_core::msg!("expected an ADC"))
}

/// `ADC(id)`: a channel number, or a pin (made an analog input).
///
/// Errors: `ValueError: invalid pin`/`pin has no ADC channel`/`ADC
/// channel doesn't exist`.
fn make_new(vm: &mut Vm, _cls: Obj, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    let id = crate::kw::first_arg(vm, a)?;
    let ch = match id.as_small_int() {
        Some(n) => match u8::try_from(n).ok().filter(|&c| c < ops().adc_channels) {
            Some(c) => c,
            None => return Err(vm.value_error(mpy_core::msg!("ADC channel doesn't exist"))),
        },
        None => {
            let pin = crate::pin::pin_arg(vm, id)?;
            let Some(c) = (ops().adc_channel)(pin) else { return Err(vm.value_error(mpy_core::msg!("pin has no ADC channel"))) };
            crate::pin::configure(pin, crate::pin::ANALOG, 0, 0);
            c
        }
    };
    vm.new_port_obj(&ADC_TYPE, [Obj::small_int(isize::from(ch)), Obj::NONE, Obj::NONE, Obj::NONE])
}

/// One 12-bit conversion.
///
/// Errors: `OSError: ADC timeout` if it never finished.
/// `read()` (member 0: the 12-bit conversion) and `read_u16()` (1: scaled
/// to 16 bits): one body ([`BuiltinFun::new1_at`]).
///
/// Errors: `OSError: ADC timeout`.
fn read(vm: &mut Vm, a0: Obj, at: usize) -> PyResult<Obj> {
    let ch = channel(vm, a0)?;
    let Some(v) = (ops().adc_read)(ch) else {
        return Err(vm.error(&mpy_core::types::exception::OS_ERROR_TYPE, mpy_core::msg!("ADC timeout")));
    };
    Ok(Obj::small_int(if at == 0 { v } else { v << 4 | v >> 8 } as isize))
}

fn print(vm: &mut Vm, o: Obj, out: &mut Out, _kind: PrintKind) -> PyResult<()> {
    let ch = channel(vm, o)?;
    out.fmt(vm, "<ADC channel={}>", &[ch.into()])
}

static READ: BuiltinFun = BuiltinFun::new1_at(q::read, read, 0);
static READ_U16: BuiltinFun = BuiltinFun::new1_at(q::read_u16, read, 1);

static LOCALS: [Entry; 2] = [Entry::new(q::read, Rom::Fun(&READ)), Entry::new(q::read_u16, Rom::Fun(&READ_U16))];

/// The `ADC` type (`machine.ADC`, `pyb.ADC`).
pub static ADC_TYPE: TypeObj = TypeObj {
    name: q::ADC.tn(),
    flags: flags::PORT_OBJ,
    make_new: Some(make_new),
    print: Some(print),
    locals: mpy_core::typ::Locals::of(&LOCALS),
    ..TypeObj::EMPTY
};
