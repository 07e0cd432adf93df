//! `simulate`'s table, JSON and headline sentence (`simulation_summary`).

use super::text_table;
use crate::appraisal::uncertainty::{NOTHING_TO_SIMULATE, Simulation};
use crate::format::{self, round};
use crate::model::Project;
use rust_decimal::Decimal;
use serde::Serialize;

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
