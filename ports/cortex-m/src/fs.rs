//! The board filesystem: littlefs (its C library, through the
//! `littlefs2-sys` bindings) on a block device in a static RAM region
//! (neither QEMU machine models writable flash), mounted at `/`, behind
//! the core's [`mpy_core::hal::Hal`] file methods
//! ([`crate::hal::BoardHal`] forwards to [`BoardFs`]).
//!
//! The region is in `.uninit`, so a soft reset (or a fault recovery)
//! keeps the files. Its first [`STATE_SIZE`] bytes hold the mount state
//! ([`State`]: littlefs's configuration, state and caches, and a marker),
//! the rest is the block device, so the filesystem stays mounted from one
//! operation to the next and across soft resets. The marker says whether
//! the rest of the state is a mounted, idle filesystem: `IDLE`: use it as
//! it is (a soft reset costs nothing here); `BUSY`: an operation was cut
//! short (a fault recovery): mount again; anything else (power-on): the
//! region holds nothing yet, so there are no start-up scripts to run, and
//! the format (and the default `boot.py`) waits for the first filesystem
//! access.
//!
//! The configuration is the one the `littlefs2` crate used to give
//! littlefs (on-disk version 2.0, 255-byte names, 256-byte blocks and
//! caches, 32 bytes of lookahead), so filesystems stay compatible; calling
//! the C functions directly left out that crate's wrappers (~1 KB).
//!
//! An open file is a path, a position and its mode in a small table, and
//! each read or write opens the file, seeks, transfers and closes it again
//! (which also commits it) (the table is a static: see [`Table`]).
//! A directory listing is a path and an index. No global allocation.

use crate::board::Board;
use crate::fspath::PathBuf;
use core::cell::UnsafeCell;
use core::ffi::{c_char, c_int, c_void};
use core::marker::PhantomData;
use core::ptr::{addr_of, addr_of_mut};
use core::sync::atomic::{AtomicBool, AtomicU32, Ordering::Relaxed};
use littlefs2_sys as ll;

/// Bytes per littlefs block (and per cache).
pub const BLOCK_SIZE: usize = 256;
/// Bytes of littlefs's lookahead buffer (free-block bitmap).
const LOOKAHEAD: usize = 32;
/// Open files at once (`EMFILE` beyond).
const MAX_FILES: usize = 8;
/// Directory listings at once.
const MAX_DIRS: usize = 2;
/// Bytes at the region's start kept for the mount state ([`State`]).
const STATE_SIZE: usize = 1024;
/// Marker: the state holds a mounted filesystem, no operation under way.
const IDLE: u32 = 0x6C66_7331;
/// Marker: an operation on the mounted filesystem is under way.
const BUSY: u32 = 0x6C66_7342;
/// The file a fresh filesystem gets.
const BOOT_PY: &[u8] = b"# boot.py -- run on boot-up\n";

const EIO: i32 = 5;
const EBADF: i32 = 9;
const ENODEV: i32 = 19;
const ENOTDIR: i32 = 20;
const EISDIR: i32 = 21;
const EINVAL: i32 = 22;
const EMFILE: i32 = 24;
const ENAMETOOLONG: i32 = 36;

/// `st_mode` of a directory and of a regular file.
pub const S_IFDIR: u32 = 0o040000;
/// `st_mode` of a regular file.
pub const S_IFREG: u32 = 0o100000;

/// The mount state at the start of a board's region (the rest of it is
/// uninitialised unless `marker` is [`IDLE`] or [`BUSY`]).
#[repr(C)]
struct State {
    /// [`IDLE`], [`BUSY`], or garbage (power-on).
    marker: AtomicU32,
    /// The region's address when the state was made (another image may
    /// place it elsewhere: the pointers in the state would be stale).
    home: usize,
    read_cache: [u32; BLOCK_SIZE / 4],
    prog_cache: [u32; BLOCK_SIZE / 4],
    lookahead: [u32; LOOKAHEAD / 4],
    config: ll::lfs_config,
    lfs: ll::lfs_t,
}

/// The block device bytes `off..off + size` of block `block` (None:
/// outside the device).
///
/// # Safety
/// `c` is the configuration in a [`State`] that [`BoardFs::mounted`]
/// filled: its context is the device's first byte, `block_count` blocks
/// long.
unsafe fn disk(c: *const ll::lfs_config, block: u32, off: u32, size: u32) -> Option<*mut u8> {
    // SAFETY: the caller's contract: `c` is a live configuration.
    let c = unsafe { &*c };
    let start = (block as usize).checked_mul(BLOCK_SIZE)?.checked_add(off as usize)?;
    if start.checked_add(size as usize)? > c.block_count as usize * BLOCK_SIZE {
        return None;
    }
    Some(c.context.cast::<u8>().wrapping_add(start))
}

