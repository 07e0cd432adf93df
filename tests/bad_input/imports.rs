use partnership_appraisal::file;
use partnership_appraisal::model::*;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------
// 4. Pasted cells and unit-cost files.

/// Regression: a pasted block took time in proportion to its widest row's width times its
/// rows (every row's value columns were searched to the widest row's width): a 60 KB block
/// of one row of 20,000 tabs and 20,000 short rows took 4.5 seconds of CPU in an optimised
/// build, with the app frozen. Now each row costs its own length.
#[test]
fn a_paste_with_one_very_wide_row_reads_in_time_proportional_to_its_length() {
    use partnership_appraisal::import::paste;
    let project = file::parse(include_str!("../fuzz/seeds/minimal.ron")).unwrap();
    let block = format!(
        "Wide{}1\n{}",
        "\t".repeat(10_000),
        "Short\tCouncil\n".repeat(10_000)
    );
    let started = Instant::now();
    let rows = paste::parse_block(&block);
    let pasted = paste::other_costs(&project, &rows);
    let took = started.elapsed();
    assert_eq!(pasted.lines.len(), 10_001);
    assert!(!pasted.header);
    // The wide row's one value, in column 10,001, is past the 300 years appraised.
    assert_eq!(
        pasted.errors.len(),
        2,
        "{:?}",
        &pasted.errors[..2.min(pasted.errors.len())]
    );
    assert_eq!((pasted.errors[0].row, pasted.errors[0].column), (1, 2));
    assert_eq!((pasted.errors[1].row, pasted.errors[1].column), (1, 10_001));
    assert!(pasted.errors[1].reason.contains("past the 300 years"));
    for line in &pasted.lines[1..] {
        let CostDetail::Other(o) = &line.detail else {
            panic!("an other cost")
        };
        assert_eq!(o.partner, "Council");
        assert_eq!(o.amounts, Profile::PerYear(Vec::new()));
    }
    assert!(took < Duration::from_secs(2), "took {took:?}");
}

/// Regression: each row of a unit-cost file was checked against every name imported
/// before it, so a file of 20,000 rows made 200 million comparisons, and the time grew
/// with the square of the rows. Names are now looked up in a map; a repeated name still
/// points at its first line.
#[test]
fn a_unit_cost_file_of_many_rows_reads_in_time_proportional_to_its_length() {
    use partnership_appraisal::import::unit_costs;
    let project = file::parse(include_str!("../fuzz/seeds/minimal.ron")).unwrap();
    let mut csv = String::from("name,value,price year\n");
    for i in 0..20_000 {
        csv.push_str(&format!("Item {i},{i},2024\n"));
    }
    csv.push_str("ITEM 7,1,2024\nbed day,5,2024\n");
    let started = Instant::now();
    let import = unit_costs::read(&csv, &project).unwrap();
    let took = started.elapsed();
    assert_eq!(import.values.len(), 20_000);
    assert_eq!(import.values[7].value.name, "Item 7");
    assert_eq!(import.values[7].line, 9);
    assert_eq!(import.errors.len(), 1);
    assert_eq!(import.errors[0].line, 20_002);
    assert!(
        import.errors[0].message.contains("repeats line 9"),
        "{}",
        import.errors[0]
    );
    assert_eq!(
        import.existing.len(),
        1,
        "'bed day' is the library's 'Bed day'"
    );
    assert!(took < Duration::from_secs(2), "took {took:?}");
}
