//! The runtime: generic operations on objects (MicroPython's `runtime.c`
//! and `obj.c`): construction, type queries, exceptions, and dispatch of
//! operators, calls, attributes, iteration and printing to type slots.

pub mod attr;
pub mod call;
pub mod dict;
pub mod exc;
pub mod init;
pub mod iter;
pub mod new;
pub mod ops;
pub mod print;
pub mod subscr;

use crate::obj::Obj;
use crate::state::Vm;
use alloc::vec::Vec;

/// Roots beyond the value stack that the gc must mark (the VM's frames,
/// the current exception, ...). Extended as the VM grows.
pub fn extra_roots(vm: &Vm, out: &mut Vec<Obj>) {
    out.push(vm.vmstate.builtins_dict);
    out.push(vm.vmstate.globals);
    out.push(vm.vmstate.locals);
}
