//! What a heap slot holds: one variant per kind of heap object.
//!
//! Hot types get their own variant (so the VM can match on them without
//! indirection); everything else (iterators, module-specific objects) is a
//! [`ObjData::Native`] implementing [`NativeObj`]. Each variant knows how to
//! trace the objects it references and how many bytes it holds.

use crate::heap::SLOT_BYTES;
use crate::map::Dict;
use crate::obj::Obj;
use crate::qstr::Qstr;
use crate::typ::TypeObj;
use crate::types;
use alloc::boxed::Box;
use alloc::vec::Vec;
use core::any::Any;
use num_bigint::BigInt;

pub use crate::vmobj::{CodeContext, Function, Generator};

/// An immutable str on the heap (interned strs are `Obj::qstr` instead).
#[derive(Debug)]
pub struct StrObj {
    /// The text.
    pub s: Box<str>,
    /// `qstr::hash_bytes` of the text.
    pub hash: u32,
}

/// A user-defined class (made by `class` statements or `type(n, b, d)`).
pub struct Class {
    /// `__name__`.
    pub name: Qstr,
    /// `__bases__` (class objects: built-in types or other classes).
    pub bases: Vec<Obj>,
    /// The C3 linearisation, starting with this class, ending before
    /// `object`.
    pub mro: Vec<Obj>,
    /// The class namespace.
    pub dict: Dict,
    /// The built-in type this class ultimately derives from (e.g. `list`,
    /// `Exception`), if any other than `object`.
    pub native_base: Option<&'static TypeObj>,
    /// Facts about the namespaces along the MRO that let attribute access
    /// skip lookups (`vm::class::CF_*` bits; a clear bit is a guarantee,
    /// a set bit only means "look"). Maintained by `vm::class`.
    pub flags: u32,
    /// The most attributes an instance of this class has had: new
    /// instances' dicts start with that capacity (one exact allocation
    /// instead of growing 0 → 2 → 4 ...).
    pub inst_attrs: u16,
    /// Lookup cache of `vm::class`: `(qstr, MRO index, dict position)`
    /// slots, checked against the namespace on use; holds no objects.
    pub mcache: [(u32, u32, u32); 16],
    /// The `vm::class` epoch `mcache` was filled in.
    pub mcache_epoch: usize,
}

/// An instance of a user-defined class.
pub struct Instance {
    /// Its class.
    pub class: Obj,
    /// Instance attributes.
    pub dict: Dict,
    /// For subclasses of built-in types: the built-in part (e.g. the list
    /// holding the items of a `class L(list)` instance); NULL otherwise.
    pub native: Obj,
}

/// One traceback line: where an exception passed through.
#[derive(Clone, Copy, Debug)]
pub struct TracebackEntry {
    /// Source file.
    pub file: Qstr,
    /// Line number (1-based; 0 when unknown).
    pub line: u32,
    /// Function/block name (`<module>` for module level).
    pub block: Qstr,
}

/// An exception instance (of a built-in exception type or a subclass).
pub struct Exception {
    /// Its class: a built-in exception type or a user subclass.
    pub class: Obj,
    /// `args` (a tuple).
    pub args: Obj,
    /// Frames it passed through, appended as it unwinds (innermost first;
    /// printed in reverse).
    pub traceback: Vec<TracebackEntry>,
    /// Attributes set on the instance (user subclasses, `__cause__`).
    pub dict: Dict,
}

/// A module object.
pub struct Module {
    /// `__name__`.
    pub name: Qstr,
    /// The module's globals (a dict object).
    pub globals: Obj,
}

