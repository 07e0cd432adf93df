use partnership_appraisal::format;
use partnership_appraisal::import::{paste, unit_costs};
use partnership_appraisal::model::{
    BenefitDetail, BenefitType, CostDetail, CostType, FinancialYear, Layer, OtherCategory, Profile,
    Project, Rate,
};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::borough;

#[test]
fn paste_reads_other_costs_with_a_year_header_windows_line_endings_and_bad_cells() {
    let (project, _) = borough();
    let block = "Name\tPartner\tCategory\tCost type\tLayer\t2026/27\t2027/28\t2028/29\r\n\
Secretariat\tNorthbridge Council\tSupport team\tRevenue\tExecutive\t£12,000.00\t12,500\t-\r\n\
\"Research, \"\"deep\"\" dive\"\tnorthbridge council\tresearch and intelligence\t\t\t5000\tlots\t\r\n\
\tNorthbridge Council\tEvents\t\t\t100\t\t\r\n\
\t\t\t\t\t\t\t\r\n\
Website\tNobody Council\tWebsites\tCapital\tTop\t(200)\t\t300\r\n";
    let rows = paste::parse_block(block);
    assert_eq!(rows.len(), 6);
    let pasted = paste::other_costs(&project, &rows);
    assert!(pasted.header);
    assert_eq!(pasted.lines.len(), 3);

    let first = &pasted.lines[0];
    assert_eq!(first.name, "Secretariat");
    assert_eq!(first.cost_type, CostType::Revenue);
    let CostDetail::Other(o) = &first.detail else {
        panic!("an other cost")
    };
    assert_eq!(o.partner, "Northbridge Council");
    assert_eq!(o.category, OtherCategory::SupportTeam);
    assert_eq!(o.layer, Some(Layer::Executive));
    assert_eq!(
        o.amounts,
        Profile::PerYear(vec![dec!(12000), dec!(12500), dec!(0)])
    );

    let second = &pasted.lines[1];
    assert_eq!(second.name, "Research, \"deep\" dive");
    let CostDetail::Other(o) = &second.detail else {
        panic!("an other cost")
    };
    assert_eq!(
        o.partner, "Northbridge Council",
        "case and spacing are forgiven"
    );
    assert_eq!(o.category, OtherCategory::ResearchAndIntelligence);
    assert_eq!(o.amounts, Profile::PerYear(vec![dec!(5000), dec!(0)]));

    let third = &pasted.lines[2];
    assert_eq!(third.cost_type, CostType::Capital);
    let CostDetail::Other(o) = &third.detail else {
        panic!("an other cost")
    };
    assert_eq!(o.partner, "Nobody Council");
    assert_eq!(o.category, OtherCategory::Other);
    assert_eq!(o.layer, None);
    assert_eq!(
        o.amounts,
        Profile::PerYear(vec![dec!(0), dec!(0), dec!(300)])
    );

    let at: Vec<(usize, usize)> = pasted.errors.iter().map(|e| (e.row, e.column)).collect();
    assert_eq!(
        at,
        vec![(3, 7), (4, 1), (6, 2), (6, 3), (6, 5), (6, 6)],
        "{:#?}",
        pasted.errors
    );
    assert!(pasted.errors[0].reason.contains("'lots' is not a number"));
    assert_eq!(pasted.errors[0].text, "lots");
    assert!(pasted.errors[1].reason.contains("needs a name"));
    assert!(
        pasted.errors[2]
            .reason
            .contains("no partner 'Nobody Council'")
    );
    assert!(pasted.errors[5].reason.contains("zero or more"));
    assert_eq!(
        pasted.errors[0].to_string(),
        "row 3, column 7: amount: 'lots' is not a number; taken as 0"
    );
}

