class AppError(Exception):
    pass
class DbError(AppError):
    def __init__(self, code, msg):
        super().__init__(code, msg)
        self.code = code
try:
    raise DbError(500, 'down')
except AppError as e:
    print(type(e).__name__, e.code, e.args)
class WithStr(Exception):
    def __str__(self):
        return 'custom str'
try:
    raise WithStr()
except Exception as e:
    print(str(e))
print(str(AppError('one')), str(AppError('a', 'b')), str(AppError()))
try:
    raise AppError
except AppError as e:
    print('class raised, args', e.args)
