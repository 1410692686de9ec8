# hashlib.sha256: one-shot, incremental, from memoryview slices.
import hashlib
print(hashlib.sha256(b'abc').digest())
print(hashlib.sha256().digest())
h = hashlib.sha256()
data = bytearray(bytes(range(256)) * 4)
mv = memoryview(data)
for i in range(0, len(data), 100):
    h.update(mv[i:i + 100])
print(h.digest())
print(hashlib.sha256(bytes(data)).digest() == hashlib.sha256(data).digest())
h = hashlib.sha256(b'x' * 1000)
h.update(b'')
print(len(h.digest()))
