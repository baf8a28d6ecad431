//! Fuzz target: kintsugi::fuzz::image (see src/fuzz.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kintsugi::fuzz::image(data));
