//! Printing objects: `str()`, `repr()` and `print()`'s text.
//!
//! Text goes to an [`Out`]: straight to the console (`print` to stdout,
//! tracebacks), or into a growable buffer in the gc heap that becomes a
//! str object (`str()`, `repr()`, `%`/`format`). Every write can raise
//! `MemoryError`; nothing uses Rust's global allocator.

use crate::heap::GcVec;
use crate::obj::Obj;
use crate::state::Vm;
use crate::typ::PrintKind;
use crate::PyResult;

/// One argument of a message template (see [`Out::fmt`]); most convert
/// with `.into()` (`&str`, integers, `char`).
#[derive(Clone, Copy, Debug)]
pub enum Arg<'a> {
    /// Text, as is.
    Str(&'a str),
    /// A signed decimal.
    Int(isize),
    /// An unsigned decimal.
    UInt(usize),
    /// Lowercase hex digits (no `0x`), zero-padded to at least `.1` digits.
    Hex(usize, u8),
    /// One character.
    Char(char),
    /// Bytes in single quotes, with quotes, backslashes and `\n\r\t`
    /// escaped and other non-printable bytes as `\xNN` (how MicroPython
    /// quotes the rest of a bad int literal).
    Quoted(&'a [u8]),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Str(s)
    }
}

impl From<isize> for Arg<'_> {
    fn from(i: isize) -> Self {
        Arg::Int(i)
    }
}

impl From<i32> for Arg<'_> {
    fn from(i: i32) -> Self {
        Arg::Int(i as isize)
    }
}

impl From<usize> for Arg<'_> {
    fn from(u: usize) -> Self {
        Arg::UInt(u)
    }
}

impl From<u32> for Arg<'_> {
    fn from(u: u32) -> Self {
        Arg::UInt(u as usize)
    }
}

impl From<u8> for Arg<'_> {
    fn from(u: u8) -> Self {
        Arg::UInt(u as usize)
    }
}

impl From<u16> for Arg<'_> {
    fn from(u: u16) -> Self {
        Arg::UInt(u as usize)
    }
}

impl From<char> for Arg<'_> {
    fn from(c: char) -> Self {
        Arg::Char(c)
    }
}

/// [`crate::types::strutil::repr_quoted`]'s mode for [`Arg::Quoted`]:
/// bytes, in single quotes.
const QUOTED: u8 = 2;

/// Where printed text goes.
pub enum Out {
    /// The console's standard output.
    Stdout,
    /// The console's standard error.
    Stderr,
    /// A buffer in the gc heap (held in this local, so the collector sees
    /// it).
    Buf(GcVec<u8>),
    /// A short buffer on the native stack (desktop `str(x)`): becomes a
    /// [`Out::Buf`] when it overflows.
    #[cfg(not(target_os = "none"))]
    Small(SmallBuf),
}

/// The bytes of an [`Out::Small`].
#[cfg(not(target_os = "none"))]
pub struct SmallBuf {
    len: usize,
    b: [u8; SMALL_OUT],
}

/// Capacity of an [`Out::Small`].
#[cfg(not(target_os = "none"))]
const SMALL_OUT: usize = 64;

#[cfg(not(target_os = "none"))]
impl SmallBuf {
    /// Appends `b` if it fits.
    #[inline(always)]
    fn push(&mut self, b: &[u8]) -> bool {
        match self.b.get_mut(self.len..self.len + b.len()) {
            Some(d) => {
                d.copy_from_slice(b);
                self.len += b.len();
                true
            }
            None => false,
        }
    }
}

impl Out {
    /// An empty buffer (allocates nothing until written). Boards: out of
    /// line (the enum written by one copy of the code).
    #[cfg_attr(target_os = "none", inline(never))]
    pub const fn buf() -> Out {
        Out::Buf(GcVec::new())
    }

    /// Writes bytes.
    ///
    /// Errors: `MemoryError` (buffers only).
    #[cfg_attr(not(target_os = "none"), inline)]
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn bytes(&mut self, vm: &mut Vm, b: &[u8]) -> PyResult<()> {
        match self {
            Out::Stdout => {
                vm.hal.stdout_write(b);
                Ok(())
            }
            Out::Stderr => {
                vm.hal.stderr_write(b);
                Ok(())
            }
            Out::Buf(v) => vm.vec_extend_local(v, b),
            #[cfg(not(target_os = "none"))]
            Out::Small(sb) => {
                if sb.push(b) {
                    return Ok(());
                }
                self.spill(vm, b)
            }
        }
    }

