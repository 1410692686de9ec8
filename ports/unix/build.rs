//! Freezes the modules listed in `manifest.txt` into the binary (see the
//! `mpy-freeze` crate for the manifest format): `$OUT_DIR/frozen.rs`, a
//! `static FROZEN: &[FrozenModule]` whose bytecode and strings are
//! `'static` data the VM runs in place.

use std::path::PathBuf;

fn main() -> Result<(), String> {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let root = manifest_dir.join("../..");
    let manifest = manifest_dir.join("manifest.txt");
    mpy_freeze::freeze(
        &[manifest],
        &root,
        mpy_freeze::target_small_int_bits(),
        "Modules frozen from ports/unix/manifest.txt.",
    )
}
