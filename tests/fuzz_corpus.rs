//! The fuzz targets' paths in `cargo test`: every seed in fuzz/seeds/, every
//! input that once crashed in fuzz/regressions/, and a few hundred
//! deterministic mutations of the seeds (bytes flipped, cut, repeated) run
//! through the same entry points the fuzzers use (src/fuzz.rs). Any panic
//! fails the test.

use std::path::Path;

type Target = fn(&[u8]);

const TARGETS: [(&str, Target); 6] = [
    ("front_matter", kintsugi::fuzz::front_matter),
    ("markdown", kintsugi::fuzz::markdown),
    ("people", kintsugi::fuzz::people),
    ("worksheet", kintsugi::fuzz::worksheet),
    ("project", kintsugi::fuzz::project),
    ("image", kintsugi::fuzz::image),
];

fn inputs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            out.push((
                e.path().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            ));
        }
    }
    out.sort();
    out
}

#[test]
fn seeds_and_past_crashes_run_clean() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut ran = 0;
    for (name, target) in TARGETS {
        let seeds = inputs(&fuzz.join("seeds").join(name));
        assert!(!seeds.is_empty(), "fuzz/seeds/{name} is empty");
        for (path, bytes) in seeds
            .iter()
            .chain(&inputs(&fuzz.join("regressions").join(name)))
        {
            eprintln!("{name}: {path}");
            target(bytes);
            ran += 1;
        }
    }
    assert!(ran >= TARGETS.len());
}

/// A small deterministic generator, so every run tries the same inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }
}

/// A seed changed a little: bytes replaced by ones YAML and Markdown care about, a cut, a repeat.
fn mutate(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    const SPECIAL: &[u8] = b"-:#>*[]{}&!|'\"\n\t \\`<_~%@0\xff";
    let mut v = seed.to_vec();
    for _ in 0..1 + rng.next() % 4 {
        if v.is_empty() {
            break;
        }
        let i = rng.next() % v.len();
        match rng.next() % 4 {
            0 => v[i] = SPECIAL[rng.next() % SPECIAL.len()],
            1 => v.truncate(i),
            2 => {
                let end = (i + 1 + rng.next() % 40).min(v.len());
                let chunk = v[i..end].to_vec();
                for _ in 0..1 + rng.next() % 50 {
                    v.splice(i..i, chunk.iter().copied());
                }
            }
            _ => {
                v.remove(i);
            }
        }
    }
    v
}

#[test]
fn mutated_seeds_run_clean() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for (name, target) in TARGETS {
        // The whole project path builds PDFs: fewer rounds there.
        let rounds = if name == "project" { 20 } else { 150 };
        for (_, seed) in inputs(&fuzz.join("seeds").join(name)) {
            for _ in 0..rounds {
                target(&mutate(&seed, &mut rng));
            }
        }
    }
}
