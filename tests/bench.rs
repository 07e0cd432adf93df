//! `bench --format json`: every figure the text gives, as JSON a program can check, with
//! the scripted session's `edit_to_next_frame_ms` and `worst_frame_ms` (issue 16). The
//! figures themselves are measured, not tested: only their presence and kind are.

use serde_json::Value;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_partnership-appraisal");

fn bench(format: &str) -> String {
    let out = Command::new(BIN)
        .args([
            "bench", "--sizes", "3,8", "--repeat", "1", "--format", format,
        ])
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "bench failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("the output is UTF-8")
}

/// The number at `pointer`, which must be there and not negative.
fn number(json: &Value, pointer: &str) -> f64 {
    let value = json
        .pointer(pointer)
        .and_then(Value::as_f64)
        .unwrap_or_else(|| panic!("no number at {pointer} in {json:#}"));
    assert!(value >= 0.0, "{pointer} is {value}");
    value
}

#[test]
fn bench_json_has_every_figure_the_text_has() {
    let json: Value = serde_json::from_str(&bench("json")).expect("bench --format json is JSON");
    assert!(json["build"] == "debug" || json["build"] == "release");
    assert_eq!(json["repeat"], 1);
    assert!(json["machine"]["processor"].is_string());
    assert!(number(&json, "/machine/cores") >= 1.0);
    for key in ["/machine/load_average", "/load_average_end"] {
        let load = json.pointer(key).and_then(Value::as_array);
        assert_eq!(load.map(Vec::len), Some(3), "{key}");
    }
    let sizes = json["sizes"].as_array().expect("a list of sizes");
    assert_eq!(sizes.len(), 2);
    for (i, size) in [3, 8].into_iter().enumerate() {
        let at = |key: &str| format!("/sizes/{i}/{key}");
        assert_eq!(number(&json, &at("partnerships")), f64::from(size));
        for key in [
            "partners",
            "cost_and_benefit_lines",
            "ron_bytes",
            "generated_ms",
            "validate_errors",
            "validate_warnings",
            "appraise_to_parse",
            "engine_diagnostics",
            "edit_commit_ms",
        ] {
            number(&json, &at(key));
        }
        for figure in [
            "parse",
            "load",
            "validate",
            "appraise",
            "to_ron",
            "save",
            "ui_portfolio_first_frame",
            "ui_portfolio_steady_frame",
            "ui_partnership_first_frame",
            "ui_partnership_steady_frame",
            "edit_to_next_frame",
        ] {
            number(&json, &at(&format!("{figure}/wall_ms")));
            assert!(json.pointer(&at(&format!("{figure}/cpu_ms"))).is_some());
        }
    }
    number(&json, "/monte_carlo/time/wall_ms");
    assert_eq!(number(&json, "/monte_carlo/draws"), 10_000.0);
    assert_eq!(number(&json, "/monte_carlo/cost_lines"), 35.0);

    // The scripted session, at the largest size.
    let edit = number(&json, "/edit_to_next_frame_ms");
    let worst = number(&json, "/worst_frame_ms");
    assert_eq!(number(&json, "/session/edit_to_next_frame_ms"), edit);
    assert_eq!(number(&json, "/session/worst_frame_ms"), worst);
    assert_eq!(number(&json, "/session/partnerships"), 8.0);
    let steps: Vec<&str> = json["session"]["steps"]
        .as_array()
        .expect("the session's steps")
        .iter()
        .filter_map(|s| s["step"].as_str())
        .collect();
    for step in [
        "edit",
        "undo",
        "redo",
        "autosave",
        "dashboard",
        "partnership on screen",
        "dashboard after a money edit",
        "uncertainty",
        "fair shares",
        "presenting",
        "what-if slider",
        "settings edit",
        "save",
    ] {
        assert!(steps.contains(&step), "no step '{step}' in {steps:?}");
    }
    let slowest = json["session"]["steps"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["worst_frame_ms"].as_f64())
        .fold(0.0, f64::max);
    assert_eq!(slowest, worst, "the worst frame is the slowest step's");

    // Memory, from a fresh process.
    let steps = json["memory"]["steps"].as_array().expect("memory steps");
    assert_eq!(steps.len(), 6, "{steps:?}");
    for step in steps {
        assert!(step["resident_mb"].as_f64().is_some_and(|mb| mb > 0.0));
        assert!(step["peak_mb"].as_f64().is_some_and(|mb| mb > 0.0));
    }
    number(&json, "/memory/undo_step_ms");
}

#[test]
fn bench_text_names_the_session_and_the_load() {
    let text = bench("text");
    assert!(
        text.contains("Scripted session at 8 partnerships"),
        "{text}"
    );
    assert!(
        text.contains("an edit to the next frame: slowest"),
        "{text}"
    );
    assert!(text.contains("load average at the end"), "{text}");
    assert!(text.contains("after 200 undoable edits"), "{text}");
    assert!(serde_json::from_str::<Value>(&text).is_err());
}
