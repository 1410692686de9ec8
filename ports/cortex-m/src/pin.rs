//! `machine.Pin` / `pyb.Pin`: the board's GPIO pins.
//!
//! `Pin(id, mode=-1, pull=-1, *, value=None, alt=-1)`: `id` is a pin
//! number, a board name from the board's table (`'LED'`, `'D0'`, `'A0'`
//! on netduinoplus2, as official's stm32 port names them: board names
//! first) or a CPU name: port letter and number, with or without `P`
//! (`'C0'`, `'PC0'`). Methods `init`, `value([x])`, `__call__([x])`,
//! `on`/`high`, `off`/`low`, `toggle`, `mode([m])`, `pull([p])`,
//! `irq(handler, trigger, hard=False)` where the board has external
//! interrupts. Modes and pulls have official stm32's values.
//!
//! Each pin's mode, pull and output level live in a shadow table here;
//! `value()` of an output pin on a GPIO port reads the level last written (on silicon
//! the same as the pin's input register, barring a short or an open-drain
//! pin held low), of an input pin the input register. QEMU 7.2 models no
//! GPIO on either board (writes vanish, reads give 0): there the shadow
//! is what makes outputs read back, and inputs read 0.

use mpy_core::typ::given;
use crate::hw::ops;
use crate::kw::{kw_arg, kw_check};
use core::sync::atomic::{AtomicU8, Ordering};
use mpy_core::q;
use mpy_core::runtime::print::Out;
use mpy_core::typ::{flags, BuiltinFun, PrintKind, Entry, Rom, TypeObj};
use mpy_core::{Obj, PyResult, Qstr, Vm};

/// Pin numbers the shadow table covers.
pub const MAX_PINS: usize = 144;

/// Modes (official stm32's values): input, push-pull output, open-drain
/// output, alternate function (push-pull, open-drain), analog.
pub const IN: u8 = 0;
/// Push-pull output.
pub const OUT: u8 = 1;
/// Open-drain output.
pub const OPEN_DRAIN: u8 = 0x11;
/// Alternate function, push-pull.
pub const ALT: u8 = 2;
/// Alternate function, open-drain.
pub const ALT_OPEN_DRAIN: u8 = 0x12;
/// Analog (the ADC's input).
pub const ANALOG: u8 = 3;
/// Pull-up and pull-down (`PULL_NONE` is 0).
const PULL_UP: u8 = 1;
const PULL_DOWN: u8 = 2;

/// The modes by index (the shadow table keeps the index).
const MODES: [u8; 6] = [IN, OUT, OPEN_DRAIN, ALT, ALT_OPEN_DRAIN, ANALOG];

/// Shadow state per pin (one byte, RAM is scarce): mode index (bits
/// 0-2), pull (3-4), output level (5). The alternate function is given
/// to the hardware only (a later `init` without `alt` sets 0).
static STATE: [AtomicU8; MAX_PINS] = [const { AtomicU8::new(0) }; MAX_PINS];
const LEVEL: u8 = 1 << 5;

#[inline(never)]
fn state(pin: u8) -> u8 {
    STATE.get(usize::from(pin)).map_or(0, |s| s.load(Ordering::Relaxed))
}

/// Pin `pin`'s mode (official's value) and pull.
fn mode_pull(pin: u8) -> (u8, u8) {
    let s = state(pin);
    (MODES.get(usize::from(s & 7)).copied().unwrap_or(IN), s >> 3 & 3)
}

fn set_state(pin: u8, v: u8) {
    if let Some(s) = STATE.get(usize::from(pin)) {
        s.store(v, Ordering::Relaxed);
    }
}

/// Drives pin `pin` to `level` (remembered even while it is an input,
/// for when it becomes an output).
pub fn write(pin: u8, level: bool) {
    let s = state(pin) & !LEVEL;
    set_state(pin, s | if level { LEVEL } else { 0 });
    (ops().pin_write)(pin, level);
}

/// The level of pin `pin`: for an output on a GPIO port the one
/// written, else what the board reads (the input register; for pins
/// beyond the ports, such as mps2-an386's FPGA LEDs, their register).
pub fn read(pin: u8) -> bool {
    match mode_pull(pin).0 {
        OUT | OPEN_DRAIN if pin / 16 < ops().pin_ports => state(pin) & LEVEL != 0,
        _ => (ops().pin_read)(pin),
    }
}

