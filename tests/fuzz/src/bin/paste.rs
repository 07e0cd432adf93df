//! AFL++ target: bytes in, pasted into a cost or benefit table as the app does (the first
//! byte picks the table). `cargo afl build --release` then
//! `cargo afl fuzz -i seeds-paste -o out-paste -x paste.dict target/release/paste`.
//! Replay one input: `cargo run --release --bin paste < input`.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        partnership_appraisal_fuzz::paste_like_the_app(data);
    });
}
