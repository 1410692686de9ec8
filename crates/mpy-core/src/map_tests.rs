//! Tests of [`super::Map`] (filled in below).
