//! Results as text a person or a program reads: the conventions stated on every
//! output, and the table, JSON and CSV forms of `appraise`.

use crate::appraisal::flows::TypeUplift;
use crate::appraisal::uncertainty::{NOTHING_TO_SIMULATE, Simulation};
use crate::appraisal::{
    AllCompleteness, Appraisal, ByType, Completeness, Diagnostic, Measures, PartnerPosition,
    Payback, PoolResult,
};
use crate::export::WIDER_SOCIETY;
use crate::format::{self, round};
use crate::model::{Optimism, Project, RiskShare};
use rust_decimal::Decimal;
use serde::Serialize;

/// The conventions every output states: price base, years, discounting, costing, optimism bias.
pub fn conventions(project: &Project) -> Vec<(&'static str, String)> {
    let s = &project.settings;
    let last = s.first_year.plus(s.horizon_years.saturating_sub(1));
    let graded = project
        .partnerships
        .iter()
        .flat_map(|p| {
            p.costs
                .iter()
                .map(|c| &c.optimism)
                .chain(p.benefits.iter().map(|b| &b.optimism))
        })
        .filter(|o| !matches!(o, Optimism::Direct(r) if r.0.is_zero()))
        .count();
    vec![
        ("Price base year", format!("{} prices (real terms)", s.price_base_year)),
        ("Years", format!("{} to {} ({} years)", s.first_year, last, s.horizon_years)),
        ("Discounting", s.discount.label()),
        ("Year 0", s.year0.label().to_owned()),
        ("Staff costing", staff_costing(project)),
        (
            "Optimism bias",
            format!(
                "applied line by line ({} adjusted): costs uplifted, benefits reduced, by confidence grade, direct rate or project type{}",
                format::count(graded, "line", "lines"),
                project_types_used(project)
            ),
        ),
        ("Prices", prices(project)),
        ("Rounding", "full precision in calculation; money shown to the penny, ratios to 4 places, half away from zero".into()),
    ]
}

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

/// How a project type's uplift is worked out, in words: "Non-standard buildings: upper
/// bound 51% × (1 − 92% mitigated) = 4.08%".
pub fn type_uplift_working(name: &str, u: &TypeUplift) -> String {
    let mut text = format!(
        "{name}: upper bound {} × (1 − {} mitigated) = {}",
        format::percent(u.upper),
        format::percent(u.mitigation),
        format::percent(u.mitigated)
    );
    if u.at_lower_bound() {
        text.push_str(&format!(
            ", below the lower bound, so {}",
            format::percent(u.resultant)
        ));
    }
    if let Some(d) = u.duration {
        text.push_str(&format!(
            "; works duration {} (stated, not applied)",
            format::percent(d)
        ));
    }
    text
}

/// "; project types: …" with the working of each project type and mitigation in use.
fn project_types_used(project: &Project) -> String {
    let mut used: Vec<(&str, crate::model::Rate, usize)> = Vec::new();
    for line in project.partnerships.iter().flat_map(|p| &p.costs) {
        if let Optimism::ProjectType {
            project_type,
            mitigation,
        } = &line.optimism
        {
            match used
                .iter_mut()
                .find(|(t, m, _)| *t == project_type.as_str() && m == mitigation)
            {
                Some((_, _, count)) => *count += 1,
                None => used.push((project_type, *mitigation, 1)),
            }
        }
    }
    let workings: Vec<String> = used
        .iter()
        .filter_map(|(name, mitigation, count)| {
            let u = crate::appraisal::flows::type_uplift(project, name, *mitigation).ok()?;
            Some(format!(
                "{} ({})",
                type_uplift_working(name, &u),
                format::count(*count, "line", "lines")
            ))
        })
        .collect();
    if workings.is_empty() {
        String::new()
    } else {
        format!(
            "; project types (HM Treasury bounds): {}",
            workings.join("; ")
        )
    }
}

/// The lines entered in cash prices, as "Partnership: line", in project order.
pub fn deflated_lines(project: &Project) -> Vec<String> {
    let mut out = Vec::new();
    for p in &project.partnerships {
        let costs = p
            .costs
            .iter()
            .filter(|c| !c.prices.is_real())
            .map(|c| &c.name);
        let benefits = p
            .benefits
            .iter()
            .filter(|b| !b.prices.is_real())
            .map(|b| &b.name);
        out.extend(
            costs
                .chain(benefits)
                .map(|line| format!("{}: {line}", p.name)),
        );
    }
    out
}

