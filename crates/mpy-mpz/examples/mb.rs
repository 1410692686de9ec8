#![allow(clippy::unwrap_used)]
use std::time::Instant;
use std::hint::black_box;
fn main() {
    let a: Vec<u32> = (0..100).map(|i| i * 77 + 5).collect();
    let b: Vec<u32> = vec![7, 9];
    let mut out = vec![0u32; 101];
    let t = Instant::now();
    for _ in 0..1_000_000 { black_box(mpy_mpz::add::add_mag(black_box(&mut out), black_box(&a), black_box(&b)).unwrap()); }
    println!("add_mag 100+2 prealloc: {:?}/op", t.elapsed() / 1_000_000);
    let t = Instant::now();
    for _ in 0..1_000_000 { let mut o = vec![0u32; 101]; black_box(mpy_mpz::add::add_mag(black_box(&mut o), black_box(&a), black_box(&b)).unwrap()); black_box(o); }
    println!("add_mag 100+2 alloc: {:?}/op", t.elapsed() / 1_000_000);
    let b2: Vec<u32> = (0..100).map(|i| i * 1234567 + 5).collect();
    let t = Instant::now();
    for _ in 0..1_000_000 { black_box(mpy_mpz::add::add_mag(black_box(&mut out), black_box(&a), black_box(&b2)).unwrap()); }
    println!("add_mag 100+100 prealloc: {:?}/op", t.elapsed() / 1_000_000);
    let t = Instant::now();
    for _ in 0..1_000_000 { let o = vec![0u32; 101]; black_box(o); }
    println!("alloc only: {:?}/op", t.elapsed() / 1_000_000);
}
#[allow(dead_code)]
fn x() {}
