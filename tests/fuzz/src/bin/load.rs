//! AFL++ target: bytes in, opened as the app opens a project file.
//! `cargo afl build --release` then `cargo afl fuzz -i seeds -o out target/release/load`.
//! Replay one input: `cargo run --release --bin load < input`.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        partnership_appraisal_fuzz::open_like_the_app(data);
    });
}
