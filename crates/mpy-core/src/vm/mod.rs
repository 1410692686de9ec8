//! The bytecode VM: loading raw code ([`load`]), frames ([`frame`]), the
//! dispatch loop ([`dispatch`]), Python function calls and argument binding
//! ([`call`]), classes ([`class`]), attributes of instances, classes and
//! modules ([`members`]), `super` ([`sup`]), generators ([`gen`]),
//! exceptions and tracebacks ([`exc`]), modules ([`module`]), imports
//! ([`import`]) and the entry points ports use ([`exec`]).

#[cfg(not(target_os = "none"))]
pub mod attrcache;
pub mod builtins;
pub mod call;
pub mod class;
#[cfg(feature = "compiler")]
pub mod compile;
pub mod complete;
mod access;
pub mod dispatch;
mod fastpath;
mod scrub;
pub use scrub::scrub_stack_bytes;
pub mod exc;
pub mod exec;
pub mod frame;
pub mod frozen;
pub mod pending;
pub mod gen;
pub mod import;
pub mod load;
pub mod members;
pub mod module;
pub mod ops;
pub mod sup;
pub mod verify;

#[cfg(not(target_os = "none"))]
use alloc::boxed::Box;
use crate::obj::Obj;
use crate::qstr::Qstr;
use crate::state::Vm;
use crate::PyResult;
use mpy_bytecode::CompiledModule;

pub use call::call_function;
pub use class::{call_class, instance_is_callable};
pub use members::{load_method_special, store_attr_special};
pub use exc::print_exception;
pub use exec::{exec_module, exec_source, CompileMode};
pub use load::load_module;

/// Compiles source text to a module (the port or the `compiler` feature
/// installs one; see [`VmState::compile`]). Arguments: source bytes, file
/// name, mode. Errors: `SyntaxError`.
pub type CompileFn = fn(vm: &mut Vm, src: &[u8], filename: &str, mode: CompileMode) -> PyResult<CompiledModule>;

/// Entries of [`VmState::global_cache`]. Boards have fewer: a smaller
/// `Vm` is quicker to build (boot, soft reset).
/// Desktop: room for the many global and builtin names a large program's
/// hot loops use (a direct-mapped table thrashes when it is crowded).
pub const GLOBAL_CACHE_LEN: usize = if cfg!(target_os = "none") { 16 } else { 256 };
/// The shift taking a name's 32-bit scattered hash to its
/// [`GLOBAL_CACHE_LEN`] slot (boards: then reduced modulo the length).
pub const GLOBAL_CACHE_SHIFT: u32 = if cfg!(target_os = "none") { 26 } else { 24 };
/// Entries of [`VmState::builtins_cache`] (boards: fewer, as above).
pub const BUILTINS_CACHE_LEN: usize = if cfg!(target_os = "none") { 16 } else { 32 };

/// A cache table of [`VmState`]. Desktop: boxed, so that the dispatch
/// loop reaches each through a pointer it loads in the arm that uses it
/// (the address of a table inside the `Vm`, a constant offset from it,
/// is computed once on entry to the loop and spilled to the native stack,
/// a cost paid on every Python call). Boards: inline (no allocator
/// round trip, and a smaller `Vm` to build).
#[cfg(not(target_os = "none"))]
pub type Boxed<T> = Box<T>;
/// A cache table of [`VmState`] (boards: inline; see the desktop type).
#[cfg(target_os = "none")]
pub type Boxed<T> = T;

/// Makes a [`Boxed`] table.
#[inline(always)]
fn boxed<T>(t: T) -> Boxed<T> {
    #[cfg(not(target_os = "none"))]
    return Box::new(t);
    #[cfg(target_os = "none")]
    t
}

