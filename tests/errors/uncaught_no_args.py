# exit: 1
raise RuntimeError
