//! Printing objects: `str()`, `repr()` and `print()`'s text.

use crate::obj::Obj;
use crate::state::Vm;
use crate::typ::PrintKind;
use crate::PyResult;
use alloc::string::String;
use core::fmt::Write;

impl Vm {
    /// Appends `str(o)` or `repr(o)` to `out`.
    pub fn print_obj(&mut self, o: Obj, out: &mut String, kind: PrintKind) -> PyResult<()> {
        if let Some(i) = o.as_small_int() {
            let _ = write!(out, "{i}");
            return Ok(());
        }
        if kind == PrintKind::Str {
            if let Some(s) = self.str_of(o) {
                out.push_str(s);
                return Ok(());
            }
        }
        let t = self.builtin_type(o);
        if let Some(p) = t.print {
            return p(self, o, out, kind);
        }
        let name = self.type_name(o);
        let _ = write!(out, "<{} object at {:x}>", name, o.raw());
        Ok(())
    }

    /// `repr(o)` as a Rust string.
    pub fn repr_string(&mut self, o: Obj) -> PyResult<String> {
        let mut s = String::new();
        self.print_obj(o, &mut s, PrintKind::Repr)?;
        Ok(s)
    }

    /// `str(o)` as a Rust string.
    pub fn str_string(&mut self, o: Obj) -> PyResult<String> {
        let mut s = String::new();
        self.print_obj(o, &mut s, PrintKind::Str)?;
        Ok(s)
    }

    /// Writes text to standard output.
    pub fn write_stdout(&mut self, s: &str) {
        self.hal.stdout_write(s.as_bytes());
    }
}
