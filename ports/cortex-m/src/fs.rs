//! The board filesystem: littlefs (the `littlefs2` crate) on a block
//! device in a static RAM region (neither QEMU machine models writable
//! flash), mounted at `/`, behind the core's [`mpy_core::hal::Hal`] file
//! methods ([`crate::hal::BoardHal`] forwards to [`BoardFs`]).
//!
//! The region is in `.uninit`, so a soft reset (or a fault recovery)
//! keeps the files. Its first [`STATE_SIZE`] bytes hold the mount state
//! ([`State`]: littlefs's state and caches, the block device, the mounted
//! [`Filesystem`] and a marker), the rest is the block device, so the
//! filesystem stays mounted from one operation to the next and across
//! soft resets. The marker says whether the rest of the state is a
//! mounted, idle filesystem: `IDLE`: use it as it is (a soft reset costs
//! nothing here); `BUSY`: an operation was cut short (a fault recovery):
//! mount again; anything else (power-on): the region holds nothing yet,
//! so there are no start-up scripts to run, and the format (and the
//! default `boot.py`) waits for the first filesystem access.
//!
//! An open file is a path, a position and its mode in a small table, and
//! each read or write opens the file, seeks, transfers and closes it again
//! (which also commits it) (the table is a static: see [`Table`]).
//! A directory listing is a path and an index. No global allocation.

use crate::board::Board;
use crate::fspath::PathBuf;
use core::cell::RefCell;
use core::marker::PhantomData;
use core::mem::MaybeUninit;
use core::ptr::{addr_of, addr_of_mut};
use core::sync::atomic::{AtomicBool, AtomicU32, Ordering::Relaxed};
use critical_section::Mutex;
use littlefs2::consts::{U256, U4};
use littlefs2::driver::Storage;
use littlefs2::fs::{Allocation, Filesystem, OpenOptions};
use littlefs2::io::{self, SeekFrom};
use littlefs2::path::Path;

/// Bytes per littlefs block.
pub const BLOCK_SIZE: usize = 256;
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

/// `st_mode` of a directory and of a regular file.
pub const S_IFDIR: u32 = 0o040000;
/// `st_mode` of a regular file.
pub const S_IFREG: u32 = 0o100000;

/// The RAM block device of board `B`: its filesystem region.
pub struct RamDisk<B: Board> {
    mem: &'static mut [u8],
    _board: PhantomData<B>,
}

impl<B: Board> RamDisk<B> {
    fn bytes(&mut self, off: usize, len: usize) -> io::Result<&mut [u8]> {
        off.checked_add(len).and_then(|end| self.mem.get_mut(off..end)).ok_or(io::Error::IO)
    }
}

impl<B: Board> Storage for RamDisk<B> {
    const READ_SIZE: usize = 4;
    const WRITE_SIZE: usize = 4;
    const BLOCK_SIZE: usize = BLOCK_SIZE;
    const BLOCK_COUNT: usize = B::FS_SIZE.saturating_sub(STATE_SIZE) / BLOCK_SIZE;
    type CACHE_SIZE = U256;
    type LOOKAHEAD_SIZE = U4;

    fn read(&mut self, off: usize, buf: &mut [u8]) -> io::Result<usize> {
        buf.copy_from_slice(self.bytes(off, buf.len())?);
        Ok(buf.len())
    }

    fn write(&mut self, off: usize, data: &[u8]) -> io::Result<usize> {
        self.bytes(off, data.len())?.copy_from_slice(data);
        Ok(data.len())
    }

    /// RAM needs no erasing (littlefs assumes nothing of erased bytes).
    fn erase(&mut self, off: usize, len: usize) -> io::Result<usize> {
        self.bytes(off, len).map(|b| b.len())
    }
}