/// The VM's state inside [`Vm`].
pub struct VmState {
    /// Extra or overriding builtins (a dict object, NULL if none): looked
    /// up before the `builtins` module table.
    pub builtins_dict: Obj,
    /// The source compiler used by `import` of `.py` files, `exec`, `eval`
    /// and `compile` (None: those raise `ImportError`/`RuntimeError`).
    pub compile: Option<CompileFn>,
    /// Python call depth (for the recursion guard when no native stack
    /// base is known).
    pub depth: usize,
    /// A direct-mapped cache of the `builtins` table: `(qstr id, index + 1)`
    /// pairs (0 = empty), filled by lookups.
    pub builtins_cache: [(u32, u16); BUILTINS_CACHE_LEN],
    /// LOAD_GLOBAL position cache (see `dispatch::load_global`): entries
    /// `(!globals dict word, qstr, position in its table)`, direct-mapped.
    /// The dict word is inverted so it never looks like a heap pointer
    /// (and an all-zero entry is empty).
    pub global_cache: Boxed<[(usize, u32, u32); GLOBAL_CACHE_LEN]>,
    /// For `global_cache` entries whose position is [`dispatch::IN_BUILTINS`]
    /// (the name was missing from the globals dict and found among the
    /// builtins): `(stamp, !value)`, valid while [`Vm::ns_stamp`] still
    /// equals `stamp`. The value is inverted so that it never looks like
    /// a heap pointer; only values that are not heap objects are
    /// entered, so none needs keeping alive. Desktop builds only.
    #[cfg(not(target_os = "none"))]
    pub builtin_hits: Box<[(usize, usize); GLOBAL_CACHE_LEN]>,
    /// Bumped whenever the key set of a watched globals dict (see
    /// `ns_watched`) or of the builtins override dict may change (a new
    /// key, a removal, any mutable use of its table) and when the
    /// builtins override dict is set up: see [`Vm::ns_stamp`]. Desktop
    /// builds only.
    #[cfg(not(target_os = "none"))]
    pub ns_version: usize,
    /// The table position of the last dict key found by a subscript or
    /// `dict.get` (desktop): a store to a dict first checks whether the
    /// key at this position is the stored key itself.
    #[cfg(not(target_os = "none"))]
    pub dict_hint: usize,
    /// The globals dicts that cached builtins lookups rely on (0 = none;
    /// roots, so none is freed while watched), direct-mapped: only a
    /// key-set change of one of
    /// these (or of the builtins override dict) bumps `ns_version` (see
    /// [`Vm::ns_changed_in`]). Desktop builds only.
    #[cfg(not(target_os = "none"))]
    pub ns_watched: [usize; 4],
    /// LOAD_ATTR/STORE_ATTR/LOAD_METHOD per-instruction cache for
    /// instances of user classes (see [`attrcache::Sites`]; desktop builds
    /// only: boards keep their flash).
    #[cfg(not(target_os = "none"))]
    pub sites: Box<attrcache::Sites>,
    /// LOAD_ATTR's cache of positions in instances' own tables (see
    /// [`attrcache::AttrCache`]; desktop builds only).
    #[cfg(not(target_os = "none"))]
    pub attr_cache: Box<attrcache::AttrCache>,
    /// LOAD_METHOD's cache of built-in types' methods (see
    /// [`attrcache::MethodCache`]; desktop builds only).
    #[cfg(not(target_os = "none"))]
    pub method_cache: Box<attrcache::MethodCache>,
    /// `super()`'s cache of methods (see [`sup::SuperCache`]; desktop
    /// builds only).
    #[cfg(not(target_os = "none"))]
    pub super_cache: Box<sup::SuperCache>,
    /// Bumped whenever a class namespace gains a key or has a function
    /// (or other non-plain value) replaced or deleted, and when a class
    /// is made (see `attrcache::note_class_store`):
    /// what [`attrcache::Sites`] entries of an older version say of
    /// classes is ignored. Desktop builds only.
    #[cfg(not(target_os = "none"))]
    pub class_version: usize,
    /// The names ever given to an instance of a user class as a new
    /// attribute (see [`attrcache::InstNames`]; desktop builds only).
    #[cfg(not(target_os = "none"))]
    pub inst_names: attrcache::InstNames,
    /// `!` the address of the Python getter that [`attrcache::load_attr`]
    /// last answered NULL for (the LOAD_ATTR arm calls it with the
    /// instance; inverted, so that it never looks like a heap pointer).
    /// Desktop builds only.
    #[cfg(not(target_os = "none"))]
    pub attr_getter: usize,
    /// `%`'s cache of parsed short formats (see
    /// [`crate::types::str_modulo::ModuloCache`]; desktop builds only).
    #[cfg(not(target_os = "none"))]
    pub modulo_cache: Box<crate::types::str_modulo::ModuloCache>,
    /// Globals dict of the running Python frame (NULL outside any).
    pub globals: Obj,
    /// Locals dict of the running frame for name lookups (the globals in
    /// functions, the namespace in class bodies and `exec`).
    pub locals: Obj,
    /// The port's frozen modules, found through `sys.path`'s `.frozen`
    /// entry (see [`frozen`]).
    pub frozen: &'static [frozen::FrozenModule],
    /// The port's own built-in modules (`machine`, `pyb`, ...): static
    /// [`crate::typ::ModuleDef`]s consulted after the core's
    /// [`crate::modules::BUILTIN_MODULES`] by `import`, `help('modules')`
    /// and name completion. Empty by default.
    pub port_modules: &'static [&'static crate::typ::ModuleDef],
    /// Callbacks waiting to run at the next pending check (see
    /// [`pending`]): `micropython.schedule` and the port's interrupts.
    pub pending: pending::Pending,
    /// Backward jumps left before the dispatch loop next asks the HAL for
    /// a pending interrupt (Ctrl-C), counted across all frames.
    pub poll_countdown: u32,
    /// A frame caught an exception: scrub the native stack when it returns.
    pub scrub_pending: bool,
    /// Desktop: where the running generator is suspending, as
    /// `gen_flags` bits: AT_YIELD_FROM (set by `gen::delegate`) or
    /// AT_POP_TOP (set by YIELD_VALUE), taken by the generator's resume
    /// (`gen::run_frame`).
    #[cfg(not(target_os = "none"))]
    pub suspend_flags: u32,
    /// Desktop: the generator being drained (`gen::drain_step`), whose
    /// YIELD_VALUE hands the value to the consumer in place and runs on
    /// when it can; NULL when none.
    #[cfg(not(target_os = "none"))]
    pub drain_gen: Obj,
    /// Desktop: the consumer's state while [`VmState::drain_gen`] runs:
    /// the list it appends to or the running sum.
    #[cfg(not(target_os = "none"))]
    pub drain_acc: Obj,
    /// Desktop: the consumer of [`VmState::drain_gen`] (`gen::DRAIN_*`).
    #[cfg(not(target_os = "none"))]
    pub drain_kind: u32,
    /// Class flag bits (`class::CF_*`) that hold for every class: set when
    /// an existing class gains e.g. a `__setattr__` (its subclasses cannot
    /// be found to update their own flags).
    pub class_flags_extra: u32,
    /// Bumped whenever a class namespace gains a new key (which may
    /// shadow a cached lookup of any subclass): class lookup caches filled
    /// in an older epoch are ignored.
    pub mcache_epoch: usize,
    /// Opcodes executed so far (feature `opcode-stats` only).
    #[cfg(feature = "opcode-stats")]
    pub op_count: u64,
    /// The VFS mount table (`modules::vfs`): a list of `(point, vfs)`
    /// tuples, longest-prefix matched; NULL when nothing is mounted.
    #[cfg(feature = "os")]
    pub vfs_mounts: Obj,
    /// The mount the current directory is in, as a `(point, vfs)` tuple;
    /// NULL when the current directory is the port's.
    #[cfg(feature = "os")]
    pub vfs_current: Obj,
    /// The function `sys.atexit` registered (NULL: none).
    pub atexit: Obj,
    /// How the compiler and the `.mpy` reader run when their global
    /// allocator is bounded (boards): exhaustion becomes `MemoryError`.
    pub alloc_catcher: Option<crate::alloc_guard::Catcher>,
    /// The gc-heap block lent to the compiler while it runs (0: none).
    pub lent: usize,
}