/// littlefs's block device read: RAM to `buf`.
unsafe extern "C" fn bd_read(c: *const ll::lfs_config, block: u32, off: u32, buf: *mut c_void, size: u32) -> c_int {
    // SAFETY: littlefs passes the configuration it was mounted with and a
    // buffer of `size` bytes; `disk` checks the range is on the device,
    // which the buffer (littlefs's cache or a caller's) never overlaps.
    unsafe {
        match disk(c, block, off, size) {
            Some(p) => {
                core::ptr::copy_nonoverlapping(p, buf.cast::<u8>(), size as usize);
                0
            }
            None => ll::lfs_error_LFS_ERR_IO,
        }
    }
}

/// littlefs's block device program: `buf` to RAM.
unsafe extern "C" fn bd_prog(c: *const ll::lfs_config, block: u32, off: u32, buf: *const c_void, size: u32) -> c_int {
    // SAFETY: as in `bd_read`, the other way round.
    unsafe {
        match disk(c, block, off, size) {
            Some(p) => {
                core::ptr::copy_nonoverlapping(buf.cast::<u8>(), p, size as usize);
                0
            }
            None => ll::lfs_error_LFS_ERR_IO,
        }
    }
}

/// littlefs's block device erase: RAM needs none (littlefs assumes
/// nothing of erased bytes).
unsafe extern "C" fn bd_erase(c: *const ll::lfs_config, block: u32) -> c_int {
    // SAFETY: littlefs passes the configuration it was mounted with.
    match unsafe { disk(c, block, 0, BLOCK_SIZE as u32) } {
        Some(_) => 0,
        None => ll::lfs_error_LFS_ERR_IO,
    }
}

/// littlefs's block device sync: RAM is always in sync.
unsafe extern "C" fn bd_sync(_c: *const ll::lfs_config) -> c_int {
    0
}

/// Set when the filesystem exists (it was made since power-on): only then
/// can there be start-up scripts.
static HAS_FILES: AtomicBool = AtomicBool::new(false);

/// Can there be files (`boot.py`, `main.py`) to look for? False after a
/// power-on until the first filesystem access (which formats the region).
pub fn has_files() -> bool {
    HAS_FILES.load(Relaxed)
}

/// An open file: where it is, where the next transfer starts, its mode
/// (all zero, as in [`Table::EMPTY`], when the slot is free).
#[derive(Clone)]
struct OpenFile {
    used: bool,
    path: PathBuf,
    pos: usize,
    read: bool,
    write: bool,
    append: bool,
}

/// A directory listing: the directory and the next entry's index.
#[derive(Clone)]
struct OpenDir {
    used: bool,
    path: PathBuf,
    next: usize,
}

/// The open files and directory listings: ~2.7 KiB, kept in `.bss`
/// rather than in the HAL (which lives in the arena, whose room the
/// REPL's input buffer needs on netduinoplus2). Only the current
/// interpreter's [`BoardFs`] uses it (the contract of [`BoardFs::new`],
/// which empties it).
struct Table {
    files: [OpenFile; MAX_FILES],
    dirs: [OpenDir; MAX_DIRS],
}

impl Table {
    const CLOSED_FILE: OpenFile =
        OpenFile { used: false, path: PathBuf::empty(), pos: 0, read: false, write: false, append: false };
    const CLOSED_DIR: OpenDir = OpenDir { used: false, path: PathBuf::empty(), next: 0 };
    /// Nothing open (all zero bytes).
    const EMPTY: Table = Table { files: [Self::CLOSED_FILE; MAX_FILES], dirs: [Self::CLOSED_DIR; MAX_DIRS] };
}

/// The table's cell. Only the filesystem functions below use it, in
/// thread mode (no interrupt handler reaches the filesystem), one
/// [`table`] call at a time: neither a critical section nor a `RefCell`
/// is needed around a use (the 13 uses cost 352 bytes of flash with both).
struct TableCell(UnsafeCell<Table>);

