//! `machine.UART` / `pyb.UART`: the board's extra UARTs (not the
//! console): `UART(id, baudrate=9600, *, timeout=0, rxbuf=64)`, `init`,
//! `deinit`, `any`, `read([n])`, `readline`, `readinto(buf[, n])`,
//! `write`. Receiving is interrupt-driven: bytes wait in a ring buffer of
//! `rxbuf` bytes ([`crate::uartrx`]; beyond 64 bytes the ring is a buffer
//! in the gc heap) until read, even while Python runs.
//! `timeout` is how many milliseconds `read`/`readline`/`readinto` wait
//! for the next byte; they return what arrived (None if nothing did).

use mpy_core::typ::given;
use crate::hw::ops;
use crate::kw::{kw_check, kw_int};
use crate::uartrx;
use mpy_core::modules::args::{buffer_mut_of, buffer_of, int_arg};
use mpy_core::types::strutil::{new_of_kind_with, Kind};
use mpy_core::q;
use mpy_core::typ::{flags, BuiltinFun, Entry, Rom, TypeObj};
use mpy_core::{Obj, PyResult, Vm};

/// Most bytes one `read`/`readline` call returns.
const READ_MAX: usize = 256;

/// `Vm::port_roots` slot of the receive buffers in the gc heap: a list
/// with one entry per UART (a bytearray, or None).
pub const ROOT: usize = 6;

const S_ID: usize = 0;
const S_TIMEOUT: usize = 1;
const S_BAUD: usize = 2;

fn slots(vm: &mut Vm, u: Obj) -> PyResult<(u8, u32)> {
    let s = crate::kw::slots_of(vm, u, &UART_TYPE, mpy_core::msg!("expected a UART"))?;
    Ok((s[S_ID].as_small_int().unwrap_or(0) as u8, s[S_TIMEOUT].as_small_int().unwrap_or(0) as u32))
}

/// The next byte, waiting up to `timeout_ms` for it (sleeping between
/// interrupts; the timeout is `init`'s, 0..=2**29).
fn wait_byte(id: u8, timeout_ms: u32) -> Option<u8> {
    let end = crate::systick::ticks_us().saturating_add(u64::from(timeout_ms) * 1000);
    loop {
        if let Some(b) = uartrx::pop(id) {
            return Some(b);
        }
        if crate::systick::ticks_us() >= end || crate::console::interrupt_pending() {
            return None;
        }
        crate::cpu::idle();
    }
}

/// `UART(id, baudrate=9600, *, timeout=0)`.
///
/// Errors: `ValueError: UART doesn't exist`.
fn make_new(vm: &mut Vm, _cls: Obj, a: &[Obj], k: &[Obj]) -> PyResult<Obj> {
    let id = crate::kw::first_arg(vm, a)?;
    let id = crate::kw::int32(vm, id)?;
    if !ops().uart_ids.iter().any(|&u| i32::from(u) == id) {
        return Err(vm.value_error(mpy_core::msg!("UART doesn't exist")));
    }
    let u = vm.new_port_obj(&UART_TYPE, [Obj::small_int(id as isize), Obj::small_int(0), Obj::small_int(9600), Obj::NONE])?;
    init_kw(vm, u, &a[1..], k)?;
    Ok(u)
}

/// Applies `init`'s arguments to UART `u`; returns None (so `init` is a
/// tail call).
fn init_kw(vm: &mut Vm, u: Obj, a: &[Obj], k: &[Obj]) -> PyResult<Obj> {
    kw_check(vm, k, &[q::baudrate, q::timeout, q::bits, q::parity, q::stop, q::timeout_char, q::rxbuf])?;
    let (id, _) = slots(vm, u)?;
    let baud = kw_int(vm, k, q::baudrate, a.first(), 9600)?;
    if !(1..=10_000_000).contains(&baud) {
        return Err(vm.value_error(mpy_core::msg!("bad baudrate")));
    }
    let timeout = kw_int(vm, k, q::timeout, None, 0)?.clamp(0, 1 << 29);
    // (The default, RX_DEFAULT, is inside the clamp.)
    let rxbuf = kw_int(vm, k, q::rxbuf, None, uartrx::RX_DEFAULT as i32)?.clamp(1, uartrx::RX_MAX as i32) as usize;
    vm.set_port_slot(u, &UART_TYPE, S_TIMEOUT, Obj::small_int(timeout as isize));
    vm.set_port_slot(u, &UART_TYPE, S_BAUD, Obj::small_int(baud as isize));
    set_rxbuf(vm, id, rxbuf)?;
    (ops().uart_init)(id, baud as u32);
    Ok(Obj::NONE)
}