impl Default for VmState {
    fn default() -> VmState {
        VmState {
            builtins_dict: Obj::NULL,
            #[cfg(feature = "compiler")]
            compile: Some(compile::compile_builtin),
            #[cfg(not(feature = "compiler"))]
            compile: None,
            depth: 0,
            // All zero bytes (cheaper to make than a pattern): an index
            // of 0 and a dict word of 0 (never `!` a dict's address) are
            // misses.
            builtins_cache: const { [(0, 0); BUILTINS_CACHE_LEN] },
            global_cache: boxed(const { [(0, 0, 0); GLOBAL_CACHE_LEN] }),
            #[cfg(not(target_os = "none"))]
            builtin_hits: Box::new([(usize::MAX, 0); GLOBAL_CACHE_LEN]),
            #[cfg(not(target_os = "none"))]
            ns_version: 0,
            #[cfg(not(target_os = "none"))]
            dict_hint: 0,
            #[cfg(not(target_os = "none"))]
            ns_watched: [0; 4],
            #[cfg(not(target_os = "none"))]
            sites: Box::new(attrcache::SITES_EMPTY),
            #[cfg(not(target_os = "none"))]
            attr_cache: Box::new(attrcache::ATTR_EMPTY),
            #[cfg(not(target_os = "none"))]
            method_cache: Box::new(attrcache::METHOD_EMPTY),
            #[cfg(not(target_os = "none"))]
            super_cache: Box::new(sup::SUPER_EMPTY),
            #[cfg(not(target_os = "none"))]
            class_version: 0,
            #[cfg(not(target_os = "none"))]
            inst_names: [0; attrcache::INST_NAME_WORDS],
            #[cfg(not(target_os = "none"))]
            attr_getter: 0,
            #[cfg(not(target_os = "none"))]
            modulo_cache: Box::new(crate::types::str_modulo::MODULO_CACHE_EMPTY),
            globals: Obj::NULL,
            locals: Obj::NULL,
            frozen: &[],
            port_modules: &[],
            pending: const { pending::Pending::new() },
            alloc_catcher: None,
            lent: 0,
            poll_countdown: 0,
            scrub_pending: false,
            #[cfg(not(target_os = "none"))]
            suspend_flags: 0,
            #[cfg(not(target_os = "none"))]
            drain_gen: Obj::NULL,
            #[cfg(not(target_os = "none"))]
            drain_acc: Obj::NULL,
            #[cfg(not(target_os = "none"))]
            drain_kind: 0,
            class_flags_extra: 0,
            mcache_epoch: 0,
            #[cfg(feature = "opcode-stats")]
            op_count: 0,
            #[cfg(feature = "os")]
            vfs_mounts: Obj::NULL,
            #[cfg(feature = "os")]
            vfs_current: Obj::NULL,
            atexit: Obj::NULL,
        }
    }
}

/// Registers `f` as builtin `name` (overrides the builtins module): used by
/// tests and by ports adding their own builtins.
pub fn set_builtin(vm: &mut Vm, name: Qstr, f: Obj) -> PyResult<()> {
    if vm.vmstate.builtins_dict.is_null() {
        vm.vmstate.builtins_dict = vm.new_dict()?;
    }
    let d = vm.vmstate.builtins_dict;
    vm.ns_changed();
    vm.dict_store(d, Obj::qstr(name), f)
}

/// `globals()`: the running frame's globals dict (NULL if none runs).
pub fn current_globals(vm: &Vm) -> Obj {
    vm.vmstate.globals
}

/// `locals()`: the running frame's locals dict (MicroPython returns the
/// globals inside functions).
pub fn current_locals(vm: &Vm) -> Obj {
    vm.vmstate.locals
}
