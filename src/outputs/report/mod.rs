//! Results as text a person or a program reads: the conventions stated on every
//! output, and the table, JSON and CSV forms of `appraise`.
//!
//! This module holds the readable table; `conventions.rs` the conventions, as data and
//! as text; `json.rs` (with the register's part, `register.rs`, and the objectives and
//! delivery chain, `objectives.rs`), `csv.rs`, `analysis.rs`
//! (sensitivity and switching values) and `simulation.rs` the other forms.

use crate::appraisal::{AllCompleteness, Appraisal, Diagnostic, PartnerPosition};
use crate::export::WIDER_SOCIETY;
use crate::format::{self, round};
use crate::model::Project;
use rust_decimal::Decimal;
mod actuals;
mod analysis;
mod compare;
mod conventions;
mod csv;
mod json;
mod objectives;
mod register;
mod review;
mod simulation;

pub use actuals::{ActualsJson, REFORECAST_RULE};
pub use analysis::{AnalysisReport, SensitivityReport, SwitchingReport, analysis_table};
pub use compare::{ComparisonReport, comparison_table, incompleteness, movement, rounded_shares};
pub use conventions::{
    Conventions, OptimismBiasConvention, StaffCostingConvention, conventions, deflated_lines,
    type_uplift_working,
};
pub use csv::{csv, csv_field};
pub use json::{
    ByTypeReport, CompletenessReport, Convention, MeasuresReport, NamedValue, PartnerReport,
    PartnershipReport, PartnershipReports, PoolReport, PoolShareReport, PortfolioReport, Report,
};
pub use objectives::{
    ChainObjectiveReport, ChainPriorityReport, ContributionReport, DeliveryChainReport,
    IndicatorReport, ObjectiveRatingReport, ObjectiveReport, PartnerDeliveryReport,
    YearRatingReport, objectives_of,
};
pub use register::{
    AreaReport, RegisterReport, RiskReport, SignificanceReport, SignificanceTestReport,
};
pub use review::{ActionReport, ReviewReport, reviews_of};
pub use simulation::{
    BinReport, PartnerChanceReport, SimulationFigures, SimulationReport, draws_and_inputs,
    simulation_summary, simulation_table,
};

/// A switching value's change from the input as entered, in words: "12.5% lower",
/// "none: already there", or that no multiplier from 0 to 20 times does it.
pub fn switching_change(change: Option<Decimal>) -> String {
    match change {
        Some(c) if c.is_zero() => "none: already there".to_owned(),
        Some(c) if c > Decimal::ZERO => format!("{} higher", format::percent(round(c, 4))),
        Some(c) => format!("{} lower", format::percent(round(-c, 4))),
        None => "never, from 0 to 20 times the value entered".to_owned(),
    }
}

/// The column heads of switching values on each basis.
pub const SWITCH_NET_VALUE: &str = "Change for net value to reach zero";
pub const SWITCH_FISCAL: &str = "Change for the fiscal return to reach 1";

/// Lays out rows as a plain-text table: the first column left-aligned, the rest right-aligned.
pub fn text_table(header: &[&str], rows: &[Vec<String>]) -> String {
    let cols = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate().take(cols) {
            let pad = widths[i].saturating_sub(cell.chars().count());
            if i == 0 {
                out.push_str(cell);
                out.push_str(&" ".repeat(pad));
            } else {
                out.push_str("  ");
                out.push_str(&" ".repeat(pad));
                out.push_str(cell);
            }
        }
        out.trim_end().to_owned() + "\n"
    };
    let mut out = line(header.to_vec());
    out.push_str(&line(
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str)
            .collect(),
    ));
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out
}

/// What the table's measures beyond the Green Book's are, said under it.
const MEASURES_NOTE: &str = "Payback and BCR are the Green Book's (net value; all benefits over PVC). Fiscal payback is the same formula on fiscal benefits against costs (HM Treasury's 2014 guidance for local partnerships). The SROI ratio is SROI practice's: impact discounted from year 1 over inputs not discounted; it is not the BCR.\n";