    /// An [`Out::Small`] that cannot take `b`: moves its text to a heap
    /// buffer, then appends `b` there.
    ///
    /// Errors: `MemoryError`.
    #[cfg(not(target_os = "none"))]
    #[cold]
    #[inline(never)]
    fn spill(&mut self, vm: &mut Vm, b: &[u8]) -> PyResult<()> {
        let Out::Small(sb) = self else { return Ok(()) };
        let mut v = GcVec::new();
        let r = vm
            .vec_reserve_local(&mut v, sb.len + b.len())
            .and_then(|()| vm.vec_extend_local(&mut v, &sb.b[..sb.len]))
            .and_then(|()| vm.vec_extend_local(&mut v, b));
        *self = Out::Buf(v);
        r
    }

    /// Writes text.
    ///
    /// Errors: `MemoryError` (buffers only).
    #[inline]
    pub fn str(&mut self, vm: &mut Vm, s: &str) -> PyResult<()> {
        self.bytes(vm, s.as_bytes())
    }

    /// Writes one character.
    ///
    /// Errors: `MemoryError` (buffers only).
    pub fn char(&mut self, vm: &mut Vm, c: char) -> PyResult<()> {
        let mut b = [0u8; 4];
        self.bytes(vm, c.encode_utf8(&mut b).as_bytes())
    }

    /// Writes message template `tpl` with each `{}` replaced by the next
    /// of `args` (`out.fmt(vm, "<{} object at {}>", &[name.into(),
    /// Arg::Hex(addr, 0)])`): one out-of-line renderer instead of a
    /// `core::fmt::Arguments` built at every call site. Markers past the
    /// last argument print nothing. The template's own text may be packed
    /// ([`crate::msg!`]; see [`super::msgtext`]).
    ///
    /// Errors: `MemoryError` (buffers only).
    #[inline(never)]
    pub fn fmt(&mut self, vm: &mut Vm, tpl: &str, args: &[Arg<'_>]) -> PyResult<()> {
        self.fmt_in(vm, tpl.as_bytes(), &mut args.iter())
    }

    /// [`Out::fmt`] of template bytes `t` with the arguments left in
    /// `args` (also a packed word: it has no markers).
    fn fmt_in(&mut self, vm: &mut Vm, t: &[u8], args: &mut core::slice::Iter<'_, Arg<'_>>) -> PyResult<()> {
        let (mut i, mut lit) = (0, 0);
        while i < t.len() {
            let word = super::msgtext::token(t.get(i..).unwrap_or(&[]));
            if word.is_some() || (t[i] == b'{' && t.get(i + 1) == Some(&b'}')) {
                self.bytes(vm, &t[lit..i])?;
                if let Some((k, n)) = word {
                    self.fmt_in(vm, super::msgtext::word(k), args)?;
                    i += n - 1;
                } else {
                    if let Some(a) = args.next() {
                        self.arg(vm, a)?;
                    }
                    i += 1;
                }
                lit = i + 1;
            }
            i += 1;
        }
        self.bytes(vm, &t[lit..])
    }

    /// Writes one template argument (see [`Out::fmt`]).
    fn arg(&mut self, vm: &mut Vm, a: &Arg<'_>) -> PyResult<()> {
        match *a {
            Arg::Str(s) => self.str(vm, s),
            Arg::Int(i) => self.int(vm, i),
            Arg::UInt(u) => self.digits(vm, u, 10, 1, false),
            Arg::Hex(u, w) => self.digits(vm, u, 16, w, false),
            Arg::Char(c) => self.char(vm, c),
            // The quoting of a bytes repr, always in single quotes.
            Arg::Quoted(b) => crate::types::strutil::repr_quoted(vm, b, QUOTED, self),
        }
    }

    /// Writes `i` in decimal.
    ///
    /// Errors: `MemoryError` (buffers only).
    pub fn int(&mut self, vm: &mut Vm, i: isize) -> PyResult<()> {
        self.digits(vm, i.unsigned_abs(), 10, 1, i < 0)
    }

    /// Writes `u` in `radix` (10 or 16, lowercase), zero-padded to at
    /// least `width` digits, after a `-` if `neg`.
    fn digits(&mut self, vm: &mut Vm, mut u: usize, radix: usize, width: u8, neg: bool) -> PyResult<()> {
        // 64-bit usize: 20 decimal digits at most, plus the sign.
        let mut buf = [0u8; 24];
        let mut n = buf.len();
        let mut w = width as usize;
        while u != 0 || w > 0 || n == buf.len() {
            n -= 1;
            buf[n] = b"0123456789abcdef"[u % radix];
            u /= radix;
            w = w.saturating_sub(1);
            if n == 1 {
                break;
            }
        }
        if neg {
            n -= 1;
            buf[n] = b'-';
        }
        self.bytes(vm, &buf[n..])
    }
    /// The bytes written so far (empty for the console).
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Out::Buf(v) => v.as_slice(),
            #[cfg(not(target_os = "none"))]
            Out::Small(sb) => &sb.b[..sb.len],
            _ => &[],
        }
    }

    /// Bytes written so far to a buffer.
    pub fn len(&self) -> usize {
        self.as_bytes().len()
    }

    /// Nothing written yet?
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Drops the text after the first `n` bytes of a buffer.
    pub fn truncate(&mut self, n: usize) {
        match self {
            Out::Buf(v) => v.truncate(n),
            #[cfg(not(target_os = "none"))]
            Out::Small(sb) => sb.len = sb.len.min(n),
            _ => {}
        }
    }

    /// The buffer's text as a str object (a qstr if interned); the buffer
    /// is given back to the heap.
    ///
    /// Errors: `MemoryError`; `UnicodeError` if the bytes are not UTF-8.
    pub fn into_str(self, vm: &mut Vm) -> PyResult<Obj> {
        #[cfg(not(target_os = "none"))]
        if let Out::Small(sb) = &self {
            return vm.new_str_from_utf8(&sb.b[..sb.len]);
        }
        let Out::Buf(v) = self else { return Ok(Obj::qstr(crate::qstr::q::empty)) };
        let r = vm.new_str_from_utf8(v.as_slice());
        vm.heap.free_vec(v);
        r
    }

    /// The buffer's bytes as a bytes object; the buffer is given back.
    ///
    /// Errors: `MemoryError`.
    pub fn into_bytes(self, vm: &mut Vm) -> PyResult<Obj> {
        #[cfg(not(target_os = "none"))]
        if let Out::Small(sb) = &self {
            return vm.new_bytes(&sb.b[..sb.len]);
        }
        let Out::Buf(v) = self else { return vm.new_bytes(b"") };
        let r = vm.new_bytes(v.as_slice());
        vm.heap.free_vec(v);
        r
    }
}

