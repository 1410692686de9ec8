//! Printing exceptions with their traceback, in MicroPython's format:
//!
//! ```text
//! Traceback (most recent call last):
//!   File "t.py", line 7, in <module>
//!   File "t.py", line 3, in f
//! ZeroDivisionError: divide by zero
//! ```

use crate::obj::Obj;
use crate::objdata::ObjData;
use crate::state::Vm;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

impl Vm {
    /// Appends the traceback and `Type: message` line of exception `exc`
    /// to `out`. A non-exception object prints as its str.
    pub fn format_exception(&mut self, exc: Obj, out: &mut String) {
        let tb: Vec<_> = match self.get(exc) {
            Some(ObjData::Exception(e)) => e.traceback.clone(),
            _ => Vec::new(),
        };
        if !tb.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            for t in tb.iter().rev() {
                let _ = write!(out, "  File \"{}\", line {}", self.qstrs.str(t.file), t.line);
                if !self.qstrs.str(t.block).is_empty() {
                    let _ = write!(out, ", in {}", self.qstrs.str(t.block));
                }
                out.push('\n');
            }
        }
        let name = String::from(self.type_name(exc));
        out.push_str(&name);
        out.push_str(": ");
        let mut msg = String::new();
        if self.print_obj(exc, &mut msg, crate::typ::PrintKind::Str).is_err() {
            msg.clear();
        }
        out.push_str(&msg);
        out.push('\n');
    }
}