/// What prices amounts are in, and which lines were deflated from cash prices.
fn prices(project: &Project) -> String {
    const NAMED: usize = 6;
    let base = project.settings.price_base_year;
    let lines = deflated_lines(project);
    if lines.is_empty() {
        return format!("every amount entered in real terms at {base} prices");
    }
    let source = if project.deflator_source.trim().is_empty() {
        "source not stated".to_owned()
    } else {
        project.deflator_source.trim().to_owned()
    };
    let mut named = lines
        .iter()
        .take(NAMED)
        .cloned()
        .collect::<Vec<_>>()
        .join("; ");
    if lines.len() > NAMED {
        named.push_str(&format!("; and {} more", lines.len() - NAMED));
    }
    format!(
        "{} entered in cash prices, deflated to {base} prices with the project's GDP deflators ({source}): {named}",
        format::count(lines.len(), "line", "lines"),
    )
}

fn staff_costing(project: &Project) -> String {
    let c = &project.settings.staff_costing;
    format!(
        "{}; employer NI {} above {}, pension {}, overheads {}, {} productive hours a year",
        c.convention.label(),
        format::percent(c.employer_ni_rate.0),
        format::money(c.ni_threshold.0, &project.settings.currency_symbol),
        format::percent(c.pension_rate.0),
        format::percent(c.overhead_rate.0),
        format::number(c.productive_hours_per_year, 0),
    )
}

/// The machine-readable results: `appraise --format json`. Money is rounded to pence
/// and ratios to 4 places, all written as strings so no precision is lost in transit.
#[derive(Serialize)]
pub struct Report {
    pub project: String,
    /// False when any line or part is left out or any error stands.
    pub complete: bool,
    pub completeness: CompletenessReport,
    pub conventions: Vec<Convention>,
    pub partnerships: Vec<PartnershipReport>,
    pub portfolio: PortfolioReport,
    pub diagnostics: Vec<Diagnostic>,
}

/// What figures leave out, and the errors that stand.
#[derive(Serialize)]
pub struct CompletenessReport {
    pub complete: bool,
    pub lines_left_out: usize,
    pub parts_left_out: usize,
    pub errors: usize,
    /// "2 lines left out, 1 error", or null when complete.
    pub summary: Option<String>,
}

impl CompletenessReport {
    pub fn new(c: &Completeness) -> Self {
        CompletenessReport {
            complete: c.is_complete(),
            lines_left_out: c.lines_left_out,
            parts_left_out: c.parts_left_out,
            errors: c.errors,
            summary: c.summary(),
        }
    }
}

#[derive(Serialize)]
pub struct Convention {
    pub name: &'static str,
    pub value: String,
}

#[derive(Serialize)]
pub struct MeasuresReport {
    pub pvc: Decimal,
    pub pvb_fiscal: Decimal,
    pub pvb_economic: Decimal,
    pub pvb_social: Decimal,
    pub pvb_total: Decimal,
    pub net_value: Decimal,
    pub bcr: Option<Decimal>,
    pub net_budget_impact: Decimal,
    pub fiscal_roi: Option<Decimal>,
    pub fiscal_roi_cashable: Option<Decimal>,
    pub public_value_roi: Option<Decimal>,
    /// Years, or null for never.
    pub payback_years: Option<Decimal>,
    /// Payback on the fiscal case (fiscal benefits against costs): years, or null for never.
    pub fiscal_payback_years: Option<Decimal>,
    /// SROI practice: PV of impact discounted from year 1, inputs undiscounted, and their ratio.
    pub sroi_impact: Decimal,
    pub sroi_inputs: Decimal,
    pub sroi_ratio: Option<Decimal>,
}

fn payback_years(p: Payback) -> Option<Decimal> {
    match p {
        Payback::Years(y) => Some(round(y, 2)),
        Payback::Never => None,
    }
}

