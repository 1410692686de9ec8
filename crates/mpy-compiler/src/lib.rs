//! The MicroPython compiler: source text -> tokens -> AST -> raw code
//! (bytecode plus constant tables as plain data, no heap objects).
#![no_std]
extern crate alloc;
