//! MicroPython's fixed list of static qstrs, as used by `.mpy` v6.3 files:
//! a qstr entry with odd length field L refers to static id `L >> 1`.
//!
//! The table was recovered from the official `mpy-cross` 1.29 by
//! `tools/recover_static_qstrs.py` (all 165 ids found): ids run 1..=165 and
//! `STATIC_QSTRS[id - 1]` is the string.

/// Number of static qstrs (ids 1..=STATIC_QSTR_COUNT).
pub const STATIC_QSTR_COUNT: u16 = 165;

/// The static qstr strings in id order: `STATIC_QSTRS[id - 1]` (a
/// constant: the image holds them as `TEXT` and `OFFS`, 2 bytes a
/// string instead of an 8-byte `&str`).
pub const STATIC_QSTRS: [&str; 165] = [
    "",                    // 1
    "__dir__",             // 2
    "\n",                  // 3
    " ",                   // 4
    "*",                   // 5
    "/",                   // 6
    "<module>",            // 7
    "_",                   // 8
    "__call__",            // 9
    "__class__",           // 10
    "__delitem__",         // 11
    "__enter__",           // 12
    "__exit__",            // 13
    "__getattr__",         // 14
    "__getitem__",         // 15
    "__hash__",            // 16
    "__init__",            // 17
    "__int__",             // 18
    "__iter__",            // 19
    "__len__",             // 20
    "__main__",            // 21
    "__module__",          // 22
    "__name__",            // 23
    "__new__",             // 24
    "__next__",            // 25
    "__qualname__",        // 26
    "__repr__",            // 27
    "__setitem__",         // 28
    "__str__",             // 29
    "ArithmeticError",     // 30
    "AssertionError",      // 31
    "AttributeError",      // 32
    "BaseException",       // 33
    "EOFError",            // 34
    "Ellipsis",            // 35
    "Exception",           // 36
    "GeneratorExit",       // 37
    "ImportError",         // 38
    "IndentationError",    // 39
    "IndexError",          // 40
    "KeyError",            // 41
    "KeyboardInterrupt",   // 42
    "LookupError",         // 43
    "MemoryError",         // 44
    "NameError",           // 45
    "NoneType",            // 46
    "NotImplementedError", // 47
    "OSError",             // 48
    "OverflowError",       // 49
    "RuntimeError",        // 50
    "StopIteration",       // 51
    "SyntaxError",         // 52
    "SystemExit",          // 53
    "TypeError",           // 54
    "ValueError",          // 55
    "ZeroDivisionError",   // 56
    "abs",                 // 57
    "all",                 // 58
    "any",                 // 59
    "append",              // 60
    "args",                // 61
    "bool",                // 62
    "builtins",            // 63
    "bytearray",           // 64
    "bytecode",            // 65
    "bytes",               // 66
    "callable",            // 67
    "chr",                 // 68
    "classmethod",         // 69
    "clear",               // 70
    "close",               // 71
    "const",               // 72
    "copy",                // 73
    "count",               // 74
    "dict",                // 75
    "dir",                 // 76
    "divmod",              // 77
    "end",                 // 78
    "endswith",            // 79
    "eval",                // 80
    "exec",                // 81
    "extend",              // 82
    "find",                // 83
    "format",              // 84
    "from_bytes",          // 85
    "get",                 // 86
    "getattr",             // 87
    "globals",             // 88
    "hasattr",             // 89
    "hash",                // 90
    "id",                  // 91
    "index",               // 92
    "insert",              // 93
    "int",                 // 94
    "isalpha",             // 95
    "isdigit",             // 96
    "isinstance",          // 97
    "islower",             // 98
    "isspace",             // 99
    "issubclass",          // 100
    "isupper",             // 101
    "items",               // 102
    "iter",                // 103
    "join",                // 104
    "key",                 // 105
    "keys",                // 106
    "len",                 // 107
    "list",                // 108
    "little",              // 109
    "locals",              // 110
    "lower",               // 111
    "lstrip",              // 112
    "main",                // 113
    "map",                 // 114
    "micropython",         // 115
    "next",                // 116
    "object",              // 117
    "open",                // 118
    "ord",                 // 119
    "pop",                 // 120
    "popitem",             // 121
    "pow",                 // 122
    "print",               // 123
    "range",               // 124
    "read",                // 125
    "readinto",            // 126
    "readline",            // 127
    "remove",              // 128
    "replace",             // 129
    "repr",                // 130
    "reverse",             // 131
    "rfind",               // 132
    "rindex",              // 133
    "round",               // 134
    "rsplit",              // 135
    "rstrip",              // 136
    "self",                // 137
    "send",                // 138
    "sep",                 // 139
    "set",                 // 140
    "setattr",             // 141
    "setdefault",          // 142
    "sort",                // 143
    "sorted",              // 144
    "split",               // 145
    "start",               // 146
    "startswith",          // 147
    "staticmethod",        // 148
    "step",                // 149
    "stop",                // 150
    "str",                 // 151
    "strip",               // 152
    "sum",                 // 153
    "super",               // 154
    "throw",               // 155
    "to_bytes",            // 156
    "tuple",               // 157
    "type",                // 158
    "update",              // 159
    "upper",               // 160
    "utf-8",               // 161
    "value",               // 162
    "values",              // 163
    "write",               // 164
    "zip",                 // 165
];

