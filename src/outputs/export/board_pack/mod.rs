//! The board pack: one self-contained HTML file (no external references of any kind),
//! printable to A4 with a page per partnership.
//!
//! Accessible by construction: one `<h1>`, `<h2>` per section, `<h3>` within; every
//! table has a `<caption>` and `<th scope>`; every chart is an inline SVG with a
//! title and description. All user text is escaped.

mod review;

use super::svg::{self, Position, esc};
use super::yearly::WIDER_SOCIETY;
use crate::appraisal::uncertainty;
use crate::appraisal::{
    AllCompleteness, Appraisal, ByType, Completeness, Diagnostic, Measures, PartnerPosition,
    PartnershipResult,
};
use crate::format;
use crate::model::{Partnership, Project, SevenS};
use crate::report;
use rust_decimal::Decimal;

const STYLE: &str = r#"
@page { size: A4; margin: 16mm 14mm; }
body { font-family: "Segoe UI", Arial, Helvetica, sans-serif; font-size: 10.5pt; line-height: 1.35; color: #111; background: #fff; max-width: 190mm; margin: 0 auto; padding: 8mm; }
@media print { body { max-width: none; padding: 0; } }
h1 { font-size: 20pt; margin: 0 0 4pt; }
h2 { font-size: 15pt; border-bottom: 2px solid #1d3557; padding-bottom: 2pt; margin: 14pt 0 6pt; }
h3 { font-size: 12pt; margin: 12pt 0 4pt; break-after: avoid; page-break-after: avoid; }
.partnership, .appendix { break-before: page; page-break-before: always; }
table { border-collapse: collapse; width: 100%; max-width: 100%; margin: 4pt 0 8pt; font-size: 9.5pt; }
.fit { max-width: 100%; overflow-x: auto; }
table.wide { font-size: 8pt; table-layout: auto; }
table.wide th, table.wide td { padding: 2pt 2.5pt; }
table.wide thead th { white-space: normal; hyphens: auto; vertical-align: bottom; }
th[scope="row"] { min-width: 22mm; }
@media print { .fit { overflow: visible; } table.wide { font-size: 7.5pt; } }
caption { text-align: left; font-weight: 600; padding: 2pt 0; }
th, td { border-bottom: 1px solid #ccc; padding: 3pt 4pt; vertical-align: top; text-align: left; }
thead th { border-bottom: 2px solid #333; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tfoot th, tfoot td { border-top: 2px solid #333; font-weight: 700; }
tr, figure, .headline, .flag { break-inside: avoid; page-break-inside: avoid; }
.meta { color: #333; }
.flag { border-left: 6px solid #a94700; background: #fbeee4; padding: 6pt 8pt; margin: 8pt 0; }
.incomplete { border: 3px solid #a94700; background: #fbeee4; padding: 6pt 8pt; margin: 8pt 0; font-size: 1.1em; break-inside: avoid; }
.headline { display: grid; grid-template-columns: repeat(4, 1fr); gap: 6pt; margin: 6pt 0 8pt; }
.headline div { border: 1px solid #bbb; padding: 4pt 6pt; }
.headline dt { font-size: 8.5pt; color: #333; }
.headline dd { margin: 0; font-size: 13pt; font-weight: 700; }
.beside { display: grid; grid-template-columns: 1fr 1fr; gap: 10pt; align-items: start; }
figure { margin: 6pt 0; }
figcaption { font-size: 9pt; color: #333; }
svg { width: 100%; height: auto; }
.none { color: #555; font-style: italic; }
footer { margin-top: 16pt; font-size: 9pt; color: #333; }
"#;

/// A table: caption, column headers (the first is a row header in each row), rows.
/// Cells whose header is marked numeric are right-aligned.
struct Table<'a> {
    caption: String,
    /// Many numeric columns: smaller type and tighter cells, so it fits A4 portrait.
    wide: bool,
    headers: &'a [(&'a str, bool)],
    rows: Vec<Vec<String>>,
    footer: Option<Vec<String>>,
}

impl Table<'_> {
    /// Cells are already escaped.
    fn html(&self) -> String {
        let mut out = format!(
            "<div class=\"fit\"><table{}>\n<caption>{}</caption>\n<thead><tr>",
            if self.wide { " class=\"wide\"" } else { "" },
            self.caption
        );
        for (text, numeric) in self.headers {
            out.push_str(&format!(
                "<th scope=\"col\"{}>{}</th>",
                if *numeric { " class=\"num\"" } else { "" },
                esc(text)
            ));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        let row_html = |row: &[String]| {
            let mut out = String::from("<tr>");
            for (i, (cell, (_, numeric))) in row.iter().zip(self.headers).enumerate() {
                let class = if *numeric { " class=\"num\"" } else { "" };
                if i == 0 {
                    out.push_str(&format!("<th scope=\"row\"{class}>{cell}</th>"));
                } else {
                    out.push_str(&format!("<td{class}>{cell}</td>"));
                }
            }
            out.push_str("</tr>\n");
            out
        };
        for row in &self.rows {
            out.push_str(&row_html(row));
        }
        out.push_str("</tbody>\n");
        if let Some(footer) = &self.footer {
            out.push_str("<tfoot>\n");
            out.push_str(&row_html(footer));
            out.push_str("</tfoot>\n");
        }
        out.push_str("</table></div>\n");
        out
    }
}

fn or_none(text: &str, none: &str) -> String {
    if text.trim().is_empty() {
        format!("<span class=\"none\">{}</span>", esc(none))
    } else {
        esc(text)
    }
}

/// Paragraphs from text with blank lines between them; single newlines become `<br>`.
fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>\n", esc(p).replace('\n', "<br>")))
        .collect()
}

/// The mark for incomplete figures, with a link to the list of problems.
fn incomplete_note(completeness: Completeness, whose: &str) -> String {
    match completeness.summary() {
        None => String::new(),
        Some(missing) => format!(
            "<p class=\"incomplete\" role=\"alert\"><strong>Incomplete: {}.</strong> {} figures leave something out or rest on an error, so they are not the whole appraisal: see <a href=\"#problems\">the problems</a>.</p>\n",
            esc(&missing),
            esc(whose)
        ),
    }
}

pub fn build(project: &Project, appraisal: &Appraisal, issued: Option<&str>) -> String {
    let sym = project.settings.currency_symbol.as_str();
    let problems = crate::appraisal::problems(project, appraisal);
    let all = AllCompleteness::new(appraisal, &problems);
    let mut out = String::with_capacity(64 * 1024);
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{}: board pack</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&project.name)
    ));

    // Cover: title, description and conventions.
    out.push_str("<header>\n");
    out.push_str(&format!("<h1>{}</h1>\n", esc(&project.name)));
    out.push_str(&incomplete_note(all.portfolio, "These"));
    out.push_str(
        "<p class=\"meta\">Cost–benefit appraisal of joint working by the HM Treasury Green Book method: board pack</p>\n",
    );
    out.push_str(&paragraphs(&project.description));
    out.push_str("</header>\n<main>\n");
    out.push_str("<section class=\"conventions\" aria-labelledby=\"conventions\">\n<h2 id=\"conventions\">Conventions</h2>\n");
    let conventions = Table {
        wide: false,
        caption: "Conventions used for every figure in this pack".into(),
        headers: &[("Convention", false), ("Used here", false)],
        rows: report::conventions(project)
            .into_iter()
            .map(|(name, value)| vec![esc(name), esc(&value)])
            .collect(),
        footer: None,
    };
    out.push_str(&conventions.html());
    out.push_str("</section>\n");

    portfolio_section(&mut out, project, appraisal, (&problems, &all), sym);
    // The annual review on the day the pack is issued, where the project keeps one.
    let day = issued.and_then(|d| crate::model::Date::parse(d).ok());
    if let Some(day) = day.filter(|_| project.keeps_review_data()) {
        review::section(&mut out, &super::annual_review_on(project, appraisal, day));
    }

    let n = appraisal.years.len();
    let actuals = report::ActualsJson::wanted(project)
        .then(|| crate::appraisal::actuals::actuals(project, appraisal));
    let analyses = uncertainty::every_partnership(project);
    for (i, ((p, r), analysed)) in project
        .partnerships
        .iter()
        .zip(&appraisal.partnerships)
        .zip(analyses)
        .enumerate()
    {
        partnership_section(&mut out, appraisal, (i, all.partnership(i)), p, r, n, sym);
        sensitivity_section(&mut out, project, analysed.sensitivity, sym);
        switching_section(&mut out, analysed.switching);
        if let Some(a) = actuals.as_ref().and_then(|a| a.partnerships.get(i)) {
            out.push_str(&super::actuals_pack::section(
                a,
                &format!("p{}", i + 1),
                sym,
            ));
        }
        out.push_str("</section>\n");
    }

    appendix(&mut out, project, sym);
    out.push_str("</main>\n");
    let issued = issued
        .map(|d| format!("Issued {}. ", esc(d)))
        .unwrap_or_default();
    out.push_str(&format!(
        "<footer><p>{issued}Produced by Partnership Appraisal {} (project file format {}). Money in {} prices, real terms; present values discounted as stated in the conventions.</p></footer>\n",
        env!("CARGO_PKG_VERSION"),
        crate::file::FORMAT_VERSION,
        esc(&project.settings.price_base_year.to_string())
    ));
    out.push_str("</body>\n</html>\n");
    out
}

fn measures_cells(m: &Measures, sym: &str) -> Vec<String> {
    vec![
        esc(&format::money(m.pvc, sym)),
        esc(&format::money(m.pvb_total, sym)),
        esc(&format::money(m.net_value, sym)),
        esc(&format::ratio(m.bcr)),
        esc(&format::ratio(m.fiscal_roi)),
        esc(&format::payback(m.payback)),
    ]
}

fn portfolio_section(
    out: &mut String,
    project: &Project,
    appraisal: &Appraisal,
    (problems, all): (&[Diagnostic], &AllCompleteness),
    sym: &str,
) {
    out.push_str("<section class=\"portfolio\" aria-labelledby=\"portfolio\">\n<h2 id=\"portfolio\">Portfolio summary</h2>\n");
    let rows = project
        .partnerships
        .iter()
        .zip(&appraisal.partnerships)
        .enumerate()
        .map(|(i, (p, r))| {
            let mut row = vec![esc(&p.name), esc(p.status.label())];
            row.extend(measures_cells(&r.measures, sym));
            let mut flags = Vec::new();
            // The short word here; the whole mark heads the partnership's page.
            if !all.partnership(i).is_complete() {
                flags.push("<strong>Incomplete</strong>".to_owned());
            }
            if r.negative {
                flags.push("Negative: consider scaling down".to_owned());
            }
            row.push(flags.join("<br>"));
            row
        })
        .collect();
    let pm = &appraisal.portfolio.measures;
    let mut footer = vec!["Portfolio".to_owned(), String::new()];
    footer.extend(measures_cells(pm, sym));
    let mut flags = Vec::new();
    if !all.portfolio.is_complete() {
        flags.push("<strong>Incomplete</strong>".to_owned());
    }
    if pm.net_value < Decimal::ZERO {
        flags.push("Negative".to_owned());
    }
    footer.push(flags.join("<br>"));
    let table = Table {
        wide: true,
        caption: "Present values of each partnership and of the portfolio".into(),
        headers: &[
            ("Partnership", false),
            ("Status", false),
            ("Costs (PVC)", true),
            ("Benefits (PVB)", true),
            ("Net value", true),
            ("Benefit–cost ratio", true),
            ("Fiscal return", true),
            ("Payback", true),
            ("Flag", false),
        ],
        rows,
        footer: Some(footer),
    };
    out.push_str(&table.html());

    out.push_str("<h3>Each partner's exposure across the portfolio</h3>\n");
    out.push_str(
        &who_pays_table(
            "What each partner bears and receives across all partnerships (present values)",
            &appraisal.portfolio.partners,
            appraisal.portfolio.wider_society,
            &appraisal.portfolio.wider_society_by_type,
            sym,
        )
        .html(),
    );

    if !problems.is_empty() {
        out.push_str(
            "<h3 id=\"problems\">Problems: errors, lines left out and warnings</h3>\n<ul>\n",
        );
        for d in problems {
            let field = if d.field.is_empty() {
                String::new()
            } else {
                format!(", {}", d.field)
            };
            out.push_str(&format!(
                "<li>{}: {}{}: {}</li>\n",
                if d.is_error() { "Error" } else { "Warning" },
                esc(&d.context),
                esc(&field),
                esc(&d.message)
            ));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

fn who_pays_table<'a>(
    caption: &str,
    positions: &[PartnerPosition],
    society: Decimal,
    society_by_type: &ByType<Decimal>,
    sym: &str,
) -> Table<'a> {
    let m = |v: Decimal| esc(&format::money(v, sym));
    let mut rows: Vec<Vec<String>> = positions
        .iter()
        .map(|p| {
            vec![
                esc(&p.partner),
                m(p.pv_costs),
                m(p.pv_fiscal),
                m(p.pv_cashable),
                m(p.net_budget),
                esc(&format::ratio(p.fiscal_roi)),
                m(p.pv_other),
                m(p.net_value),
            ]
        })
        .collect();
    if !society.is_zero() {
        // Benefits to no partner's budget: a fiscal one that names no partner stays in
        // the fiscal column, economic and social value in its own; no budget, no costs.
        let fiscal = if society_by_type.fiscal.is_zero() {
            String::new()
        } else {
            m(society_by_type.fiscal)
        };
        let mut row = vec![esc(WIDER_SOCIETY), String::new(), fiscal];
        row.extend(std::iter::repeat_n(String::new(), 3));
        row.push(m(society_by_type.economic_and_social()));
        row.push(m(society));
        rows.push(row);
    }
    Table {
        wide: true,
        caption: esc(caption),
        headers: &[
            ("Partner", false),
            ("Costs borne", true),
            ("Fiscal benefits", true),
            ("of which cashable", true),
            ("Net to budget", true),
            ("Own fiscal return", true),
            ("Economic and social benefits", true),
            ("Net value", true),
        ],
        rows,
        footer: None,
    }
}

#[allow(clippy::too_many_arguments)]
fn partnership_section(
    out: &mut String,
    appraisal: &Appraisal,
    (i, completeness): (usize, Completeness),
    p: &Partnership,
    r: &PartnershipResult,
    n: usize,
    sym: &str,
) {
    let id = format!("p{}", i + 1);
    let m = &r.measures;
    out.push_str(&format!(
        "<section class=\"partnership\" id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h2 id=\"{id}-h\">{}</h2>\n",
        esc(&p.name)
    ));
    out.push_str(&incomplete_note(completeness, "This partnership's"));
    out.push_str(&format!(
        "<p class=\"meta\">Status: {}. Funding: {}. Members: {}.</p>\n",
        esc(p.status.label()),
        esc(p.funding.label()),
        if p.members.is_empty() {
            "none listed".to_owned()
        } else {
            esc(&p.members.join(", "))
        }
    ));
    out.push_str(&paragraphs(&p.purpose));
    if r.negative {
        out.push_str(&format!(
            "<p class=\"flag\" role=\"note\"><strong>Net value is negative: {}.</strong> The costs of this partnership outweigh its monetised benefits. The Audit Commission advises partners to consider scaling down their involvement where costs outweigh benefits; weigh this with the non-monetised impacts below.</p>\n",
            esc(&format::money(m.net_value, sym))
        ));
    }

    // Headline results.
    out.push_str(&format!(
        "<h3 id=\"{id}-results\">Headline results</h3>\n<dl class=\"headline\">"
    ));
    let cards = [
        ("Net value", format::money_whole(m.net_value, sym)),
        ("Benefit–cost ratio", format::ratio(m.bcr)),
        ("Fiscal return", format::ratio(m.fiscal_roi)),
        ("Payback", format::payback(m.payback)),
    ];
    for (label, value) in cards {
        out.push_str(&format!(
            "<div><dt>{}</dt><dd>{}</dd></div>",
            esc(label),
            esc(&value)
        ));
    }
    out.push_str("</dl>\n<div class=\"beside\">\n<div>\n");
    let money = |v: Decimal| esc(&format::money(v, sym));
    let results = Table {
        wide: false,
        caption: "Present values".into(),
        headers: &[("Measure", false), ("Value", true)],
        rows: vec![
            vec!["Costs (PVC)".into(), money(m.pvc)],
            vec!["Fiscal benefits".into(), money(m.pvb.fiscal)],
            vec!["of which cashable".into(), money(m.pvb_cashable)],
            vec!["Economic benefits".into(), money(m.pvb.economic)],
            vec!["Social benefits".into(), money(m.pvb.social)],
            vec!["Benefits (PVB)".into(), money(m.pvb_total)],
            vec!["Net value (PVB − PVC)".into(), money(m.net_value)],
            vec![
                "Net budget impact (fiscal − PVC)".into(),
                money(m.net_budget_impact),
            ],
            vec!["Benefit–cost ratio".into(), esc(&format::ratio(m.bcr))],
            vec![
                "Fiscal return on investment".into(),
                esc(&format::ratio(m.fiscal_roi)),
            ],
            vec![
                "Cashable fiscal return".into(),
                esc(&format::ratio(m.fiscal_roi_cashable)),
            ],
            vec![
                "Payback (Green Book, on net value)".into(),
                esc(&format::payback(m.payback)),
            ],
            vec![
                "Fiscal payback (fiscal benefits against costs)".into(),
                esc(&format::payback(m.fiscal_payback)),
            ],
            vec![
                "SROI ratio (SROI practice: impact discounted from year 1 over inputs not discounted; not the BCR)".into(),
                esc(&format::ratio(m.sroi_ratio)),
            ],
        ],
        footer: None,
    };
    out.push_str(&results.html());
    out.push_str("</div>\n<div>\n");
    let impacts = Table {
        wide: false,
        caption: "Non-monetised impacts (not in the figures, but part of the case)".into(),
        headers: &[
            ("Impact", false),
            ("Direction", false),
            ("Significance", false),
        ],
        rows: p
            .impacts
            .iter()
            .map(|i| {
                vec![
                    esc(&i.description),
                    esc(i.direction.label()),
                    esc(i.significance.label()),
                ]
            })
            .collect(),
        footer: None,
    };
    if p.impacts.is_empty() {
        out.push_str("<p class=\"none\">No non-monetised impacts are recorded.</p>\n");
    } else {
        out.push_str(&impacts.html());
    }
    out.push_str("</div>\n</div>\n");

    // The cumulative chart.
    let years = &appraisal.years[..n.min(appraisal.years.len())];
    out.push_str(&format!(
        "<figure>\n{}\n<figcaption>Cumulative discounted net value by year; the marker shows payback.</figcaption>\n</figure>\n",
        svg::cumulative_chart(
            &format!("{id}-cumulative"),
            &p.name,
            years,
            &r.cumulative_net,
            m.payback,
            sym
        )
    ));

    // Who pays and who benefits.
    out.push_str("<h3>Who pays and who benefits</h3>\n");
    out.push_str(
        &who_pays_table(
            &format!("Present values by partner in {}", p.name),
            &r.partners,
            r.wider_society,
            &r.wider_society_by_type,
            sym,
        )
        .html(),
    );
    let mut positions: Vec<Position> = r
        .partners
        .iter()
        .map(|x| Position {
            name: x.partner.clone(),
            costs: x.pv_costs,
            benefits: x.pv_benefits(),
        })
        .collect();
    if !r.wider_society.is_zero() {
        positions.push(Position {
            name: WIDER_SOCIETY.to_owned(),
            costs: Decimal::ZERO,
            benefits: r.wider_society,
        });
    }
    out.push_str(&format!(
        "<figure>\n{}\n<figcaption>Costs borne and benefits received by each partner (present values).</figcaption>\n</figure>\n",
        svg::who_pays_chart(&format!("{id}-who"), &p.name, &positions, sym)
    ));

    // Pooled funds.
    if !r.pools.is_empty() {
        out.push_str("<h3>Pooled funds</h3>\n");
        for pool in &r.pools {
            let rows = pool
                .shares
                .iter()
                .map(|s| {
                    vec![
                        esc(&s.partner),
                        money(s.contributed),
                        s.share.map_or_else(
                            || "n/a".to_owned(),
                            |v| esc(&format::percent(format::round(v, 4))),
                        ),
                        money(s.variance_borne),
                    ]
                })
                .collect();
            let table = Table {
                wide: false,
                caption: format!(
                    "{}: hosted by {}; over- or underspend: {}; contributions {} over the horizon (undiscounted), variance {}",
                    esc(&pool.line),
                    esc(&pool.host),
                    esc(&pool.risk_share.label().to_lowercase()),
                    money(pool.total_contributions),
                    money(pool.total_variance)
                ),
                headers: &[
                    ("Partner", false),
                    ("Contributed", true),
                    ("Share of the pool", true),
                    ("Variance borne", true),
                ],
                rows,
                footer: None,
            };
            out.push_str(&table.html());
        }
    }

    // Costs by governance layer.
    if r.cost_by_layer.iter().any(|b| !b.pv.is_zero()) {
        out.push_str("<h3>Costs by governance layer</h3>\n");
        let table = Table {
            wide: false,
            caption: "Present value of costs by the Audit Commission's layers of governance".into(),
            headers: &[("Layer", false), ("Costs", true)],
            rows: r
                .cost_by_layer
                .iter()
                .map(|b| vec![esc(&b.label), money(b.pv)])
                .collect(),
            footer: None,
        };
        out.push_str(&table.html());
    }

    // 7S profile.
    out.push_str("<h3>Partnership profile (7S)</h3>\n");
    out.push_str(&seven_s_table(&p.seven_s).html());

    // Business as usual.
    out.push_str("<h3>Business as usual</h3>\n");
    if p.bau.trim().is_empty() {
        out.push_str("<p class=\"none\">Business as usual is not described. Every cost and benefit is measured against it: describe it before the board relies on these figures.</p>\n");
    } else {
        out.push_str(&paragraphs(&p.bau));
    }
}

/// How much each input moves the net value: the engine's sensitivity analysis (`rows`),
/// at the project's own percentage, largest swing first (the tornado, as a table).
fn sensitivity_section(
    out: &mut String,
    project: &Project,
    rows: Vec<uncertainty::SensitivityRow>,
    sym: &str,
) {
    const SHOWN: usize = 10;
    let percent = project.settings.simulation.sensitivity.0;
    if rows.is_empty() {
        return;
    }
    out.push_str("<h3>Sensitivity</h3>\n");
    let money = |v: Decimal| esc(&format::money(v, sym));
    let table = Table {
        wide: false,
        caption: esc(&format!(
            "Net value with each input {} lower and {} higher{}",
            format::percent(percent),
            format::percent(percent),
            if rows.len() > SHOWN {
                format!(": the {SHOWN} inputs that move it most, of {}", rows.len())
            } else {
                ", largest change first".to_owned()
            }
        )),
        headers: &[
            ("Input", false),
            ("Net value, input lower", true),
            ("Net value, input higher", true),
            ("Change", true),
        ],
        rows: rows
            .iter()
            .take(SHOWN)
            .map(|r| vec![esc(&r.label), money(r.low), money(r.high), money(r.change)])
            .collect(),
        footer: None,
    };
    out.push_str(&table.html());
}

/// Switching values on both bases (`values`): how far each input must move, all else as
/// entered, for net value to reach zero and for the fiscal return to reach 1.
fn switching_section(out: &mut String, mut values: Vec<uncertainty::Switching>) {
    use uncertainty::Basis;
    if values.is_empty() {
        return;
    }
    values.sort_by_key(|v| v.change(Basis::NetValue).map_or(Decimal::MAX, |d| d.abs()));
    out.push_str("<h3>Switching values</h3>\n");
    let table = Table {
        wide: false,
        caption: "How far each input must move, all else as entered, for net value to reach zero and for the fiscal return (PV of fiscal benefits over PVC) to reach 1; nearest first".into(),
        headers: &[
            ("Input", false),
            (report::SWITCH_NET_VALUE, true),
            (report::SWITCH_FISCAL, true),
        ],
        rows: values
            .iter()
            .map(|v| {
                vec![
                    esc(&v.label),
                    esc(&report::switching_change(v.change(Basis::NetValue))),
                    esc(&report::switching_change(v.change(Basis::FiscalReturn))),
                ]
            })
            .collect(),
        footer: None,
    };
    out.push_str(&table.html());
}

fn seven_s_table(s: &SevenS) -> Table<'static> {
    let rows = SevenS::LABELS
        .iter()
        .zip(s.elements())
        .enumerate()
        .map(|(k, (label, a))| {
            vec![
                esc(label),
                if k < 4 {
                    "Softer (transformational)".to_owned()
                } else {
                    "Harder (transactional)".to_owned()
                },
                a.score.map_or_else(
                    || "<span class=\"none\">not scored</span>".to_owned(),
                    |v| format!("{v} of 5"),
                ),
                esc(&a.note),
            ]
        })
        .collect();
    Table {
        wide: false,
        caption: "Self-assessment against the Audit Commission's seven elements of an effective partnership (scores 1 to 5)".into(),
        headers: &[
            ("Element", false),
            ("Side", false),
            ("Score", true),
            ("Note", false),
        ],
        rows,
        footer: None,
    }
}

fn appendix(out: &mut String, project: &Project, sym: &str) {
    out.push_str("<section class=\"appendix\" aria-labelledby=\"assumptions\">\n<h2 id=\"assumptions\">Assumptions log</h2>\n");
    if project.assumptions.is_empty() {
        out.push_str("<p class=\"none\">No assumptions are recorded.</p>\n");
    } else {
        let table = Table {
            wide: false,
            caption: "Assumptions behind the figures, with their sources".into(),
            headers: &[
                ("Assumption", false),
                ("Source", false),
                ("Owner", false),
                ("Date", false),
            ],
            rows: project
                .assumptions
                .iter()
                .map(|a| {
                    vec![
                        esc(&a.text),
                        or_none(&a.source, "none given"),
                        esc(&a.owner),
                        esc(&a.date),
                    ]
                })
                .collect(),
            footer: None,
        };
        out.push_str(&table.html());
    }

    out.push_str("<h2 id=\"grades\">Confidence grades</h2>\n");
    let grades = Table {
        wide: false,
        caption: "Optimism bias by confidence grade: costs are uplifted and benefits reduced"
            .into(),
        headers: &[
            ("Grade", false),
            ("Evidence", false),
            ("Cost uplift", true),
            ("Benefit reduction", true),
        ],
        rows: project
            .confidence_grades
            .iter()
            .map(|g| {
                vec![
                    esc(&g.grade),
                    esc(&g.descriptor),
                    esc(&format::percent(g.cost_uplift.0)),
                    esc(&format::percent(g.benefit_reduction.0)),
                ]
            })
            .collect(),
        footer: None,
    };
    out.push_str(&grades.html());

    if !project.unit_values.is_empty() {
        out.push_str("<h2 id=\"unit-values\">Unit values</h2>\n");
        let table = Table {
            wide: false,
            caption: format!(
                "Unit values in their own price years (rebased to {} prices in the figures)",
                esc(&project.settings.price_base_year.to_string())
            ),
            headers: &[
                ("Unit value", false),
                ("Value", true),
                ("Price year", false),
                ("Partner", false),
                ("Source", false),
            ],
            rows: project
                .unit_values
                .iter()
                .map(|u| {
                    vec![
                        esc(&u.name),
                        esc(&format::money(u.value.0, sym)),
                        esc(&u.price_year.to_string()),
                        esc(u.partner.as_deref().unwrap_or("")),
                        or_none(&u.source, "none given"),
                    ]
                })
                .collect(),
            footer: None,
        };
        out.push_str(&table.html());
    }
    out.push_str("</section>\n");
}
