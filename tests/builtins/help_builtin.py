# help() output is implementation-specific: only check it exists and runs.
import sys
print(callable(help))
