from ..mod_b import B
from . import sibling
from .. import VERSION
D = B + 'd' + sibling.S + str(VERSION)
