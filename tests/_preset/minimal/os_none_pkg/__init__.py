from . import sub
value = sub.twice(21)
