# skip-test
"""A minimal GDB remote-protocol client for QEMU's gdbstub, to inject
faults into a running firmware (tests of the HardFault handler).

    g = Gdb(port)
    g.halt_in_thread_mode()      # stop the CPU outside any interrupt handler
    g.set_reg(PC, 0x30000000)    # e.g. jump to unmapped memory
    g.detach()                   # let it run (and fault)
"""
import socket
import time

SP, LR, PC, XPSR = 13, 14, 15, 25


class Gdb:
    def __init__(self, port, timeout=10):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.buf = b""

    def _send(self, data):
        pkt = b"$" + data + b"#%02x" % (sum(data) & 0xFF)
        self.sock.sendall(pkt)

    def _recv_packet(self):
        while True:
            start = self.buf.find(b"$")
            end = self.buf.find(b"#", start + 1) if start >= 0 else -1
            if start >= 0 and end >= 0 and len(self.buf) >= end + 3:
                data = self.buf[start + 1:end]
                self.buf = self.buf[end + 3:]
                self.sock.sendall(b"+")
                return data
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("gdbstub closed")
            self.buf += chunk

    def cmd(self, data):
        """Sends a packet and returns the reply's payload."""
        self._send(data)
        return self._recv_packet()

    def halt(self):
        self.sock.sendall(b"\x03")
        return self._recv_packet()

    def reg(self, n):
        raw = bytes.fromhex(self.cmd(b"p%x" % n).decode())
        return int.from_bytes(raw[:4], "little")

    def set_reg(self, n, value):
        """Sets core register `n` (r0-r15) by rewriting the register block
        (QEMU 7.2's ARM stub does not take single-register writes)."""
        regs = bytearray.fromhex(self.cmd(b"g").decode())
        regs[n * 4:n * 4 + 4] = value.to_bytes(4, "little")
        reply = self.cmd(b"G" + regs.hex().encode())
        if reply != b"OK":
            raise RuntimeError("gdbstub refused to set register %d: %r" % (n, reply))

    def resume(self):
        self._send(b"c")

    def halt_in_thread_mode(self, tries=50):
        """Halts the CPU at a moment it is not in an exception handler."""
        self.halt()
        for _ in range(tries):
            if self.reg(XPSR) & 0x1FF == 0:
                return
            self.resume()
            time.sleep(0.01)
            self.halt()
        raise RuntimeError("CPU always in handler mode")

    def detach(self):
        try:
            self.cmd(b"D")
        finally:
            self.sock.close()