/// A heap object of a type outside the hot set: iterators, `range`,
/// module-specific objects, ... Implementors are found again by
/// downcasting ([`NativeObj::as_any`]).
pub trait NativeObj: Any {
    /// Its built-in type.
    fn type_obj(&self) -> &'static TypeObj;
    /// Calls `f` on every object it references.
    fn trace(&self, f: &mut dyn FnMut(Obj));
    /// Bytes held in buffers beyond the slot.
    fn heap_bytes(&self) -> usize {
        core::mem::size_of_val(self)
    }
    /// The buffer protocol: the object's bytes, if it exports a buffer
    /// (read by `types::strutil::with_buffer`, so `bytes(x)`,
    /// `memoryview(x)`, `b'' + x` etc. accept it).
    fn buffer(&self) -> Option<&[u8]> {
        None
    }
    /// The buffer protocol, writable side (for memoryview item assignment).
    fn buffer_mut(&mut self) -> Option<&mut [u8]> {
        None
    }
    /// For downcasting.
    fn as_any(&self) -> &dyn Any;
    /// For downcasting, mutably.
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

/// The contents of a heap slot.
pub enum ObjData {
    /// `str` not interned.
    Str(StrObj),
    /// `bytes`.
    Bytes(Box<[u8]>),
    /// `bytearray`.
    ByteArray(Vec<u8>),
    /// `int` outside the small-int range (always normalised: a value that
    /// fits a small int is never stored here).
    Int(Box<BigInt>),
    /// `float`.
    Float(f64),
    /// `complex` (real, imag).
    Complex(f64, f64),
    /// `tuple`.
    Tuple(Box<[Obj]>),
    /// `list`.
    List(Vec<Obj>),
    /// `dict`.
    Dict(Dict),
    /// `set` (values unused).
    Set(Dict),
    /// `frozenset` (values unused).
    FrozenSet(Dict),
    /// `slice(start, stop, step)`.
    Slice(Obj, Obj, Obj),
    /// A closure cell.
    Cell(Obj),
    /// A bound method: (function, self).
    BoundMethod(Obj, Obj),
    /// `staticmethod(f)`.
    StaticMethod(Obj),
    /// `classmethod(f)`.
    ClassMethod(Obj),
    /// `property(fget, fset, fdel)` (NULL for absent).
    Property(Obj, Obj, Obj),
    /// A Python function (bytecode).
    Function(Box<Function>),
    /// A generator or coroutine object.
    Generator(Box<Generator>),
    /// Per-module code context: qstr map and constants.
    CodeContext(Box<CodeContext>),
    /// A user class.
    Class(Box<Class>),
    /// An instance of a user class.
    Instance(Box<Instance>),
    /// An exception instance.
    Exception(Box<Exception>),
    /// A module.
    Module(Module),
    /// Anything else.
    Native(Box<dyn NativeObj>),
}

impl ObjData {
    /// The built-in type implementing this object's behaviour. For
    /// instances and exceptions of user classes this is the instance type
    /// (which dispatches to the class's special methods) or the exception
    /// base; their Python-visible class is found by `Vm::type_of`.
    pub fn builtin_type(&self) -> &'static TypeObj {
        match self {
            ObjData::Str(_) => &types::str::STR_TYPE,
            ObjData::Bytes(_) => &types::bytes::BYTES_TYPE,
            ObjData::ByteArray(_) => &types::bytearray::BYTEARRAY_TYPE,
            ObjData::Int(_) => &types::int::INT_TYPE,
            ObjData::Float(_) => &types::float::FLOAT_TYPE,
            ObjData::Complex(..) => &types::complex::COMPLEX_TYPE,
            ObjData::Tuple(_) => &types::tuple::TUPLE_TYPE,
            ObjData::List(_) => &types::list::LIST_TYPE,
            ObjData::Dict(_) => &types::dict::DICT_TYPE,
            ObjData::Set(_) => &types::set::SET_TYPE,
            ObjData::FrozenSet(_) => &types::set::FROZENSET_TYPE,
            ObjData::Slice(..) => &types::slice::SLICE_TYPE,
            ObjData::Cell(_) => &types::misc::CELL_TYPE,
            ObjData::BoundMethod(..) => &types::misc::BOUND_METHOD_TYPE,
            ObjData::StaticMethod(_) => &types::misc::STATICMETHOD_TYPE,
            ObjData::ClassMethod(_) => &types::misc::CLASSMETHOD_TYPE,
            ObjData::Property(..) => &types::misc::PROPERTY_TYPE,
            ObjData::Function(_) => &types::misc::FUNCTION_TYPE,
            ObjData::Generator(_) => &types::misc::GENERATOR_TYPE,
            ObjData::CodeContext(_) => &types::misc::CODE_CONTEXT_TYPE,
            ObjData::Class(_) => &crate::typ::TYPE_TYPE,
            ObjData::Instance(_) => &types::instance::INSTANCE_TYPE,
            ObjData::Exception(_) => &types::exception::BASE_EXCEPTION_TYPE,
            ObjData::Module(_) => &types::misc::MODULE_TYPE,
            ObjData::Native(n) => n.type_obj(),
        }
    }

