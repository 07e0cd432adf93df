use partnership_appraisal::appraisal;
use partnership_appraisal::export;
use partnership_appraisal::format;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::borough;
use super::common::parse_csv;

fn dec(text: &str) -> Decimal {
    text.parse()
        .unwrap_or_else(|_| panic!("'{text}' is not a number"))
}

#[test]
fn csv_files_parse_back_and_agree_with_the_engine() {
    let (mut project, _) = borough();
    project.partnerships[0].name = "Safer, \"Northbridge\"".into();
    let result = appraisal::appraise(&project);
    let files = export::csv_files(&project, &result);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "results.csv",
            "flows_by_partnership.csv",
            "flows_by_partner.csv"
        ]
    );
    assert_eq!(
        files[0].1,
        partnership_appraisal::report::csv(
            &project,
            &result,
            &appraisal::problems(&project, &result)
        )
    );
    for (name, text) in &files {
        let rows = parse_csv(text);
        let width = rows[0].len();
        for (i, row) in rows.iter().enumerate() {
            assert_eq!(
                row.len(),
                width,
                "{name} row {} has {} fields",
                i + 1,
                row.len()
            );
        }
    }

    let n = result.years.len();
    let flows = parse_csv(&files[1].1);
    assert_eq!(
        flows[0],
        [
            "partnership",
            "year",
            "year_index",
            "discount_factor",
            "costs",
            "fiscal",
            "economic",
            "social",
            "net",
            "discounted_net"
        ]
    );
    assert_eq!(flows.len(), 1 + n * project.partnerships.len());
    assert_eq!(flows[1][0], "Safer, \"Northbridge\"");
    for (k, r) in result.partnerships.iter().enumerate() {
        let mut discounted = Decimal::ZERO;
        for t in 0..n {
            let row = &flows[1 + k * n + t];
            assert_eq!(row[0], project.partnerships[k].name);
            assert_eq!(row[1], result.years[t].to_string());
            assert_eq!(row[2], t.to_string());
            assert_eq!(dec(&row[3]), format::round(result.discount_factors[t], 10));
            assert_eq!(dec(&row[4]), format::round(r.flows.costs[t], 2));
            assert_eq!(dec(&row[5]), format::round(r.flows.benefits.fiscal[t], 2));
            assert_eq!(row[4].split('.').nth(1).map(str::len), Some(2), "pence");
            discounted += dec(&row[9]);
        }
        let tolerance = Decimal::new(5, 3) * Decimal::from(n as u64);
        assert!(
            (discounted - r.measures.net_value).abs() <= tolerance,
            "the discounted net adds up to the net value"
        );
    }

    let partners = parse_csv(&files[2].1);
    assert_eq!(
        partners[0],
        [
            "partnership",
            "partner",
            "year",
            "costs",
            "fiscal",
            "cashable",
            "economic_and_social"
        ]
    );
    for (k, (p, r)) in project
        .partnerships
        .iter()
        .zip(&result.partnerships)
        .enumerate()
    {
        let mine: Vec<&Vec<String>> = partners[1..]
            .iter()
            .filter(|row| row[0] == p.name)
            .collect();
        for position in &r.partners {
            let rows: Vec<&&Vec<String>> = mine
                .iter()
                .filter(|row| row[1] == position.partner)
                .collect();
            assert_eq!(rows.len(), n, "{} in {}", position.partner, p.name);
            let pv = |col: usize| -> Decimal {
                rows.iter()
                    .zip(&result.discount_factors)
                    .map(|(row, f)| dec(&row[col]) * f)
                    .sum()
            };
            let tolerance = dec!(0.01) * Decimal::from(n as u64);
            assert!(
                (pv(3) - position.pv_costs).abs() <= tolerance,
                "{}",
                position.partner
            );
            assert!((pv(4) - position.pv_fiscal).abs() <= tolerance);
            assert!((pv(5) - position.pv_cashable).abs() <= tolerance);
            assert!((pv(6) - position.pv_other).abs() <= tolerance);
        }
        // Every partner row (and wider society) adds up to the partnership's yearly costs.
        for t in 0..n {
            let year = result.years[t].to_string();
            let costs: Decimal = mine
                .iter()
                .filter(|row| row[2] == year)
                .map(|row| dec(&row[3]))
                .sum();
            let tolerance = dec!(0.005) * Decimal::from(mine.len() as u64);
            assert!(
                (costs - r.flows.costs[t]).abs() <= tolerance,
                "partnership {k} year {t}: partners' costs {costs} against {}",
                r.flows.costs[t]
            );
        }
    }
}

#[test]
fn partner_flows_add_up_to_each_partnerships_flows() {
    let (project, result) = borough();
    let n = result.years.len();
    for (i, r) in result.partnerships.iter().enumerate() {
        let rows = export::partner_yearly(&project, i, r, n);
        for t in 0..n {
            let costs: Decimal = rows.iter().map(|p| p.costs[t]).sum();
            let fiscal: Decimal = rows.iter().map(|p| p.fiscal[t]).sum();
            let cashable: Decimal = rows.iter().map(|p| p.cashable[t]).sum();
            let other: Decimal = rows.iter().map(|p| p.economic_and_social[t]).sum();
            assert_eq!(
                format::round(costs, 10),
                format::round(r.flows.costs[t], 10)
            );
            assert_eq!(
                format::round(fiscal, 10),
                format::round(r.flows.benefits.fiscal[t], 10)
            );
            assert_eq!(
                format::round(cashable, 10),
                format::round(r.flows.cashable[t], 10)
            );
            let eco = r.flows.benefits.economic[t] + r.flows.benefits.social[t];
            assert_eq!(format::round(other, 10), format::round(eco, 10));
        }
        for position in &r.partners {
            let row = rows
                .iter()
                .find(|p| p.partner == position.partner && !p.society)
                .expect("a row per partner");
            let pv =
                appraisal::num::present_value(&row.costs, &result.discount_factors).expect("pv");
            assert_eq!(pv, position.pv_costs, "exactly the engine's arithmetic");
        }
    }
}
