//! Small argument-conversion helpers shared by the built-in modules.

#[cfg(feature = "float")]
use crate::flt::Float;
use crate::obj::Obj;
use crate::state::Vm;
use crate::PyResult;

/// An int argument as `i64` (bools count; instances of int subclasses and
/// objects with `__int__` convert; floats are a TypeError): the one body
/// of [`crate::types::int::obj_to_i64`].
///
/// Errors: `TypeError: can't convert float to int` (MicroPython's words,
/// with the argument's type name), `OverflowError: overflow converting long
/// int to machine word`.
#[inline]
pub fn int_arg(vm: &mut Vm, o: Obj) -> PyResult<i64> {
    crate::types::int::obj_to_i64(vm, o)
}

/// The int arguments `a` as `i64` into `out` (as [`int_arg`], in order;
/// surplus slots keep their values).
///
/// Errors: as [`int_arg`].
pub fn int_args(vm: &mut Vm, a: &[Obj], out: &mut [i64]) -> PyResult<()> {
    for (slot, &o) in out.iter_mut().zip(a) {
        *slot = int_arg(vm, o)?;
    }
    Ok(())
}

/// A number argument as `Float` (ints, bools, floats and objects with
/// `__float__`; ints too large for a float give an infinity of their
/// sign): the one body of [`crate::types::int::obj_to_f64`].
///
/// Errors: `TypeError: can't convert str to float`.
#[cfg(feature = "float")]
#[inline]
pub fn float_arg(vm: &mut Vm, o: Obj) -> PyResult<Float> {
    crate::types::int::obj_to_f64(vm, o)
}

/// The Python-visible type name of `o` (`int`, a class's name...), not
/// tied to the `Vm` borrow (qstr text never moves).
#[inline]
pub fn type_name<'a>(vm: &Vm, o: Obj) -> &'a str {
    crate::types::strutil::type_name(vm, o)
}

/// `TypeError: can't convert 'T' object to str implicitly` for `o`.
#[inline]
pub fn str_conv_error(vm: &mut Vm, o: Obj) -> crate::PyErr {
    crate::types::strutil::not_str_implicitly(vm, o)
}

/// The text of a str argument, pinned (valid while the object lives: see
/// `Vm::str_pinned`).
///
/// Errors: `TypeError: can't convert 'int' object to str implicitly`.
pub fn str_arg<'a>(vm: &mut Vm, o: Obj) -> PyResult<&'a str> {
    match vm.str_pinned(o) {
        Some(s) => Ok(s),
        None => Err(str_conv_error(vm, o)),
    }
}

/// `TypeError: object with buffer protocol required`: one out-of-line
/// body for the modules' many call sites.
#[inline(never)]
pub fn buffer_error(vm: &mut Vm) -> crate::PyErr {
    vm.type_error(crate::runtime::exc::msg::BUFFER)
}

/// `TypeError: can't convert to str implicitly` (without the type's name,
/// as MicroPython words it for names and formats).
#[inline(never)]
pub fn str_required(vm: &mut Vm) -> crate::PyErr {
    vm.type_error(msg!("can't convert to str implicitly"))
}

/// The bytes of a str, bytes, bytearray or other buffer-protocol object
/// (or of the built-in part of a subclass instance), borrowing only the
/// heap, so the caller can hand them to `vm.hal` in the same breath:
/// `let d = buffer_of(&vm.qstrs, &vm.heap, o); vm.hal.stdout_write(d)`.
pub fn buffer_of<'h>(qstrs: &crate::qstr::QstrPool, heap: &'h crate::heap::Heap, o: Obj) -> Option<&'h [u8]> {
    if let Some(q) = o.as_qstr() {
        return Some(qstrs.str(heap, q).as_bytes());
    }
    if let Some(b) = heap.str_bytes_pinned(o) {
        return Some(b);
    }
    if let Some(n) = heap.get::<crate::vm::class::InstanceNativeObj>(o) {
        let n = n.native;
        return buffer_of(qstrs, heap, n);
    }
    let f = o.ptr_type()?.ext.buffer?;
    f(heap, o)
}

