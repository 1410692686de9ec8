# MicroPython-specific: a filesystem written in Python, mounted with
# os.mount: os functions, open() and import go through it.
import os, io, sys


class MemFS:
    def __init__(self, files):
        self.files = files
        self.path = '/'

    def _abs(self, p):
        p = p if p.startswith('/') else self.path + p
        return p.rstrip('/') or '/'

    def mount(self, readonly, mkfs):
        print('mount', readonly, mkfs)

    def umount(self):
        print('umount')

    def chdir(self, p):
        self.path = self._abs(p).rstrip('/') + '/'

    def getcwd(self):
        return self.path

    def stat(self, p):
        p = self._abs(p)
        if p in self.files:
            return (0x8000, 0, 0, 0, 0, 0, len(self.files[p]), 0, 0, 0)
        if p == '/' or any(k.startswith(p + '/') for k in self.files):
            return (0x4000, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        raise OSError(2)

    def ilistdir(self, p):
        p = self._abs(p).rstrip('/') + '/'
        names = sorted(set(k[len(p):].split('/')[0] for k in self.files if k.startswith(p)))
        return iter([(n, 0x8000 if p + n in self.files else 0x4000, 0) for n in names])

    def open(self, p, mode):
        data = self.files[self._abs(p)]
        return io.StringIO(data) if 'b' not in mode else io.BytesIO(data.encode())

    def mkdir(self, p):
        print('mkdir', self._abs(p))

    def remove(self, p):
        print('remove', self._abs(p))


fs = MemFS({'/m.py': 'print("m runs", __name__)\nX = 42\n', '/pkg/__init__.py': 'Y = 7\n', '/data.txt': 'abc\n'})
os.mount(fs, '/mem')
print(os.stat('/mem/data.txt')[0], os.stat('/mem/data.txt')[6], os.stat('/mem')[0])
print(os.listdir('/mem'))
print(list(os.ilistdir('/mem/pkg')))
print(open('/mem/data.txt').read())
sys.path.insert(0, '/mem')
import m
print(m.X, m.__file__)
os.chdir('/mem')
print(os.getcwd())
import pkg
print(pkg.Y)
print(open('data.txt', 'rb').read())
os.mkdir('newdir')
os.remove('/mem/data.txt')
try:
    os.mount(fs, '/mem')
except OSError as e:
    print('OSError', e.args[0])
os.umount('/mem')
print(os.getcwd() == '/mem')
try:
    os.umount('/mem')
except OSError as e:
    print('OSError', e.args[0])
