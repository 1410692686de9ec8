//! The line being edited: a fixed buffer with a cursor, and the editing
//! operations with the terminal output that shows them. Output follows
//! MicroPython's readline: the cursor moves left with `\b` (or `ESC [ n
//! D`), right by re-printing characters, and `ESC [ K` erases to the end
//! of the line when the line gets shorter. Columns count characters
//! (UTF-8 continuation bytes take none).

use crate::console::{move_back, Console};

/// Where a cursor or deletion key goes: [`LineBuf::edit`] moves the
/// cursor there or (with `CUT`) deletes up to it. Plain byte codes, so
/// the editor keeps each key's whole action in one byte of a table.
pub mod target {
    /// The start of the line (Home, Ctrl-A; Ctrl-U deletes to it).
    pub const START: u8 = 0;
    /// The end of the line (End, Ctrl-E; Ctrl-K deletes to it).
    pub const END: u8 = 1;
    /// The character before the cursor (Left, Ctrl-B; Backspace).
    pub const PREV: u8 = 2;
    /// The character after the cursor (Right, Ctrl-F; Delete, Ctrl-D).
    pub const NEXT: u8 = 3;
    /// The start of the word left of the cursor (Alt-B, Ctrl-Left; Ctrl-W).
    pub const WORD_LEFT: u8 = 4;
    /// The end of the word right of the cursor (Alt-F, Ctrl-Right; Alt-D).
    pub const WORD_RIGHT: u8 = 5;
    /// Added to a target: delete up to it instead of moving there.
    pub const CUT: u8 = 8;
}

/// A line of at most `L` bytes, always valid UTF-8 when only whole
/// characters are inserted.
#[derive(Clone, Debug)]
pub struct LineBuf<const L: usize> {
    buf: [u8; L],
    len: usize,
    cursor: usize,
}

impl<const L: usize> Default for LineBuf<L> {
    fn default() -> Self {
        LineBuf::new()
    }
}

fn is_cont(c: u8) -> bool {
    (0x80..0xc0).contains(&c)
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

/// Display columns of `s` (one per character).
#[cfg_attr(target_os = "none", inline(never))]
pub fn cols(s: &[u8]) -> usize {
    s.iter().filter(|&&c| !is_cont(c)).count()
}

impl<const L: usize> LineBuf<L> {
    /// An empty line.
    pub const fn new() -> LineBuf<L> {
        LineBuf { buf: [0; L], len: 0, cursor: 0 }
    }

    /// The line's bytes.
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn text(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    /// The bytes before the cursor.
    pub fn before_cursor(&self) -> &[u8] {
        &self.buf[..self.cursor]
    }

    /// The bytes from the cursor on.
    pub fn after_cursor(&self) -> &[u8] {
        &self.buf[self.cursor..self.len]
    }

    /// Cursor position in bytes.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// True when the line holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Empties the line (no output).
    pub fn clear(&mut self) {
        self.len = 0;
        self.cursor = 0;
    }

    /// Sets the content without output, cursor at the end; content past
    /// the capacity is dropped.
    pub fn set(&mut self, s: &[u8]) {
        let n = s.len().min(L);
        self.buf[..n].copy_from_slice(&s[..n]);
        self.len = n;
        self.cursor = n;
    }

    fn prev(&self, mut p: usize) -> usize {
        while p > 0 {
            p -= 1;
            if !is_cont(self.buf[p]) {
                break;
            }
        }
        p
    }

    fn next(&self, mut p: usize) -> usize {
        if p < self.len {
            p += 1;
            while p < self.len && is_cont(self.buf[p]) {
                p += 1;
            }
        }
        p
    }

    fn word_left_pos(&self) -> usize {
        let mut p = self.cursor;
        while p > 0 && !is_word(self.buf[p - 1]) {
            p -= 1;
        }
        while p > 0 && is_word(self.buf[p - 1]) {
            p -= 1;
        }
        p
    }

    fn word_right_pos(&self) -> usize {
        let mut p = self.cursor;
        while p < self.len && !is_word(self.buf[p]) {
            p += 1;
        }
        while p < self.len && is_word(self.buf[p]) {
            p += 1;
        }
        p
    }

    /// Removes bytes `a..b` (no output).
    fn remove(&mut self, a: usize, b: usize) {
        self.buf.copy_within(b..self.len, a);
        self.len -= b - a;
    }

    /// After an edit that removed text: the terminal cursor is `back`
    /// columns right of where the new cursor is. Moves back, erases the
    /// old tail and re-prints the rest of the line.
    fn redraw_shorter(&mut self, con: &mut dyn Console, back: usize) {
        move_back(con, back);
        con.write(b"\x1b[K");
        let rest = self.after_cursor();
        con.write(rest);
        move_back(con, cols(rest));
    }

    /// Inserts `s` (whole characters) at the cursor; false (and no change)
    /// when the line would exceed its capacity.
    pub fn insert(&mut self, con: &mut dyn Console, s: &[u8]) -> bool {
        if self.len + s.len() > L {
            return false;
        }
        let c = self.cursor;
        self.buf.copy_within(c..self.len, c + s.len());
        self.buf[c..c + s.len()].copy_from_slice(s);
        self.len += s.len();
        self.cursor += s.len();
        con.write(&self.buf[c..self.len]);
        move_back(con, cols(self.after_cursor()));
        true
    }

    /// Deletes bytes `a..b` (whole characters, `a <= cursor <= b`): the
    /// cursor goes to `a`, the terminal shows the shorter line. Every
    /// deleting key is one of these.
    fn cut(&mut self, con: &mut dyn Console, a: usize, b: usize) {
        if a == b {
            return;
        }
        let back = cols(&self.buf[a..self.cursor]);
        self.remove(a, b);
        self.cursor = a;
        self.redraw_shorter(con, back);
    }

    /// Moves the cursor to byte `p` (a character boundary): left by
    /// moving back, right by re-printing. Every moving key is one of
    /// these.
    fn move_to(&mut self, con: &mut dyn Console, p: usize) {
        if p < self.cursor {
            move_back(con, cols(&self.buf[p..self.cursor]));
        } else if p > self.cursor {
            con.write(&self.buf[self.cursor..p]);
        }
        self.cursor = p;
    }

    /// Where target `t` (a [`target`] code) is in the line.
    fn pos(&self, t: u8) -> usize {
        match t {
            target::START => 0,
            target::PREV => self.prev(self.cursor),
            target::NEXT => self.next(self.cursor),
            target::WORD_LEFT => self.word_left_pos(),
            target::WORD_RIGHT => self.word_right_pos(),
            _ => self.len,
        }
    }

    /// Moves the cursor to target `a & 7` (a [`target`] code) or, if `a`
    /// has [`target::CUT`], deletes the text between the cursor and it
    /// (one body for every cursor and deletion key; out of line on the
    /// boards, else the editor's key dispatch gets a copy of the position
    /// code).
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn edit(&mut self, con: &mut dyn Console, a: u8) {
        let p = self.pos(a & 7);
        if a & target::CUT == 0 {
            self.move_to(con, p);
        } else if p < self.cursor {
            self.cut(con, p, self.cursor);
        } else {
            self.cut(con, self.cursor, p);
        }
    }

    /// Replaces the whole line (history recall), cursor at the end.
    pub fn replace(&mut self, con: &mut dyn Console, s: &[u8]) {
        let old = cols(self.text());
        move_back(con, cols(self.before_cursor()));
        self.set(s);
        if cols(self.text()) < old {
            con.write(b"\x1b[K");
        }
        con.write(self.text());
    }
}