/// The writable side of [`buffer_of`]: the bytes of a bytearray, a
/// writable memoryview or another object whose type fills `buffer_mut`
/// (or of the built-in part of a subclass instance), borrowing only the
/// heap, so the caller can hand them to `vm.hal` directly (`readinto`):
/// `vm.hal.stdin_read(buffer_mut_of(&mut vm.heap, o)?)`.
pub fn buffer_mut_of(heap: &mut crate::heap::Heap, o: Obj) -> Option<&mut [u8]> {
    let o = match heap.get::<crate::vm::class::InstanceNativeObj>(o) {
        Some(n) if !n.native.is_null() => n.native,
        _ => o,
    };
    let f = o.ptr_type()?.ext.buffer_mut?;
    f(heap, o)
}

/// A str object from bytes, invalid UTF-8 sequences replaced by U+FFFD
/// (`bytes.decode(errors='replace')`), as text read from files and the
/// console is decoded.
///
/// Errors: `MemoryError`.
pub fn new_str_lossy(vm: &mut Vm, b: &[u8]) -> PyResult<Obj> {
    if let Some(s) = mpy_bytecode::utf8::str(b) {
        return vm.new_str(s);
    }
    let mut out = crate::runtime::print::Out::buf();
    write_lossy(vm, &mut out, b)?;
    out.into_str(vm)
}

/// Writes bytes as text, invalid UTF-8 sequences replaced by U+FFFD.
///
/// Errors: `MemoryError` (buffers only).
pub fn write_lossy(vm: &mut Vm, out: &mut crate::runtime::print::Out, b: &[u8]) -> PyResult<()> {
    // Through the validator's error positions (linked anyway), not
    // `utf8_chunks` (a second one): the same maximal invalid sequences,
    // each one U+FFFD.
    let mut b = b;
    loop {
        if let Some(s) = mpy_bytecode::utf8::str(b) {
            return out.str(vm, s);
        }
        let Err((up_to, len)) = mpy_bytecode::utf8::check(b) else { return Ok(()) };
        let (good, rest) = b.split_at(up_to);
        out.str(vm, mpy_bytecode::utf8::str(good).unwrap_or(""))?;
        out.str(vm, "\u{fffd}")?;
        b = rest.get(len.unwrap_or(rest.len())..).unwrap_or(&[]);
    }
}

/// Optional size argument `o`: None when absent (NULL), None or negative.
///
/// Errors: as [`int_arg`].
pub fn size_arg(vm: &mut Vm, o: Obj) -> PyResult<Option<usize>> {
    if o.is_null() || o == Obj::NONE {
        return Ok(None);
    }
    Ok(usize::try_from(int_arg(vm, o)?).ok())
}

/// The byte length of the first `n` characters of UTF-8 text `b`
/// (continuation bytes `10xxxxxx` belong to the character before); None
/// if `b` has fewer.
pub fn char_prefix(b: &[u8], n: usize) -> Option<usize> {
    let mut count = 0;
    for (i, &x) in b.iter().enumerate() {
        if x & 0xC0 != 0x80 {
            if count == n {
                return Some(i);
            }
            count += 1;
        }
    }
    if count == n {
        Some(b.len())
    } else {
        None
    }
}

/// Number of characters in UTF-8 text `b` (invalid bytes count one each).
#[inline]
pub fn char_count(b: &[u8]) -> usize {
    crate::types::strutil::char_len(b)
}

/// Copies bytes `off..` of `src`'s buffer (see [`buffer_of`]) into `out`;
/// returns how many were copied (0 past the end or for a non-buffer).
pub fn buffer_read(vm: &Vm, src: Obj, off: usize, out: &mut [u8]) -> usize {
    let Some(b) = buffer_of(&vm.qstrs, &vm.heap, src) else { return 0 };
    let b = b.get(off..).unwrap_or(&[]);
    let k = b.len().min(out.len());
    out[..k].copy_from_slice(&b[..k]);
    k
}

/// Bytes copied at a time between heap objects through the Rust stack.
pub const CHUNK: usize = 256;

