//! Lets the `capi` bench link `libnewswire.so`, which the `newswire-capi` dependency builds
//! into this profile's `deps` directory before the bench is compiled: the linker is told to
//! look there, and the bench binary where to find it when it runs (cargo also puts that
//! directory on the library path of what it runs).
use std::path::PathBuf;

fn main() {
    // OUT_DIR is <target>/<profile>/build/<package>-<hash>/out.
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let deps = out
        .ancestors()
        .nth(3)
        .expect("OUT_DIR inside the profile directory")
        .join("deps");
    println!("cargo:rustc-link-search=native={}", deps.display());
    println!("cargo:rustc-link-arg-benches=-Wl,-rpath,{}", deps.display());
    println!("cargo:rerun-if-changed=build.rs");
}
