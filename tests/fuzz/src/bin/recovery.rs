//! AFL++ target: bytes in, read back as a recovery file as the app does at start.
//! `cargo afl build --release` then
//! `cargo afl fuzz -i seeds-recovery -o out-recovery -x recovery.dict target/release/recovery`.
//! Replay one input: `cargo run --release --bin recovery < input`.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        partnership_appraisal_fuzz::recover_like_the_app(data);
    });
}
