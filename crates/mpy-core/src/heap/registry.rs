//! The layout registry: which Rust struct each object type has. Every
//! `unsafe impl` of [`ObjType`], [`VarHead`] and [`GcItem`] in the crate is
//! here, so the layout promises the heap relies on are audited in one
//! place. Adding a heap object type = defining its `#[repr(C)]` struct
//! (first field an `ObjBase`, no `Drop`, only `GcItem`-like fields) in its
//! type's file and adding one line below.

use crate::obj::{Obj, ObjBase};
use crate::qstr::Qstr;
use crate::typ::TypeObj;

/// A Rust struct that is the layout of the objects of some types.
///
/// # Safety
/// The implementor must be `#[repr(C)]` with an [`ObjBase`] as its first
/// field, have alignment at most [`super::BLOCK`], not need `Drop`, and be
/// valid when its fields hold what the heap's users store; and every object
/// whose type satisfies [`ObjType::is_type`] must have been made with this
/// layout (or one that starts with it and is at least as large).
pub unsafe trait ObjType: Sized {
    /// Does an object of type `ty` have this layout?
    fn is_type(ty: &TypeObj) -> bool;
    /// The (at most two) types [`ObjType::is_type`] accepts, when it is a
    /// plain list of types (the second repeats the first for one type).
    /// With them, the board's [`super::Heap::get`] and
    /// [`super::Heap::get_mut`] call one shared out-of-line check instead
    /// of a copy per type.
    const TYPES: Option<[&'static TypeObj; 2]> = None;
    /// Two more types for a layout of four (with [`ObjType::TYPES`]): the
    /// board's check then calls the shared one once per pair.
    const MORE_TYPES: Option<[&'static TypeObj; 2]> = None;
}

/// The header of a variable-size object ([`super::Var`]).
///
/// # Safety
/// As [`ObjType`], for `Var<Self>` followed by `len` items of `Item`:
/// every object whose type satisfies `is_type` was made by
/// [`super::Heap::alloc_var`] with this header type.
pub unsafe trait VarHead: Sized {
    /// The item type stored after the header.
    type Item: GcItem;
    /// Objects of this layout never change after they are made (tuple,
    /// str, bytes, int): they can be read without holding the heap borrow
    /// ([`super::Heap::var_pinned`]) and are never handed out mutably.
    const IMMUTABLE: bool;
    /// Does an object of type `ty` have this layout?
    fn is_type(ty: &TypeObj) -> bool;
}

/// A plain value that can live in heap buffers.
///
/// # Safety
/// `Copy`, no `Drop`, alignment at most a word, and the all-zero bit
/// pattern is a valid value (fresh heap memory is zeroed). With
/// `NO_PTRS`, no value of the type is ever the (only) reference that keeps
/// a heap allocation alive: the collector does not scan buffers of them.
pub unsafe trait GcItem: Copy {
    /// Values never refer to heap allocations (bytes, digits, qstr ids):
    /// buffers of them are not scanned by the collector.
    const NO_PTRS: bool = false;
}

// SAFETY (all `GcItem` impls): plain integers, `Obj` (a word; zero is
// NULL), `Qstr` (a u32 id) and `TracebackEntry` (qstrs and a u32) are
// `Copy`, have no `Drop`, are at most word-aligned, and zero is valid.
// Bytes, 16- and 32-bit integers (text, digits, index slots), qstr ids
// and traceback entries are data, never addresses (a 32-bit integer that
// happens to look like one must not keep anything alive); `usize` words
// and `Obj`s may be pointers.
unsafe impl GcItem for u8 {
    const NO_PTRS: bool = true;
}
unsafe impl GcItem for u16 {
    const NO_PTRS: bool = true;
}
unsafe impl GcItem for u32 {
    const NO_PTRS: bool = true;
}
unsafe impl GcItem for usize {}
unsafe impl GcItem for Obj {}
unsafe impl GcItem for Qstr {
    const NO_PTRS: bool = true;
}
unsafe impl GcItem for crate::types::exception::TracebackEntry {
    const NO_PTRS: bool = true;
}

/// `is_type` predicate: exactly the type `$t`.
macro_rules! is {
    ($($t:expr),+) => {
        |ty: &TypeObj| false $(|| core::ptr::eq(ty, &$t))+
    };
}

/// Registers a plain object layout: `obj_type!(Struct, predicate)`, or
/// `obj_type!(Struct, is!(...))` for a list of one, two or four types
/// (the board's [`super::Heap::get`] and `get_mut` then share one
/// out-of-line check, called once per pair).
macro_rules! obj_type {
    (@ $s:ty, $pred:expr, $types:expr) => {
        obj_type!(@ $s, $pred, $types, None);
    };
    (@ $s:ty, $pred:expr, $types:expr, $more:expr) => {
        const _: () = assert!(core::mem::align_of::<$s>() <= super::BLOCK);
        const _: () = assert!(core::mem::offset_of!($s, base) == 0);
        // SAFETY: `$s` is `#[repr(C)]` with `base: ObjBase` first (checked
        // above), has no `Drop` (checked at allocation), and objects of the
        // types accepted by the predicate are only ever made as `$s`.
        unsafe impl ObjType for $s {
            #[inline(always)]
            fn is_type(ty: &TypeObj) -> bool {
                let f: fn(&TypeObj) -> bool = $pred;
                f(ty)
            }
            const TYPES: Option<[&'static TypeObj; 2]> = $types;
            const MORE_TYPES: Option<[&'static TypeObj; 2]> = $more;
        }
    };
    ($s:ty, is!($t:expr)) => {
        obj_type!(@ $s, is!($t), Some([&$t, &$t]));
    };
    ($s:ty, is!($t:expr, $u:expr)) => {
        obj_type!(@ $s, is!($t, $u), Some([&$t, &$u]));
    };
    ($s:ty, is!($t:expr, $u:expr, $v:expr, $w:expr)) => {
        obj_type!(@ $s, is!($t, $u, $v, $w), Some([&$t, &$u]), Some([&$v, &$w]));
    };
    ($s:ty, $pred:expr) => {
        obj_type!(@ $s, $pred, None);
    };
}

/// Registers a variable-size layout: `var_head!(Head, Item, predicate)`.
macro_rules! var_head {
    ($s:ty, $item:ty, $imm:expr, $pred:expr) => {
        const _: () = assert!(core::mem::align_of::<$s>() <= super::BLOCK);
        const _: () = assert!(core::mem::offset_of!($s, base) == 0);
        // SAFETY: as for `obj_type!`; objects of these types are only made
        // by `Heap::alloc_var::<$s>`.
        unsafe impl VarHead for $s {
            type Item = $item;
            const IMMUTABLE: bool = $imm;
            #[inline(always)]
            fn is_type(ty: &TypeObj) -> bool {
                let f: fn(&TypeObj) -> bool = $pred;
                f(ty)
            }
        }
    };
}

use crate::types;

// ---- plain objects ----
#[cfg(all(feature = "float", not(any(feature = "nanbox", feature = "float-stuffed"))))]
obj_type!(types::float::FloatObj, is!(types::float::FLOAT_TYPE));
#[cfg(feature = "complex")]
obj_type!(types::complex::ComplexObj, is!(types::complex::COMPLEX_TYPE));
obj_type!(types::list::ListObj, is!(types::list::LIST_TYPE));
obj_type!(types::bytearray::ByteArrayObj, is!(types::bytearray::BYTEARRAY_TYPE));
obj_type!(types::dict::DictObj, types::dict::has_map_layout);
obj_type!(types::slice::SliceObj, is!(types::slice::SLICE_TYPE));
obj_type!(types::misc::CellObj, is!(types::misc::CELL_TYPE));
obj_type!(types::misc::BoundMethObj, is!(types::misc::BOUND_METHOD_TYPE));
obj_type!(types::misc::FunWrapObj, is!(types::misc::STATICMETHOD_TYPE, types::misc::CLASSMETHOD_TYPE));
obj_type!(types::misc::PropertyObj, is!(types::misc::PROPERTY_TYPE));
obj_type!(types::port::PortObj, types::port::is_port_type);
obj_type!(types::exception::ExceptionObj, types::exception::has_exception_layout);
obj_type!(crate::vm::class::InstanceObj, crate::vm::class::has_instance_layout);
obj_type!(crate::vm::class::InstanceNativeObj, crate::vm::class::has_native_instance_layout);

// ---- variable-size objects ----
// (header, item, immutable, types)
var_head!(types::tuple::TupleHead, Obj, true, is!(types::tuple::TUPLE_TYPE));
var_head!(super::strs::StrHead, u8, true, is!(types::str::STR_TYPE, types::bytes::BYTES_TYPE));
obj_type!(super::strs::StaticTextObj, is!(super::strs::STATIC_TEXT_TYPE));
#[cfg(feature = "bigint")]
var_head!(types::int::IntHead, u32, true, is!(types::int::INT_TYPE));

/// Keeps `ObjBase` referenced for the layout documentation above.
#[allow(dead_code)]
type _Base = ObjBase;
// (added by vm)
var_head!(crate::vmobj::RawCodeHead, u8, true, is!(crate::vmobj::RAW_CODE_TYPE));
var_head!(crate::vmobj::QstrTableHead, Qstr, true, is!(crate::vmobj::QSTR_TABLE_TYPE));
obj_type!(crate::vmobj::ContextObj, is!(crate::vmobj::CONTEXT_TYPE));
var_head!(crate::vmobj::FunHead, Obj, true, is!(types::misc::FUNCTION_TYPE));
var_head!(crate::vmobj::GenHead, Obj, false, is!(types::misc::GENERATOR_TYPE));
obj_type!(crate::vm::module::ModuleObj, is!(types::misc::MODULE_TYPE));
obj_type!(crate::vm::class::SuperObj, is!(crate::vm::class::SUPER_TYPE));
obj_type!(crate::vm::exec::CodeObj, is!(crate::vm::exec::CODE_TYPE));
// (added by strings)
#[cfg(feature = "memoryview")]
obj_type!(types::memoryview::MemViewObj, is!(types::memoryview::MEMORYVIEW_TYPE));
// (added by modules)
obj_type!(crate::modules::sys_io::ConsoleStream, is!(crate::modules::sys_io::TEXTIO_TYPE, crate::modules::sys_io::FILEIO_TYPE));
#[cfg(feature = "hashlib")]
obj_type!(crate::modules::hashlib::Sha256Obj, is!(crate::modules::hashlib::SHA256_TYPE));
#[cfg(feature = "select")]
obj_type!(crate::modules::select::PollObj, is!(crate::modules::select::POLL_TYPE));
#[cfg(feature = "io")]
obj_type!(crate::modules::io::MemIoObj, is!(crate::modules::io::STRINGIO_TYPE, crate::modules::io::BYTESIO_TYPE));
#[cfg(all(feature = "io", feature = "os"))]
obj_type!(
    crate::modules::io::Stream,
    is!(crate::modules::io::STRINGIO_TYPE, crate::modules::io::BYTESIO_TYPE, crate::modules::file::TEXTIO_TYPE, crate::modules::file::FILEIO_TYPE)
);
#[cfg(all(feature = "io", not(feature = "os")))]
obj_type!(crate::modules::io::Stream, is!(crate::modules::io::STRINGIO_TYPE, crate::modules::io::BYTESIO_TYPE));
#[cfg(feature = "os")]
obj_type!(crate::modules::file::FileObj, is!(crate::modules::file::TEXTIO_TYPE, crate::modules::file::FILEIO_TYPE));
#[cfg(feature = "collections")]
obj_type!(crate::modules::collections::NtClassObj, is!(crate::modules::collections::NT_CLASS_TYPE));
#[cfg(feature = "collections")]
obj_type!(crate::modules::collections::NtObj, is!(crate::modules::collections::NT_TYPE));
#[cfg(feature = "collections")]
obj_type!(crate::modules::collections::DequeObj, is!(crate::modules::collections::DEQUE_TYPE));
// (added by vm)
obj_type!(crate::vm::class::BareObj, is!(crate::typ::OBJECT_TYPE));
// (added by containers)
obj_type!(types::dict_views::DictViewObj, is!(types::dict_views::DICT_VIEW_TYPE));
obj_type!(types::dict_views::DictIterObj, is!(types::dict_views::DICT_ITERATOR_TYPE));
obj_type!(types::iterators::SeqIterObj, is!(types::iterators::ITERATOR_TYPE, types::iterators::SUBSCR_ITERATOR_TYPE));
obj_type!(types::iterators::EnumerateObj, is!(types::iterators::ENUMERATE_TYPE));
obj_type!(types::iterators::ZipObj, is!(types::iterators::ZIP_TYPE, types::iterators::MAP_TYPE));
obj_type!(types::iterators::FilterObj, is!(types::iterators::FILTER_TYPE));
obj_type!(types::iterators::ReversedObj, is!(types::iterators::REVERSED_TYPE));
obj_type!(types::range::RangeObj, is!(types::range::RANGE_TYPE));
obj_type!(types::range::RangeIterObj, is!(types::range::RANGE_ITERATOR_TYPE));
var_head!(types::attrtuple::AttrTupleHead, Obj, true, is!(types::attrtuple::ATTRTUPLE_TYPE));
