# An operating-system scheduler simulation in the style of the Richards
# benchmark: prioritised tasks (idle, worker, two handlers, two devices)
# exchange packets through queues; a task can be waiting, held or runnable.
# Scale: number of idle-task iterations (default 2000).
import sys


def parse_scale(default):
    if len(sys.argv) > 1:
        return int(sys.argv[1])
    return default


IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = range(6)
KIND_DEVICE, KIND_WORK = 0, 1


class Packet:
    def __init__(self, link, owner, kind):
        self.link = link
        self.owner = owner
        self.kind = kind
        self.value = 0
        self.data = [0, 0, 0, 0]

    def append_to(self, queue):
        self.link = None
        if queue is None:
            return self
        p = queue
        while p.link is not None:
            p = p.link
        p.link = self
        return queue


class Task:
    def __init__(self, system, ident, priority, queue, runnable):
        self.system = system
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.held = False
        self.waiting = not runnable
        self.counter = 0
        system.add(self)

    def ready(self):
        return not self.held and (self.queue is not None or not self.waiting)

    def take_packet(self):
        p = self.queue
        self.queue = p.link
        return p

    def receive(self, packet):
        self.queue = packet.append_to(self.queue)
        self.waiting = False


class IdleTask(Task):
    def __init__(self, system, count):
        Task.__init__(self, system, IDLE, 0, None, True)
        self.seed = 1
        self.count = count

    def step(self, packet):
        self.count -= 1
        if self.count == 0:
            self.system.halt = True
            return None
        if self.seed & 1:
            self.seed = (self.seed >> 1) ^ 0xD008
            return self.system.release(DEVICE_B)
        self.seed >>= 1
        return self.system.release(DEVICE_A)


class WorkerTask(Task):
    def __init__(self, system, queue):
        Task.__init__(self, system, WORKER, 1000, queue, False)
        self.dest = HANDLER_A
        self.letter = 0

    def step(self, packet):
        if packet is None:
            return self.system.wait()
        self.dest = HANDLER_B if self.dest == HANDLER_A else HANDLER_A
        packet.owner = self.dest
        packet.value = 0
        for i in range(4):
            self.letter = self.letter % 26 + 1
            packet.data[i] = self.letter
        return self.system.send(packet)


class HandlerTask(Task):
    def __init__(self, system, ident, queue, device):
        Task.__init__(self, system, ident, 2000 + ident, queue, False)
        self.device = device
        self.work = None
        self.devq = None

    def step(self, packet):
        if packet is not None:
            if packet.kind == KIND_WORK:
                self.work = packet.append_to(self.work)
            else:
                self.devq = packet.append_to(self.devq)
        if self.work is not None:
            w = self.work
            if w.value < 4:
                if self.devq is not None:
                    d = self.devq
                    self.devq = d.link
                    d.value = w.data[w.value]
                    w.value += 1
                    d.owner = self.device
                    return self.system.send(d)
            else:
                self.work = w.link
                w.owner = WORKER
                return self.system.send(w)
        return self.system.wait()


class DeviceTask(Task):
    def __init__(self, system, ident):
        Task.__init__(self, system, ident, 4000 + ident, None, False)
        self.pending = None
        self.output = []

    def step(self, packet):
        if packet is None:
            if self.pending is None:
                return self.system.wait()
            p = self.pending
            self.pending = None
            p.owner = HANDLER_A if self.ident == DEVICE_A else HANDLER_B
            return self.system.send(p)
        self.pending = packet
        self.output.append(packet.value)
        return self.system.hold_self()


class System:
    def __init__(self):
        self.tasks = {}
        self.order = []
        self.current = None
        self.halt = False
        self.switches = 0
        self.sends = 0

    def add(self, task):
        self.tasks[task.ident] = task
        self.order.append(task)
        self.order.sort(key=lambda t: -t.priority)

    def release(self, ident):
        t = self.tasks[ident]
        t.held = False
        return t if t.priority > self.current.priority else self.current

    def wait(self):
        self.current.waiting = True
        return self.current

    def hold_self(self):
        self.current.held = True
        return None

    def send(self, packet):
        self.sends += 1
        t = self.tasks[packet.owner]
        packet.owner = self.current.ident
        t.receive(packet)
        return t if t.priority > self.current.priority else self.current

    def run(self):
        while not self.halt:
            task = None
            for t in self.order:
                if t.ready():
                    task = t
                    break
            if task is None:
                break
            self.current = task
            self.switches += 1
            packet = task.take_packet() if task.queue is not None else None
            task.counter += 1
            task.step(packet)


def build(count):
    s = System()
    IdleTask(s, count)
    wq = Packet(None, WORKER, KIND_WORK)
    wq = Packet(wq, WORKER, KIND_WORK)
    WorkerTask(s, wq)
    for ident, dev in ((HANDLER_A, DEVICE_A), (HANDLER_B, DEVICE_B)):
        q = Packet(None, ident, KIND_DEVICE)
        q = Packet(q, ident, KIND_DEVICE)
        q = Packet(q, ident, KIND_DEVICE)
        HandlerTask(s, ident, q, dev)
    DeviceTask(s, DEVICE_A)
    DeviceTask(s, DEVICE_B)
    return s


def main():
    count = parse_scale(2000)
    s = build(count)
    s.run()
    names = ['idle', 'worker', 'handlerA', 'handlerB', 'deviceA', 'deviceB']
    print('switches:', s.switches, 'sends:', s.sends)
    for t in sorted(s.order, key=lambda t: t.ident):
        print('  %-9s priority %4d steps %6d' % (names[t.ident], t.priority, t.counter))
    for ident in (DEVICE_A, DEVICE_B):
        out = s.tasks[ident].output
        print('device %d wrote %d values, checksum %d, first %s'
              % (ident, len(out), sum(v * (i + 1) for i, v in enumerate(out)) % 1000003, out[:8]))


main()