/// Sets pin `pin`'s mode, pull and alternate function (the output level
/// is kept and applied first).
pub fn configure(pin: u8, mode: u8, pull: u8, alt: u8) {
    let level = state(pin) & LEVEL;
    let m = MODES.iter().position(|&m| m == mode).unwrap_or(0) as u8;
    set_state(pin, m | (pull & 3) << 3 | level);
    (ops().pin_write)(pin, level != 0);
    (ops().pin_mode)(pin, mode, pull, alt);
}

/// The pin named `name`: a board name, else a CPU name (`A0`, `PA0`).
pub fn by_name(name: &str) -> Option<u8> {
    let o = ops();
    if let Some(&(_, p)) = o.pin_names.iter().find(|(n, _)| *n == name) {
        return Some(p);
    }
    let b = name.strip_prefix('P').unwrap_or(name).as_bytes();
    let (&port, num) = b.split_first()?;
    let port = port.checked_sub(b'A').filter(|&p| p < o.pin_ports)?;
    if num.is_empty() || num.len() > 2 || num.len() == 2 && num[0] == b'0' {
        return None;
    }
    let mut n = 0u8;
    for &d in num {
        n = n * 10 + d.checked_sub(b'0').filter(|&d| d < 10)?;
    }
    (n < 16).then_some(port * 16 + n)
}

/// The pin `id` stands for: a Pin, a number or a name.
///
/// Errors: `ValueError: invalid pin` (unknown name or number), `TypeError`.
pub fn pin_arg(vm: &mut Vm, id: Obj) -> PyResult<u8> {
    if let Some(s) = vm.port_slots(id, &PIN_TYPE) {
        return Ok(s[0].as_small_int().unwrap_or(0) as u8);
    }
    let p = if let Some(n) = id.as_small_int() {
        u8::try_from(n).ok().filter(|&n| n < ops().pin_count)
    } else {
        let s = mpy_core::modules::args::str_arg(vm, id)?;
        by_name(s).filter(|&n| n < ops().pin_count)
    };
    match p {
        Some(p) if usize::from(p) < MAX_PINS => Ok(p),
        _ => Err(vm.value_error(mpy_core::msg!("invalid pin"))),
    }
}

fn this(vm: &mut Vm, o: Obj) -> PyResult<u8> {
    crate::kw::slot0_u8(vm, o, &PIN_TYPE, mpy_core::msg!("expected a Pin"))
}

/// A new Pin object for pin `pin`.
///
/// Errors: `MemoryError`.
pub fn new_pin(vm: &mut Vm, pin: u8) -> PyResult<Obj> {
    vm.new_port_obj(&PIN_TYPE, [Obj::small_int(isize::from(pin)), Obj::NONE, Obj::NONE, Obj::NONE])
}

/// `Pin(id, ...)`.
fn make_new(vm: &mut Vm, _cls: Obj, a: &[Obj], k: &[Obj]) -> PyResult<Obj> {
    let id = crate::kw::first_arg(vm, a)?;
    let pin = pin_arg(vm, id)?;
    let p = new_pin(vm, pin)?;
    if a.len() > 1 || !k.is_empty() {
        init_kw(vm, pin, &a[1..], k)?;
    }
    Ok(p)
}

