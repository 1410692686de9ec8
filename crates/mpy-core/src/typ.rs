//! Built-in types and functions as static tables (ROM objects).
//!
//! A built-in type is a [`TypeObj`]: its name, native base, a set of slots
//! (function pointers the runtime calls for operators, calls, iteration,
//! printing, subscripts, attributes) and a `locals` table of methods and
//! constants. Built-in functions are [`BuiltinFun`]s. Both are
//! `#[repr(C)]` statics led by a [`RomHeader`], so an `Obj` can
//! point at them directly (see [`crate::obj`]).

#[cfg(feature = "float")]
use crate::flt::Float;
use crate::heap::Heap;
use crate::obj::{ConstObj, Obj, ObjBase};
pub use crate::obj::Locals;
use crate::qstr::{q, Qstr};
use crate::state::Vm;
use crate::PyResult;

/// A native function: `args` are the positional arguments (for a method,
/// `args[0]` is self); `kw` holds keyword arguments as flattened pairs
/// `[name0, value0, name1, value1, ...]` with str names.
pub type NativeFn = fn(vm: &mut Vm, args: &[Obj], kw: &[Obj]) -> PyResult<Obj>;

/// Unary operations a type can implement (MicroPython's numbering for the
/// first four, which the bytecode uses; the rest are runtime-only).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum UnaryOp {
    /// `+x`
    Positive = 0,
    /// `-x`
    Negative = 1,
    /// `~x`
    Invert = 2,
    /// `not x`
    Not = 3,
    /// `bool(x)`: must return `True`/`False`.
    Bool = 4,
    /// `len(x)`: must return a small int.
    Len = 5,
    /// `hash(x)`: must return an int.
    Hash = 6,
    /// `abs(x)`
    Abs = 7,
    /// `int(x)` for types that convert (e.g. float, bool).
    IntMaybe = 8,
    /// `float(x)` for types that convert.
    FloatMaybe = 9,
    /// `complex(x)` for types that convert.
    ComplexMaybe = 10,
    /// `sys.getsizeof(x)`
    Sizeof = 11,
}

/// Binary operations (MicroPython's numbering: 0-8 comparisons, 9-21
/// in-place forms, 22-34 plain forms as in the bytecode; the rest are
/// runtime-only).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
#[allow(missing_docs)]
pub enum BinaryOp {
    Less = 0, More, Equal, LessEqual, MoreEqual, NotEqual, In, Is, ExceptionMatch,
    InplaceOr, InplaceXor, InplaceAnd, InplaceLshift, InplaceRshift, InplaceAdd,
    InplaceSubtract, InplaceMultiply, InplaceMatMultiply, InplaceFloorDivide,
    InplaceTrueDivide, InplaceModulo, InplacePower,
    Or, Xor, And, Lshift, Rshift, Add, Subtract, Multiply, MatMultiply,
    FloorDivide, TrueDivide, Modulo, Power,
    /// `divmod(a, b)`
    Divmod,
    /// `b in a` dispatched to the container `a`.
    Contains,
    ReverseOr, ReverseXor, ReverseAnd, ReverseLshift, ReverseRshift, ReverseAdd,
    ReverseSubtract, ReverseMultiply, ReverseMatMultiply, ReverseFloorDivide,
    ReverseTrueDivide, ReverseModulo, ReversePower,
}

/// Binary op numbers as the bytecode carries them (`BinaryOp as u8`), for
/// the desktop fast paths' matches (no enum conversion tables; some are
/// used only on NaN-boxed desktop builds).
#[allow(dead_code)]
pub(crate) mod opn {
    use crate::typ::BinaryOp as B;
    pub const IOR: u8 = B::InplaceOr as u8;
    pub const IPOW: u8 = B::InplacePower as u8;
    pub const IADD: u8 = B::InplaceAdd as u8;
    pub const ISUB: u8 = B::InplaceSubtract as u8;
    pub const IMUL: u8 = B::InplaceMultiply as u8;
    pub const IDIV: u8 = B::InplaceTrueDivide as u8;
    pub const LT: u8 = B::Less as u8;
    pub const GT: u8 = B::More as u8;
    pub const EQ: u8 = B::Equal as u8;
    pub const IS: u8 = B::Is as u8;
    pub const LE: u8 = B::LessEqual as u8;
    pub const GE: u8 = B::MoreEqual as u8;
    pub const NE: u8 = B::NotEqual as u8;
    pub const ADD: u8 = B::Add as u8;
    pub const SUB: u8 = B::Subtract as u8;
    pub const MUL: u8 = B::Multiply as u8;
    pub const DIV: u8 = B::TrueDivide as u8;
    pub const OR: u8 = B::Or as u8;
    pub const XOR: u8 = B::Xor as u8;
    pub const AND: u8 = B::And as u8;
    pub const FDIV: u8 = B::FloorDivide as u8;
    pub const MOD: u8 = B::Modulo as u8;
    pub const RSH: u8 = B::Rshift as u8;
    pub const LSH: u8 = B::Lshift as u8;
}