    /// Calls `f` on every object this one references (gc marking).
    pub fn trace(&self, f: &mut dyn FnMut(Obj)) {
        match self {
            ObjData::Str(_)
            | ObjData::Bytes(_)
            | ObjData::ByteArray(_)
            | ObjData::Int(_)
            | ObjData::Float(_)
            | ObjData::Complex(..) => {}
            ObjData::Tuple(items) => items.iter().for_each(|&o| f(o)),
            ObjData::List(items) => items.iter().for_each(|&o| f(o)),
            ObjData::Dict(d) | ObjData::Set(d) | ObjData::FrozenSet(d) => d.trace(&mut |o| f(o)),
            ObjData::Slice(a, b, c) | ObjData::Property(a, b, c) => {
                f(*a);
                f(*b);
                f(*c);
            }
            ObjData::Cell(o) | ObjData::StaticMethod(o) | ObjData::ClassMethod(o) => f(*o),
            ObjData::BoundMethod(a, b) => {
                f(*a);
                f(*b);
            }
            ObjData::Function(fun) => fun.trace(f),
            ObjData::Generator(g) => g.trace(f),
            ObjData::CodeContext(c) => c.trace(f),
            ObjData::Class(c) => {
                c.bases.iter().for_each(|&o| f(o));
                c.mro.iter().for_each(|&o| f(o));
                c.dict.trace(&mut |o| f(o));
            }
            ObjData::Instance(i) => {
                f(i.class);
                f(i.native);
                i.dict.trace(&mut |o| f(o));
            }
            ObjData::Exception(e) => {
                f(e.class);
                f(e.args);
                e.dict.trace(&mut |o| f(o));
            }
            ObjData::Module(m) => f(m.globals),
            ObjData::Native(n) => n.trace(f),
        }
    }

    /// Bytes this object is charged on the heap: the real sizes of its
    /// allocations — the slot itself ([`SLOT_BYTES`]) plus any boxed part
    /// and buffers it owns (capacities, not lengths, where they differ).
    pub fn heap_bytes(&self) -> usize {
        use core::mem::size_of;
        const W: usize = size_of::<Obj>();
        SLOT_BYTES
            + match self {
                ObjData::Str(s) => s.s.len(),
                ObjData::Bytes(b) => b.len(),
                ObjData::ByteArray(b) => b.capacity(),
                ObjData::Int(i) => (i.bits() as usize).div_ceil(64) * 8,
                ObjData::Float(_) | ObjData::Slice(..) | ObjData::Cell(_) => 0,
                ObjData::Complex(..) | ObjData::BoundMethod(..) => 0,
                ObjData::StaticMethod(_) | ObjData::ClassMethod(_) | ObjData::Property(..) => 0,
                ObjData::Tuple(t) => t.len() * W,
                ObjData::List(l) => l.capacity() * W,
                ObjData::Dict(d) | ObjData::Set(d) | ObjData::FrozenSet(d) => d.heap_bytes(),
                ObjData::Function(f) => size_of::<Function>() + f.closure.len() * W,
                ObjData::Generator(g) => size_of::<Generator>() + g.state.capacity() * W,
                ObjData::CodeContext(c) => size_of::<CodeContext>() + c.heap_bytes(),
                ObjData::Class(c) => {
                    size_of::<Class>() + c.dict.heap_bytes() + (c.bases.capacity() + c.mro.capacity()) * W
                }
                ObjData::Instance(i) => size_of::<Instance>() + i.dict.heap_bytes(),
                ObjData::Exception(e) => {
                    size_of::<Exception>()
                        + e.traceback.capacity() * size_of::<TracebackEntry>()
                        + e.dict.heap_bytes()
                }
                ObjData::Module(_) => 0,
                ObjData::Native(n) => n.heap_bytes(),
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::mem::size_of;

    #[test]
    fn slots_are_four_words() {
        // Every heap object pays for a slot: keep it at 4 words on 64-bit
        // hosts (payloads of at most 3 words, big ones boxed).
        if size_of::<usize>() == 8 {
            assert_eq!(size_of::<ObjData>(), 32);
            assert_eq!(SLOT_BYTES, 32);
            assert_eq!(size_of::<Instance>(), 40);
        }
        assert_eq!(size_of::<Dict>(), 3 * size_of::<usize>());
    }

    #[test]
    fn charges_are_real_sizes() {
        let f = ObjData::Float(1.5);
        assert_eq!(f.heap_bytes(), SLOT_BYTES);
        let mut d = Dict::new();
        d.push(Obj::small_int(1), Obj::NONE, 1);
        d.push(Obj::small_int(2), Obj::NONE, 2);
        let dict_bytes = d.heap_bytes();
        let i = ObjData::Instance(Box::new(Instance { class: Obj::NONE, dict: d, native: Obj::NULL }));
        assert_eq!(i.heap_bytes(), SLOT_BYTES + size_of::<Instance>() + dict_bytes);
        if size_of::<usize>() == 8 {
            // A 2-attribute instance: slot, box, 2 pairs + 1 hash word.
            assert_eq!(i.heap_bytes(), 32 + 40 + 40);
        }
        let l = ObjData::List(Vec::with_capacity(3));
        assert_eq!(l.heap_bytes(), SLOT_BYTES + 3 * size_of::<Obj>());
    }
}
