#!/bin/sh
# Builds the micropython-rs firmware for a QEMU board, or builds and boots it
# with the REPL on this terminal.
#
#   sh tools/firmware.sh build BOARD [--no-compiler] [--preset P]   prints the ELF's path
#   sh tools/firmware.sh run BOARD [--no-compiler] [--preset P] [QEMU ARGS...]
#   sh tools/firmware.sh qemu BOARD [--no-compiler] [--preset P]     prints the QEMU command
#
# BOARD: netduinoplus2 (STM32F405, ports/stm32) or mps2-an386 (ports/qemu).
# MPY_HEAPSIZE=16K (bytes, K or M) sets the heap region; the default fills
# the board's RAM after the stack (MPY_ARENASIZE: the global allocator's;
# MPY_FSSIZE: the RAM filesystem's, default 16K on netduinoplus2, 256K on
# mps2-an386). --no-compiler builds the VM-only image (runs .mpy/frozen
# code). --preset minimal|basic|full picks the modules and builtin features
# (mpy-core's presets; default full: all; minimal also leaves out the
# board's machine/pyb modules and its filesystem).
# MPY_FROZEN_MANIFEST=path/NAME.txt freezes that manifest's modules too (test and benchmark images; own target dir). The
# ELF is copied to target/firmware/BOARD[-HEAPSIZE][-fsFSSIZE][-vm][-PRESET][-NAME].elf.
# In `run`, Ctrl-A x quits QEMU and Ctrl-A Ctrl-A sends a Ctrl-A to the board.
set -e
cd "$(dirname "$0")/.."
cmd=$1
board=$2
[ -n "$cmd" ] && [ -n "$board" ] || { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
shift 2
case $board in
    netduinoplus2) pkg=micropython-stm32; bin=micropython-netduinoplus2; machine=netduinoplus2 ;;
    mps2-an386) pkg=micropython-qemu; bin=micropython-mps2-an386; machine=mps2-an386 ;;
    *) echo "firmware.sh: unknown board '$board' (netduinoplus2, mps2-an386)" >&2; exit 2 ;;
esac
features=""
target_dir=target
suffix=""
compiler=compiler
preset=full
while :; do
    case $1 in
        --no-compiler) compiler=""; shift ;;
        --preset) preset=$2; shift 2 ;;
        *) break ;;
    esac
done
case $preset in
    minimal|basic|full) ;;
    *) echo "firmware.sh: unknown preset '$preset' (minimal, basic, full)" >&2; exit 2 ;;
esac
if [ -z "$compiler" ] || [ "$preset" != full ]; then
    features="--no-default-features --features $preset${compiler:+,$compiler}"
    [ -z "$compiler" ] && suffix="-vm"
    [ "$preset" != full ] && suffix="$suffix-$preset"
    target_dir=target/firmware$suffix
fi
[ -n "$MPY_FSSIZE" ] && suffix="-fs$MPY_FSSIZE$suffix"
[ -n "$MPY_HEAPSIZE" ] && suffix="-$MPY_HEAPSIZE$suffix"
[ -n "$MPY_ARENASIZE" ] && suffix="-arena$MPY_ARENASIZE$suffix"
if [ -n "$MPY_FROZEN_MANIFEST" ]; then
    extra=$(basename "$MPY_FROZEN_MANIFEST" .txt)
    suffix="$suffix-$extra"
    [ "$target_dir" = target ] && target_dir=target/firmware
    target_dir="$target_dir-$extra"
fi
elf=target/firmware/$board$suffix.elf

qemu_cmd() {
    echo "qemu-system-arm -M $machine -nographic -monitor none -kernel $elf"
}