impl BinaryOp {
    /// All ops in numbering order.
    pub const ALL: [BinaryOp; 50] = {
        use BinaryOp::*;
        [
            Less, More, Equal, LessEqual, MoreEqual, NotEqual, In, Is, ExceptionMatch,
            InplaceOr, InplaceXor, InplaceAnd, InplaceLshift, InplaceRshift, InplaceAdd,
            InplaceSubtract, InplaceMultiply, InplaceMatMultiply, InplaceFloorDivide,
            InplaceTrueDivide, InplaceModulo, InplacePower, Or, Xor, And, Lshift, Rshift, Add,
            Subtract, Multiply, MatMultiply, FloorDivide, TrueDivide, Modulo, Power, Divmod,
            Contains, ReverseOr, ReverseXor, ReverseAnd, ReverseLshift, ReverseRshift,
            ReverseAdd, ReverseSubtract, ReverseMultiply, ReverseMatMultiply,
            ReverseFloorDivide, ReverseTrueDivide, ReverseModulo, ReversePower,
        ]
    };

    /// The op with MicroPython number `n` (the bytecode uses 0..=34).
    pub fn from_u8(n: u8) -> Option<BinaryOp> {
        BinaryOp::ALL.get(n as usize).copied()
    }

    /// For an in-place op, the plain op (`InplaceAdd` -> `Add`); else self.
    pub fn non_inplace(self) -> BinaryOp {
        let n = self as u8;
        if (BinaryOp::InplaceOr as u8..=BinaryOp::InplacePower as u8).contains(&n) {
            BinaryOp::ALL[(n + 13) as usize]
        } else {
            self
        }
    }

    /// For a plain arithmetic op, the reflected op (`Add` -> `ReverseAdd`).
    pub fn reversed(self) -> Option<BinaryOp> {
        let n = self as u8;
        if (BinaryOp::Or as u8..=BinaryOp::Power as u8).contains(&n) {
            Some(BinaryOp::ALL[(n + 15) as usize])
        } else {
            None
        }
    }
}

/// What a subscript slot is asked to do.
#[derive(Clone, Copy, Debug)]
pub enum Subscr {
    /// `obj[index]`: return the item.
    Load,
    /// `obj[index] = value`: return None.
    Store(Obj),
    /// `del obj[index]`: return None.
    Delete,
}

/// How an object is being printed: `str()`/`print` or `repr()`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PrintKind {
    /// `str(x)`, `print(x)`
    Str,
    /// `repr(x)`
    Repr,
}

/// The value of a built-in type's or module's `locals` table [`Entry`]: one
/// object word (6 bytes of table with its qstr on the boards, not 12 for a
/// tagged enum), made at compile time by the constructors named after what
/// it holds (`Rom::Fun(&F)`, `Rom::Int(3)`, `Rom::None`, ...). Whether a
/// built-in function binds as a method, a class method or not at all is
/// the function's own [`BuiltinFun::kind`] ([`Rom::kind`]). Floats are a
/// word when stuffed; other builds keep the value beside a NULL word
/// (builds without floats: the word alone).
#[derive(Clone, Copy)]
pub struct Rom {
    o: ConstObj,
    #[cfg(all(feature = "float", not(feature = "float-stuffed")))]
    f: Float,
}

/// An entry of a built-in type's or module's `locals` table: a name and
/// its value, made with [`Entry::new`]. Boards: the name's 16-bit id
/// beside the value, six bytes an entry instead of eight (the table only
/// 2-aligned; the value is one unaligned load, which the Cortex-M4 does).
#[derive(Clone, Copy)]
#[cfg_attr(target_os = "none", repr(C, packed(2)))]
pub struct Entry {
    #[cfg(target_os = "none")]
    name: u16,
    #[cfg(not(target_os = "none"))]
    name: Qstr,
    rom: Rom,
}

impl Entry {
    /// `name` standing for `rom` (`name` must be a static qstr: checked
    /// at compile time on the boards).
    pub const fn new(name: Qstr, rom: Rom) -> Entry {
        #[cfg(target_os = "none")]
        {
            assert!(name.0 <= u16::MAX as u32);
            Entry { name: name.0 as u16, rom }
        }
        #[cfg(not(target_os = "none"))]
        Entry { name, rom }
    }

    /// The name.
    #[inline]
    pub fn name(self) -> Qstr {
        #[cfg(target_os = "none")]
        return Qstr(u32::from(self.name));
        #[cfg(not(target_os = "none"))]
        self.name
    }

    /// The value.
    #[inline]
    pub fn rom(self) -> Rom {
        self.rom
    }
}

/// Finds `name` in the table `t` (the desktop: the slice search).
#[cfg(not(target_os = "none"))]
#[inline]
pub fn find(t: &[Entry], name: Qstr) -> Option<Rom> {
    t.iter().find(|e| e.name == name).map(|e| e.rom)
}

/// Finds `name` in the table `t` (the boards: a loop inlined into the
/// attribute lookups, where `Iter::find` would be a call).
#[cfg(target_os = "none")]
#[inline(always)]
pub fn find(t: &[Entry], name: Qstr) -> Option<Rom> {
    for e in t {
        if e.name() == name {
            return Some(e.rom());
        }
    }
    None
}