// SAFETY: the boards are single-core, and only thread-mode code (the
// filesystem functions, never an interrupt handler) touches the table:
// no two uses overlap in time (see `table`).
unsafe impl Sync for TableCell {}

static TABLE: TableCell = TableCell(UnsafeCell::new(Table::EMPTY));

/// Runs `f` on the table (briefly: no filesystem work inside). Every `f`
/// is a closure in this file that only reads or writes the table (none
/// calls `table` again).
fn table<R>(f: impl FnOnce(&mut Table) -> R) -> R {
    // SAFETY: the only reference to the table while `f` runs: thread-mode
    // code only uses it (see `TableCell`), one call at a time (no `f`
    // nests a call, and nothing else runs until it returns).
    f(unsafe { &mut *TABLE.0.get() })
}

/// The filesystem of board `B` and the current directory.
pub struct BoardFs<B: Board> {
    /// The mount state in the region; null when the build has no
    /// filesystem (`MPY_FSSIZE` too small).
    state: *mut State,
    /// The state's marker (a dummy without a filesystem).
    marker: &'static AtomicU32,
    /// Whether the state holds the mounted filesystem.
    mounted: bool,
    cwd: PathBuf,
    _board: PhantomData<B>,
}

/// The marker of a build without a filesystem.
static NO_MARKER: AtomicU32 = AtomicU32::new(0);

/// The errno for a littlefs result (its error codes are negative errnos;
/// a corrupt filesystem reads as `EIO`), or the non-negative value.
fn check(r: c_int) -> Result<usize, i32> {
    match r {
        0.. => Ok(r as usize),
        -83..=-1 => Err(-r),
        _ => Err(EIO),
    }
}

/// littlefs's view of a resolved path: its NUL-terminated bytes, which
/// must be ASCII (what the `littlefs2` crate accepted: `EINVAL` else).
fn lfs_path(p: &PathBuf) -> Result<*const c_char, i32> {
    let b = p.with_nul();
    match b.split_last() {
        Some((0, s)) if s.iter().all(|&c| c != 0 && c.is_ascii()) => Ok(b.as_ptr().cast()),
        _ => Err(EINVAL),
    }
}

/// A littlefs operation on the mounted filesystem and a path.
type Op<'a> = &'a mut dyn FnMut(*mut ll::lfs_t, *const c_char) -> c_int;

/// Opens file `path` with littlefs flags `flags`, runs `f` on it and
/// closes it: `f`'s result, or the first error.
fn with_file(
    lfs: *mut ll::lfs_t,
    path: *const c_char,
    flags: u32,
    f: &mut dyn FnMut(*mut ll::lfs_t, *mut ll::lfs_file_t) -> c_int,
) -> c_int {
    let mut cache = [0u32; BLOCK_SIZE / 4];
    // SAFETY: `lfs_file_t` is plain C data, for which zero bytes are a
    // valid value (the open initialises it).
    let mut file: ll::lfs_file_t = unsafe { core::mem::zeroed() };
    let cfg = ll::lfs_file_config { buffer: cache.as_mut_ptr().cast(), attrs: core::ptr::null_mut(), attr_count: 0 };
    // SAFETY: `lfs` is the mounted filesystem (the callers' `at`), `path`
    // a NUL-terminated string; the file, its configuration and its cache
    // (`cache_size` bytes) live until the close below, which unlinks the
    // file from littlefs's list of open files.
    unsafe {
        let r = ll::lfs_file_opencfg(lfs, &mut file, path, flags as c_int, &cfg);
        if r < 0 {
            return r;
        }
        let n = f(lfs, &mut file);
        let c = ll::lfs_file_close(lfs, &mut file);
        if c < 0 {
            c
        } else {
            n
        }
    }
}

impl<B: Board> BoardFs<B> {
    /// Blocks of the block device (after the state).
    const BLOCK_COUNT: usize = B::FS_SIZE.saturating_sub(STATE_SIZE) / BLOCK_SIZE;