/// The results as a readable table: whether they are complete, conventions,
/// partnerships, then partners. `problems` are the project's ([`crate::appraisal::problems`]).
pub fn table(project: &Project, appraisal: &Appraisal, problems: &[Diagnostic]) -> String {
    let sym = &project.settings.currency_symbol;
    let m = |v: Decimal| format::money(v, sym);
    let all = AllCompleteness::new(appraisal, problems);
    let mut out = String::new();
    if let Some(missing) = all.portfolio.summary() {
        out.push_str(&format!(
            "INCOMPLETE: these results are incomplete ({missing}); run `validate` for the list.\n\n"
        ));
    }
    out.push_str(&format!("{}\n\n", project.name));
    for (name, value) in conventions(project) {
        out.push_str(&format!("{name}: {value}\n"));
    }
    out.push('\n');
    let header = [
        "Partnership",
        "PVC",
        "PVB",
        "Net value",
        "BCR",
        "Fiscal ROI",
        "Payback",
        "Fiscal payback",
        "SROI ratio",
        "",
    ];
    let mut rows: Vec<Vec<String>> = project
        .partnerships
        .iter()
        .zip(&appraisal.partnerships)
        .enumerate()
        .map(|(i, (p, r))| {
            let x = &r.measures;
            let mut notes = Vec::new();
            if let Some(mark) = all.partnership(i).mark() {
                notes.push(mark.to_uppercase());
            }
            if r.negative {
                notes.push("NEGATIVE: consider scaling down".to_owned());
            }
            vec![
                p.name.clone(),
                m(x.pvc),
                m(x.pvb_total),
                m(x.net_value),
                format::ratio(x.bcr),
                format::ratio(x.fiscal_roi),
                format::payback(x.payback),
                format::payback(x.fiscal_payback),
                format::ratio(x.sroi_ratio),
                notes.join("; "),
            ]
        })
        .collect();
    let pf = &appraisal.portfolio.measures;
    rows.push(vec![
        "Portfolio".into(),
        m(pf.pvc),
        m(pf.pvb_total),
        m(pf.net_value),
        format::ratio(pf.bcr),
        format::ratio(pf.fiscal_roi),
        format::payback(pf.payback),
        format::payback(pf.fiscal_payback),
        format::ratio(pf.sroi_ratio),
        all.portfolio
            .mark()
            .map(|m| m.to_uppercase())
            .unwrap_or_default(),
    ]);
    out.push_str(&text_table(&header, &rows));
    out.push_str(MEASURES_NOTE);

    let partner_header = [
        "Partner",
        "Costs borne",
        "Fiscal benefit",
        "Net to budget",
        "Own return",
        "Economic and social",
    ];
    let partner_rows = |positions: &[PartnerPosition], society: Decimal| {
        let mut rows: Vec<Vec<String>> = positions
            .iter()
            .map(|p| {
                let cells = [
                    m(p.pv_costs),
                    m(p.pv_fiscal),
                    m(p.net_budget),
                    format::ratio(p.fiscal_roi),
                    m(p.pv_other),
                ];
                std::iter::once(p.partner.clone()).chain(cells).collect()
            })
            .collect();
        if !society.is_zero() {
            let mut row = vec![WIDER_SOCIETY.to_owned()];
            row.extend(["", "", "", ""].map(String::from));
            row.push(m(society));
            rows.push(row);
        }
        rows
    };
    for (p, r) in project.partnerships.iter().zip(&appraisal.partnerships) {
        out.push_str(&format!("\nWho pays and who benefits: {}\n", p.name));
        out.push_str(&text_table(
            &partner_header,
            &partner_rows(&r.partners, r.wider_society),
        ));
        for pool in &r.pools {
            out.push_str(&format!(
                "\nPooled fund: {} (host {}; over- or underspend: {}); contributed {}, variance {}\n",
                pool.line,
                pool.host,
                pool.risk_share.label().to_lowercase(),
                m(pool.total_contributions),
                m(pool.total_variance)
            ));
            let rows: Vec<Vec<String>> = pool
                .shares
                .iter()
                .map(|s| {
                    let share = s
                        .share
                        .map_or_else(|| "n/a".to_owned(), |v| format::percent(round(v, 4)));
                    vec![
                        s.partner.clone(),
                        m(s.contributed),
                        share,
                        m(s.variance_borne),
                    ]
                })
                .collect();
            out.push_str(&text_table(
                &["Partner", "Contributed", "Share of pool", "Variance borne"],
                &rows,
            ));
        }
    }
    out.push_str("\nEach partner's net exposure across the portfolio\n");
    out.push_str(&text_table(
        &partner_header,
        &partner_rows(
            &appraisal.portfolio.partners,
            appraisal.portfolio.wider_society,
        ),
    ));
    if !problems.is_empty() {
        out.push_str(&format!(
            "\n{}; run `validate` for the list.\n",
            match problems.len() {
                1 => "1 problem".to_owned(),
                n => format::count(n, "problem", "problems"),
            }
        ));
    }
    out
}