/// Gives UART `id` an empty receive ring of `n` bytes: the board's own
/// storage up to [`uartrx::RX_DEFAULT`] bytes, else a bytearray in the
/// gc heap (as official MicroPython allocates its read buffer), kept
/// alive in the port root [`ROOT`] (a list with one entry per UART) for
/// as long as the ring uses it.
///
/// Errors: `MemoryError` (the old ring stays).
fn set_rxbuf(vm: &mut Vm, id: u8, n: usize) -> PyResult<()> {
    let Some(s) = uartrx::slot(id) else { return Ok(()) };
    let table = crate::hw::root_table(vm, ROOT, uartrx::MAX_UARTS)?;
    if n <= uartrx::RX_DEFAULT {
        // Off the old buffer first, then it may go.
        uartrx::reset(id, n);
        crate::hw::root_store(vm, table, s, Obj::NONE)?;
        return Ok(());
    }
    let buf = new_of_kind_with(vm, Kind::ByteArray, n, |b| b.len())?;
    let Some(addr) = buffer_mut_of(&mut vm.heap, buf).filter(|b| b.len() == n).map(|b| b.as_mut_ptr() as usize) else {
        return Err(vm.memory_error());
    };
    // Rooted before the ring uses it; nothing allocates between the two
    // (so the old buffer, unrooted here, is not reused before the ring
    // leaves it).
    crate::hw::root_store(vm, table, s, buf)?;
    // SAFETY: `addr` is the start of the `n` bytes of `buf`, a bytearray
    // in the gc heap, which does not move objects; `table` (a port root)
    // keeps it alive until this function replaces it, after moving the
    // ring off it, or a new interpreter replaces the heap, after
    // `uartrx::release_all`. Nothing else can reach it: no Python code
    // sees `table`, so the buffer is never resized or read.
    unsafe { uartrx::use_heap(id, addr, n) };
    Ok(())
}

fn init(vm: &mut Vm, a: &[Obj], k: &[Obj]) -> PyResult<Obj> {
    init_kw(vm, a[0], &a[1..], k)
}

/// `any()` (member 0: how many received bytes are waiting) and
/// `deinit()` (1): one body ([`BuiltinFun::new1_at`]).
fn any_deinit(vm: &mut Vm, a0: Obj, at: usize) -> PyResult<Obj> {
    let (id, _) = slots(vm, a0)?;
    if at == 0 {
        return Ok(Obj::small_int(uartrx::waiting(id) as isize));
    }
    (ops().uart_deinit)(id);
    Ok(Obj::NONE)
}

/// Receives up to `buf.len()` bytes into `buf` (stopping after `\n` if
/// `line`), each waited for up to the timeout; how many came.
///
/// Errors: `KeyboardInterrupt` when Ctrl-C ended the wait.
fn recv(vm: &mut Vm, id: u8, timeout: u32, buf: &mut [u8], line: bool) -> PyResult<usize> {
    let mut got = 0;
    while got < buf.len() {
        let Some(b) = wait_byte(id, timeout) else { break };
        buf[got] = b;
        got += 1;
        if line && b == b'\n' {
            break;
        }
    }
    if vm.hal.take_interrupt() {
        return Err(vm.error_noargs(&mpy_core::types::exception::KEYBOARD_INTERRUPT_TYPE));
    }
    Ok(got)
}

