//! Freezes the boards' modules into the firmware: `manifest.txt` (shared
//! by every board with the `time` module: presets `basic` and `full`) and,
//! for test and benchmark images, the extra manifest
//! named by the `MPY_FROZEN_MANIFEST` environment variable (a path
//! relative to the repository root). See the `mpy-freeze` crate.

use std::path::PathBuf;

fn main() -> Result<(), String> {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let root = manifest_dir.join("../..");
    // manifest.txt's `bench` needs `time`: images without it (the
    // `minimal` preset) do not freeze it.
    let mut manifests = Vec::new();
    if std::env::var_os("CARGO_FEATURE_FULL").is_some() || std::env::var_os("CARGO_FEATURE_BASIC").is_some() {
        manifests.push(manifest_dir.join("manifest.txt"));
    }
    println!("cargo:rerun-if-env-changed=MPY_FROZEN_MANIFEST");
    if let Ok(extra) = std::env::var("MPY_FROZEN_MANIFEST") {
        if !extra.is_empty() {
            manifests.push(root.join(extra));
        }
    }
    mpy_freeze::freeze(
        &manifests,
        &root,
        mpy_freeze::target_small_int_bits(),
        "Modules frozen from ports/cortex-m/manifest.txt (and $MPY_FROZEN_MANIFEST).",
    )?;
    // Whether a `_boot.py` is among them, as a constant: without one the
    // boot code that imports it is not linked.
    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?);
    let frozen = std::fs::read_to_string(out.join("frozen.rs")).map_err(|e| e.to_string())?;
    let has_boot = frozen.contains("path: \"_boot.py\",");
    std::fs::write(
        out.join("frozen_boot.rs"),
        format!("/// Whether a frozen `_boot.py` exists.\nconst HAS_BOOT: bool = {has_boot};\n"),
    )
    .map_err(|e| e.to_string())
}
