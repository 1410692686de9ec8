# os.statvfs: ten integer fields of the filesystem holding the path, in
# os.statvfs_result order.
import os

s = os.statvfs(".")
print(len(s), all(isinstance(x, int) for x in s))
bsize, frsize, blocks, bfree, bavail = s[0], s[1], s[2], s[3], s[4]
print(bsize > 0, frsize > 0, blocks > 0, blocks >= bfree >= bavail >= 0, s[9] > 0)
