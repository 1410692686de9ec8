//! The modules frozen into this binary at build time (`build.rs` compiles
//! the entries of `ports/unix/manifest.txt` into static tables); `import`
//! finds them through `sys.path`'s `.frozen` entry.

include!(concat!(env!("OUT_DIR"), "/frozen.rs"));
