# Float literals compile to the value float() gives for the same text at run
# time, in the run time's precision (single precision boards parse straight
# to f32: no double rounding through f64).
texts = [
    "1.0000002980232238769531250001",  # above an f32 midpoint; differs
    # from the double-rounded value after the board's stuffed-float rounding
    "1.0000000596046447753906250001",  # just above an f32 midpoint
    "1.000000059604644775390625",  # an f32 midpoint (ties to even)
    "1.0000000596046447753906249999",
    "0.1",
    "3.4028235677973366e38",
    "1e-45",
    "7.0064923216240854e-46",
    "123456789012345678901234567890.0",
    "2.5e-3",
    "1e39",
    "1e400",
]
lits = [
    1.0000002980232238769531250001,
    1.0000000596046447753906250001,
    1.000000059604644775390625,
    1.0000000596046447753906249999,
    0.1,
    3.4028235677973366e38,
    1e-45,
    7.0064923216240854e-46,
    123456789012345678901234567890.0,
    2.5e-3,
    1e39,
    1e400,
]
for t, v in zip(texts, lits):
    print(t, v == float(t) or (v != v and float(t) != float(t)))
