# MicroPython-specific: select.poll with a stream written in Python
# (its ioctl answers the poll request), io.IOBase as its base.
import io, select


class Stream(io.IOBase):
    def __init__(self, ready):
        self.ready = ready

    def ioctl(self, req, arg):
        if req == 3:  # MP_STREAM_POLL
            return arg & self.ready
        return -1


a = Stream(select.POLLIN)
b = Stream(0)
p = select.poll()
p.register(a, select.POLLIN)
p.register(b)
print([(s is a, ev) for s, ev in p.poll(0)])
p.modify(b, select.POLLOUT)
b.ready = select.POLLOUT
print(sorted((s is a, ev) for s, ev in p.ipoll(0)))
p.unregister(a)
print([(s is b, ev) for s, ev in p.poll(10)])
p.unregister(b)
print(p.poll(0))
print(select.POLLIN, select.POLLOUT, select.POLLERR, select.POLLHUP)
print(isinstance(a, io.IOBase))
