//! The `hashlib` module: `sha256`, as MicroPython has it:
//! `sha256([data])`, `update(data)`, `digest()`. After `digest()` the
//! hash is final: `update` and `digest` raise `ValueError: hash is
//! final`. Data is anything with the buffer protocol (bytes, bytearray,
//! memoryview, str).
//!
//! The compression function is RustCrypto's (`sha2::compress256`) on the
//! desktop, a small rolled loop on the boards (`sha256_small.rs`); the
//! state around it (chaining value, partial block, length) is plain data
//! kept inline in the heap object, so hashing never allocates.

use crate::typ::Entry;
use crate::obj::{Obj, ObjBase};
use crate::qstr::q;
use crate::runtime::print::Out;
use crate::state::Vm;
use crate::typ::{BuiltinFun, ModuleDef, PrintKind, Rom, TypeObj};
use crate::types::strutil::buffer_ref;
use crate::PyResult;

/// SHA-256's initial chaining value (FIPS 180-4, 5.3.3).
const H0: [u32; 8] =
    [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/// A running SHA-256 computation: plain data.
#[derive(Clone, Copy)]
#[repr(C)]
pub struct Sha256State {
    /// The chaining value.
    h: [u32; 8],
    /// Bytes hashed so far (the length in the padding is in bits).
    total: u64,
    /// The partial block.
    block: [u8; 64],
    /// Bytes used in `block`.
    used: usize,
}

impl Sha256State {
    /// The state before any data.
    pub const fn new() -> Sha256State {
        Sha256State { h: H0, total: 0, block: [0; 64], used: 0 }
    }

    fn compress(&mut self) {
        #[cfg(target_os = "none")]
        super::sha256_small::compress(&mut self.h, &self.block);
        #[cfg(not(target_os = "none"))]
        {
            let b = sha2::digest::generic_array::GenericArray::from(self.block);
            sha2::compress256(&mut self.h, core::slice::from_ref(&b));
        }
    }

    /// Adds `data` to the hash.
    pub fn update(&mut self, mut data: &[u8]) {
        self.total = self.total.wrapping_add(data.len() as u64);
        while !data.is_empty() {
            let k = (64 - self.used).min(data.len());
            self.block[self.used..self.used + k].copy_from_slice(&data[..k]);
            self.used += k;
            data = &data[k..];
            if self.used == 64 {
                self.compress();
                self.used = 0;
            }
        }
    }

    /// Pads and returns the 32-byte digest (the state is spent).
    pub fn finish(mut self) -> [u8; 32] {
        // The padding through `update`: 0x80, zeros up to 8 bytes before
        // a block's end, the length in bits (which fills the block).
        let bits = self.total.wrapping_mul(8);
        self.update(&[0x80]);
        while self.used != 56 {
            self.update(&[0]);
        }
        self.update(&bits.to_be_bytes());
        let mut out = [0u8; 32];
        for (o, w) in out.chunks_exact_mut(4).zip(self.h) {
            o.copy_from_slice(&w.to_be_bytes());
        }
        out
    }
}

impl Default for Sha256State {
    fn default() -> Sha256State {
        Sha256State::new()
    }
}

/// A `hashlib.sha256` object: the state inline (about 120 bytes).
#[repr(C)]
pub struct Sha256Obj {
    /// Header ([`SHA256_TYPE`]).
    pub base: ObjBase,
    /// `digest()` was called: no more updates.
    pub finished: bool,
    /// The hash state.
    pub state: Sha256State,
}

fn final_error(vm: &mut Vm) -> crate::PyErr {
    vm.value_error(msg!("hash is final"))
}

/// Adds the bytes of `data` to `st`.
///
/// Errors: `TypeError` if `data` has no buffer.
fn feed(vm: &mut Vm, st: &mut Sha256State, data: Obj) -> PyResult<()> {
    match buffer_ref(vm, data) {
        Some(b) => {
            st.update(b);
            Ok(())
        }
        None => Err(super::args::buffer_error(vm)),
    }
}

fn sha256_new(vm: &mut Vm, _cls: Obj, args: &[Obj], _kw: &[Obj]) -> PyResult<Obj> {
    if args.len() > 1 {
        return Err(vm.type_error(msg!("function takes at most 1 argument")));
    }
    let mut st = Sha256State::new();
    if let Some(&d) = args.first() {
        feed(vm, &mut st, d)?;
    }
    vm.alloc_obj(Sha256Obj { base: ObjBase::new(&SHA256_TYPE), finished: false, state: st })
}

/// The state of sha256 object `o`, unless final.
///
/// Errors: `ValueError: hash is final`; `TypeError` for another object.
fn live_state(vm: &mut Vm, o: Obj) -> PyResult<Sha256State> {
    match vm.heap.get::<Sha256Obj>(o).map(|s| (s.finished, s.state)) {
        Some((false, st)) => Ok(st),
        Some((true, _)) => Err(final_error(vm)),
        None => Err(vm.type_error(msg!("expected a sha256 object"))),
    }
}

fn update(vm: &mut Vm, a0: Obj, a1: Obj) -> PyResult<Obj> {
    let a = &[a0, a1];
    let mut st = live_state(vm, a[0])?;
    feed(vm, &mut st, a[1])?;
    if let Some(s) = vm.heap.get_mut::<Sha256Obj>(a[0]) {
        s.state = st;
    }
    Ok(Obj::NONE)
}

fn digest(vm: &mut Vm, a0: Obj) -> PyResult<Obj> {
    let a = &[a0];
    let st = live_state(vm, a[0])?;
    if let Some(s) = vm.heap.get_mut::<Sha256Obj>(a[0]) {
        s.finished = true;
    }
    vm.new_bytes(&st.finish())
}

fn print(vm: &mut Vm, _o: Obj, out: &mut Out, _k: PrintKind) -> PyResult<()> {
    out.str(vm, "<sha256>")
}

static UPDATE: BuiltinFun = BuiltinFun::new2(q::update, update);
static DIGEST: BuiltinFun = BuiltinFun::new1(q::digest, digest);

static SHA256_LOCALS: [Entry; 2] = [Entry::new(q::digest, Rom::Fun(&DIGEST)), Entry::new(q::update, Rom::Fun(&UPDATE))];

/// `hashlib.sha256`.
pub static SHA256_TYPE: TypeObj = TypeObj {
    name: q::sha256.tn(),
    make_new: Some(sha256_new),
    print: Some(print),
    locals: crate::typ::Locals::of(&SHA256_LOCALS),
    ..TypeObj::EMPTY
};

static LOCALS: [Entry; 2] = [Entry::new(q::__name__, Rom::Str(q::hashlib)), Entry::new(q::sha256, Rom::Type(&SHA256_TYPE))];

/// The `hashlib` module.
pub static HASHLIB_MODULE: ModuleDef = ModuleDef::new(q::hashlib, &LOCALS);

#[cfg(test)]
mod tests {
    use super::Sha256State;
    use sha2::Digest;

    #[test]
    fn matches_sha2() {
        for len in [0usize, 1, 3, 55, 56, 63, 64, 65, 119, 120, 128, 1000] {
            let data: alloc::vec::Vec<u8> = (0..len).map(|i| (i * 7 + 3) as u8).collect();
            let mut st = Sha256State::new();
            let (a, b) = data.split_at(len / 3);
            st.update(a);
            st.update(b);
            let want = sha2::Sha256::digest(&data);
            assert_eq!(&st.finish()[..], &want[..], "len {len}");
        }
    }
}