    /// The filesystem in board `B`'s region: the one left mounted before
    /// a soft reset, else mounted (or, at power-on, formatted with a
    /// default `boot.py`) at the first access.
    ///
    /// # Safety
    /// Nothing else uses the region while the result lives (one
    /// interpreter at a time: the previous one was dropped, or abandoned
    /// by a fault recovery).
    pub unsafe fn new() -> Self {
        const { assert!(core::mem::size_of::<State>() <= STATE_SIZE) };
        let (start, size) = B::fs_region();
        // The region's bytes are whatever the RAM holds (`.uninit`: left
        // from before a reset, or garbage at power-on); the marker says
        // whether they are a state. The pointer goes through `black_box`
        // so the compiler draws no conclusion from the static never
        // having been written.
        let start = core::hint::black_box(start);
        // Close everything (flags only: copying in `Table::EMPTY` would
        // cost ~2.5k instructions per boot).
        table(|t| {
            t.files.iter_mut().for_each(|f| f.used = false);
            t.dirs.iter_mut().for_each(|d| d.used = false);
        });
        let usable = Self::BLOCK_COUNT >= 8 && size >= STATE_SIZE;
        if !usable {
            HAS_FILES.store(false, Relaxed);
            return BoardFs {
                state: core::ptr::null_mut(),
                marker: &NO_MARKER,
                mounted: false,
                cwd: PathBuf::root(),
                _board: PhantomData,
            };
        }
        let state = start.cast::<State>();
        // SAFETY: the region is the board's static, 16-byte aligned and
        // at least `STATE_SIZE` (>= the state's size, checked above)
        // bytes long, valid for the program's life, and (the caller's
        // guarantee) used by nothing else; the marker and the address are
        // plain integers, valid for any bytes. A marker of `IDLE` and the
        // same address mean an earlier `BoardFs::mounted` of this image
        // left the mounted filesystem there, whose pointers point into
        // this state and the device after it.
        let (marker, mounted) = unsafe {
            let marker = &*addr_of!((*state).marker);
            (marker, marker.load(Relaxed) == IDLE && *addr_of!((*state).home) == start as usize)
        };
        let m = marker.load(Relaxed);
        HAS_FILES.store(m == IDLE || m == BUSY, Relaxed);
        BoardFs { state, marker, mounted, cwd: PathBuf::root(), _board: PhantomData }
    }

    /// The mounted filesystem: mounted now if need be, formatted (with a
    /// default `boot.py`) if the region holds none.
    #[inline(never)]
    fn mounted(&mut self) -> Result<*mut ll::lfs_t, i32> {
        let state = self.state;
        if state.is_null() {
            return Err(ENODEV);
        }
        let lfs = state.wrapping_byte_add(core::mem::offset_of!(State, lfs)).cast::<ll::lfs_t>();
        if self.mounted {
            return Ok(lfs);
        }
        self.marker.store(0, Relaxed);
        let start = state.cast::<u8>();
        // SAFETY: `state` is the region's start (see `new`), and nothing
        // references its configuration, caches and littlefs state (this
        // `BoardFs` mounted nothing yet, earlier ones are gone); the block
        // device's bytes follow the state, apart from it. littlefs keeps
        // pointers to the configuration and the caches, all in the state,
        // which stays where it is.
        let r = unsafe {
            *addr_of_mut!((*state).home) = start as usize;
            let cfg = addr_of_mut!((*state).config);
            cfg.write(ll::lfs_config {
                context: start.add(STATE_SIZE).cast(),
                read: Some(bd_read),
                prog: Some(bd_prog),
                erase: Some(bd_erase),
                sync: Some(bd_sync),
                read_size: 4,
                prog_size: 4,
                block_size: BLOCK_SIZE as u32,
                block_count: Self::BLOCK_COUNT as u32,
                block_cycles: -1,
                cache_size: BLOCK_SIZE as u32,
                lookahead_size: LOOKAHEAD as u32,
                compact_thresh: 0,
                read_buffer: addr_of_mut!((*state).read_cache).cast(),
                prog_buffer: addr_of_mut!((*state).prog_cache).cast(),
                lookahead_buffer: addr_of_mut!((*state).lookahead).cast(),
                name_max: 255,
                file_max: 2_147_483_647,
                attr_max: 1_022,
                metadata_max: 0,
                inline_max: 0,
                disk_version: 0x0002_0000,
            });
            lfs.write_bytes(0, 1);
            let mut r = ll::lfs_mount(lfs, cfg);
            if r < 0 {
                r = ll::lfs_format(lfs, cfg);
                if r == 0 {
                    r = ll::lfs_mount(lfs, cfg);
                    if r == 0 {
                        let flags = ll::lfs_open_flags_LFS_O_WRONLY
                            | ll::lfs_open_flags_LFS_O_CREAT
                            | ll::lfs_open_flags_LFS_O_TRUNC;
                        with_file(lfs, c"/boot.py".as_ptr(), flags, &mut |lfs, f| {
                            ll::lfs_file_write(lfs, f, BOOT_PY.as_ptr().cast(), BOOT_PY.len() as u32)
                        });
                    }
                }
            }
            r
        };
        check(r)?;
        self.marker.store(IDLE, Relaxed);
        HAS_FILES.store(true, Relaxed);
        self.mounted = true;
        Ok(lfs)
    }

