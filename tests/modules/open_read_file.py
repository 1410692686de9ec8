with open('data/sample.txt') as f:
    lines = f.readlines()
print(len(lines), lines[0].strip())
with open('data/sample.txt', 'rb') as f:
    data = f.read()
print(len(data), data[:5])
with open('data/sample.txt') as f:
    for line in f:
        print(line.rstrip())
