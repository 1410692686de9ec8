X = (
    "a",
    "b",
    "c",
)
Y = 1
Z = (1,
  2,
 3)
W = (
  1
  ,
  2)
d = {"long_key_name": long_key_name, "other_long_key": 1}
other_long_key = 2
e = "other_long_key"
f(
  (x for x in y),
  z)
