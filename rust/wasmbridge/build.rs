//! Turns on the report of allocation failures (docs/ABI.md, `wasmbridge.out_of_memory`) when the compiler
//! accepts it.
//!
//! Rust calls an allocation-error hook just before it aborts on a failed allocation; setting one needs the
//! unstable `alloc_error_hook` feature. Wasm builds with `-Zbuild-std` run with `RUSTC_BOOTSTRAP=1` (or a
//! nightly compiler), which accepts it; a plain stable build does not, and must still compile. So this
//! script asks the compiler: it compiles a line that sets a hook, and on success sets the cfg
//! `wasmbridge_alloc_error_hook` for Wasm targets. Without it, the crate is the same except that a failed
//! allocation aborts the instance as a plain trap, without its size.

use std::env;
use std::io::Write;
use std::process::{Command, Stdio};

const CFG: &str = "wasmbridge_alloc_error_hook";

const PROBE: &[u8] = b"#![feature(alloc_error_hook)]\n\
    pub fn probe() { std::alloc::set_alloc_error_hook(|_| {}); }\n";

fn main() {
    println!("cargo:rustc-check-cfg=cfg({CFG})");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=RUSTC_BOOTSTRAP");
    let wasm =
        env::var("CARGO_CFG_TARGET_FAMILY").is_ok_and(|families| families.split(',').any(|f| f == "wasm"));
    if wasm && compiles(PROBE) {
        println!("cargo:rustc-cfg={CFG}");
    }
}

/// Whether the compiler cargo uses compiles `source` as a library (for the host: the feature gate is the
/// same for every target, and the Wasm target's std may exist only inside `-Zbuild-std`).
fn compiles(source: &[u8]) -> bool {
    let Some(out_dir) = env::var_os("OUT_DIR") else {
        return false;
    };
    let rustc = env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let child = Command::new(rustc)
        .args(["--edition=2021", "--crate-type=lib", "--crate-name=wasmbridge_probe", "--emit=metadata"])
        .arg("--out-dir")
        .arg(out_dir)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = child else {
        return false;
    };
    let written = child.stdin.take().is_some_and(|mut stdin| stdin.write_all(source).is_ok());
    child.wait().is_ok_and(|status| status.success()) && written
}
