A = (
    "when_supported",
    "when_required",
)
B = (
    ("copy", "copy"),
    ("view", "view"),
    )
C = (1,
 2,)
D = (1,
 2)