impl MeasuresReport {
    fn new(m: &Measures) -> Self {
        let r = |o: Option<Decimal>| o.map(|v| round(v, 4));
        MeasuresReport {
            pvc: round(m.pvc, 2),
            pvb_fiscal: round(m.pvb.fiscal, 2),
            pvb_economic: round(m.pvb.economic, 2),
            pvb_social: round(m.pvb.social, 2),
            pvb_total: round(m.pvb_total, 2),
            net_value: round(m.net_value, 2),
            bcr: r(m.bcr),
            net_budget_impact: round(m.net_budget_impact, 2),
            fiscal_roi: r(m.fiscal_roi),
            fiscal_roi_cashable: r(m.fiscal_roi_cashable),
            public_value_roi: r(m.public_value_roi),
            payback_years: payback_years(m.payback),
            fiscal_payback_years: payback_years(m.fiscal_payback),
            sroi_impact: round(m.sroi_impact, 2),
            sroi_inputs: round(m.sroi_inputs, 2),
            sroi_ratio: r(m.sroi_ratio),
        }
    }
}

#[derive(Serialize)]
pub struct PartnerReport {
    pub partner: String,
    pub pv_costs: Decimal,
    pub pv_fiscal: Decimal,
    pub pv_cashable: Decimal,
    pub pv_non_cashable: Decimal,
    pub pv_economic: Decimal,
    pub pv_social: Decimal,
    pub pv_economic_and_social: Decimal,
    pub net_budget: Decimal,
    pub net_value: Decimal,
    pub fiscal_roi: Option<Decimal>,
}

impl PartnerReport {
    fn new(p: &PartnerPosition) -> Self {
        PartnerReport {
            partner: p.partner.clone(),
            pv_costs: round(p.pv_costs, 2),
            pv_fiscal: round(p.pv_fiscal, 2),
            pv_cashable: round(p.pv_cashable, 2),
            pv_non_cashable: round(p.pv_non_cashable(), 2),
            pv_economic: round(p.pv_economic, 2),
            pv_social: round(p.pv_social, 2),
            pv_economic_and_social: round(p.pv_other, 2),
            net_budget: round(p.net_budget, 2),
            net_value: round(p.net_value, 2),
            fiscal_roi: p.fiscal_roi.map(|v| round(v, 4)),
        }
    }
}

/// Benefits attributed to no partner, by type.
#[derive(Serialize)]
pub struct ByTypeReport {
    pub fiscal: Decimal,
    pub economic: Decimal,
    pub social: Decimal,
}

impl ByTypeReport {
    fn new(b: &ByType<Decimal>) -> Self {
        ByTypeReport {
            fiscal: round(b.fiscal, 2),
            economic: round(b.economic, 2),
            social: round(b.social, 2),
        }
    }
}

/// A pooled fund's shares at reporting precision.
#[derive(Serialize)]
pub struct PoolReport {
    pub line: String,
    pub host: String,
    pub risk_share: RiskShare,
    pub total_contributions: Decimal,
    pub total_variance: Decimal,
    pub shares: Vec<PoolShareReport>,
}

#[derive(Serialize)]
pub struct PoolShareReport {
    pub partner: String,
    pub contributed: Decimal,
    pub share: Option<Decimal>,
    pub variance_borne: Decimal,
}

