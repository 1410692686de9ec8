//! The raw REPL (Ctrl-A) and raw-paste mode, the machine protocol of
//! `mpremote`, `pyboard.py` and Thonny (spec/repl-protocol.md).
//!
//! Raw REPL: `raw REPL; CTRL-B to exit\r\n` then `>`; input is collected
//! without echo until Ctrl-D, answered with `OK`, then the command's
//! output, `\x04`, its exception (if any), `\x04` and the next `>`.
//! Ctrl-D on an empty command soft resets (`OK\r\n`, then the port's
//! `MPY: soft reboot\r\n` and the raw banner again); Ctrl-C clears the
//! command; Ctrl-B goes back to the friendly REPL; Ctrl-A re-prints the
//! banner, unless the command so far is `\x05` and one byte, which
//! requests raw-paste mode (`\x05A\x01`).
//!
//! Raw-paste: the device answers `R\x01`, the window size (2 bytes, little
//! endian: 128) and `\x01` (a first window), then one `\x01` each time it
//! has consumed a whole window; `\x04` from the host ends the data and is
//! echoed, then the command runs with the same `\x04` framing (no `OK`).
//! Without the `interactive` feature (no compiler to run the code) the
//! request is answered `R\x00`, "not supported".

use crate::interp::{ExecMode, Interpreter};
use crate::pyexec::{exec, Flow};
use crate::src_buf::SrcBuf;
use crate::{Console, Mode, Repl};

/// The raw-paste window: bytes the host may send per `\x01` received.
pub const RAW_PASTE_WINDOW: u16 = 128;

/// The raw REPL banner.
pub const RAW_BANNER: &[u8] = b"raw REPL; CTRL-B to exit\r\n";

impl<const L: usize, const H: usize> Repl<L, H> {
    /// Runs the raw REPL until it switches mode, resets or input ends.
    pub(crate) fn raw(&mut self, con: &mut dyn Console, interp: &mut dyn Interpreter) -> Flow {
        con.write(RAW_BANNER);
        let mut src = SrcBuf::new();
        'command: loop {
            con.write(b">");
            src.clear();
            loop {
                let Some(c) = con.read_byte() else { return Flow::Eof };
                match c {
                    0x01 => {
                        if src.bytes.len() == 2 && src.bytes[0] == 0x05 {
                            // (Without `interactive`, "not supported":
                            // the host falls back to the raw REPL.)
                            #[cfg(feature = "interactive")]
                            if src.bytes[1] == b'A' {
                                match self.raw_paste(con, interp) {
                                    Flow::Continue => {}
                                    f => return f,
                                }
                                continue 'command;
                            }
                            con.write(b"R\x00");
                        } else {
                            con.write(b"\r\n");
                            con.write(RAW_BANNER);
                        }
                        continue 'command;
                    }
                    0x02 => {
                        con.write(b"\r\n");
                        self.mode = Mode::Friendly;
                        return Flow::Switch;
                    }
                    0x03 => src.clear(),
                    0x04 => break,
                    c => src.push(&[c]),
                }
            }
            con.write(b"OK");
            if src.is_empty() {
                con.write(b"\r\n");
                return Flow::SoftReset;
            }
            match exec(con, interp, &src, ExecMode::File, true, self.quit_allowed) {
                Flow::Continue => {}
                f => return f,
            }
        }
    }

    #[cfg(feature = "interactive")]
    /// Raw-paste mode, after `\x05A\x01`.
    fn raw_paste(&mut self, con: &mut dyn Console, interp: &mut dyn Interpreter) -> Flow {
        con.write(b"R\x01");
        con.write(&RAW_PASTE_WINDOW.to_le_bytes());
        con.write(b"\x01");
        let mut src = SrcBuf::new();
        let mut in_window: u16 = 0;
        loop {
            let Some(c) = con.read_byte() else { return Flow::Eof };
            match c {
                0x04 => {
                    con.write(b"\x04");
                    break;
                }
                0x03 => {
                    // Abandoned by the host: end the data early and report
                    // the interruption in the usual framing.
                    con.write(b"\x04\x04KeyboardInterrupt: \r\n\x04");
                    return Flow::Continue;
                }
                c => {
                    src.push(&[c]);
                    in_window += 1;
                    if in_window == RAW_PASTE_WINDOW {
                        con.write(b"\x01");
                        in_window = 0;
                    }
                }
            }
        }
        exec(con, interp, &src, ExecMode::File, true, self.quit_allowed)
    }
}
