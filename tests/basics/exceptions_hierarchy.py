pairs = [
    (ZeroDivisionError, ArithmeticError), (OverflowError, ArithmeticError),
    (KeyError, LookupError), (IndexError, LookupError),
    (ValueError, Exception), (TypeError, Exception), (Exception, BaseException),
    (KeyboardInterrupt, BaseException), (SystemExit, BaseException),
    (GeneratorExit, BaseException), (StopIteration, Exception),
    (NameError, Exception), (AttributeError, Exception), (RuntimeError, Exception),
    (NotImplementedError, RuntimeError), (OSError, Exception), (ImportError, Exception),
    (MemoryError, Exception), (AssertionError, Exception), (UnicodeError, ValueError),
    (KeyboardInterrupt, Exception), (SystemExit, Exception), (IndentationError, SyntaxError),
]
for a, b in pairs:
    print(a.__name__, b.__name__, issubclass(a, b))