    /// Runs `f` with the mounted filesystem and `p` (marked busy meanwhile;
    /// `f` is dynamic: one copy of this code); `f`'s result passes on.
    #[inline(never)]
    fn at(&mut self, p: &PathBuf, f: Op<'_>) -> Result<usize, i32> {
        let lp = lfs_path(p)?;
        let lfs = self.mounted()?;
        // A fault recovery leaving `f` midway leaves `BUSY`: the next
        // interpreter mounts again.
        self.marker.store(BUSY, Relaxed);
        let r = check(f(lfs, lp));
        self.marker.store(IDLE, Relaxed);
        r
    }

    /// [`BoardFs::at`] with `path` resolved against the current directory.
    #[inline(never)]
    fn at_path(&mut self, path: &str, f: Op<'_>) -> Result<usize, i32> {
        let p = self.cwd.resolve(path)?;
        self.at(&p, f)
    }

    /// `(is a directory, size)` of `p` (Err: missing).
    fn meta(&mut self, p: &PathBuf) -> Result<(bool, usize), i32> {
        let mut dir = false;
        let len = self.at(p, &mut |lfs, lp| {
            // SAFETY: `lfs_info` is plain C data (zero bytes are valid);
            // `lfs` is mounted, `lp` NUL-terminated (`at`).
            unsafe {
                let mut info: ll::lfs_info = core::mem::zeroed();
                let r = ll::lfs_stat(lfs, lp, &mut info);
                dir = u32::from(info.type_) == ll::lfs_type_LFS_TYPE_DIR;
                if r < 0 {
                    r
                } else {
                    info.size as c_int & c_int::MAX
                }
            }
        })?;
        Ok((dir, len))
    }

    /// `open(path, mode)`: `mode` is `r`, `w`, `a` or `x`, maybe with `+`.
    pub fn open(&mut self, path: &str, mode: &str) -> Result<usize, i32> {
        let p = self.cwd.resolve(path)?;
        let slot = table(|t| t.files.iter().position(|f| !f.used)).ok_or(EMFILE)?;
        let plus = mode.bytes().any(|b| b == b'+');
        let (read, write, create, truncate, excl, append) = match mode.as_bytes().first() {
            Some(b'r') => (true, plus, false, false, false, false),
            Some(b'w') => (plus, true, true, true, false, false),
            Some(b'a') => (plus, true, true, false, false, true),
            Some(b'x') => (plus, true, true, false, true, false),
            _ => return Err(EINVAL),
        };
        let flags = open_flags(read, write)
            | if create { ll::lfs_open_flags_LFS_O_CREAT } else { 0 }
            | if truncate { ll::lfs_open_flags_LFS_O_TRUNC } else { 0 }
            | if excl { ll::lfs_open_flags_LFS_O_EXCL } else { 0 };
        self.at(&p, &mut |lfs, lp| with_file(lfs, lp, flags, &mut |_, _| 0))?;
        let f = OpenFile { used: true, path: p, pos: 0, read, write, append };
        table(|t| t.files.get_mut(slot).map(|s| *s = f));
        Ok(slot)
    }

    /// Reads (`write` false) into `buf`, or writes `data`, at open file
    /// `h`'s position (a write in append mode: at the end), which moves
    /// past the bytes transferred.
    fn transfer(&mut self, h: usize, write: bool, buf: &mut [u8], data: &[u8]) -> Result<usize, i32> {
        let f = table(|t| t.files.get(h).filter(|f| f.used).cloned()).ok_or(EBADF)?;
        let mut pos = f.pos;
        let r = if (write && f.write) || (!write && f.read) {
            let append = write && f.append;
            let flags = open_flags(!write, write) | if append { ll::lfs_open_flags_LFS_O_APPEND } else { 0 };
            self.at(&f.path, &mut |lfs, lp| {
                with_file(lfs, lp, flags, &mut |lfs, file| {
                    // SAFETY: `file` is open on the mounted `lfs`
                    // (`with_file`); `buf` and `data` are valid for their
                    // lengths.
                    unsafe {
                        if !append {
                            let r = ll::lfs_file_seek(lfs, file, pos as i32, ll::lfs_whence_flags_LFS_SEEK_SET as c_int);
                            if r < 0 {
                                return r;
                            }
                        }
                        let n = if write {
                            ll::lfs_file_write(lfs, file, data.as_ptr().cast(), data.len() as u32)
                        } else {
                            ll::lfs_file_read(lfs, file, buf.as_mut_ptr().cast(), buf.len() as u32)
                        };
                        let t = ll::lfs_file_tell(lfs, file);
                        if n < 0 || t < 0 {
                            return n.min(t);
                        }
                        pos = t as usize;
                        n
                    }
                })
            })
        } else {
            Err(EBADF)
        };
        if r.is_ok() {
            table(|t| t.files.get_mut(h).map(|s| s.pos = pos));
        }
        r
    }