/// `init(mode=-1, pull=-1, *, value=None, drive=0, alt=-1)`: -1 keeps the
/// current setting. Returns None (so `init` and the mode/pull setters
/// are tail calls).
///
/// Errors: `ValueError: invalid pin mode`/`invalid pull`; `TypeError`.
fn init_kw(vm: &mut Vm, pin: u8, a: &[Obj], k: &[Obj]) -> PyResult<Obj> {
    kw_check(vm, k, &[q::mode, q::pull, q::value, q::drive, q::alt, q::af])?;
    let (cur_mode, cur_pull) = mode_pull(pin);
    let arg = |vm: &mut Vm, i: usize, name: Qstr, cur: i32| -> PyResult<i32> {
        match kw_arg(k, name).or_else(|| a.get(i).copied()) {
            Some(o) if o != Obj::NONE => crate::kw::int32(vm, o),
            _ => Ok(cur),
        }
    };
    let mut mode = arg(vm, 0, q::mode, -1)?;
    let mut pull = arg(vm, 1, q::pull, -1)?;
    let mut alt = arg(vm, 9, q::alt, -1)?;
    if alt == -1 {
        alt = arg(vm, 9, q::af, -1)?;
    }
    if mode == -1 {
        mode = i32::from(cur_mode);
    }
    if pull == -1 {
        pull = i32::from(cur_pull);
    }
    if !MODES.iter().any(|&m| i32::from(m) == mode) {
        return Err(vm.value_error(mpy_core::msg!("invalid pin mode")));
    }
    if !(0..=2).contains(&pull) {
        return Err(vm.value_error(mpy_core::msg!("invalid pull")));
    }
    if let Some(v) = kw_arg(k, q::value).filter(|&v| v != Obj::NONE) {
        let level = vm.is_true(v)?;
        write(pin, level);
    }
    configure(pin, mode as u8, pull as u8, alt.clamp(0, 15) as u8);
    Ok(Obj::NONE)
}

fn init(vm: &mut Vm, a: &[Obj], k: &[Obj]) -> PyResult<Obj> {
    let pin = this(vm, a[0])?;
    init_kw(vm, pin, &a[1..], k)
}

/// `value([x])`: the pin's level, or sets it.
fn value(vm: &mut Vm, a0: Obj, a1: Obj, _a2: Obj) -> PyResult<Obj> {
    let pin = this(vm, a0)?;
    match given(&a1) {
        Some(&v) => {
            let level = vm.is_true(v)?;
            write(pin, level);
            Ok(Obj::NONE)
        }
        None => Ok(Obj::small_int(isize::from(read(pin)))),
    }
}

/// `pin([x])`: as `value`.
fn call(vm: &mut Vm, o: Obj, a: &[Obj], _k: &[Obj]) -> PyResult<Obj> {
    value(vm, o, a.first().copied().unwrap_or(Obj::NULL), Obj::NULL)
}

/// `off()`/`low()` (member 0), `on()`/`high()` (1) and `toggle()` (2):
/// one body ([`BuiltinFun::new1_at`]).
fn level(vm: &mut Vm, a0: Obj, at: usize) -> PyResult<Obj> {
    let pin = this(vm, a0)?;
    let v = match at {
        0 => false,
        1 => true,
        _ => state(pin) & LEVEL == 0,
    };
    write(pin, v);
    Ok(Obj::NONE)
}

/// `mode([m])` and `pull([p])`: get, or set through `init`.
fn mode(vm: &mut Vm, a0: Obj, a1: Obj, _a2: Obj) -> PyResult<Obj> {
    let pin = this(vm, a0)?;
    match given(&a1) {
        Some(&m) => init_kw(vm, pin, &[m], &[]),
        None => Ok(Obj::small_int(isize::from(mode_pull(pin).0))),
    }
}

fn pull(vm: &mut Vm, a0: Obj, a1: Obj, _a2: Obj) -> PyResult<Obj> {
    let pin = this(vm, a0)?;
    match given(&a1) {
        Some(&p) => init_kw(vm, pin, &[Obj::NONE, p], &[]),
        None => Ok(Obj::small_int(isize::from(mode_pull(pin).1))),
    }
}

/// `Pin(Pin.cpu.A0, mode=Pin.OUT, pull=Pin.PULL_UP)` (as official
/// stm32): the CPU name on a GPIO port, else the board name
/// (`Pin.board.LED0`).
fn print(vm: &mut Vm, o: Obj, out: &mut Out, _kind: PrintKind) -> PyResult<()> {
    let pin = this(vm, o)?;
    let (mode, pull) = mode_pull(pin);
    // (The names are qstrs already: no copies of their text.)
    let m = match mode {
        OUT => q::OUT,
        OPEN_DRAIN => q::OPEN_DRAIN,
        ALT => q::ALT,
        ALT_OPEN_DRAIN => q::ALT_OPEN_DRAIN,
        ANALOG => q::ANALOG,
        _ => q::IN,
    };
    let m = vm.qstr_str(m);
    if pin / 16 < ops().pin_ports {
        let port = char::from(b'A' + pin / 16);
        out.fmt(vm, "Pin(Pin.cpu.{}{}, mode=Pin.{}", &[port.into(), (pin % 16).into(), m.into()])?;
    } else {
        let name = ops().pin_names.iter().find(|(_, p)| *p == pin).map_or("?", |(n, _)| n);
        out.fmt(vm, "Pin(Pin.board.{}, mode=Pin.{}", &[name.into(), m.into()])?;
    }
    let p = match pull {
        PULL_UP => q::PULL_UP,
        PULL_DOWN => q::PULL_DOWN,
        _ => return out.str(vm, ")"),
    };
    let p = vm.qstr_str(p);
    out.fmt(vm, ", pull=Pin.{})", &[p.into()])
}

