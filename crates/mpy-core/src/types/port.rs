//! Objects of port-defined types (`machine.Pin`, `machine.Timer`, ...):
//! one fixed layout, so a port crate makes heap objects of its own types
//! without registering a layout (or writing `unsafe`): a header and
//! [`PORT_SLOTS`] object words (small ints, or objects kept alive by the
//! collector) whose meaning the port's type decides. A type whose objects
//! use it sets [`crate::typ::flags::PORT_OBJ`].

use crate::obj::{Obj, ObjBase};
use crate::state::Vm;
use crate::typ::{flags, TypeObj};
use crate::PyResult;

/// Object words of a [`PortObj`].
pub const PORT_SLOTS: usize = 4;

/// A port object: header, then [`PORT_SLOTS`] words.
#[repr(C)]
pub struct PortObj {
    /// Header (a type with [`flags::PORT_OBJ`]).
    pub base: ObjBase,
    /// The port's data.
    pub slots: [Obj; PORT_SLOTS],
}

/// Is `ty` a port type (objects laid out as [`PortObj`])?
pub fn is_port_type(ty: &TypeObj) -> bool {
    ty.flags & flags::PORT_OBJ != 0
}

impl Vm {
    /// A new object of port type `ty` (which must have
    /// [`flags::PORT_OBJ`]) holding `slots`.
    ///
    /// Errors: `MemoryError`; `TypeError` if `ty` is not a port type.
    pub fn new_port_obj(&mut self, ty: &'static TypeObj, slots: [Obj; PORT_SLOTS]) -> PyResult<Obj> {
        if !is_port_type(ty) {
            return Err(self.type_error(msg!("not a port type")));
        }
        self.alloc_obj(PortObj { base: ObjBase::new(ty), slots })
    }

    /// The slots of port object `o` if it is one of type `ty`.
    pub fn port_slots(&self, o: Obj, ty: &'static TypeObj) -> Option<[Obj; PORT_SLOTS]> {
        let p = self.heap.get::<PortObj>(o)?;
        core::ptr::eq(p.base.ty, ty).then_some(p.slots)
    }

    /// Sets slot `i` of port object `o` (of type `ty`); false if it is not
    /// one.
    pub fn set_port_slot(&mut self, o: Obj, ty: &'static TypeObj, i: usize, v: Obj) -> bool {
        match self.heap.get_mut::<PortObj>(o) {
            Some(p) if core::ptr::eq(p.base.ty, ty) => match p.slots.get_mut(i) {
                Some(s) => {
                    *s = v;
                    true
                }
                None => false,
            },
            _ => false,
        }
    }
}
