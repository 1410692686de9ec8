//! The built-in exception types (MicroPython's hierarchy).

use crate::qstr::q;
use crate::typ::{flags, TypeObj};

/// `BaseException`.
pub static BASE_EXCEPTION_TYPE: TypeObj = TypeObj { name: q::BaseException, base: None, flags: flags::BASETYPE, ..TypeObj::EMPTY };
/// `SystemExit`.
pub static SYSTEM_EXIT_TYPE: TypeObj = TypeObj { name: q::SystemExit, base: Some(&BASE_EXCEPTION_TYPE), flags: flags::BASETYPE, ..TypeObj::EMPTY };
/// `KeyboardInterrupt`.
pub static KEYBOARD_INTERRUPT_TYPE: TypeObj = TypeObj { name: q::KeyboardInterrupt, base: Some(&BASE_EXCEPTION_TYPE), flags: flags::BASETYPE, ..TypeObj::EMPTY };
/// `GeneratorExit`.
pub static GENERATOR_EXIT_TYPE: TypeObj = TypeObj { name: q::GeneratorExit, base: Some(&BASE_EXCEPTION_TYPE), flags: flags::BASETYPE, ..TypeObj::EMPTY };
/// `Exception`.
pub static EXCEPTION_TYPE: TypeObj = TypeObj { name: q::Exception, base: Some(&BASE_EXCEPTION_TYPE), flags: flags::BASETYPE, ..TypeObj::EMPTY };
/// `StopIteration`.
pub static STOP_ITERATION_TYPE: TypeObj = TypeObj { name: q::StopIteration, base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, ..TypeObj::EMPTY };
/// `StopAsyncIteration`.
pub static STOP_ASYNC_ITERATION_TYPE: TypeObj = TypeObj { name: q::StopAsyncIteration, base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, ..TypeObj::EMPTY };
/// `ArithmeticError`.
pub static ARITHMETIC_ERROR_TYPE: TypeObj = TypeObj { name: q::ArithmeticError, base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, ..TypeObj::EMPTY };
/// `OverflowError`.
pub static OVERFLOW_ERROR_TYPE: TypeObj = TypeObj { name: q::OverflowError, base: Some(&ARITHMETIC_ERROR_TYPE), flags: flags::BASETYPE, ..TypeObj::EMPTY };
/// `ZeroDivisionError`.
pub static ZERO_DIVISION_ERROR_TYPE: TypeObj = TypeObj { name: q::ZeroDivisionError, base: Some(&ARITHMETIC_ERROR_TYPE), flags: flags::BASETYPE, ..TypeObj::EMPTY };
/// `AssertionError`.
pub static ASSERTION_ERROR_TYPE: TypeObj = TypeObj { name: q::AssertionError, base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, ..TypeObj::EMPTY };
/// `AttributeError`.
pub static ATTRIBUTE_ERROR_TYPE: TypeObj = TypeObj { name: q::AttributeError, base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, ..TypeObj::EMPTY };
/// `EOFError`.
pub static EOF_ERROR_TYPE: TypeObj = TypeObj { name: q::EOFError, base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, ..TypeObj::EMPTY };
/// `ImportError`.
pub static IMPORT_ERROR_TYPE: TypeObj = TypeObj { name: q::ImportError, base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, ..TypeObj::EMPTY };
/// `LookupError`.
pub static LOOKUP_ERROR_TYPE: TypeObj = TypeObj { name: q::LookupError, base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, ..TypeObj::EMPTY };
/// `IndexError`.
pub static INDEX_ERROR_TYPE: TypeObj = TypeObj { name: q::IndexError, base: Some(&LOOKUP_ERROR_TYPE), flags: flags::BASETYPE, ..TypeObj::EMPTY };
/// `KeyError`.
pub static KEY_ERROR_TYPE: TypeObj = TypeObj { name: q::KeyError, base: Some(&LOOKUP_ERROR_TYPE), flags: flags::BASETYPE, ..TypeObj::EMPTY };
/// `MemoryError`.
pub static MEMORY_ERROR_TYPE: TypeObj = TypeObj { name: q::MemoryError, base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, ..TypeObj::EMPTY };
/// `NameError`.
pub static NAME_ERROR_TYPE: TypeObj = TypeObj { name: q::NameError, base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, ..TypeObj::EMPTY };
/// `OSError`.
pub static OS_ERROR_TYPE: TypeObj = TypeObj { name: q::OSError, base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, ..TypeObj::EMPTY };
/// `RuntimeError`.
pub static RUNTIME_ERROR_TYPE: TypeObj = TypeObj { name: q::RuntimeError, base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, ..TypeObj::EMPTY };
/// `NotImplementedError`.
pub static NOT_IMPLEMENTED_ERROR_TYPE: TypeObj = TypeObj { name: q::NotImplementedError, base: Some(&RUNTIME_ERROR_TYPE), flags: flags::BASETYPE, ..TypeObj::EMPTY };
/// `SyntaxError`.
pub static SYNTAX_ERROR_TYPE: TypeObj = TypeObj { name: q::SyntaxError, base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, ..TypeObj::EMPTY };
/// `IndentationError`.
pub static INDENTATION_ERROR_TYPE: TypeObj = TypeObj { name: q::IndentationError, base: Some(&SYNTAX_ERROR_TYPE), flags: flags::BASETYPE, ..TypeObj::EMPTY };
/// `TypeError`.
pub static TYPE_ERROR_TYPE: TypeObj = TypeObj { name: q::TypeError, base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, ..TypeObj::EMPTY };
/// `ValueError`.
pub static VALUE_ERROR_TYPE: TypeObj = TypeObj { name: q::ValueError, base: Some(&EXCEPTION_TYPE), flags: flags::BASETYPE, ..TypeObj::EMPTY };
/// `UnicodeError`.
pub static UNICODE_ERROR_TYPE: TypeObj = TypeObj { name: q::UnicodeError, base: Some(&VALUE_ERROR_TYPE), flags: flags::BASETYPE, ..TypeObj::EMPTY };

/// Every built-in exception type, for the `builtins` module.
pub static ALL: &[&TypeObj] = &[&BASE_EXCEPTION_TYPE, &SYSTEM_EXIT_TYPE, &KEYBOARD_INTERRUPT_TYPE, &GENERATOR_EXIT_TYPE, &EXCEPTION_TYPE, &STOP_ITERATION_TYPE, &STOP_ASYNC_ITERATION_TYPE, &ARITHMETIC_ERROR_TYPE, &OVERFLOW_ERROR_TYPE, &ZERO_DIVISION_ERROR_TYPE, &ASSERTION_ERROR_TYPE, &ATTRIBUTE_ERROR_TYPE, &EOF_ERROR_TYPE, &IMPORT_ERROR_TYPE, &LOOKUP_ERROR_TYPE, &INDEX_ERROR_TYPE, &KEY_ERROR_TYPE, &MEMORY_ERROR_TYPE, &NAME_ERROR_TYPE, &OS_ERROR_TYPE, &RUNTIME_ERROR_TYPE, &NOT_IMPLEMENTED_ERROR_TYPE, &SYNTAX_ERROR_TYPE, &INDENTATION_ERROR_TYPE, &TYPE_ERROR_TYPE, &VALUE_ERROR_TYPE, &UNICODE_ERROR_TYPE];
