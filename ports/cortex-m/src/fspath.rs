//! Paths on the board filesystem: a fixed-size, NUL-terminated absolute
//! path buffer, and the resolution of a script's path (relative to the
//! current directory, with `.`, `..`, repeated and trailing slashes) to
//! the normalised absolute form the filesystem is given (`/`, `/a/b`).
//! Board-independent, so unit-tested on the host.

/// Longest path in bytes (littlefs's limit for a whole path).
pub const PATH_MAX: usize = 255;

/// `ENOENT`: an empty path names nothing.
const ENOENT: i32 = 2;
/// `ENAMETOOLONG`.
const ENAMETOOLONG: i32 = 36;

/// A normalised absolute path, NUL-terminated in place.
#[derive(Clone)]
pub struct PathBuf {
    bytes: [u8; PATH_MAX + 1],
    len: usize,
}

impl Default for PathBuf {
    fn default() -> Self {
        Self::root()
    }
}

impl PathBuf {
    /// No path (all zero: a static of it is `.bss`).
    pub const fn empty() -> Self {
        PathBuf { bytes: [0; PATH_MAX + 1], len: 0 }
    }

    /// The root, `/`.
    pub const fn root() -> Self {
        let mut bytes = [0u8; PATH_MAX + 1];
        bytes[0] = b'/';
        PathBuf { bytes, len: 1 }
    }

    /// The path text (always valid UTF-8: built from `&str` pieces split
    /// at `/`).
    pub fn as_str(&self) -> &str {
        mpy_bytecode::utf8::str(self.bytes.get(..self.len).unwrap_or(&[])).unwrap_or("/")
    }

    /// The path with its terminating NUL.
    pub fn with_nul(&self) -> &[u8] {
        self.bytes.get(..=self.len).unwrap_or(&[0])
    }

    /// Is this the root?
    pub fn is_root(&self) -> bool {
        self.len == 1
    }

    /// Appends component `c` (UTF-8, no `/` in it).
    fn push(&mut self, c: &[u8]) -> Result<(), i32> {
        let sep = usize::from(!self.is_root());
        let end = self.len + sep + c.len();
        if end > PATH_MAX {
            return Err(ENAMETOOLONG);
        }
        if sep == 1 {
            self.bytes[self.len] = b'/';
        }
        self.bytes[self.len + sep..end].copy_from_slice(c);
        self.len = end;
        self.bytes[end] = 0;
        Ok(())
    }

    /// Drops the last component (the root stays the root).
    fn pop(&mut self) {
        let cut = self.bytes[..self.len].iter().rposition(|&b| b == b'/').unwrap_or(0);
        self.len = cut.max(1);
        self.bytes[self.len] = 0;
    }

    /// `path` resolved against this directory: absolute paths start from
    /// the root, `.` and empty components are skipped, `..` goes up (not
    /// above the root).
    ///
    /// Errors: `ENOENT` for an empty path, `ENAMETOOLONG`.
    pub fn resolve(&self, path: &str) -> Result<PathBuf, i32> {
        if path.is_empty() {
            return Err(ENOENT);
        }
        let mut out = if path.starts_with('/') { PathBuf::root() } else { self.clone() };
        // Components split at `/` (an ASCII byte: the pieces stay UTF-8),
        // in a byte loop: no `str::split` instance in this crate.
        let mut rest = path.as_bytes();
        loop {
            let end = rest.iter().position(|&b| b == b'/').unwrap_or(rest.len());
            match &rest[..end] {
                b"" | b"." => {}
                b".." => out.pop(),
                c => out.push(c)?,
            }
            if end == rest.len() {
                return Ok(out);
            }
            rest = &rest[end + 1..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn res(cwd: &str, p: &str) -> Result<alloc::string::String, i32> {
        let base = PathBuf::root().resolve(cwd)?;
        base.resolve(p).map(|b| alloc::string::String::from(b.as_str()))
    }

    #[test]
    fn resolves() {
        assert_eq!(res("/", "boot.py").as_deref(), Ok("/boot.py"));
        assert_eq!(res("/lib", "m.py").as_deref(), Ok("/lib/m.py"));
        assert_eq!(res("/lib", "/x//y/").as_deref(), Ok("/x/y"));
        assert_eq!(res("/a/b", "..").as_deref(), Ok("/a"));
        assert_eq!(res("/a", "../../..").as_deref(), Ok("/"));
        assert_eq!(res("/a", "./b/./c").as_deref(), Ok("/a/b/c"));
        assert_eq!(res("/", ".").as_deref(), Ok("/"));
        assert_eq!(res("/", ""), Err(ENOENT));
        let long = "x".repeat(300);
        assert_eq!(res("/", &long), Err(ENAMETOOLONG));
        let p = PathBuf::root().resolve("/ab").unwrap_or_default();
        assert_eq!(p.with_nul(), b"/ab\0");
    }
}
