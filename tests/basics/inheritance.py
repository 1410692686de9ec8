class Animal:
    sound = '...'
    def __init__(self, name):
        self.name = name
    def speak(self):
        return '%s says %s' % (self.name, self.sound)
    def kind(self):
        return 'animal'
class Dog(Animal):
    sound = 'woof'
    def kind(self):
        return 'dog/' + super().kind()
class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age
    def speak(self):
        return Dog.speak(self) + '!'
p = Puppy('rex', 1)
print(p.speak(), p.kind(), p.age)
print(isinstance(p, Animal), issubclass(Puppy, Dog), issubclass(Dog, Puppy))
print(Animal('cat').speak())
print([c.__name__ for c in Puppy.__bases__])
