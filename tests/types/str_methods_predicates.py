for s in ('abc', 'ABC', 'Abc', '123', 'a1', '', ' ', '\t\n', 'hello world'):
    print(repr(s), s.isalpha(), s.isdigit(), s.isspace(), s.isupper(), s.islower())
