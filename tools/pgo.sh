#!/bin/sh
# Builds the unix `micropython` with profile-guided optimisation (PGO, as
# CPython's release builds do): an instrumented build runs a training set,
# llvm-profdata merges the counts it writes, and a second build uses them
# (-Cprofile-use) to lay out hot code, inline and allocate registers by
# measured frequencies. Prints the final binary's path. Not the default
# build: measured at its introduction (release, fat LTO), PGO gave -3.7%
# Ir/opcode (bench/ir_per_op.py geomean; fannkuch +5%) and about -2% CPU
# time (bench/run.py; per program from -24% to +16%), for about 3x the build
# time. Kept to re-measure after changes to the dispatch loop.
#
#   sh tools/pgo.sh [--profile P] [--features F]
#
# --profile: cargo profile (default release: fat LTO; profiling is quicker to
# build and has symbols, for bench/ir_per_op.py). --features: extra features
# of micropython-unix (e.g. opcode-stats). The binary is
# target/pgo/P[-F]/micropython (F with commas as '-'); the instrumented build
# and the final build have their own target dirs (target/pgo-gen,
# target/pgo-use), so plain `cargo build --release` is untouched.
# Training set: the test corpus (tests/run.py, which also checks the
# instrumented binary) and every program in tests/programs at a scale
# between the default and bench/run.py's (about 0.1 s each).
# Needs llvm-profdata matching rustc's LLVM: `rustup component add
# llvm-tools` (tools/setup.sh does), or LLVM_PROFDATA=path.
set -e
cd "$(dirname "$0")/.."
profile=release
features=""
while [ $# -gt 0 ]; do
    case $1 in
        --profile) profile=$2; shift 2 ;;
        --features) features=$2; shift 2 ;;
        *) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
    esac
done
host=$(rustc -vV | sed -n 's/^host: //p')
profdata=${LLVM_PROFDATA:-$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata}
[ -x "$profdata" ] || { echo "pgo.sh: no $profdata (rustup component add llvm-tools)" >&2; exit 1; }
name=$profile${features:+-$(echo "$features" | tr ',' '-')}
out=target/pgo/$name
raw=$(pwd)/$out/raw
rm -rf "$out"
mkdir -p "$raw"
# RUSTFLAGS replaces .cargo/config.toml's rustflags: keep its
# relocation-model=static. --target keeps the flags off build scripts (their
# runs would add to the profile).
base="-Crelocation-model=static"
export CARGO_INCREMENTAL=0
build() {
    RUSTFLAGS="$base $1" cargo build -q --profile "$profile" -p micropython-unix \
        ${features:+--features "$features"} --target "$host" --target-dir "$2" >&2
}

# 1. Instrumented build. %4m: four files, merged into as the processes exit.
build "-Cprofile-generate=$raw" target/pgo-gen
gen=target/pgo-gen/$host/$profile/micropython
export LLVM_PROFILE_FILE="$raw/train-%4m.profraw"

# 2. Training.
python3 tests/run.py -j 1 --binary "$gen" >"$out/train.log" 2>&1 ||
    { tail -20 "$out/train.log" >&2; echo "pgo.sh: the corpus failed on the instrumented build" >&2; exit 1; }
for p in calc:500 ecosystem:150 fannkuch:8 fft:10 life:400 nqueens:9 pidigits:1500 \
         pipeline:15000 raytrace:120 scheduler:30000 wordfreq:60000; do
    (cd tests/programs && "../../$gen" -X heapsize=64M "${p%%:*}.py" "${p#*:}" >/dev/null 2>&1) ||
        { echo "pgo.sh: tests/programs/${p%%:*}.py failed on the instrumented build" >&2; exit 1; }
done
unset LLVM_PROFILE_FILE

# 3. Merge. The file's name holds its checksum: new counts change the
# RUSTFLAGS of step 4, so cargo rebuilds.
"$profdata" merge -o "$out/merged.profdata" "$raw"/*.profraw
sum=$(cksum <"$out/merged.profdata" | cut -d' ' -f1)
mv "$out/merged.profdata" "$out/merged-$sum.profdata"
# 4. Optimised build.
build "-Cprofile-use=$(pwd)/$out/merged-$sum.profdata" target/pgo-use
cp "target/pgo-use/$host/$profile/micropython" "$out/micropython"
echo "$out/micropython"
