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

/// Where printed text goes.
pub enum Out {
    /// The console's standard output.
    Stdout,
    /// The console's standard error.
    Stderr,
    /// A buffer in the gc heap (held in this local, so the collector sees
    /// it).
    Buf(GcVec<u8>),
}

impl Out {
    /// An empty buffer (allocates nothing until written).
    pub const fn buf() -> Out {
        Out::Buf(GcVec::new())
    }

    /// Writes bytes.
    ///
    /// Errors: `MemoryError` (buffers only).
    #[inline]
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
        }
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

    /// Writes formatted text (`out.fmt(vm, format_args!("{x}"))`), without
    /// any temporary allocation.
    ///
    /// Errors: `MemoryError` (buffers only).
    pub fn fmt(&mut self, vm: &mut Vm, args: core::fmt::Arguments<'_>) -> PyResult<()> {
        if let Some(s) = args.as_str() {
            return self.str(vm, s);
        }
        struct W<'a, 'b> {
            out: &'a mut Out,
            vm: &'b mut Vm,
            err: Option<crate::PyErr>,
        }
        impl core::fmt::Write for W<'_, '_> {
            fn write_str(&mut self, s: &str) -> core::fmt::Result {
                match self.out.str(self.vm, s) {
                    Ok(()) => Ok(()),
                    Err(e) => {
                        self.err = Some(e);
                        Err(core::fmt::Error)
                    }
                }
            }
        }
        let mut w = W { out: self, vm, err: None };
        let _ = core::fmt::write(&mut w, args);
        match w.err {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// The bytes written so far (empty for the console).
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Out::Buf(v) => v.as_slice(),
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
        if let Out::Buf(v) = self {
            v.truncate(n);
        }
    }

    /// The buffer's text as a str object (a qstr if interned); the buffer
    /// is given back to the heap.
    ///
    /// Errors: `MemoryError`; `UnicodeError` if the bytes are not UTF-8.
    pub fn into_str(self, vm: &mut Vm) -> PyResult<Obj> {
        let Out::Buf(v) = self else { return Ok(Obj::qstr(crate::qstr::q::empty)) };
        let r = vm.new_str_from_utf8(v.as_slice());
        vm.heap.free_vec(v);
        r
    }

    /// The buffer's bytes as a bytes object; the buffer is given back.
    ///
    /// Errors: `MemoryError`.
    pub fn into_bytes(self, vm: &mut Vm) -> PyResult<Obj> {
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
            return out.fmt(self, format_args!("{i}"));
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
        let name = self.qstr_str(t.name);
        out.fmt(self, format_args!("<{} object at {:x}>", name, o.raw()))
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
        let mut out = Out::buf();
        self.print_obj(o, &mut out, PrintKind::Str)?;
        out.into_str(self)
    }

    /// Writes text to standard output.
    pub fn write_stdout(&mut self, s: &str) {
        self.hal.stdout_write(s.as_bytes());
    }
}