/// How a [`Rom`] entry behaves when looked up on a type (see [`Rom::kind`]).
#[derive(Clone, Copy)]
pub enum RomKind {
    /// A method: binds to the instance.
    Fun(&'static BuiltinFun),
    /// A class method: receives the type as `args[0]`.
    ClassMethod(&'static BuiltinFun),
    /// Anything else (static methods included): the value as is.
    Value,
}

#[allow(non_snake_case, non_upper_case_globals)]
impl Rom {
    const fn of(o: ConstObj) -> Rom {
        #[cfg(any(feature = "float-stuffed", not(feature = "float")))]
        return Rom { o };
        #[cfg(all(feature = "float", not(feature = "float-stuffed")))]
        Rom { o, f: 0.0 }
    }

    /// A method (or a module-level function): `f` must be a plain function.
    pub const fn Fun(f: &'static BuiltinFun) -> Rom {
        assert!(f.kind() == BuiltinFun::PLAIN);
        Rom::of(ConstObj::from_fun(f))
    }

    /// A staticmethod of a built-in type (made with
    /// [`BuiltinFun::static_method`]).
    pub const fn StaticMethod(f: &'static BuiltinFun) -> Rom {
        assert!(f.kind() == BuiltinFun::STATIC);
        Rom::of(ConstObj::from_fun(f))
    }

    /// A classmethod of a built-in type (made with
    /// [`BuiltinFun::class_method`]): receives the type as `args[0]`.
    pub const fn ClassMethod(f: &'static BuiltinFun) -> Rom {
        assert!(f.kind() == BuiltinFun::CLASS);
        Rom::of(ConstObj::from_fun(f))
    }

    /// A nested built-in type (e.g. an exception type in a module).
    pub const fn Type(t: &'static TypeObj) -> Rom {
        Rom::of(ConstObj::from_static(&t.header))
    }

    /// A small-int constant.
    pub const fn Int(i: isize) -> Rom {
        Rom::of(ConstObj::small_int(i))
    }

    /// A float constant.
    #[cfg(feature = "float")]
    pub const fn Float(f: Float) -> Rom {
        #[cfg(feature = "float-stuffed")]
        return Rom::of(ConstObj::float(f));
        #[cfg(not(feature = "float-stuffed"))]
        Rom { o: ConstObj::NULL, f }
    }

    /// A str constant.
    pub const fn Str(s: Qstr) -> Rom {
        Rom::of(ConstObj::qstr(s))
    }

    /// `None`.
    pub const None: Rom = Rom::of(ConstObj::NONE);

    /// Another static object (a port's `machine.mem32`).
    pub const fn Obj(b: &'static ObjBase) -> Rom {
        Rom::of(ConstObj::from_static(b))
    }

    /// The object this entry stands for (static methods and class methods
    /// are returned as their function; binding is the caller's job). None
    /// for a float that needs the heap: see `Vm::rom_to_obj`.
    #[inline]
    pub fn to_obj(self) -> Option<Obj> {
        let o = self.o.obj();
        #[cfg(all(feature = "float", not(feature = "float-stuffed")))]
        if o.is_null() {
            return None;
        }
        Some(o)
    }

    /// The float constant, when it is one that needs the heap.
    #[cfg(feature = "float")]
    #[inline]
    pub fn heap_float(self) -> Option<Float> {
        #[cfg(not(feature = "float-stuffed"))]
        if self.o.obj().is_null() {
            return Some(self.f);
        }
        None
    }

    /// Whether the entry binds when looked up on a type.
    pub fn kind(self) -> RomKind {
        match self.o.obj().as_builtin_fun() {
            Some(f) if f.kind() == BuiltinFun::PLAIN => RomKind::Fun(f),
            Some(f) if f.kind() == BuiltinFun::CLASS => RomKind::ClassMethod(f),
            _ => RomKind::Value,
        }
    }
}

/// Type flags.
pub mod flags {
    /// Python classes may subclass this type.
    pub const BASETYPE: u8 = 1;
    /// Instances compare equal only by identity unless a slot says otherwise
    /// (lets `==` skip the slot for such types).
    pub const EQ_BY_ID: u8 = 2;
    /// An iterator type whose `__iter__` is itself.
    pub const ITER_IS_SELF: u8 = 4;
    /// A user class: the `TypeObj` is the head of a heap `ClassObj`.
    pub const IS_CLASS: u8 = 8;
    /// Instances of this user class carry a native base object
    /// (`InstanceNativeObj`).
    pub const NATIVE_INSTANCE: u8 = 16;
    /// Objects of this (port-defined) type are laid out as
    /// [`crate::types::port::PortObj`].
    pub const PORT_OBJ: u8 = 32;
    /// Objects of this built-in type are laid out as
    /// [`crate::types::dict::DictObj`] (dict, set, frozenset, fixed dict):
    /// one bit test instead of a compare per type.
    pub const MAP_LAYOUT: u8 = 64;
    /// Objects of this user class are laid out as
    /// `vm::class::InstanceObj` (a user class not deriving from an
    /// exception): one bit test instead of a walk up the bases.
    pub const INST_LAYOUT: u8 = 128;
}

/// How a [`TypeObj`] stores its name: on the boards a 16-bit qstr id (a
/// word less per type; every built-in qstr and, with the boards' heap,
/// every run-time one fits), elsewhere the [`Qstr`].
#[cfg(target_os = "none")]
pub type TypeName = u16;
/// How a [`TypeObj`] stores its name: on the boards a 16-bit qstr id (a
/// word less per type; every built-in qstr and, with the boards' heap,
/// every run-time one fits), elsewhere the [`Qstr`].
#[cfg(not(target_os = "none"))]
pub type TypeName = Qstr;

impl Qstr {
    /// This qstr as a [`TypeObj::name`] (built-in types: `q::NAME.tn()`;
    /// on the boards a compile-time error if it does not fit 16 bits).
    pub const fn tn(self) -> TypeName {
        #[cfg(target_os = "none")]
        {
            assert!(self.0 <= u16::MAX as u32);
            self.0 as u16
        }
        #[cfg(not(target_os = "none"))]
        self
    }

    /// This qstr as a [`TypeObj::name`] for a class made at run time: None
    /// if its id does not fit (boards only; their heap holds far fewer).
    pub fn try_tn(self) -> Option<TypeName> {
        #[cfg(target_os = "none")]
        return u16::try_from(self.0).ok();
        #[cfg(not(target_os = "none"))]
        Some(self)
    }
}

/// A built-in type: static name, base, slots and locals.
///
/// Slots return `Obj::NULL` to mean "not supported for these operands" (the
/// runtime then tries the reflected operation or raises `TypeError` in
/// MicroPython's words). `iternext` returns `Obj::STOP_ITERATION` when
/// exhausted instead of raising.
#[repr(C)]
pub struct TypeObj {
    /// Always `type`.
    pub header: ObjBase,
    /// `__name__` (read it with [`TypeObj::name`]; written
    /// `name: q::NAME.tn()`).
    pub name: TypeName,
    /// See [`flags`] (beside `name`: on the boards both share a word
    /// with `locals`' length).
    pub flags: u8,
    /// Methods and class attributes, looked up by qstr (read them with
    /// [`TypeObj::locals`]; written `locals: Locals::of(&TABLE)`).
    pub locals: Locals,
    /// The native base (`bool` -> `int`, `KeyError` -> `LookupError`); None
    /// means `object`.
    pub base: Option<&'static TypeObj>,
    /// `T(*args, **kw)`: receives the type being instantiated (a built-in
    /// type or a Python subclass of it) as `cls`.
    pub make_new: Option<fn(vm: &mut Vm, cls: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj>>,
    /// `str(obj)` / `repr(obj)`: append the text to `out`.
    pub print: Option<fn(vm: &mut Vm, obj: Obj, out: &mut crate::runtime::print::Out, kind: PrintKind) -> PyResult<()>>,
    /// Binary operators with `lhs` of this type (or, for reflected ops,
    /// `rhs` in `lhs` position).
    pub binary_op: Option<fn(vm: &mut Vm, op: BinaryOp, lhs: Obj, rhs: Obj) -> PyResult<Obj>>,
    /// `obj[index]` load/store/delete.
    pub subscr: Option<fn(vm: &mut Vm, obj: Obj, index: Obj, op: Subscr) -> PyResult<Obj>>,
    /// `next(obj)`: the next item, or `Obj::STOP_ITERATION`.
    pub iternext: Option<fn(vm: &mut Vm, obj: Obj) -> PyResult<Obj>>,
    /// The slots only some types set (unary operators, extra attributes,
    /// `iter`, calling instances, the buffer protocol, finalisers): most
    /// types share [`TypeExt::NONE_REF`], so every type carries one pointer
    /// instead of seven slots.
    pub ext: &'static TypeExt,
}

// Boards: a type is ten words, its `locals` address on a word boundary
// (after the header, the 16-bit name, the flags and the length byte).
#[cfg(all(target_os = "none", target_pointer_width = "32"))]
const _: () = assert!(core::mem::size_of::<TypeObj>() == 40 && core::mem::offset_of!(TypeObj, locals) == 7);

/// The rarely used slots of a type (see [`TypeObj::ext`]).
pub struct TypeExt {
    /// Unary operators and the protocol hooks in [`UnaryOp`].
    pub unary_op: Option<fn(vm: &mut Vm, op: UnaryOp, obj: Obj) -> PyResult<Obj>>,
    /// Data attributes not in `locals` (e.g. `complex.real`): return NULL if
    /// absent. `store` is `Some(value)` for setattr (NULL value = delete).
    pub attr: Option<fn(vm: &mut Vm, obj: Obj, name: Qstr, store: Option<Obj>) -> PyResult<Obj>>,
    /// `iter(obj)`.
    pub iter: Option<fn(vm: &mut Vm, obj: Obj) -> PyResult<Obj>>,
    /// `obj(*args, **kw)`.
    pub call: Option<fn(vm: &mut Vm, obj: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj>>,
    /// The buffer protocol: the object's bytes, if it exports a buffer
    /// (`bytes(x)`, `memoryview(x)`, `b'' + x` etc. accept it).
    pub buffer: Option<fn(heap: &Heap, obj: Obj) -> Option<&[u8]>>,
    /// The buffer protocol, writable side (memoryview item assignment,
    /// `readinto`).
    pub buffer_mut: Option<fn(heap: &mut Heap, obj: Obj) -> Option<&mut [u8]>>,
    /// Called by the collector before freeing an unreachable object that
    /// was allocated with the finaliser bit (e.g. to close a file). The
    /// heap is locked: a finaliser cannot allocate.
    pub finalise: Option<fn(vm: &mut Vm, obj: Obj)>,
}

impl TypeExt {
    /// No rare slots: start from this with
    /// `ext: &TypeExt { buffer: Some(f), ..TypeExt::NONE }`.
    pub const NONE: TypeExt =
        TypeExt { unary_op: None, attr: None, iter: None, call: None, buffer: None, buffer_mut: None, finalise: None };

    /// The one shared empty table.
    pub const NONE_REF: &'static TypeExt = &NO_EXT;
}

/// The table behind [`TypeExt::NONE_REF`] (a static, so every type without
/// rare slots points at the same bytes).
static NO_EXT: TypeExt = TypeExt::NONE;

impl TypeObj {
    /// A type with no slots and no locals: start from this with
    /// `TypeObj { name: q::x.tn(), ..TypeObj::EMPTY }`.
    pub const EMPTY: TypeObj = TypeObj {
        header: ObjBase { ty: &TYPE_TYPE },
        name: q::object.tn(),
        base: None,
        flags: 0,
        make_new: None,
        print: None,
        binary_op: None,
        subscr: None,
        iternext: None,
        ext: TypeExt::NONE_REF,
        locals: Locals::EMPTY,
    };

    /// `__name__`.
    #[inline]
    pub fn name(&self) -> Qstr {
        #[cfg(target_os = "none")]
        return Qstr(u32::from(self.name));
        #[cfg(not(target_os = "none"))]
        self.name
    }

    /// Methods and class attributes.
    #[inline]
    pub fn locals(&self) -> &'static [Entry] {
        self.locals.get()
    }

    /// Finds `name` in this type's locals, then its bases'.
    pub fn lookup(&'static self, name: Qstr) -> Option<Rom> {
        let mut t = Some(self);
        while let Some(ty) = t {
            if let Some(r) = find(ty.locals(), name) {
                return Some(r);
            }
            t = ty.base;
        }
        None
    }

    /// Like [`TypeObj::is_subtype`] for any type (user classes' `TypeObj`s
    /// live in the heap): follows `base` links.
    pub fn is_subtype_any(&self, other: &TypeObj) -> bool {
        let mut t = Some(self);
        while let Some(ty) = t {
            if core::ptr::eq(ty, other) {
                return true;
            }
            t = ty.base;
        }
        false
    }

    /// Is `self` the type `other` or derived from it through `base`?
    pub fn is_subtype(&'static self, other: &'static TypeObj) -> bool {
        let mut t = Some(self);
        while let Some(ty) = t {
            if core::ptr::eq(ty, other) {
                return true;
            }
            t = ty.base;
        }
        false
    }
}

/// A native function of exactly one positional argument (self, for a
/// method). The caller has checked the count, so the function reads no
/// slice and has no bounds checks.
pub type NativeFn1 = fn(vm: &mut Vm, a: Obj) -> PyResult<Obj>;
/// A native function of exactly one positional argument that serves a
/// family of built-ins (e.g. `math.sin`, `math.cos`, ...): `at` (stored in
/// the [`BuiltinFun`], see [`BuiltinFun::new1_at`]) says which one, so the
/// family needs no entry point per member.
pub type NativeFn1At = fn(vm: &mut Vm, a: Obj, at: usize) -> PyResult<Obj>;
/// A native function of exactly two positional arguments.
pub type NativeFn2 = fn(vm: &mut Vm, a: Obj, b: Obj) -> PyResult<Obj>;
/// [`NativeFn1At`] of exactly two positional arguments.
pub type NativeFn2At = fn(vm: &mut Vm, a: Obj, b: Obj, at: usize) -> PyResult<Obj>;
/// A native function of exactly three positional arguments.
pub type NativeFn3 = fn(vm: &mut Vm, a: Obj, b: Obj, c: Obj) -> PyResult<Obj>;

/// A built-in function's code and arity. `kind` (in every variant, at the
/// same offset) is how it binds: [`BuiltinFun::PLAIN`],
/// [`BuiltinFun::CLASS`] or [`BuiltinFun::STATIC`]. (`#[repr(u8)]`: the
/// tag and the byte fields share the first word, the pointer the second.)
///
/// The tags are odd: the tag is the lowest byte of the first word (the
/// boards are little-endian), so on the boards, where a [`BuiltinFun`]
/// has no header, its first word is odd and never the (4-aligned)
/// address of a `TypeObj` that every other object's first word is
/// (`Obj::ptr_type` tells a function by that bit).
#[repr(u8)]
#[derive(Clone, Copy)]
pub enum Native {
    /// Exactly one positional argument, no keywords.
    Fix1 {
        /// How it binds.
        kind: u8,
        /// Zero (explicit padding: the first word is all initialised).
        pad: [u8; 2],
        /// The code.
        f: NativeFn1,
    } = 1,
    /// Exactly one positional argument, no keywords; the code serves a
    /// family of functions and is told which by `at`.
    Fix1At {
        /// How it binds.
        kind: u8,
        /// Which member of the family.
        at: u8,
        /// Zero (explicit padding: the first word is all initialised).
        pad: u8,
        /// The code.
        f: NativeFn1At,
    } = 3,
    /// Exactly two positional arguments, no keywords.
    Fix2 {
        /// How it binds.
        kind: u8,
        /// Zero (explicit padding: the first word is all initialised).
        pad: [u8; 2],
        /// The code.
        f: NativeFn2,
    } = 5,
    /// Exactly two positional arguments, no keywords; the code serves a
    /// family of functions and is told which by `at`.
    Fix2At {
        /// How it binds.
        kind: u8,
        /// Which member of the family.
        at: u8,
        /// Zero (explicit padding: the first word is all initialised).
        pad: u8,
        /// The code.
        f: NativeFn2At,
    } = 7,
    /// Exactly three positional arguments, no keywords.
    Fix3 {
        /// How it binds.
        kind: u8,
        /// Zero (explicit padding: the first word is all initialised).
        pad: [u8; 2],
        /// The code.
        f: NativeFn3,
    } = 9,
    /// `min..=max` positional arguments (`max` 3 at most) as values, the
    /// absent ones `Obj::NULL` (see [`given`]), no keywords.
    Opt {
        /// How it binds.
        kind: u8,
        /// Fewest positional arguments.
        min: u8,
        /// Most positional arguments.
        max: u8,
        /// The code.
        f: NativeFn3,
    } = 11,
    /// `min..=max` positional arguments as a slice, no keywords
    /// (`max` [`BuiltinFun::UNLIMITED`]: no upper limit).
    Var {
        /// How it binds.
        kind: u8,
        /// Fewest positional arguments (self included for methods).
        min: u8,
        /// Most positional arguments (self included).
        max: u8,
        /// The code.
        f: NativeFn,
    } = 13,
    /// `min..` positional arguments and keywords.
    Kw {
        /// How it binds.
        kind: u8,
        /// Fewest positional arguments.
        min: u8,
        /// Zero (explicit padding: the first word is all initialised).
        pad: u8,
        /// The code.
        f: NativeFn,
    } = 15,
}

/// An optional argument of a [`Native::Opt`] function as `args.get(i)`
/// would give it: `None` if absent (`Obj::NULL`).
#[inline(always)]
pub fn given(o: &Obj) -> Option<&Obj> {
    if o.is_null() {
        None
    } else {
        Some(o)
    }
}

/// A built-in function: arity, how it binds, and the native code.
///
/// On the boards a `BuiltinFun` has no header (4 bytes less per
/// function): its first word is its [`Native`] tag, which is odd, where
/// every other object's first word is a 4-aligned `TypeObj` address, so
/// [`Obj::base`] and [`Obj::ptr_type`] answer `function` for an object
/// whose first word is odd (the desktop keeps the header and reads it).
#[repr(C)]
pub struct BuiltinFun {
    /// Always `function` (MicroPython's `builtin_function_or_method`).
    #[cfg(not(target_os = "none"))]
    pub base: ObjBase,
    /// The code, its arity and how it binds.
    pub code: Native,
}

#[cfg(all(target_pointer_width = "32", not(target_os = "none")))]
const _: () = assert!(core::mem::size_of::<BuiltinFun>() == 12);
#[cfg(target_os = "none")]
const _: () = assert!(core::mem::size_of::<BuiltinFun>() == 8);

impl BuiltinFun {
    /// `max_args` of a function taking any number of positional arguments.
    pub const UNLIMITED: u8 = u8::MAX;

    /// [`BuiltinFun::kind`]: a plain function (binds as a method).
    pub const PLAIN: u8 = 0;
    /// [`BuiltinFun::kind`]: a class method.
    pub const CLASS: u8 = 1;
    /// [`BuiltinFun::kind`]: a static method.
    pub const STATIC: u8 = 2;

    /// How it binds: [`BuiltinFun::PLAIN`], [`BuiltinFun::CLASS`] or
    /// [`BuiltinFun::STATIC`].
    #[inline]
    pub const fn kind(&self) -> u8 {
        match self.code {
            Native::Fix1 { kind, .. } | Native::Fix2 { kind, .. } | Native::Fix3 { kind, .. } => kind,
            Native::Fix1At { kind, .. } | Native::Fix2At { kind, .. } => kind,
            Native::Opt { kind, .. } | Native::Var { kind, .. } | Native::Kw { kind, .. } => kind,
        }
    }

    /// Fewest positional arguments (self included for methods).
    pub const fn min_args(&self) -> u8 {
        match self.code {
            Native::Fix1 { .. } | Native::Fix1At { .. } => 1,
            Native::Fix2 { .. } | Native::Fix2At { .. } => 2,
            Native::Fix3 { .. } => 3,
            Native::Opt { min, .. } | Native::Var { min, .. } | Native::Kw { min, .. } => min,
        }
    }

    /// Most positional arguments (self included);
    /// [`BuiltinFun::UNLIMITED`] = no limit.
    pub const fn max_args(&self) -> u8 {
        match self.code {
            Native::Opt { max, .. } | Native::Var { max, .. } => max,
            Native::Kw { .. } => BuiltinFun::UNLIMITED,
            _ => self.min_args(),
        }
    }

    /// Whether keyword arguments are accepted (else `TypeError`).
    pub const fn takes_kw(&self) -> bool {
        matches!(self.code, Native::Kw { .. })
    }

    /// This function with binding `k`.
    const fn with_kind(mut self, k: u8) -> BuiltinFun {
        match &mut self.code {
            Native::Fix1 { kind, .. } | Native::Fix2 { kind, .. } | Native::Fix3 { kind, .. } => *kind = k,
            Native::Fix1At { kind, .. } | Native::Fix2At { kind, .. } => *kind = k,
            Native::Opt { kind, .. } | Native::Var { kind, .. } | Native::Kw { kind, .. } => *kind = k,
        }
        self
    }

    /// This function as a class method (for `Rom::ClassMethod`).
    pub const fn class_method(self) -> BuiltinFun {
        self.with_kind(BuiltinFun::CLASS)
    }

    /// This function as a static method (for `Rom::StaticMethod`).
    pub const fn static_method(self) -> BuiltinFun {
        self.with_kind(BuiltinFun::STATIC)
    }

    /// An argument count as stored (254 at most; anything larger, e.g.
    /// `u16::MAX`, means unlimited).
    const fn count(n: u16) -> u8 {
        if n >= BuiltinFun::UNLIMITED as u16 {
            BuiltinFun::UNLIMITED
        } else {
            n as u8
        }
    }

    /// A function of `code`.
    const fn of(code: Native) -> BuiltinFun {
        BuiltinFun {
            #[cfg(not(target_os = "none"))]
            base: ObjBase { ty: &BUILTIN_FUNCTION_TYPE },
            code,
        }
    }

    /// A function taking `min..=max` positional arguments, no keywords
    /// (`max` 255 or more, e.g. `u16::MAX`: no upper limit).
    /// (`name`, the function's `__name__`, documents the definition; it
    /// is not stored: nothing reads it, and 4 bytes per function add up.)
    pub const fn new(name: Qstr, min_args: u16, max_args: u16, f: NativeFn) -> BuiltinFun {
        let _ = name;
        BuiltinFun::of(Native::Var { kind: BuiltinFun::PLAIN, min: BuiltinFun::count(min_args), max: BuiltinFun::count(max_args), f })
    }

    /// A function taking exactly one positional argument (see [`NativeFn1`]).
    pub const fn new1(name: Qstr, f: NativeFn1) -> BuiltinFun {
        let _ = name;
        BuiltinFun::of(Native::Fix1 { kind: BuiltinFun::PLAIN, pad: [0; 2], f })
    }

    /// A function taking exactly one positional argument, member `at` of
    /// the family `f` serves (see [`NativeFn1At`]).
    pub const fn new1_at(name: Qstr, f: NativeFn1At, at: u8) -> BuiltinFun {
        let _ = name;
        BuiltinFun::of(Native::Fix1At { kind: BuiltinFun::PLAIN, at, pad: 0, f })
    }

    /// A function taking exactly two positional arguments.
    pub const fn new2(name: Qstr, f: NativeFn2) -> BuiltinFun {
        let _ = name;
        BuiltinFun::of(Native::Fix2 { kind: BuiltinFun::PLAIN, pad: [0; 2], f })
    }

    /// A function taking exactly two positional arguments, member `at` of
    /// the family `f` serves (see [`NativeFn1At`]).
    pub const fn new2_at(name: Qstr, f: NativeFn2At, at: u8) -> BuiltinFun {
        let _ = name;
        BuiltinFun::of(Native::Fix2At { kind: BuiltinFun::PLAIN, at, pad: 0, f })
    }

    /// A function taking exactly three positional arguments.
    pub const fn new3(name: Qstr, f: NativeFn3) -> BuiltinFun {
        let _ = name;
        BuiltinFun::of(Native::Fix3 { kind: BuiltinFun::PLAIN, pad: [0; 2], f })
    }

    /// A function taking `min..=max` positional arguments (`max` 3 at
    /// most) as values, the absent ones `Obj::NULL` (see [`given`]).
    pub const fn new_opt(name: Qstr, min: u8, max: u8, f: NativeFn3) -> BuiltinFun {
        let _ = name;
        assert!(min < max && max <= 3);
        BuiltinFun::of(Native::Opt { kind: BuiltinFun::PLAIN, min, max, f })
    }

    /// A function taking `min..` positional arguments and keywords.
    pub const fn new_kw(name: Qstr, min_args: u16, f: NativeFn) -> BuiltinFun {
        let _ = name;
        BuiltinFun::of(Native::Kw { kind: BuiltinFun::PLAIN, min: BuiltinFun::count(min_args), pad: 0, f })
    }

    /// Calls it with `args` and `kw` after checking they fit its arity
    /// (each call a tail call).
    ///
    /// Errors: `TypeError` for keywords it does not take or a wrong number
    /// of arguments (see `Vm::builtin_arity_error`); whatever it raises.
    #[inline(always)]
    pub fn call_checked(&'static self, vm: &mut Vm, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
        let n = args.len();
        match (self.code, args, kw.is_empty()) {
            (Native::Fix1 { f, .. }, &[a], true) => f(vm, a),
            (Native::Fix1At { at, f, .. }, &[a], true) => f(vm, a, at as usize),
            (Native::Fix2 { f, .. }, &[a, b], true) => f(vm, a, b),
            (Native::Fix2At { at, f, .. }, &[a, b], true) => f(vm, a, b, at as usize),
            (Native::Fix3 { f, .. }, &[a, b, c], true) => f(vm, a, b, c),
            (Native::Opt { min, max, f, .. }, _, true) if n >= min as usize && n <= max as usize => {
                let arg = |i: usize| args.get(i).copied().unwrap_or(Obj::NULL);
                f(vm, arg(0), arg(1), arg(2))
            }
            (Native::Var { min, max, f, .. }, _, true) if n >= min as usize && (n <= max as usize || max == BuiltinFun::UNLIMITED) => f(vm, args, kw),
            (Native::Kw { min, f, .. }, _, _) if n >= min as usize => f(vm, args, kw),
            _ => Err(vm.builtin_arity_error(self, n, kw)),
        }
    }

    /// This function as an object.
    pub fn obj(&'static self) -> Obj {
        Obj::from_fun(self)
    }
}

/// `type`: the type of every type.
/// (Spelled out in full: `TypeObj::EMPTY` refers to this static.)
pub static TYPE_TYPE: TypeObj = TypeObj {
    header: ObjBase { ty: &TYPE_TYPE },
    name: q::r#type.tn(),
    base: None,
    flags: flags::BASETYPE,
    make_new: Some(crate::types::object::type_make_new),
    print: Some(crate::types::object::type_print),
    binary_op: None,
    subscr: None,
    iternext: None,
    ext: TypeExt::NONE_REF,
    locals: Locals::EMPTY,
};

/// The type of built-in functions and methods.
pub static BUILTIN_FUNCTION_TYPE: TypeObj = TypeObj { name: q::function.tn(), print: Some(builtin_fun_print), ..TypeObj::EMPTY };

/// Built-in functions print as `<function>`, as in MicroPython.
fn builtin_fun_print(vm: &mut Vm, _o: Obj, out: &mut crate::runtime::print::Out, _k: PrintKind) -> PyResult<()> {
    out.str(vm, "<function>")
}

/// `object`: the root of every class.
pub static OBJECT_TYPE: TypeObj = TypeObj {
    name: q::object.tn(),
    flags: flags::BASETYPE,
    make_new: Some(crate::types::object::object_make_new),
    locals: crate::typ::Locals::of(&crate::types::object::OBJECT_LOCALS),
    ..TypeObj::EMPTY
};

/// The dynamic-attribute hook of a built-in module (see [`ModuleDef::attr`]).
pub type ModuleAttrFn = fn(vm: &mut Vm, name: Qstr, store: Option<Obj>) -> PyResult<Obj>;

/// A built-in module: a static object (MicroPython's ROM modules), so
/// importing one allocates nothing and it is not entered in `sys.modules`.
/// `Obj::from_static(&M.header)` (or [`ModuleDef::obj`]) is the module
/// object; its type is [`BUILTIN_MODULE_TYPE`], whose `attr` slot looks a
/// name up in `locals`, then asks the `attr` hook.
#[repr(C)]
pub struct ModuleDef {
    /// Always [`BUILTIN_MODULE_TYPE`].
    pub header: ObjBase,
    /// `__name__`.
    pub name: Qstr,
    /// Functions, types and constants.
    pub locals: &'static [Entry],
    /// Dynamic attributes (state kept in `Vm` fields, e.g. `sys.path`):
    /// `attr(vm, name, None)` loads `name` (NULL if absent);
    /// `attr(vm, name, Some(v))` stores it (`v` NULL = delete) and returns
    /// non-NULL if it did (NULL = no such writable attribute).
    pub attr: Option<ModuleAttrFn>,
    /// The names `attr` answers, in the order `dir(module)` lists them
    /// (after `locals`).
    pub attr_names: &'static [Qstr],
}

impl ModuleDef {
    /// A module with only static attributes.
    pub const fn new(name: Qstr, locals: &'static [Entry]) -> ModuleDef {
        ModuleDef { header: ObjBase { ty: &BUILTIN_MODULE_TYPE }, name, locals, attr: None, attr_names: &[] }
    }

    /// A module with static attributes and an `attr` hook answering
    /// `attr_names` (see the field docs).
    pub const fn with_attr(
        name: Qstr,
        locals: &'static [Entry],
        attr: ModuleAttrFn,
        attr_names: &'static [Qstr],
    ) -> ModuleDef {
        ModuleDef { header: ObjBase { ty: &BUILTIN_MODULE_TYPE }, name, locals, attr: Some(attr), attr_names }
    }

    /// This module as an object.
    pub fn obj(&'static self) -> Obj {
        Obj::from_static(&self.header)
    }

    /// The static attribute `name` (from `locals`).
    pub fn lookup(&self, name: Qstr) -> Option<Rom> {
        find(self.locals, name)
    }
}

/// The type of built-in (static) modules: prints as `<module 'name'>`;
/// attributes through [`ModuleDef`]. (Modules loaded from files are heap
/// objects of another type, also named `module`.)
pub static BUILTIN_MODULE_TYPE: TypeObj = TypeObj {
    name: q::module.tn(),
    print: Some(crate::modules::module_print),
    ext: &TypeExt { attr: Some(crate::modules::module_attr), ..TypeExt::NONE },
    ..TypeObj::EMPTY
};

#[cfg(test)]
mod native_tag_tests {
    use super::*;

    /// Every `Native` variant's first byte (its tag, the lowest byte of the
    /// first word) is odd: what tells a headerless board `BuiltinFun` from
    /// every object whose first word is a `TypeObj`'s address.
    #[test]
    fn every_native_tag_is_odd() {
        let funs = [
            BuiltinFun::new(q::clear, 0, 1, |_, _, _| Ok(Obj::NONE)),
            BuiltinFun::new1(q::clear, |_, a| Ok(a)),
            BuiltinFun::new1_at(q::clear, |_, a, _| Ok(a), 1),
            BuiltinFun::new2(q::clear, |_, a, _| Ok(a)),
            BuiltinFun::new2_at(q::clear, |_, a, _, _| Ok(a), 1),
            BuiltinFun::new3(q::clear, |_, a, _, _| Ok(a)),
            BuiltinFun::new_opt(q::clear, 1, 2, |_, a, _, _| Ok(a)),
            BuiltinFun::new_kw(q::clear, 0, |_, _, _| Ok(Obj::NONE)),
        ];
        for f in &funs {
            let p: *const u8 = (&f.code as *const Native).cast();
            // SAFETY: `Native` is `#[repr(u8)]`: its first byte is the
            // (initialised) tag.
            assert_eq!(unsafe { p.read() } & 1, 1);
        }
    }
}