    /// Reads from the open file `h` at its position.
    pub fn read(&mut self, h: usize, buf: &mut [u8]) -> Result<usize, i32> {
        self.transfer(h, false, buf, &[])
    }

    /// Writes to the open file `h` at its position (at the end in append
    /// mode).
    pub fn write(&mut self, h: usize, data: &[u8]) -> Result<usize, i32> {
        self.transfer(h, true, &mut [], data)
    }

    /// Moves open file `h`'s position to `offset` from the start
    /// (`whence` 0), the position (1) or the end (2): the new position
    /// (`EINVAL` if negative or past littlefs's limit, or another
    /// `whence`). A later write past the end fills the gap with zeros
    /// (littlefs does).
    pub fn seek(&mut self, h: usize, offset: i64, whence: u8) -> Result<u64, i32> {
        let pos = table(|t| t.files.get(h).filter(|f| f.used).map(|f| f.pos)).ok_or(EBADF)?;
        let base = match whence {
            0 => 0,
            1 => pos,
            2 => {
                let p = table(|t| t.files.get(h).map(|f| f.path.clone())).ok_or(EBADF)?;
                self.meta(&p)?.1
            }
            _ => return Err(EINVAL),
        };
        let pos = (base as i64).checked_add(offset).filter(|p| (0..=i32::MAX as i64).contains(p)).ok_or(EINVAL)?;
        table(|t| t.files.get_mut(h).map(|s| s.pos = pos as usize));
        Ok(pos as u64)
    }

    /// Reads file `path` from its start into `buf` (with one mount): how
    /// many bytes (fewer than `buf.len()` only at the end of the file).
    pub fn read_file(&mut self, path: &str, buf: &mut [u8]) -> Result<usize, i32> {
        self.at_path(path, &mut |lfs, lp| {
            with_file(lfs, lp, ll::lfs_open_flags_LFS_O_RDONLY, &mut |lfs, file| {
                // SAFETY: `file` is open on the mounted `lfs`; `buf` is
                // valid for its length.
                unsafe { ll::lfs_file_read(lfs, file, buf.as_mut_ptr().cast(), buf.len() as u32) }
            })
        })
    }

    /// Forgets open file `h` (each write committed already).
    pub fn close(&mut self, h: usize) {
        table(|t| t.files.get_mut(h).map(|s| s.used = false));
    }

    /// `(st_mode, st_size)` of `path`.
    pub fn stat(&mut self, path: &str) -> Result<(u32, u64), i32> {
        let p = self.cwd.resolve(path)?;
        let (dir, len) = self.meta(&p)?;
        Ok(if dir { (S_IFDIR, 0) } else { (S_IFREG, len as u64) })
    }

    /// `path` resolved, if it is a directory (else `ENOTDIR`/`ENOENT`).
    fn dir_path(&mut self, path: &str) -> Result<PathBuf, i32> {
        let p = self.cwd.resolve(path)?;
        match self.meta(&p)? {
            (true, _) => Ok(p),
            _ => Err(ENOTDIR),
        }
    }

    /// Starts listing directory `path`.
    pub fn dir_open(&mut self, path: &str) -> Result<usize, i32> {
        let p = self.dir_path(path)?;
        let d = OpenDir { used: true, path: p, next: 0 };
        table(|t| {
            let slot = t.dirs.iter().position(|d| !d.used)?;
            t.dirs.get_mut(slot).map(|s| *s = d)?;
            Some(slot)
        })
        .ok_or(EMFILE)
    }

