# Long str literals: a qstr only after an equal identifier (token order,
# f-string fields after their format string); const() names load objects.
from micropython import const
x = "some_long_identifier"
some_long_identifier = 1
y = "some_long_identifier"
a = "another_long_name"; another_long_name = 2; b = "another_long_name"
print(f"{third_long_identifier}", "third_long_identifier")
def f(param_long_name_x):
    return "param_long_name_x"
z = "not an identifier but long"
w = ("some_long_identifier", "unseen_long_identifier")
class K:
    attr_long_name_q = 1
k = K.attr_long_name_q, "attr_long_name_q"
A = const("ab")
print(A)
some_long_identifier = 2
X = const("some_long_identifier")
print(X, "some_long_identifier")
T = const(("some_long_identifier", 1))
print(T)
import long_module_name_a
from long_module_name_b import long_imported_name
print("long_module_name_a", "long_module_name_b", "long_imported_name")
s = f"{long_field_name_1!r:>10} {'long_field_name_1'}" "long_field_name_1"
t = "long_field_name_2" f"{long_field_name_2}"
u = f"{'long_field_name_3'}{long_field_name_3}" + "long_field_name_3"
def g(*, keyword_long_name=1): pass
g(keyword_long_name="keyword_long_name")
global global_long_name
x = "global_long_name"
@decorator_long_name
def h(): return "decorator_long_name"
d = {"dict_key_long_name": 1, dict_key_long_name: "dict_key_long_name"}
lam = lambda lambda_param_long: "lambda_param_long"
y = "\u00e9_unicode_long_name"
é_unicode_long_name = 1
z = "\u00e9_unicode_long_name"
s = "dup_long_identifier"; dup_long_identifier = 1; t = "dup_long_identifier"
u = "__contains__ish_long"
v = "__contains__"
