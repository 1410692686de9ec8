# Word frequency count over deterministically generated text: a linear
# congruential generator picks words from a vocabulary with a skewed
# distribution; we count words, bigrams and letters, and print reports.
# Scale: number of words generated (default 5000).
import sys


def parse_scale(default):
    if len(sys.argv) > 1:
        return int(sys.argv[1])
    return default


class LCG:
    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (self.state * 1103515245 + 12345) & 0x7FFFFFFF
        return self.state

    def below(self, n):
        return self.next() % n


VOCAB = ('the of and to in is was that for on with as by at from his her '
         'it an be this which or are had not but were have they one all '
         'river mountain forest city harbor lantern signal quiet engine '
         'copper garden winter summer market bridge stone window letter').split()


def generate(n, seed=2024):
    rng = LCG(seed)
    words = []
    sentence_len = 0
    for _ in range(n):
        # skew: small indices far more likely
        a = rng.below(len(VOCAB))
        b = rng.below(len(VOCAB))
        w = VOCAB[min(a, b)]
        if sentence_len == 0:
            w = w[0].upper() + w[1:]
        sentence_len += 1
        if sentence_len > 6 and rng.below(5) == 0:
            w += '.'
            sentence_len = 0
        elif rng.below(11) == 0:
            w += ','
        words.append(w)
    return ' '.join(words)


def tokenize(text):
    out = []
    cur = []
    for ch in text:
        if 'a' <= ch <= 'z' or 'A' <= ch <= 'Z':
            cur.append(ch.lower())
        elif cur:
            out.append(''.join(cur))
            cur = []
    if cur:
        out.append(''.join(cur))
    return out


class Counter:
    def __init__(self):
        self.counts = {}

    def add(self, key, n=1):
        self.counts[key] = self.counts.get(key, 0) + n

    def most_common(self, k):
        items = sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return items[:k]

    def total(self):
        return sum(self.counts.values())

    def __len__(self):
        return len(self.counts)


def sentences(text):
    out = []
    for s in text.split('.'):
        s = s.strip()
        if s:
            out.append(s)
    return out


def main():
    n = parse_scale(5000)
    text = generate(n)
    print('characters:', len(text))
    print('start:', text[:60])
    words = tokenize(text)
    wc = Counter()
    for w in words:
        wc.add(w)
    print('words:', len(words), 'distinct:', len(wc))
    for w, c in wc.most_common(10):
        print('  %-10s %5d %s' % (w, c, '#' * (c * 40 // max(1, wc.most_common(1)[0][1]))))
    bc = Counter()
    for a, b in zip(words, words[1:]):
        bc.add(a + ' ' + b)
    print('top bigrams:', bc.most_common(5))
    lc = Counter()
    for w in words:
        for ch in w:
            lc.add(ch)
    print('letters:', ''.join(k for k, _ in lc.most_common(26)))
    ss = sentences(text)
    lens = [len(s.split()) for s in ss]
    print('sentences:', len(ss), 'longest:', max(lens), 'shortest:', min(lens))
    print('average sentence length: %.2f' % (sum(lens) / len(lens)))
    by_len = {}
    for w in wc.counts:
        by_len.setdefault(len(w), []).append(w)
    for k in sorted(by_len):
        print('  len %d: %s' % (k, ' '.join(sorted(by_len[k]))))


main()
