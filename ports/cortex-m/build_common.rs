// Shared by the board crates' build scripts (`include!`d): the heap-size
// build setting and the linker-script plumbing for cortex-m-rt.

/// Writes `$OUT_DIR/config.rs` (`HEAP_SIZE` from the `MPY_HEAPSIZE`
/// environment variable, e.g. `16K` or `150000`, else `default_heap`;
/// `ARENA_SIZE` likewise from `MPY_ARENASIZE` or `default_arena`,
/// `FS_SIZE` from `MPY_FSSIZE` or `default_fs`) and,
/// for the bare-metal target, puts `memory.x` (and an empty `device.x`) on
/// the linker path and links with cortex-m-rt's `link.x`.
fn configure(default_heap: usize, default_arena: usize, default_fs: usize) {
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    println!("cargo:rerun-if-env-changed=MPY_HEAPSIZE");
    println!("cargo:rerun-if-env-changed=MPY_ARENASIZE");
    println!("cargo:rerun-if-env-changed=MPY_FSSIZE");
    println!("cargo:rerun-if-changed=memory.x");
    // The banner's build date (`mpy_cortex_m::banner!`).
    println!("cargo:rerun-if-env-changed=MPY_BUILD_DATE");
    let date = std::env::var("MPY_BUILD_DATE").unwrap_or_else(|_| String::from("2026-11-21"));
    println!("cargo:rustc-env=MPY_BANNER_DATE={date}");
    let heap = match std::env::var("MPY_HEAPSIZE") {
        Ok(s) => parse_size(&s).unwrap_or_else(|| panic!("MPY_HEAPSIZE={s}: expected bytes, e.g. 16K or 150000")),
        Err(_) => default_heap,
    };
    let arena = match std::env::var("MPY_ARENASIZE") {
        Ok(s) => parse_size(&s).unwrap_or_else(|| panic!("MPY_ARENASIZE={s}: expected bytes, e.g. 32K")),
        Err(_) => default_arena,
    };
    let fs = match std::env::var("MPY_FSSIZE") {
        Ok(s) => parse_size(&s).unwrap_or_else(|| panic!("MPY_FSSIZE={s}: expected bytes, e.g. 16K")),
        Err(_) => default_fs,
    };
    let config = format!(
        "/// Bytes of the static gc heap region (build setting `MPY_HEAPSIZE`).\npub const HEAP_SIZE: usize = {heap};\n\
         /// Bytes of the global allocator's arena (build setting `MPY_ARENASIZE`).\npub const ARENA_SIZE: usize = {arena};\n\
         /// Bytes of the filesystem's RAM region (build setting `MPY_FSSIZE`).\npub const FS_SIZE: usize = {fs};\n"
    );
    std::fs::write(out.join("config.rs"), config).unwrap_or_else(|e| panic!("write config.rs: {e}"));
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("none") {
        std::fs::copy("memory.x", out.join("memory.x")).unwrap_or_else(|e| panic!("copy memory.x: {e}"));
        // cortex-m-rt's `device` feature includes `device.x` (a PAC's
        // handler names): the boards define their `__INTERRUPTS` table
        // themselves, all entries `DefaultHandler`, so it is empty.
        std::fs::write(out.join("device.x"), "/* no named interrupt handlers */\n")
            .unwrap_or_else(|e| panic!("write device.x: {e}"));
        println!("cargo:rustc-link-search={}", out.display());
        println!("cargo:rustc-link-arg-bins=-Tlink.x");
        // Identical code folding: functions whose machine code came out
        // byte-identical (small closures, shims, the same generic body
        // instantiated for two crates, outlined sequences) are kept once
        // (-428 B on netduinoplus2 `basic`). Rust makes no promise that
        // distinct functions have distinct addresses (LLVM merges them
        // too) and nothing here compares function pointers; `all`, since
        // rustc emits no address-significance tables for `safe` to use
        // (`--icf=safe` folded nothing). lld folds only code this way, not
        // read-only data (statics keep their own addresses).
        println!("cargo:rustc-link-arg-bins=--icf=all");
        // Input sections (one per function and static) placed by
        // decreasing alignment within each output section, so that few
        // alignment gaps remain between them (-408 B of .text, -200 B of
        // .rodata on netduinoplus2 `full`). Only the order inside each of
        // link.x's input patterns changes, never the order of the patterns
        // (vector table, .Reset first, ...).
        println!("cargo:rustc-link-arg-bins=--sort-section=alignment");
    }
}

/// `"16K"` -> 16384, `"1M"` -> 1048576, `"1000"` -> 1000.
fn parse_size(s: &str) -> Option<usize> {
    let s = s.trim();
    let (num, mul) = match s.as_bytes().last()? {
        b'k' | b'K' => (&s[..s.len() - 1], 1024),
        b'm' | b'M' => (&s[..s.len() - 1], 1024 * 1024),
        _ => (s, 1),
    };
    num.parse::<usize>().ok()?.checked_mul(mul)
}
