import json
print(json.dumps([1, 'a', None, True, 2.5]), json.dumps({'k': [1, 2]}))
print(json.loads('[1, 2, {"a": null}]'), json.loads('"s"'), json.loads('3.5'))
d = json.loads('{"x": 1, "y": [true, false]}')
print(sorted(d.items()))
print(json.dumps('quote"and\\slash'))
