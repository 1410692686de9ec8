print('raises: starting')
raise ValueError('error during import')
