//! Fuzz target: kintsugi::fuzz::project (see src/fuzz.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kintsugi::fuzz::project(data));