build() {
    # littlefs (the board filesystem) is C: arm-none-eabi-gcc compiles it
    # and bindgen reads its header through libclang (tools/setup.sh
    # installs both); point bindgen at a libclang with its headers.
    if ! command -v arm-none-eabi-gcc >/dev/null 2>&1 || ! ls /usr/lib/llvm-*/lib/libclang.so.1 >/dev/null 2>&1; then
        sh tools/setup.sh >&2
    fi
    if [ -z "$LIBCLANG_PATH" ]; then
        for d in /usr/lib/llvm-*/lib; do
            [ -e "$d/libclang.so.1" ] && LIBCLANG_PATH=$d
        done
        [ -n "$LIBCLANG_PATH" ] && export LIBCLANG_PATH
    fi
    # The boards are built by nightly with core and alloc rebuilt from
    # source (-Zbuild-std: at the firmware profile's opt-level z, not the
    # prebuilt O3) and the `immediate-abort` panic strategy: a panic is a
    # trap instruction, so no panic messages, locations or formatting are
    # linked (-36 KB); the trap lands in the HardFault handler (fault.rs),
    # which reports it and soft-resets as for any fault. tools/setup.sh
    # installs nightly with rust-src.
    if ! cargo +nightly --version >/dev/null 2>&1 ||
        ! [ -d "$(rustc +nightly --print sysroot 2>/dev/null)/lib/rustlib/src/rust/library/core" ]; then
        sh tools/setup.sh >&2
    fi
    # The target is thumbv7em-none-eabihf's own specification with one
    # change: frame pointers may be omitted. The built-in target keeps r7
    # as a frame pointer in every function (for debuggers walking the
    # stack), which costs a register and a prologue instruction everywhere:
    # -11 KB of flash without it. Nothing here walks frame pointers (the
    # fault handler reports the exception frame; the gc scans every word).
    # Same name, so C builds (littlefs) and the output paths see the usual
    # triple.
    spec_dir=target/spec
    mkdir -p "$spec_dir"
    # Written to a private file and renamed only when it changed, so that two
    # builds running at once never read a half-written specification.
    spec_tmp="$spec_dir/.thumbv7em-none-eabihf.json.$$"
    rustc +nightly -Z unstable-options --print target-spec-json --target thumbv7em-none-eabihf |
        sed 's/"frame-pointer": *"always"/"frame-pointer": "may-omit"/' > "$spec_tmp"
    grep -q '"frame-pointer": "may-omit"' "$spec_tmp" ||
        { rm -f "$spec_tmp"; echo "firmware.sh: could not make the target specification" >&2; exit 1; }
    if cmp -s "$spec_tmp" "$spec_dir/thumbv7em-none-eabihf.json"; then
        rm -f "$spec_tmp"
    else
        mv -f "$spec_tmp" "$spec_dir/thumbv7em-none-eabihf.json"
    fi
    # littlefs (C, the only C the boards link; cc builds it at -Os) without
    # five of -Os's passes that, measured one by one, make its Thumb-2 code
    # larger (loop-invariant motion, global CSE, scheduling after register
    # allocation, tail merging, variable coalescing): -294 B of its 15.1 KB
    # (arm-none-eabi-gcc 12.2; the filesystem's speed does not matter).
    # Then six more, kept one by one where they shrank it (induction
    # variable optimisation, inlining of small functions, caller-saved
    # registers across calls, loop header copying, if-conversion, mod/ref
    # analysis), and jump threading that copies at most 2 statements
    # (default 15): -140 B more. Then four more, each -2 to -4 B alone
    # (copy propagation, phi propagation, conditional store elimination,
    # auto-increment addressing): -14 B together. Then no sibling calls
    # (a tail call as a call and return): -4 B. Measured and left out
    # (linked size of the 17 functions fs.rs calls, 13,660 B with the
    # flags here): -Oz, -finline-limit=0..20, -fno-ipa-cp-clone, -fno-ipa-cp,
    # -fno-tree-loop-distribute-patterns, -mslow-flash-data, -fno-jump-tables,
    # -fno-shrink-wrap, -fno-ipa-icf, -fno-partial-inlining, -fno-ipa-sra,
    # -fira-region=one, --param=max-inline-insns-single/auto=0,
    # early-inlining-insns=0, inline-unit-growth=0, case-values-threshold=3
    # or 100 and ~50 more -fno-* passes: 0 B each; -fno-early-inlining +28,
    # -fno-inline +1,540 (so no more from inlining limits either way).
    # compiler_builtins (memcpy, memmove, memset) at opt-level z, as
    # everything else (pinned here, where it was 3): -628 B of flash against
    # opt-level 3 (-352 B VM-only minimal) for +1,246 instructions at boot
    # (netduinoplus2: 14,794 -> 16,040; goal 25,000); s saved only -272 B.
    # Tail merging of common tails from one instruction up (LLVM's
    # default: 3): -160 B on netduinoplus2's image with the compiler, and
    # 22 fewer instructions at boot. (Running the machine outliner twice,
    # -Cllvm-args=-machine-outliner-reruns=2, saved 100 B more but the
    # image faulted in the deep-recursion firmware test.)
    # No shrink wrapping (-enable-shrink-wrap=false): a function saves its
    # registers at entry rather than only on the paths that use them
    # (fewer save/restore sequences and branches around them): -244 B.
    # Measured and left out (B against 272,204): -inline-threshold=0
    # +1,200, =2 same code, =10 +1,772, =25 +4,112; -Zinline-mir=no same
    # code (off at opt-level z); -Zmir-opt-level=1 +312 (2 is the default);
    # -Zmerge-functions=disabled +116, trampolines/aliases 0;
    # -enable-machine-outliner=always 0 (on by default; =never +3,700);
    # -outliner-leaf-descendants=false +256; -hot-cold-split 0;
    # -enable-global-merge-func +48; -optsize-jump-table-density=10
    # +1,720; -tail-merge-threshold=1000 0; opt-level s for mpy-compiler
    # +9,144, for mpy-core +37,920. No-ops here: -Crelocation-model=static
    # and no unwind tables (the target's defaults), +no-movt (constants
    # already come from literal pools), -Zfmt-debug/-Zlocation-detail (no
    # core::fmt is linked), -Zshare-generics/-Zfunction-sections (fat LTO).
    # shellcheck disable=SC2086
    CFLAGS_thumbv7em_none_eabihf="-fno-move-loop-invariants -fno-schedule-insns2 -fno-gcse -fno-tree-tail-merge -fno-tree-coalesce-vars -fno-ivopts -fno-inline-small-functions -fno-caller-saves -fno-tree-ch -fno-if-conversion -fno-ipa-modref --param=max-jump-thread-duplication-stmts=2 -fno-tree-copy-prop -fno-tree-phiprop -fno-tree-cselim -fno-auto-inc-dec -fno-optimize-sibling-calls" \
    RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Ctarget-cpu=cortex-m4 -Cllvm-args=-tail-merge-size=1 -Cllvm-args=-enable-shrink-wrap=false" \
        cargo +nightly build -q --profile firmware --target "$spec_dir/thumbv7em-none-eabihf.json" \
        -Zjson-target-spec --target-dir "$target_dir" \
        --config 'profile.firmware.package.compiler_builtins.opt-level="z"' \
        -Zbuild-std=core,alloc -p "$pkg" $features >&2
    mkdir -p target/firmware
    cp "$target_dir/thumbv7em-none-eabihf/firmware/$bin" "$elf"
}

case $cmd in
    build)
        build
        echo "$elf"
        ;;
    run)
        build
        command -v qemu-system-arm >/dev/null || sh tools/setup.sh
        echo "QEMU $machine: Ctrl-A x quits, Ctrl-A Ctrl-A sends Ctrl-A." >&2
        exec qemu-system-arm -M "$machine" -nographic -monitor none \
            -chardev stdio,id=con,mux=on,signal=off -serial chardev:con -mon chardev=con,mode=readline \
            -kernel "$elf" "$@"
        ;;
    qemu)
        qemu_cmd
        ;;
    *)
        echo "firmware.sh: unknown command '$cmd' (build, run, qemu)" >&2
        exit 2
        ;;
esac