/// Bytes of all static qstr strings.
const TEXT_LEN: usize = {
    let mut n = 0;
    let mut i = 0;
    while i < STATIC_QSTRS.len() {
        n += STATIC_QSTRS[i].len();
        i += 1;
    }
    n
};

/// The static qstr strings back to back, in id order.
static TEXT: [u8; TEXT_LEN] = {
    let mut t = [0u8; TEXT_LEN];
    let (mut i, mut k) = (0, 0);
    while i < STATIC_QSTRS.len() {
        let b = STATIC_QSTRS[i].as_bytes();
        let mut j = 0;
        while j < b.len() {
            t[k] = b[j];
            k += 1;
            j += 1;
        }
        i += 1;
    }
    t
};

/// Where static qstr `id` starts in [`TEXT`] (`OFFS[id - 1]`) and ends
/// (`OFFS[id]`).
static OFFS: [u16; 166] = {
    let mut o = [0u16; 166];
    let mut i = 0;
    while i < STATIC_QSTRS.len() {
        o[i + 1] = o[i] + STATIC_QSTRS[i].len() as u16;
        i += 1;
    }
    o
};

/// The bytes of static qstr `i + 1`.
fn text(i: usize) -> Option<&'static [u8]> {
    let (a, b) = (*OFFS.get(i)?, *OFFS.get(i + 1)?);
    TEXT.get(usize::from(a)..usize::from(b))
}

/// The string of static qstr `id` (1..=165), `None` for other ids.
pub fn static_qstr_str(id: u16) -> Option<&'static str> {
    crate::utf8::str(text(usize::from(id).checked_sub(1)?)?)
}

/// The static id of `s`, if `s` is one of MicroPython's static qstrs.
pub fn static_qstr_id(s: &str) -> Option<u16> {
    // The list is short; a linear scan keeps this table-only and allocation free.
    (0..STATIC_QSTRS.len())
        .position(|i| text(i) == Some(s.as_bytes()))
        .and_then(|i| u16::try_from(i + 1).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_ids() {
        assert_eq!(STATIC_QSTRS.len(), usize::from(STATIC_QSTR_COUNT));
        assert_eq!(static_qstr_id(""), Some(1));
        assert_eq!(static_qstr_id("<module>"), Some(7));
        assert_eq!(static_qstr_id("__init__"), Some(17));
        assert_eq!(static_qstr_id("print"), Some(123));
        assert_eq!(static_qstr_id("range"), Some(124));
        assert_eq!(static_qstr_id("zip"), Some(165));
        assert_eq!(static_qstr_id("<lambda>"), None);
        assert_eq!(static_qstr_id("f"), None);
        assert_eq!(static_qstr_str(0), None);
        assert_eq!(static_qstr_str(1), Some(""));
        assert_eq!(static_qstr_str(165), Some("zip"));
        assert_eq!(static_qstr_str(166), None);
    }

    #[test]
    fn unique_and_roundtrip() {
        for id in 1..=STATIC_QSTR_COUNT {
            let s = static_qstr_str(id).unwrap_or("?missing?");
            assert_eq!(static_qstr_id(s), Some(id), "{s:?}");
        }
    }
}
