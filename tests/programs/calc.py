# A small tokenizer, recursive-descent parser and evaluator for a
# calculator language with variables, functions, comparison, conditionals
# and big integers; errors are reported, not raised.
# Scale: number of times the script is evaluated (default 20).
import sys


def parse_scale(default):
    if len(sys.argv) > 1:
        return int(sys.argv[1])
    return default


class CalcError(Exception):
    pass


class Token:
    def __init__(self, kind, value, pos):
        self.kind = kind
        self.value = value
        self.pos = pos

    def __repr__(self):
        return '%s:%r' % (self.kind, self.value)


OPS = ['==', '!=', '<=', '>=', '**', '+', '-', '*', '/', '%', '(', ')', '<', '>', '=', ',', '?', ':']


def tokenize(src):
    toks = []
    i = 0
    while i < len(src):
        c = src[i]
        if c in ' \t':
            i += 1
        elif c.isdigit():
            j = i
            while j < len(src) and src[j].isdigit():
                j += 1
            toks.append(Token('num', int(src[i:j]), i))
            i = j
        elif c.isalpha() or c == '_':
            j = i
            while j < len(src) and (src[j].isalpha() or src[j].isdigit() or src[j] == '_'):
                j += 1
            toks.append(Token('name', src[i:j], i))
            i = j
        else:
            for op in OPS:
                if src.startswith(op, i):
                    toks.append(Token('op', op, i))
                    i += len(op)
                    break
            else:
                raise CalcError('bad character %r at %d' % (c, i))
    toks.append(Token('end', None, len(src)))
    return toks


class Parser:
    """Grammar: stmt := name '=' expr | expr
       expr := cmp ('?' expr ':' expr)?
       cmp := sum (('=='|'!='|'<'|'>'|'<='|'>=') sum)?
       sum := term (('+'|'-') term)*
       term := unary (('*'|'/'|'%') unary)*
       unary := '-' unary | power
       power := atom ('**' unary)?
       atom := num | name | name '(' args ')' | '(' expr ')'"""

    def __init__(self, toks):
        self.toks = toks
        self.i = 0

    def peek(self):
        return self.toks[self.i]

    def take(self, value=None):
        t = self.toks[self.i]
        if value is not None and t.value != value:
            raise CalcError('expected %r at %d' % (value, t.pos))
        self.i += 1
        return t

    def stmt(self):
        if self.peek().kind == 'name' and self.toks[self.i + 1].value == '=':
            name = self.take().value
            self.take('=')
            node = ('assign', name, self.expr())
        else:
            node = self.expr()
        if self.peek().kind != 'end':
            raise CalcError('trailing input at %d' % self.peek().pos)
        return node

    def expr(self):
        node = self.cmp()
        if self.peek().value == '?':
            self.take()
            a = self.expr()
            self.take(':')
            b = self.expr()
            node = ('if', node, a, b)
        return node

    def cmp(self):
        node = self.sum()
        if self.peek().value in ('==', '!=', '<', '>', '<=', '>='):
            op = self.take().value
            node = (op, node, self.sum())
        return node

    def sum(self):
        node = self.term()
        while self.peek().value in ('+', '-'):
            op = self.take().value
            node = (op, node, self.term())
        return node

    def term(self):
        node = self.unary()
        while self.peek().value in ('*', '/', '%'):
            op = self.take().value
            node = (op, node, self.unary())
        return node

    def unary(self):
        if self.peek().value == '-':
            self.take()
            return ('neg', self.unary())
        return self.power()

    def power(self):
        node = self.atom()
        if self.peek().value == '**':
            self.take()
            node = ('**', node, self.unary())
        return node

    def atom(self):
        t = self.take()
        if t.kind == 'num':
            return ('num', t.value)
        if t.kind == 'name':
            if self.peek().value == '(':
                self.take()
                args = []
                if self.peek().value != ')':
                    args.append(self.expr())
                    while self.peek().value == ',':
                        self.take()
                        args.append(self.expr())
                self.take(')')
                return ('call', t.value, args)
            return ('var', t.value)
        if t.value == '(':
            node = self.expr()
            self.take(')')
            return node
        raise CalcError('unexpected %r at %d' % (t.value, t.pos))


def fact(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r


def gcd(a, b):
    while b:
        a, b = b, a % b
    return abs(a)


FUNCS = {'fact': fact, 'gcd': gcd, 'max': max, 'min': min, 'abs': abs}


class Interp:
    def __init__(self):
        self.env = {}

    def eval(self, n):
        kind = n[0]
        if kind == 'num':
            return n[1]
        if kind == 'var':
            if n[1] not in self.env:
                raise CalcError('undefined %s' % n[1])
            return self.env[n[1]]
        if kind == 'assign':
            v = self.eval(n[2])
            self.env[n[1]] = v
            return v
        if kind == 'neg':
            return -self.eval(n[1])
        if kind == 'if':
            return self.eval(n[2]) if self.eval(n[1]) else self.eval(n[3])
        if kind == 'call':
            f = FUNCS.get(n[1])
            if f is None:
                raise CalcError('no function %s' % n[1])
            return f(*[self.eval(a) for a in n[2]])
        a = self.eval(n[1])
        b = self.eval(n[2])
        if kind in ('/', '%') and b == 0:
            raise CalcError('division by zero')
        if kind == '+':
            return a + b
        if kind == '-':
            return a - b
        if kind == '*':
            return a * b
        if kind == '/':
            return a // b
        if kind == '%':
            return a % b
        if kind == '**':
            if b < 0:
                raise CalcError('negative power')
            return a ** b
        return int({'==': a == b, '!=': a != b, '<': a < b, '>': a > b,
                    '<=': a <= b, '>=': a >= b}[kind])

    def run(self, line):
        try:
            return self.eval(Parser(tokenize(line)).stmt())
        except CalcError as e:
            return 'error: %s' % e


SCRIPT = [
    'x = 6 * 7',
    'y = x ** 3 - 2 * x + 1',
    '(x + y) % 1000',
    '-2 ** 2',
    '2 ** 3 ** 2',
    'fact(25) / fact(23)',
    'gcd(fact(12), 2 ** 20)',
    'big = 3 ** 80',
    'big % 1000000007',
    'x > 40 ? x - 40 : 40 - x',
    'max(1, x, y, 7) == y',
    'min(5, -3, 2) * abs(-4)',
    'z + 1',
    '1 / (x - 42)',
    '3 $ 4',
    '(1 + 2',
    'unknown(1)',
    '7 % 3 + 10 / 3 * 3',
]


def main():
    reps = parse_scale(20)
    last = None
    for r in range(reps):
        it = Interp()
        results = [it.run(line) for line in SCRIPT]
        if last is not None and results != last:
            print('nondeterministic!')
        last = results
    for line, res in zip(SCRIPT, last):
        print('%-26s => %s' % (line, res))
    print('tokens:', tokenize('a = (b + 12) ** 2 >= c'))
    print('tree:', Parser(tokenize('1 + 2 * -x ? f(1, 2) : 3')).stmt())


main()