impl Vm {
    /// Writes `str(o)` or `repr(o)` to `out`.
    ///
    /// Errors: whatever the object's `__str__`/`__repr__` raises;
    /// `MemoryError`.
    pub fn print_obj(&mut self, o: Obj, out: &mut Out, kind: PrintKind) -> PyResult<()> {
        if let Some(i) = o.as_small_int() {
            return out.int(self, i);
        }
        if kind == PrintKind::Str {
            if let Some(s) = self.str_pinned(o) {
                return out.str(self, s);
            }
        }
        let t = self.builtin_type(o);
        if let Some(p) = t.print {
            return p(self, o, out, kind);
        }
        // A type without a print slot: `<object>`, `<property>` (as
        // MicroPython).
        let name = self.qstr_str(t.name());
        out.fmt(self, "<{}>", &[name.into()])
    }

    /// `repr(o)` as a str object.
    ///
    /// Errors: as [`Vm::print_obj`].
    pub fn repr_obj(&mut self, o: Obj) -> PyResult<Obj> {
        let mut out = Out::buf();
        self.print_obj(o, &mut out, PrintKind::Repr)?;
        out.into_str(self)
    }

    /// `str(o)` as a str object (`o` itself for a str).
    ///
    /// Errors: as [`Vm::print_obj`].
    pub fn str_obj(&mut self, o: Obj) -> PyResult<Obj> {
        if o.as_qstr().is_some() || self.heap.str_pinned(o).is_some() {
            return Ok(o);
        }
        // Desktop: a big int's digits straight into the new str.
        #[cfg(all(feature = "bigint", not(target_os = "none")))]
        if let Some(r) = crate::types::int_ops::big::radix_str(self, o, "", 10) {
            return r;
        }
        // Desktop: short text (numbers) on the native stack, one
        // allocation for the str.
        #[cfg(not(target_os = "none"))]
        let mut out = Out::Small(SmallBuf { len: 0, b: [0; SMALL_OUT] });
        #[cfg(target_os = "none")]
        let mut out = Out::buf();
        self.print_obj(o, &mut out, PrintKind::Str)?;
        out.into_str(self)
    }

    /// Writes text to standard output.
    pub fn write_stdout(&mut self, s: &str) {
        self.hal.stdout_write(s.as_bytes());
    }
}
