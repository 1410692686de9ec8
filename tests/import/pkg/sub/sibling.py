S = 's'
