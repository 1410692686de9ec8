//! Subscripts: `o[i]`, `o[i] = v`, `del o[i]`.

use crate::obj::Obj;
use crate::state::Vm;
use crate::typ::Subscr;
use crate::PyResult;

impl Vm {
    /// `o[index]` load/store/delete via the type's subscr slot.
    ///
    /// Errors: `TypeError: 'int' object isn't subscriptable` (load),
    /// `... doesn't support item assignment` (store), `... doesn't support
    /// item deletion` (delete).
    pub fn subscr(&mut self, o: Obj, index: Obj, op: Subscr) -> PyResult<Obj> {
        let t = self.builtin_type(o);
        if let Some(f) = t.subscr {
            let r = f(self, o, index, op)?;
            if !r.is_null() {
                return Ok(r);
            }
        }
        let what = match op {
            Subscr::Load => "isn't subscriptable",
            Subscr::Store(_) => "doesn't support item assignment",
            Subscr::Delete => "doesn't support item deletion",
        };
        Err(self.type_error_obj(o, what))
    }
}
