print("invalid utf-8 in a string literal")
x = "ÿþ"
print(len(x))