    /// The next name of listing `h` into `name` (its length), None at the
    /// end.
    pub fn dir_next(&mut self, h: usize, name: &mut [u8]) -> Result<Option<usize>, i32> {
        let d = table(|t| t.dirs.get(h).filter(|d| d.used).cloned()).ok_or(EBADF)?;
        let index = d.next;
        let mut found = false;
        let r = self.at(&d.path, &mut |lfs, lp| {
            // SAFETY: `lfs_dir_t` and `lfs_info` are plain C data (zero
            // bytes are valid); `lfs` is mounted, `lp` NUL-terminated
            // (`at`); the directory lives until its close below, which
            // unlinks it from littlefs's list of open directories.
            unsafe {
                let mut dir: ll::lfs_dir_t = core::mem::zeroed();
                let r = ll::lfs_dir_open(lfs, &mut dir, lp);
                if r < 0 {
                    return r;
                }
                let mut info: ll::lfs_info = core::mem::zeroed();
                // littlefs lists `.` and `..` first.
                let mut r = 0;
                for _ in 0..index + 3 {
                    r = ll::lfs_dir_read(lfs, &mut dir, &mut info);
                    if r <= 0 {
                        break;
                    }
                }
                if r > 0 {
                    let n = info.name.iter().position(|&c| c == 0).unwrap_or(info.name.len());
                    r = match name.get_mut(..n) {
                        Some(dst) => {
                            for (d, &s) in dst.iter_mut().zip(info.name.iter()) {
                                *d = s as u8;
                            }
                            found = true;
                            n as c_int
                        }
                        None => -ENAMETOOLONG,
                    };
                }
                let c = ll::lfs_dir_close(lfs, &mut dir);
                if c < 0 && r >= 0 {
                    c
                } else {
                    r
                }
            }
        });
        table(|t| t.dirs.get_mut(h).map(|s| s.next = index + 1));
        r.map(|n| found.then_some(n))
    }

    /// Ends listing `h`.
    pub fn dir_close(&mut self, h: usize) {
        table(|t| t.dirs.get_mut(h).map(|s| s.used = false));
    }

    /// Deletes file `path` (`EISDIR` for a directory).
    pub fn remove(&mut self, path: &str) -> Result<(), i32> {
        let p = self.cwd.resolve(path)?;
        if self.meta(&p)?.0 {
            return Err(EISDIR);
        }
        self.remove_at(&p)
    }

    /// Removes `p` (a file or an empty directory).
    fn remove_at(&mut self, p: &PathBuf) -> Result<(), i32> {
        // SAFETY: `lfs` is mounted, `lp` NUL-terminated (`at`).
        self.at(p, &mut |lfs, lp| unsafe { ll::lfs_remove(lfs, lp) }).map(drop)
    }

    /// Removes empty directory `path` (`ENOTDIR` for a file, `EINVAL` for
    /// the root).
    pub fn rmdir(&mut self, path: &str) -> Result<(), i32> {
        let p = self.dir_path(path)?;
        if p.is_root() {
            return Err(EINVAL);
        }
        self.remove_at(&p)
    }

    /// Creates directory `path`.
    pub fn mkdir(&mut self, path: &str) -> Result<(), i32> {
        // SAFETY: `lfs` is mounted, `lp` NUL-terminated (`at`).
        self.at_path(path, &mut |lfs, lp| unsafe { ll::lfs_mkdir(lfs, lp) }).map(drop)
    }

    /// Renames `from` to `to` (replacing a file there).
    pub fn rename(&mut self, from: &str, to: &str) -> Result<(), i32> {
        let t = self.cwd.resolve(to)?;
        let lt = lfs_path(&t)?;
        // SAFETY: `lfs` is mounted, `lf` NUL-terminated (`at`), and so is
        // `lt`, the bytes of `t`, which lives until after the call.
        self.at_path(from, &mut |lfs, lf| unsafe { ll::lfs_rename(lfs, lf, lt) }).map(drop)
    }

    /// The current directory into `buf` (its full length).
    pub fn getcwd(&self, buf: &mut [u8]) -> usize {
        let s = self.cwd.as_str().as_bytes();
        let k = s.len().min(buf.len());
        if let (Some(d), Some(src)) = (buf.get_mut(..k), s.get(..k)) {
            d.copy_from_slice(src);
        }
        s.len()
    }

    /// Makes directory `path` the current one.
    pub fn chdir(&mut self, path: &str) -> Result<(), i32> {
        self.cwd = self.dir_path(path)?;
        Ok(())
    }