static INIT: BuiltinFun = BuiltinFun::new_kw(q::init, 1, init);
static VALUE: BuiltinFun = BuiltinFun::new_opt(q::value, 1, 2, value);
static ON: BuiltinFun = BuiltinFun::new1_at(q::on, level, 1);
static OFF: BuiltinFun = BuiltinFun::new1_at(q::off, level, 0);
static HIGH: BuiltinFun = BuiltinFun::new1_at(q::high, level, 1);
static LOW: BuiltinFun = BuiltinFun::new1_at(q::low, level, 0);
static TOGGLE: BuiltinFun = BuiltinFun::new1_at(q::toggle, level, 2);
static MODE: BuiltinFun = BuiltinFun::new_opt(q::mode, 1, 2, mode);
static PULL: BuiltinFun = BuiltinFun::new_opt(q::pull, 1, 2, pull);

static LOCALS: [Entry; 25] = [
    Entry::new(q::ALT, Rom::Int(ALT as isize)),
    Entry::new(q::ALT_OPEN_DRAIN, Rom::Int(ALT_OPEN_DRAIN as isize)),
    Entry::new(q::ANALOG, Rom::Int(ANALOG as isize)),
    Entry::new(q::AF_OD, Rom::Int(ALT_OPEN_DRAIN as isize)),
    Entry::new(q::AF_PP, Rom::Int(ALT as isize)),
    Entry::new(q::IN, Rom::Int(IN as isize)),
    Entry::new(q::IRQ_FALLING, Rom::Int(crate::extint::IRQ_FALLING)),
    Entry::new(q::IRQ_RISING, Rom::Int(crate::extint::IRQ_RISING)),
    Entry::new(q::OPEN_DRAIN, Rom::Int(OPEN_DRAIN as isize)),
    Entry::new(q::OUT, Rom::Int(OUT as isize)),
    Entry::new(q::OUT_OD, Rom::Int(OPEN_DRAIN as isize)),
    Entry::new(q::OUT_PP, Rom::Int(OUT as isize)),
    Entry::new(q::PULL_DOWN, Rom::Int(PULL_DOWN as isize)),
    Entry::new(q::PULL_NONE, Rom::Int(0)),
    Entry::new(q::PULL_UP, Rom::Int(PULL_UP as isize)),
    Entry::new(q::high, Rom::Fun(&HIGH)),
    Entry::new(q::init, Rom::Fun(&INIT)),
    Entry::new(q::irq, Rom::Fun(&crate::extint::IRQ)),
    Entry::new(q::low, Rom::Fun(&LOW)),
    Entry::new(q::mode, Rom::Fun(&MODE)),
    Entry::new(q::off, Rom::Fun(&OFF)),
    Entry::new(q::on, Rom::Fun(&ON)),
    Entry::new(q::pull, Rom::Fun(&PULL)),
    Entry::new(q::toggle, Rom::Fun(&TOGGLE)),
    Entry::new(q::value, Rom::Fun(&VALUE)),
];

/// The `Pin` type (`machine.Pin`, `pyb.Pin`).
pub static PIN_TYPE: TypeObj = TypeObj {
    name: q::Pin.tn(),
    flags: flags::PORT_OBJ,
    make_new: Some(make_new),
    ext: &mpy_core::typ::TypeExt { call: Some(call), ..mpy_core::typ::TypeExt::NONE },
    print: Some(print),
    locals: mpy_core::typ::Locals::of(&LOCALS),
    ..TypeObj::EMPTY
};
