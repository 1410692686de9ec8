grid = [[(r * 3 + c) % 5 for c in range(4)] for r in range(3)]
print(grid)
print([[v for v in row if v] for row in grid])
print([(r, c) for r in range(3) for c in range(4) if grid[r][c] == 0])
print({(r + c) % 3 for r in range(3) for c in range(3)} == {0, 1, 2})
print(sorted({k: sum(1 for row in grid for v in row if v == k) for k in range(5)}.items()))
print([x if x % 2 else -x for x in range(6) if x != 3])
transpose = [[row[i] for row in grid] for i in range(4)]
print(transpose)