/// The mount state at the start of board `B`'s region (the rest of it is
/// uninitialised unless `marker` is [`IDLE`] or [`BUSY`]).
#[repr(C)]
struct State<B: Board> {
    /// [`IDLE`], [`BUSY`], or garbage (power-on).
    marker: AtomicU32,
    /// The region's address when the state was made (another image may
    /// place it elsewhere: the pointers in the state would be stale).
    home: usize,
    disk: MaybeUninit<RamDisk<B>>,
    alloc: MaybeUninit<Allocation<RamDisk<B>>>,
    fs: MaybeUninit<Filesystem<'static, RamDisk<B>>>,
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

static TABLE: Mutex<RefCell<Table>> = Mutex::new(RefCell::new(Table::EMPTY));

/// Runs `f` on the table (briefly: no filesystem work inside).
fn table<R>(f: impl FnOnce(&mut Table) -> R) -> R {
    critical_section::with(|cs| f(&mut TABLE.borrow_ref_mut(cs)))
}

/// The filesystem of board `B` and the current directory.
pub struct BoardFs<B: Board> {
    /// The mount state in the region; null when the build has no
    /// filesystem (`MPY_FSSIZE` too small).
    state: *mut State<B>,
    /// The state's marker (a dummy without a filesystem).
    marker: &'static AtomicU32,
    /// The mounted filesystem, once mounted.
    fs: Option<&'static Fs<B>>,
    cwd: PathBuf,
}

/// The marker of a build without a filesystem.
static NO_MARKER: AtomicU32 = AtomicU32::new(0);

/// The errno for a littlefs error (its codes are negative errnos; a
/// corrupt filesystem reads as `EIO`).
fn errno(e: io::Error) -> i32 {
    match -e.code() {
        c @ 1..=83 => c,
        _ => EIO,
    }
}

/// The mounted filesystem of board `B`.
type Fs<B> = Filesystem<'static, RamDisk<B>>;

/// littlefs's view of a resolved path.
fn lfs_path(p: &PathBuf) -> Result<&Path, i32> {
    Path::from_bytes_with_nul(p.with_nul()).map_err(|_| EINVAL)
}

impl<B: Board> BoardFs<B> {
    /// The filesystem in board `B`'s region: the one left mounted before
    /// a soft reset, else mounted (or, at power-on, formatted with a
    /// default `boot.py`) at the first access.
    ///
    /// # Safety
    /// Nothing else uses the region while the result lives (one
    /// interpreter at a time: the previous one was dropped, or abandoned
    /// by a fault recovery).
    pub unsafe fn new() -> Self {
        const { assert!(core::mem::size_of::<State<B>>() <= STATE_SIZE) };
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
        let usable = <RamDisk<B> as Storage>::BLOCK_COUNT >= 8 && size >= STATE_SIZE;
        if !usable {
            HAS_FILES.store(false, Relaxed);
            return BoardFs { state: core::ptr::null_mut(), marker: &NO_MARKER, fs: None, cwd: PathBuf::root() };
        }
        let state = start.cast::<State<B>>();
        // SAFETY: the region is the board's static, 16-byte aligned and
        // at least `STATE_SIZE` (>= the state's size, checked above)
        // bytes long, valid for the program's life, and (the caller's
        // guarantee) used by nothing else; the marker and the address are
        // plain integers, valid for any bytes. A marker of `IDLE` and the
        // same address mean an earlier `BoardFs::mounted` of this image
        // wrote the mounted filesystem there, whose references point into
        // this state and which nothing else references any more.
        let (marker, fs) = unsafe {
            let marker = &*addr_of!((*state).marker);
            let idle = marker.load(Relaxed) == IDLE && *addr_of!((*state).home) == start as usize;
            (marker, idle.then(|| (*addr_of!((*state).fs)).assume_init_ref()))
        };
        let m = marker.load(Relaxed);
        HAS_FILES.store(m == IDLE || m == BUSY, Relaxed);
        BoardFs { state, marker, fs, cwd: PathBuf::root() }
    }

    /// The mounted filesystem: mounted now if need be, formatted (with a
    /// default `boot.py`) if the region holds none.
    #[inline(never)]
    fn mounted(&mut self) -> Result<&'static Fs<B>, i32> {
        if let Some(fs) = self.fs {
            return Ok(fs);
        }
        if self.state.is_null() {
            return Err(ENODEV);
        }
        self.marker.store(0, Relaxed);
        let state = self.state;
        let (start, size) = (state.cast::<u8>(), B::FS_SIZE);
        // SAFETY: `state` is the region's start (see `new`); nothing
        // references the disk, allocation and filesystem slots (this
        // `BoardFs` mounted nothing yet, earlier ones are gone), and the
        // block device's bytes follow the state, apart from it.
        let (disk, alloc, slot) = unsafe {
            let mem = core::slice::from_raw_parts_mut(start.add(STATE_SIZE), size - STATE_SIZE);
            *addr_of_mut!((*state).home) = start as usize;
            (
                (*addr_of_mut!((*state).disk)).write(RamDisk { mem, _board: PhantomData }),
                (*addr_of_mut!((*state).alloc)).write(Allocation::new()),
                &mut *addr_of_mut!((*state).fs),
            )
        };
        let mut formatted = false;
        let fs = Filesystem::mount_or_else(alloc, disk, |_, disk, _| {
            formatted = true;
            Filesystem::format(disk)
        })
        .map_err(errno)?;
        let fs: &'static Fs<B> = slot.write(fs);
        if formatted {
            if let Ok(p) = Path::from_str_with_nul("/boot.py\0") {
                let _ = fs.write(p, BOOT_PY);
            }
        }
        self.marker.store(IDLE, Relaxed);
        HAS_FILES.store(true, Relaxed);
        self.fs = Some(fs);
        Ok(fs)
    }