/// Reads up to `n` bytes (stopping after `\n` if `line`), each waited
/// for up to the timeout; None if none came.
fn read_some(vm: &mut Vm, u: Obj, n: usize, line: bool) -> PyResult<Obj> {
    let (id, timeout) = slots(vm, u)?;
    let mut buf = [0u8; READ_MAX];
    let got = recv(vm, id, timeout, &mut buf[..n.min(READ_MAX)], line)?;
    if got == 0 {
        return Ok(Obj::NONE);
    }
    vm.new_bytes(&buf[..got])
}

/// `read([n])`.
fn read(vm: &mut Vm, a0: Obj, a1: Obj, _a2: Obj) -> PyResult<Obj> {
    let n = match given(&a1) {
        Some(&n) if n != Obj::NONE => int_arg(vm, n)?.max(0) as usize,
        _ => READ_MAX,
    };
    read_some(vm, a0, n, false)
}

/// `readline()`.
fn readline(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let a = &[a0];
    read_some(vm, a[0], READ_MAX, true)
}

/// `readinto(buf[, nbytes])`: receives into `buf`; how many bytes came
/// (None if none did).
///
/// Errors: `TypeError` for a buffer that cannot be written.
fn readinto(vm: &mut Vm, a0: Obj, a1: Obj, a2: Obj) -> PyResult<Obj> {
    let (id, timeout) = slots(vm, a0)?;
    let limit = match given(&a2) {
        Some(&n) => int_arg(vm, n)?.max(0) as usize,
        None => usize::MAX,
    };
    let mut tmp = [0u8; READ_MAX];
    let Some(len) = buffer_mut_of(&mut vm.heap, a1).map(|b| b.len()) else {
        return Err(vm.type_error(mpy_core::runtime::exc::msg::BUFFER));
    };
    let got = recv(vm, id, timeout, &mut tmp[..len.min(limit).min(READ_MAX)], false)?;
    if let Some(d) = buffer_mut_of(&mut vm.heap, a1).and_then(|b| b.get_mut(..got)) {
        d.copy_from_slice(&tmp[..got]);
    }
    Ok(if got == 0 { Obj::NONE } else { Obj::small_int(got as isize) })
}

/// `write(buf)`: sends the bytes, returns how many.
fn write(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let a = &[a0, a1];
    let (id, _) = slots(vm, a[0])?;
    let Some(d) = buffer_of(&vm.qstrs, &vm.heap, a[1]) else {
        return Err(vm.type_error(mpy_core::runtime::exc::msg::BUFFER));
    };
    (ops().uart_write)(id, d);
    let n = d.len();
    vm.new_int(n as i64)
}

static INIT: BuiltinFun = BuiltinFun::new_kw(q::init, 1, init);
static DEINIT: BuiltinFun = BuiltinFun::new1_at(q::deinit, any_deinit, 1);
static ANY: BuiltinFun = BuiltinFun::new1_at(q::any, any_deinit, 0);
static READ: BuiltinFun = BuiltinFun::new_opt(q::read, 1, 2, read);
static READLINE: BuiltinFun = BuiltinFun::new1(q::readline, readline);
static READINTO: BuiltinFun = BuiltinFun::new_opt(q::readinto, 2, 3, readinto);
static WRITE: BuiltinFun = BuiltinFun::new2(q::write, write);

static LOCALS: [Entry; 7] = [
    Entry::new(q::any, Rom::Fun(&ANY)),
    Entry::new(q::deinit, Rom::Fun(&DEINIT)),
    Entry::new(q::init, Rom::Fun(&INIT)),
    Entry::new(q::read, Rom::Fun(&READ)),
    Entry::new(q::readinto, Rom::Fun(&READINTO)),
    Entry::new(q::readline, Rom::Fun(&READLINE)),
    Entry::new(q::write, Rom::Fun(&WRITE)),
];

/// The `UART` type (`machine.UART`, `pyb.UART`).
pub static UART_TYPE: TypeObj =
    TypeObj { name: q::UART.tn(), flags: flags::PORT_OBJ, make_new: Some(make_new), locals: mpy_core::typ::Locals::of(&LOCALS), ..TypeObj::EMPTY };
