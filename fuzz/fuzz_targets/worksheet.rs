//! Fuzz target: kintsugi::fuzz::worksheet (see src/fuzz.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kintsugi::fuzz::worksheet(data));