#[test]
fn paste_reads_staff_time_and_direct_benefits_without_a_header() {
    let (project, _) = borough();
    let staff = paste::parse_block(
        "Board chair\tNorthbridge Council\tDirector (JNC)\tStrategic\t40\t40\n\
Analyst\tNorthbridge Council\tChief analyst\t\t120.5\n\
Constable\tMetropolitan Police (North Area BCU)\tPolice constable\tsideways\t1.1234567\n",
    );
    let pasted = paste::staff_time(&project, &staff);
    assert!(!pasted.header);
    assert_eq!(pasted.lines.len(), 3);
    let CostDetail::StaffTime(s) = &pasted.lines[0].detail else {
        panic!("staff time")
    };
    assert_eq!(
        (s.grade.as_str(), s.layer),
        ("Director (JNC)", Layer::Strategic)
    );
    assert_eq!(s.hours, Profile::PerYear(vec![dec!(40), dec!(40)]));
    assert_eq!(pasted.lines[0].cost_type, CostType::InKind);
    let CostDetail::StaffTime(s) = &pasted.lines[1].detail else {
        panic!("staff time")
    };
    assert_eq!(s.layer, Layer::Operational);
    let at: Vec<(usize, usize)> = pasted.errors.iter().map(|e| (e.row, e.column)).collect();
    assert_eq!(at, vec![(2, 3), (3, 4), (3, 5)], "{:#?}", pasted.errors);
    assert!(
        pasted.errors[0]
            .reason
            .contains("has no grade 'Chief analyst'")
    );
    assert!(pasted.errors[2].reason.contains("decimal places"));

    let benefits = paste::parse_block(
        "Fewer admissions\tfiscal\tNHS North Thames ICB (Northbridge place)\t60%\t1000\t2000\r\
Earnings\tEconomic\tNorthbridge residents\t\t500\r\
Wellbeing\tSocial\t\t25\t10\r\
Mystery\tspiritual\t\t\t1\r",
    );
    let pasted = paste::direct_benefits(&project, &benefits);
    assert_eq!(pasted.lines.len(), 4);
    let first = &pasted.lines[0];
    assert_eq!(first.benefit_type, BenefitType::Fiscal);
    assert_eq!(first.cashable_share, Rate(dec!(0.6)));
    assert_eq!(
        first.partner.as_deref(),
        Some("NHS North Thames ICB (Northbridge place)")
    );
    assert_eq!(
        first.detail,
        BenefitDetail::Direct(Profile::PerYear(vec![dec!(1000), dec!(2000)]))
    );
    assert_eq!(pasted.lines[1].benefit_type, BenefitType::Economic);
    assert_eq!(pasted.lines[2].partner, None);
    assert_eq!(pasted.lines[2].cashable_share, Rate::ZERO);
    assert_eq!(pasted.lines[3].benefit_type, BenefitType::Fiscal);
    let at: Vec<(usize, usize)> = pasted.errors.iter().map(|e| (e.row, e.column)).collect();
    assert_eq!(at, vec![(3, 4), (4, 2), (4, 3)], "{:#?}", pasted.errors);
}