    /// The ten `os.statvfs` fields (inode counts and flags 0, as
    /// MicroPython's littlefs reports them).
    pub fn statvfs(&mut self) -> Result<[u32; 10], i32> {
        // SAFETY: `lfs` is mounted (`at`).
        let used = self.at(&PathBuf::root(), &mut |lfs, _| unsafe { ll::lfs_fs_size(lfs) })?;
        let count = Self::BLOCK_COUNT as u32;
        let free = count.saturating_sub(used as u32);
        let bs = BLOCK_SIZE as u32;
        Ok([bs, bs, count, free, free, 0, 0, 0, 0, 255])
    }
}

/// littlefs open flags for reading and/or writing.
fn open_flags(read: bool, write: bool) -> u32 {
    (if read { ll::lfs_open_flags_LFS_O_RDONLY } else { 0 }) | (if write { ll::lfs_open_flags_LFS_O_WRONLY } else { 0 })
}

/// `strlen` for littlefs's C code (no C library is linked).
///
/// # Safety
/// C's contract: `s` is NUL-terminated.
#[no_mangle]
unsafe extern "C" fn strlen(s: *const c_char) -> usize {
    let mut n = 0;
    // SAFETY: C's contract: every byte up to `s`'s NUL is readable.
    while unsafe { *s.add(n) } != 0 {
        n += 1;
    }
    n
}

/// `strchr` for littlefs's C code.
///
/// # Safety
/// C's contract: `s` is NUL-terminated.
#[no_mangle]
unsafe extern "C" fn strchr(s: *const c_char, c: c_int) -> *mut c_char {
    let c = c as c_char;
    let mut p = s;
    // SAFETY: C's contract: every byte up to `s`'s NUL is readable; the
    // loop stops there.
    unsafe {
        loop {
            if *p == c {
                return p.cast_mut();
            }
            if *p == 0 {
                return core::ptr::null_mut();
            }
            p = p.add(1);
        }
    }
}

/// The length of the start of `s` whose bytes are all in `set` (`inside`)
/// or all not in it: `strspn` and `strcspn`.
///
/// # Safety
/// C's contract: `s` and `set` are NUL-terminated.
unsafe fn span(s: *const c_char, set: *const c_char, inside: bool) -> usize {
    let mut n = 0;
    // SAFETY: C's contract: every byte up to each string's NUL is
    // readable; `s` is read no further than its NUL, `set` through
    // `strchr` (which stops at its NUL; `ch` is not 0 there).
    unsafe {
        loop {
            let ch = *s.add(n);
            if ch == 0 || strchr(set, c_int::from(ch)).is_null() == inside {
                return n;
            }
            n += 1;
        }
    }
}

/// `strspn` for littlefs's C code.
///
/// # Safety
/// C's contract: `s` and `accept` are NUL-terminated.
#[no_mangle]
unsafe extern "C" fn strspn(s: *const c_char, accept: *const c_char) -> usize {
    // SAFETY: the caller's contract.
    unsafe { span(s, accept, true) }
}

/// `strcspn` for littlefs's C code.
///
/// # Safety
/// C's contract: `s` and `reject` are NUL-terminated.
#[no_mangle]
unsafe extern "C" fn strcspn(s: *const c_char, reject: *const c_char) -> usize {
    // SAFETY: the caller's contract.
    unsafe { span(s, reject, false) }
}

/// `strcpy` for littlefs's C code.
///
/// # Safety
/// C's contract: `src` is NUL-terminated and `dst` has room for it.
#[no_mangle]
unsafe extern "C" fn strcpy(dst: *mut c_char, src: *const c_char) -> *mut c_char {
    let mut i = 0;
    // SAFETY: C's contract: every byte up to and including `src`'s NUL is
    // readable, and as many are writable at `dst`.
    unsafe {
        loop {
            let c = *src.add(i);
            *dst.add(i) = c;
            if c == 0 {
                return dst;
            }
            i += 1;
        }
    }
}

/// Population count for littlefs's C code: gcc lowers its
/// `__builtin_popcount` to a call to `__popcountsi2` (the M4 has no
/// popcount instruction), and the `compiler_builtins` that `-Zbuild-std`
/// builds from source (tools/firmware.sh) does not provide that symbol.
#[no_mangle]
extern "C" fn __popcountsi2(a: u32) -> i32 {
    a.count_ones() as i32
}
