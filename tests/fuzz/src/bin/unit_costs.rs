//! AFL++ target: bytes in, imported as a unit-cost CSV file as the app does.
//! `cargo afl build --release` then
//! `cargo afl fuzz -i seeds-unit_costs -o out-unit_costs -x unit_costs.dict target/release/unit_costs`.
//! Replay one input: `cargo run --release --bin unit_costs < input`.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        partnership_appraisal_fuzz::import_unit_costs_like_the_app(data);
    });
}
