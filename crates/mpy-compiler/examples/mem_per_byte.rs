//! Peak heap use of the compiler per source byte (allocator bytes held at
//! once, without allocator headers): `cargo run --release --example
//! mem_per_byte -- FILE...` prints, per file, its size, the peak while
//! parsing only, the peak of the whole compilation and the peak per source
//! byte. Run it for x86-64 and `--target i686-unknown-linux-gnu`;
//! `tools/compiler_mem.sh` runs it over tests/programs and mpremote's
//! mount hook.
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator unchanged; only counts sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let n = NOW.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(n, Relaxed);
        // SAFETY: the caller's layout is passed on unchanged.
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        NOW.fetch_sub(l.size(), Relaxed);
        // SAFETY: `p` came from `alloc` with this layout.
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        if new > l.size() {
            let n = NOW.fetch_add(new - l.size(), Relaxed) + new - l.size();
            PEAK.fetch_max(n, Relaxed);
        } else {
            NOW.fetch_sub(l.size() - new, Relaxed);
        }
        // SAFETY: as for `alloc`/`dealloc`.
        unsafe { System.realloc(p, l, new) }
    }
}

#[global_allocator]
static A: Counting = Counting;

/// Peak bytes allocated (above what was held before) while running `f`.
fn peak<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let base = NOW.load(Relaxed);
    PEAK.store(base, Relaxed);
    let r = f();
    (PEAK.load(Relaxed) - base, r)
}

fn main() {
    println!(
        "{:<28} {:>7} {:>9} {:>9} {:>7}",
        "file", "bytes", "parse", "compile", "B/byte"
    );
    let mut total = (0usize, 0usize);
    for path in std::env::args().skip(1) {
        let src = std::fs::read(&path).unwrap_or_default();
        let name = path.rsplit('/').next().unwrap_or(&path).to_string();
        let (p, _) = peak(|| mpy_compiler::parse(&src, &name, mpy_compiler::Mode::Exec).is_ok());
        let opts = mpy_compiler::CompileOptions::DEFAULT;
        let (c, ok) = peak(|| mpy_compiler::compile(&src, &name, &opts).is_ok());
        let per = c as f64 / src.len().max(1) as f64;
        println!(
            "{:<28} {:>7} {:>9} {:>9} {:>7.1}{}",
            name,
            src.len(),
            p,
            c,
            per,
            if ok { "" } else { " (error)" }
        );
        total.0 += src.len();
        total.1 = total.1.max((per * 10.0) as usize);
    }
    println!("max B/byte {:.1}", total.1 as f64 / 10.0);
}