#[test]
fn unit_costs_import_keeps_good_rows_and_reports_the_rest() {
    let (project, _) = borough();
    let csv = "\u{feff}Outcome,Unit cost (£),Price base,Agency,Source\r\n\
\"Youth offending, first-time entrant\",\"£4,600.00\",2019/20,Northbridge Council,GMCA UCD v2.3\r\n\
Bad value,twelve,2019,,x\r\n\
Bad year,100,19/20,,x\r\n\
,50,2019,,nameless\r\n\
\"Excess bed day (acute, non-elective)\",410,2023,,duplicate of the library\r\n\
\"Youth offending, first-time entrant\",4700,2020,,repeat\r\n\
Hostel night,35.5,2031,Homes Agency,\"multi\nline source\"\r\n\
Court hearing,1200,2024,,\r\n\
\r\n";
    let mut import = unit_costs::read(csv, &project).expect("the file reads");
    let names: Vec<&str> = import
        .values
        .iter()
        .map(|i| i.value.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Youth offending, first-time entrant",
            "Hostel night",
            "Court hearing"
        ]
    );
    let first = &import.values[0];
    assert_eq!(first.line, 2);
    assert_eq!(first.value.value.0, dec!(4600));
    assert_eq!(first.value.price_year, FinancialYear(2019));
    assert_eq!(first.value.partner.as_deref(), Some("Northbridge Council"));
    assert_eq!(first.value.source, "GMCA UCD v2.3");
    let hostel = &import.values[1];
    assert_eq!(hostel.line, 8);
    assert_eq!(hostel.value.partner, None);
    assert_eq!(
        hostel.value.source,
        "multi\nline source (agency: Homes Agency)"
    );
    assert_eq!(
        import.values[2].line, 10,
        "a quoted line break moves the line count on"
    );

    let errors: Vec<usize> = import.errors.iter().map(|e| e.line).collect();
    assert_eq!(errors, [3, 4, 5, 7], "{:#?}", import.errors);
    assert!(
        import.errors[0]
            .message
            .contains("'twelve' is not a number")
    );
    assert!(import.errors[1].message.contains("'19/20' is not a year"));
    assert!(import.errors[3].message.contains("repeats line 2"));
    assert_eq!(import.existing.len(), 1);
    assert_eq!(import.existing[0].line, 6);
    assert!(import.existing[0].to_string().contains("skipped"));
    assert_eq!(import.notes.len(), 1);

    unit_costs::rebase(&project, &mut import);
    let rebased = &import.values[0].value;
    assert_eq!(rebased.price_year, FinancialYear(2026));
    // £4,600 × 105.47 / 80.49 = £6,027.61 (to the penny).
    assert_eq!(rebased.value.0, dec!(6027.61));
    assert!(
        rebased
            .source
            .contains("rebased from £4,600.00 in 2019/20 prices")
    );
    assert_eq!(import.values[1].value.price_year, FinancialYear(2031));
    assert_eq!(import.notes.len(), 2, "{:#?}", import.notes);
    assert!(import.notes[1].message.contains("GDP deflator for 2031/32"));
    // Values rebased at import agree with the engine's own rebasing.
    let engine =
        partnership_appraisal::appraisal::flows::rebase_factor(&project, FinancialYear(2019))
            .expect("deflators");
    assert_eq!(rebased.value.0, format::round(dec!(4600) * engine, 2));
    assert_eq!(import.unit_values().len(), 3);
}

#[test]
fn unit_costs_import_needs_a_header_with_the_required_columns() {
    let project = Project::new("p");
    assert_eq!(
        unit_costs::read("\n\n", &project),
        Err(unit_costs::UnitCostError::Empty)
    );
    let err = unit_costs::read("Name,Price year\nA,2019\n", &project).expect_err("no value column");
    assert!(
        err.to_string()
            .starts_with("line 1: the header has no value column")
    );
    let tabbed = unit_costs::read("Name\tCost\tYear\nA\t1,200\t2024\n", &project).expect("tabs");
    assert_eq!(tabbed.values[0].value.value.0, dec!(1200));
}

#[test]
fn paste_reports_header_years_outside_the_appraisal_and_columns_past_300_years() {
    let (project, _) = borough();
    let rows = paste::parse_block(
        "name\tpartner\tcategory\ttype\tlayer\t2027/28\t2027/28\t1999/00\t2040\n\
Venue hire\tNorthbridge Council\tVenue\t\t\t10\t20\t30\t40\n",
    );
    let pasted = paste::other_costs(&project, &rows);
    let at: Vec<(usize, usize)> = pasted.errors.iter().map(|e| (e.row, e.column)).collect();
    assert_eq!(at, vec![(1, 7), (1, 8)], "{:#?}", pasted.errors);
    assert!(pasted.errors[0].reason.contains("already column 6"));
    assert!(pasted.errors[1].reason.contains("outside the appraisal"));
    let CostDetail::Other(o) = &pasted.lines[0].detail else {
        panic!("an other cost")
    };
    let mut expected = vec![Decimal::ZERO; 15];
    expected[1] = dec!(10);
    expected[14] = dec!(40);
    assert_eq!(o.amounts, Profile::PerYear(expected));

    let long = format!(
        "Hours\tNorthbridge Council\tOfficer (SO2)\t\t{}\n",
        vec!["1"; 302].join("\t")
    );
    let pasted = paste::staff_time(&project, &paste::parse_block(&long));
    let at: Vec<(usize, usize)> = pasted.errors.iter().map(|e| (e.row, e.column)).collect();
    assert_eq!(at, vec![(1, 305), (1, 306)]);
    let CostDetail::StaffTime(s) = &pasted.lines[0].detail else {
        panic!("staff time")
    };
    assert_eq!(s.hours, Profile::PerYear(vec![dec!(1); 300]));
}