impl PoolReport {
    fn new(pool: &PoolResult) -> Self {
        PoolReport {
            line: pool.line.clone(),
            host: pool.host.clone(),
            risk_share: pool.risk_share,
            total_contributions: round(pool.total_contributions, 2),
            total_variance: round(pool.total_variance, 2),
            shares: pool
                .shares
                .iter()
                .map(|s| PoolShareReport {
                    partner: s.partner.clone(),
                    contributed: round(s.contributed, 2),
                    share: s.share.map(|v| round(v, 4)),
                    variance_borne: round(s.variance_borne, 2),
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
pub struct NamedValue {
    pub name: String,
    pub pv: Decimal,
}

#[derive(Serialize)]
pub struct PartnershipReport {
    pub name: String,
    pub completeness: CompletenessReport,
    pub status: String,
    pub funding: String,
    pub measures: MeasuresReport,
    /// Net value is negative: consider scaling down.
    pub negative: bool,
    pub partners: Vec<PartnerReport>,
    pub wider_society: Decimal,
    pub wider_society_by_type: ByTypeReport,
    pub cost_by_layer: Vec<NamedValue>,
    pub cost_by_kind: Vec<NamedValue>,
    /// Each pooled fund's contributions, shares and variance, over the horizon (undiscounted).
    pub pools: Vec<PoolReport>,
    /// Its lines entered in cash prices and deflated to the price base year.
    pub deflated_lines: Vec<String>,
    /// Sensitivity and switching values, with `appraise --analysis`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub analysis: Option<AnalysisReport>,
}

/// A partnership's sensitivity analysis and switching values.
#[derive(Serialize)]
pub struct AnalysisReport {
    /// How far each input moves (0.1 is 10% either way).
    pub sensitivity_range: Decimal,
    /// Largest change first.
    pub sensitivity: Vec<SensitivityReport>,
    pub switching_values: Vec<SwitchingReport>,
}

#[derive(Serialize)]
pub struct SensitivityReport {
    pub input: String,
    pub net_value_low: Decimal,
    pub net_value_high: Decimal,
    pub change: Decimal,
}

/// The multiplier on an input (1 is as entered) at which net value reaches zero, and at
/// which the fiscal return reaches 1; null where no multiplier from 0 to 20 does it.
#[derive(Serialize)]
pub struct SwitchingReport {
    pub input: String,
    pub net_value_factor: Option<Decimal>,
    pub fiscal_return_factor: Option<Decimal>,
}

impl AnalysisReport {
    pub fn new(project: &Project, index: usize) -> Self {
        use crate::appraisal::uncertainty;
        let range = project.settings.simulation.sensitivity.0;
        let factor = |f: Option<Decimal>| f.map(|v| round(v, 4));
        AnalysisReport {
            sensitivity_range: range,
            sensitivity: uncertainty::sensitivity(project, index, range)
                .into_iter()
                .map(|r| SensitivityReport {
                    input: r.label,
                    net_value_low: round(r.low, 2),
                    net_value_high: round(r.high, 2),
                    change: round(r.change, 2),
                })
                .collect(),
            switching_values: uncertainty::switching_values(project, index)
                .into_iter()
                .map(|s| SwitchingReport {
                    input: s.label,
                    net_value_factor: factor(s.net_value),
                    fiscal_return_factor: factor(s.fiscal_return),
                })
                .collect(),
        }
    }
}

/// Each partnership's sensitivity and switching values as text tables.
pub fn analysis_table(project: &Project) -> String {
    let sym = &project.settings.currency_symbol;
    let m = |v: Decimal| format::money(v, sym);
    let mut out = String::new();
    for (index, p) in project.partnerships.iter().enumerate() {
        let a = AnalysisReport::new(project, index);
        let range = format::percent(a.sensitivity_range);
        out.push_str(&format!(
            "\nSensitivity: {} (net value with each input {range} lower and higher)\n",
            p.name
        ));
        let rows: Vec<Vec<String>> = a
            .sensitivity
            .iter()
            .map(|r| {
                vec![
                    r.input.clone(),
                    m(r.net_value_low),
                    m(r.net_value_high),
                    m(r.change),
                ]
            })
            .collect();
        out.push_str(&text_table(
            &["Input", "Input lower", "Input higher", "Change"],
            &rows,
        ));
        out.push_str(&format!("\nSwitching values: {}\n", p.name));
        let change = |f: Option<Decimal>| switching_change(f.map(|f| f - Decimal::ONE));
        let rows: Vec<Vec<String>> = a
            .switching_values
            .iter()
            .map(|s| {
                vec![
                    s.input.clone(),
                    change(s.net_value_factor),
                    change(s.fiscal_return_factor),
                ]
            })
            .collect();
        out.push_str(&text_table(
            &["Input", SWITCH_NET_VALUE, SWITCH_FISCAL],
            &rows,
        ));
    }
    out
}

#[derive(Serialize)]
pub struct PortfolioReport {
    pub completeness: CompletenessReport,
    pub measures: MeasuresReport,
    /// Partnership names, highest net value first.
    pub ranking: Vec<String>,
    pub partners: Vec<PartnerReport>,
    pub wider_society: Decimal,
    pub wider_society_by_type: ByTypeReport,
}

fn named(b: &[crate::appraisal::Breakdown]) -> Vec<NamedValue> {
    b.iter()
        .map(|x| NamedValue {
            name: x.label.clone(),
            pv: round(x.pv, 2),
        })
        .collect()
}

impl Report {
    pub fn new(project: &Project, appraisal: &Appraisal, diagnostics: Vec<Diagnostic>) -> Self {
        let all = AllCompleteness::new(appraisal, &diagnostics);
        let partnerships = project
            .partnerships
            .iter()
            .zip(&appraisal.partnerships)
            .enumerate()
            .map(|(i, (p, r))| PartnershipReport {
                name: p.name.clone(),
                completeness: CompletenessReport::new(&all.partnership(i)),
                status: p.status.label().to_owned(),
                funding: p.funding.label().to_owned(),
                measures: MeasuresReport::new(&r.measures),
                negative: r.negative,
                partners: r.partners.iter().map(PartnerReport::new).collect(),
                wider_society: round(r.wider_society, 2),
                wider_society_by_type: ByTypeReport::new(&r.wider_society_by_type),
                cost_by_layer: named(&r.cost_by_layer),
                cost_by_kind: named(&r.cost_by_kind),
                pools: r.pools.iter().map(PoolReport::new).collect(),
                deflated_lines: p
                    .costs
                    .iter()
                    .filter(|c| !c.prices.is_real())
                    .map(|c| c.name.clone())
                    .chain(
                        p.benefits
                            .iter()
                            .filter(|b| !b.prices.is_real())
                            .map(|b| b.name.clone()),
                    )
                    .collect(),
                analysis: None,
            })
            .collect();
        let pf = &appraisal.portfolio;
        let completeness = all.portfolio;
        Report {
            project: project.name.clone(),
            complete: completeness.is_complete(),
            completeness: CompletenessReport::new(&completeness),
            conventions: conventions(project)
                .into_iter()
                .map(|(name, value)| Convention { name, value })
                .collect(),
            partnerships,
            portfolio: PortfolioReport {
                completeness: CompletenessReport::new(&completeness),
                measures: MeasuresReport::new(&pf.measures),
                ranking: pf
                    .ranking
                    .iter()
                    .filter_map(|i| project.partnerships.get(*i))
                    .map(|p| p.name.clone())
                    .collect(),
                partners: pf.partners.iter().map(PartnerReport::new).collect(),
                wider_society: round(pf.wider_society, 2),
                wider_society_by_type: ByTypeReport::new(&pf.wider_society_by_type),
            },
            diagnostics,
        }
    }
}

impl Report {
    /// Adds each partnership's sensitivity and switching values.
    pub fn add_analysis(&mut self, project: &Project) {
        for (index, p) in self.partnerships.iter_mut().enumerate() {
            p.analysis = Some(AnalysisReport::new(project, index));
        }
    }
}

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

/// Quotes a CSV field where it needs it (RFC 4180).
/// Text that a spreadsheet would run as a formula (= + - @, or a leading tab or
/// carriage return) is prefixed with an apostrophe so it stays text.
pub fn csv_field(text: &str) -> String {
    let safe = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if safe.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

/// One row per partnership, per partner in it and for wider society, plus the
/// portfolio, at reporting precision. A partnership's partner rows and its wider
/// society row add up to its own row (costs, benefits by type, net value). The last
/// column says whether the row's figures are complete.
pub fn csv(project: &Project, appraisal: &Appraisal, problems: &[Diagnostic]) -> String {
    let mut out = String::from(
        "partnership,partner,pv_costs,pv_fiscal,pv_economic,pv_social,pv_benefits,net_value,net_budget_impact,bcr,fiscal_roi,payback_years,fiscal_payback_years,sroi_ratio,completeness\n",
    );
    let completeness = |c: Completeness| {
        csv_field(
            &c.summary()
                .map_or_else(|| "complete".to_owned(), |s| format!("incomplete: {s}")),
        )
    };
    let all = AllCompleteness::new(appraisal, problems);
    let marks: Vec<String> = all.partnerships.iter().map(|c| completeness(*c)).collect();
    let portfolio_mark = completeness(all.portfolio);
    let mut partner_rows = String::new();
    for ((p, r), mark) in project
        .partnerships
        .iter()
        .zip(&appraisal.partnerships)
        .zip(&marks)
    {
        out.push_str(&csv_measures_row(&p.name, &r.measures, mark));
        partner_rows.push_str(&csv_partner_rows(
            (&p.name, mark),
            &r.partners,
            r.wider_society,
            &r.wider_society_by_type,
        ));
    }
    let pf = &appraisal.portfolio;
    out.push_str(&csv_measures_row(
        "Portfolio",
        &pf.measures,
        &portfolio_mark,
    ));
    partner_rows.push_str(&csv_partner_rows(
        ("Portfolio", &portfolio_mark),
        &pf.partners,
        pf.wider_society,
        &pf.wider_society_by_type,
    ));
    out.push_str(&partner_rows);
    out
}

fn csv_money(v: Decimal) -> String {
    round(v, 2).to_string()
}

fn csv_ratio(o: Option<Decimal>) -> String {
    o.map(|v| round(v, 4).to_string()).unwrap_or_default()
}

fn csv_measures_row(name: &str, x: &Measures, mark: &str) -> String {
    let years = |p: Payback| payback_years(p).map(|y| y.to_string()).unwrap_or_default();
    format!(
        "{},,{},{},{},{},{},{},{},{},{},{},{},{},{mark}\n",
        csv_field(name),
        csv_money(x.pvc),
        csv_money(x.pvb.fiscal),
        csv_money(x.pvb.economic),
        csv_money(x.pvb.social),
        csv_money(x.pvb_total),
        csv_money(x.net_value),
        csv_money(x.net_budget_impact),
        csv_ratio(x.bcr),
        csv_ratio(x.fiscal_roi),
        years(x.payback),
        years(x.fiscal_payback),
        csv_ratio(x.sroi_ratio),
    )
}

/// Each partner's row, then wider society's: its benefits, no costs, and no budget.
fn csv_partner_rows(
    (name, mark): (&str, &str),
    partners: &[PartnerPosition],
    society: Decimal,
    society_by_type: &ByType<Decimal>,
) -> String {
    let name = csv_field(name);
    let mut out = String::new();
    for pos in partners {
        out.push_str(&format!(
            "{name},{},{},{},{},{},{},{},{},,{},,,,{mark}\n",
            csv_field(&pos.partner),
            csv_money(pos.pv_costs),
            csv_money(pos.pv_fiscal),
            csv_money(pos.pv_economic),
            csv_money(pos.pv_social),
            csv_money(pos.pv_benefits()),
            csv_money(pos.net_value),
            csv_money(pos.net_budget),
            csv_ratio(pos.fiscal_roi),
        ));
    }
    out.push_str(&format!(
        "{name},{WIDER_SOCIETY},0.00,{},{},{},{},{},,,,,,,{mark}\n",
        csv_money(society_by_type.fiscal),
        csv_money(society_by_type.economic),
        csv_money(society_by_type.social),
        csv_money(society),
        csv_money(society),
    ));
    out
}

/// "1 input" or "12 inputs".
fn inputs(n: usize) -> String {
    format::count(n, "input", "inputs")
}

/// "in 10,000 draws, with 12 inputs varying": what every probability shown states.
pub fn draws_and_inputs(sim: &Simulation) -> String {
    format!(
        "{}, with {} varying",
        format::count(sim.draws as usize, "draw", "draws"),
        inputs(sim.varying_inputs)
    )
}

/// The headline of a simulation, the same in every view: the chance that benefits
/// exceed costs with the draws and the inputs varying, or that there is nothing to
/// simulate.
pub fn simulation_summary(sim: &Simulation) -> String {
    match sim.probability_positive {
        Some(p) => format!(
            "Benefits exceed costs in {} of {}",
            format::percent(round(p, 4)),
            draws_and_inputs(sim)
        ),
        None => NOTHING_TO_SIMULATE.to_owned(),
    }
}

/// Monte Carlo results as a readable table, one block per partnership.
pub fn simulation_table(project: &Project, results: &[(String, Simulation)]) -> String {
    let sym = &project.settings.currency_symbol;
    let m = |v: Decimal| format::money(v, sym);
    let mut out = String::new();
    for (name, sim) in results {
        out.push_str(&format!(
            "{name}\n{}\n{}, seed {}, {} varying\n",
            simulation_summary(sim),
            format::count(sim.draws as usize, "draw", "draws"),
            sim.seed,
            inputs(sim.varying_inputs)
        ));
        if sim.nothing_varies() {
            let rows = vec![vec!["Net value (every draw)".to_owned(), m(sim.mean)]];
            out.push_str(&text_table(&["Result", "Value"], &rows));
            let partner_rows: Vec<Vec<String>> = sim
                .partners
                .iter()
                .map(|p| vec![p.partner.clone(), m(p.mean_net_budget)])
                .collect();
            out.push_str(&text_table(&["Partner", "Net to budget"], &partner_rows));
            out.push('\n');
            continue;
        }
        let rows = vec![
            vec!["Mean net value".to_owned(), m(sim.mean)],
            vec!["P10".to_owned(), m(sim.p10)],
            vec!["P50 (median)".to_owned(), m(sim.p50)],
            vec!["P90".to_owned(), m(sim.p90)],
        ];
        out.push_str(&text_table(&["Result", "Value"], &rows));
        out.push_str(&format!(
            "Each partner's chance of gaining, in the same {}\n",
            draws_and_inputs(sim)
        ));
        let partner_rows: Vec<Vec<String>> = sim
            .partners
            .iter()
            .map(|p| {
                let chance = p
                    .probability_positive
                    .map_or_else(String::new, |v| format::percent(round(v, 4)));
                vec![p.partner.clone(), m(p.mean_net_budget), chance]
            })
            .collect();
        out.push_str(&text_table(
            &["Partner", "Mean net to budget", "Probability of gaining"],
            &partner_rows,
        ));
        out.push('\n');
    }
    out
}

/// One partnership's Monte Carlo results: `simulate --format json`. Money to pence,
/// probabilities to 4 places, as strings; a probability is null when no input varies.
#[derive(Serialize)]
pub struct SimulationReport {
    pub partnership: String,
    /// False when the partnership's figures leave something out or an error stands.
    pub complete: bool,
    /// What is missing ("1 line left out, 1 error"), or null when complete.
    pub incomplete: Option<String>,
    pub simulation: SimulationFigures,
}

#[derive(Serialize)]
pub struct SimulationFigures {
    pub draws: u32,
    pub seed: u64,
    pub varying_inputs: usize,
    /// The headline sentence every view shows.
    pub summary: String,
    pub mean: Decimal,
    pub p10: Decimal,
    pub p50: Decimal,
    pub p90: Decimal,
    pub probability_positive: Option<Decimal>,
    pub partners: Vec<PartnerChanceReport>,
    pub histogram: Vec<BinReport>,
}

#[derive(Serialize)]
pub struct PartnerChanceReport {
    pub partner: String,
    pub mean_net_budget: Decimal,
    pub probability_positive: Option<Decimal>,
}

#[derive(Serialize)]
pub struct BinReport {
    pub low: Decimal,
    pub high: Decimal,
    pub count: u32,
}

impl SimulationReport {
    /// `incomplete` says what the partnership's figures leave out, if anything.
    pub fn new(partnership: &str, incomplete: Option<String>, sim: &Simulation) -> Self {
        let chance = |o: Option<Decimal>| o.map(|v| round(v, 4));
        SimulationReport {
            partnership: partnership.to_owned(),
            complete: incomplete.is_none(),
            incomplete,
            simulation: SimulationFigures {
                draws: sim.draws,
                seed: sim.seed,
                varying_inputs: sim.varying_inputs,
                summary: simulation_summary(sim),
                mean: round(sim.mean, 2),
                p10: round(sim.p10, 2),
                p50: round(sim.p50, 2),
                p90: round(sim.p90, 2),
                probability_positive: chance(sim.probability_positive),
                partners: sim
                    .partners
                    .iter()
                    .map(|p| PartnerChanceReport {
                        partner: p.partner.clone(),
                        mean_net_budget: round(p.mean_net_budget, 2),
                        probability_positive: chance(p.probability_positive),
                    })
                    .collect(),
                histogram: sim
                    .histogram
                    .iter()
                    .map(|b| BinReport {
                        low: round(b.low, 2),
                        high: round(b.high, 2),
                        count: b.count,
                    })
                    .collect(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_are_quoted_and_never_run_as_formulas() {
        assert_eq!(csv_field("Council"), "Council");
        assert_eq!(csv_field("Police, fire"), "\"Police, fire\"");
        assert_eq!(csv_field("Say \"hi\""), "\"Say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("-1+2"), "'-1+2");
    }
}
