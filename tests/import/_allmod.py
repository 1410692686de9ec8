__all__ = ['listed']
listed = 'listed'
unlisted = 'unlisted'
