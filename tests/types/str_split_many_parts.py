# str.split with results around the size kept on the stack (16 parts),
# empty parts, whitespace runs, limits and non-ASCII text.
for n in (1, 2, 15, 16, 17, 33, 100):
    t = ",".join(str(i) for i in range(n))
    p = t.split(",")
    print(n, len(p), p[:3], p[-3:])
    w = "  ".join("w%d" % i for i in range(n))
    q = w.split()
    print(len(q), q[-2:], len(w.split(" ")), len(w.split("  ")))
print("a,b,,c,".split(","), " a ".split(" "), ",".split(","), "".split(","), "".split())
print("a b  c\td\n e".split(), "a b  c".split(" ", 2), "a b  c".split(None, 1))
print("x::y::::z".split("::"), "abcabc".split("abc"), "a,b,c,d".split(",", 0))
print(["%d" % len(s) for s in "h\u00e9llo w\u00f6rld \u00fcn\u00ef".split()])
print(["%d" % len(s) for s in "h\u00e9llo,w\u00f6rld".split(",")], len("a\u00e9b".split("\u00e9")))
words = ("the cat and the dog and the bird " * 5).split()
print(len(words), words.count("the"), words[0] is words[0])
print(sorted(set(words)))
