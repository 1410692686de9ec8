VALUE = 'probe loaded'