/// A str (`text`: invalid UTF-8 replaced, as [`new_str_lossy`]) or bytes
/// object holding `b`.
///
/// Errors: `MemoryError`.
pub fn new_text_or_bytes(vm: &mut Vm, text: bool, b: &[u8]) -> PyResult<Obj> {
    if text {
        new_str_lossy(vm, b)
    } else {
        vm.new_bytes(b)
    }
}

/// A str (`text`: invalid UTF-8 replaced, as [`new_str_lossy`]) or bytes
/// object holding bytes `start..start + len` of the byte vector `field`
/// returns for heap object `o` (clamped to the vector). The bytes are
/// first copied to the stack (or, when long, a temporary heap buffer), so
/// no borrow of the heap is held across the allocation.
///
/// Errors: `MemoryError`.
pub fn new_from_vec_field(
    vm: &mut Vm,
    text: bool,
    o: Obj,
    field: for<'h> fn(&'h crate::heap::Heap, Obj) -> Option<&'h [u8]>,
    start: usize,
    len: usize,
) -> PyResult<Obj> {
    let avail = field(&vm.heap, o).map_or(0, |x| x.len().saturating_sub(start));
    let len = len.min(avail);
    if len <= CHUNK {
        let mut chunk = [0u8; CHUNK];
        let mut k = 0;
        if let Some(b) = field(&vm.heap, o).and_then(|x| x.get(start..start + len)) {
            k = b.len();
            chunk[..k].copy_from_slice(b);
        }
        return new_text_or_bytes(vm, text, &chunk[..k]);
    }
    let mut tmp: crate::heap::GcVec<u8> = vm.new_vec(len)?;
    if let Some(x) = field(&vm.heap, o) {
        tmp.extend_within_capacity(x.get(start..start + len).unwrap_or(&[]));
    }
    let r = new_text_or_bytes(vm, text, tmp.as_slice());
    vm.heap.free_vec(tmp);
    r
}

#[cfg(test)]
mod tests {
    use crate::runtime::print::Out;

    #[test]
    fn lossy_as_std() {
        crate::types::num_testutil::with_vm(|mut vm| {
            let vm = &mut vm;
            let mut cases: alloc::vec::Vec<alloc::vec::Vec<u8>> = [
                &b""[..], b"abc", b"\xff", b"a\xffb", b"\xe2\x82", b"\xe2\x82\xac", b"\xf0\x9f\x98",
                b"a\xf0\x9f\x98\x80b\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80x", b"\xe2\x82z\xe2",
            ]
            .iter()
            .map(|c| c.to_vec())
            .collect();
            let mut seed = 0x1234_5678u32;
            for n in 0..400 {
                let v = (0..n % 13)
                    .map(|_| {
                        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                        [b'a', 0x80, 0xbf, 0xc2, 0xe0, 0xed, 0xf0, 0xf4, 0xff, 0x9f][(seed >> 16) as usize % 10]
                    })
                    .collect();
                cases.push(v);
            }
            for c in &cases {
                let mut out = Out::buf();
                super::write_lossy(vm, &mut out, c).unwrap();
                let o = out.into_str(vm).unwrap();
                assert_eq!(vm.str_pinned(o).unwrap(), alloc::string::String::from_utf8_lossy(c), "{c:x?}");
            }
        })
    }
}

/// Calls method `name` of `o` with `args` (a stream's `write`, a mounted
/// filesystem's `open`, ...).
///
/// Errors: `AttributeError` if it has none; whatever the method raises.
pub fn call_method(vm: &mut Vm, o: Obj, name: crate::qstr::Qstr, args: &[Obj]) -> PyResult<Obj> {
    let m = vm.load_attr(o, name)?;
    vm.call(m, args, &[])
}

/// Calls method `name` of `o` with `args` if `o` has one (None if not).
///
/// Errors: whatever the method raises.
pub fn call_method_maybe(vm: &mut Vm, o: Obj, name: crate::qstr::Qstr, args: &[Obj]) -> PyResult<Option<Obj>> {
    let m = vm.load_attr_maybe(o, name)?;
    if m.is_null() {
        return Ok(None);
    }
    vm.call(m, args, &[]).map(Some)
}