    /// Runs `f` with the mounted filesystem and `p` (marked busy meanwhile;
    /// `f` is dynamic: one copy of this code); `f`'s result passes on.
    #[inline(never)]
    fn at(&mut self, p: &PathBuf, f: &mut dyn FnMut(&Fs<B>, &Path) -> io::Result<usize>) -> Result<usize, i32> {
        let lp = lfs_path(p)?;
        let fs = self.mounted()?;
        // A fault recovery leaving `f` midway leaves `BUSY`: the next
        // interpreter mounts again.
        self.marker.store(BUSY, Relaxed);
        let r = f(fs, lp).map_err(errno);
        self.marker.store(IDLE, Relaxed);
        r
    }

    /// [`BoardFs::at`] with `path` resolved against the current directory.
    #[inline(never)]
    fn at_path(&mut self, path: &str, f: &mut dyn FnMut(&Fs<B>, &Path) -> io::Result<usize>) -> Result<usize, i32> {
        let p = self.cwd.resolve(path)?;
        self.at(&p, f)
    }

    /// `(is a directory, size)` of `p` (Err: missing).
    fn meta(&mut self, p: &PathBuf) -> Result<(bool, usize), i32> {
        let mut dir = false;
        let len = self.at(p, &mut |fs, lp| {
            let m = fs.metadata(lp)?;
            dir = m.is_dir();
            Ok(m.len())
        })?;
        Ok((dir, len))
    }

    /// `open(path, mode)`: `mode` is `r`, `w`, `a` or `x`, maybe with `+`.
    pub fn open(&mut self, path: &str, mode: &str) -> Result<usize, i32> {
        let p = self.cwd.resolve(path)?;
        let slot = table(|t| t.files.iter().position(|f| !f.used)).ok_or(EMFILE)?;
        let plus = mode.contains('+');
        let (read, write, create, truncate, excl, append) = match mode.as_bytes().first() {
            Some(b'r') => (true, plus, false, false, false, false),
            Some(b'w') => (plus, true, true, true, false, false),
            Some(b'a') => (plus, true, true, false, false, true),
            Some(b'x') => (plus, true, true, false, true, false),
            _ => return Err(EINVAL),
        };
        let mut o = OpenOptions::new();
        o.read(read).write(write).truncate(truncate);
        // (`create_new(false)` would clear `create` too.)
        if excl {
            o.create_new(true);
        } else {
            o.create(create);
        }
        self.at(&p, &mut |fs, lp| o.open_and_then(fs, lp, |_| Ok(0)))?;
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
            let mut o = OpenOptions::new();
            o.read(!write).write(write).append(append);
            self.at(&f.path, &mut |fs, lp| {
                o.open_and_then(fs, lp, |file| {
                    if !append {
                        file.seek(SeekFrom::Start(pos as u32))?;
                    }
                    let n = if write { file.write(data)? } else { file.read(buf)? };
                    pos = file.seek(SeekFrom::Current(0))?;
                    Ok(n)
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

    /// Reads file `path` from its start into `buf` (with one mount): how
    /// many bytes (fewer than `buf.len()` only at the end of the file).
    pub fn read_file(&mut self, path: &str, buf: &mut [u8]) -> Result<usize, i32> {
        self.at_path(path, &mut |fs, lp| OpenOptions::new().read(true).open_and_then(fs, lp, |file| file.read(buf)))
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
        let r = self.at(&d.path, &mut |fs, lp| {
            fs.read_dir_and_then(lp, |rd| {
                // littlefs lists `.` and `..` first.
                let Some(e) = rd.nth(index + 2) else { return Ok(0) };
                let e = e?;
                let n = e.file_name().as_str().as_bytes();
                let dst = name.get_mut(..n.len()).ok_or(io::Error::FILENAME_TOO_LONG)?;
                dst.copy_from_slice(n);
                found = true;
                Ok(n.len())
            })
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
        self.at(&p, &mut |fs, lp| fs.remove(lp).map(|()| 0)).map(drop)
    }

    /// Removes empty directory `path` (`ENOTDIR` for a file, `EINVAL` for
    /// the root).
    pub fn rmdir(&mut self, path: &str) -> Result<(), i32> {
        let p = self.dir_path(path)?;
        if p.is_root() {
            return Err(EINVAL);
        }
        self.at(&p, &mut |fs, lp| fs.remove(lp).map(|()| 0)).map(drop)
    }

    /// Creates directory `path`.
    pub fn mkdir(&mut self, path: &str) -> Result<(), i32> {
        self.at_path(path, &mut |fs, lp| fs.create_dir(lp).map(|()| 0)).map(drop)
    }

    /// Renames `from` to `to` (replacing a file there).
    pub fn rename(&mut self, from: &str, to: &str) -> Result<(), i32> {
        let t = self.cwd.resolve(to)?;
        let lt = lfs_path(&t)?;
        self.at_path(from, &mut |fs, lf| fs.rename(lf, lt).map(|()| 0)).map(drop)
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
        let free = self.at(&PathBuf::root(), &mut |fs, _| fs.available_blocks())? as u32;
        let bs = BLOCK_SIZE as u32;
        Ok([bs, bs, <RamDisk<B> as Storage>::BLOCK_COUNT as u32, free, free, 0, 0, 0, 0, 255])
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
