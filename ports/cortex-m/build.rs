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
    )
}
