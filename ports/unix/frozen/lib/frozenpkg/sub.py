from . import NAME


def where():
    return NAME + ".sub"
