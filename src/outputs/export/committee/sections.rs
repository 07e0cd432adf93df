//! What the committee report says, section by section, as blocks.

use super::{Block, CommitteeReport, TableBlock};
use crate::appraisal::uncertainty::{self, CURRENT_ARRANGEMENT, OptionResult};
use crate::appraisal::{AllCompleteness, Appraisal, Completeness, Measures, PartnershipResult};
use crate::format;
use crate::model::{Partnership, Project, ReportSection, ReportSettings};
use rust_decimal::Decimal;

/// Everything the sections draw on.
pub(super) struct Ctx<'a> {
    pub(super) project: &'a Project,
    pub(super) appraisal: &'a Appraisal,
    pub(super) report: &'a CommitteeReport,
    /// The partnerships reported on, by index, with their options.
    pub(super) chosen: Vec<Chosen<'a>>,
    /// The whole portfolio, or one partnership.
    pub(super) portfolio: bool,
    pub(super) sym: &'a str,
}

pub(super) struct Chosen<'a> {
    pub(super) partnership: &'a Partnership,
    pub(super) result: &'a PartnershipResult,
    pub(super) index: usize,
    pub(super) options: Vec<OptionResult>,
    /// Its sensitivity and switching values.
    pub(super) analysed: uncertainty::Analysed,
    /// Its Monte Carlo simulation at the project's draws and seed.
    pub(super) simulation: Option<uncertainty::Simulation>,
}

impl Ctx<'_> {
    pub(super) fn money(&self, value: Decimal) -> String {
        format::money(value, self.sym)
    }

    /// The committee's name, or "the committee".
    fn committee(&self) -> String {
        let c = self.project.report.committee.trim();
        if c.is_empty() {
            "the committee".to_owned()
        } else {
            c.to_owned()
        }
    }
}

pub(super) fn or_placeholder(text: &str, placeholder: &str) -> String {
    if text.trim().is_empty() {
        format!("[{placeholder}]")
    } else {
        text.trim().to_owned()
    }
}

/// The user's text as paragraphs: one per block of lines separated by a blank line.
fn user_paragraphs(text: &str) -> Vec<Block> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| Block::Para(p.replace('\n', " ")))
        .collect()
}

pub(super) fn blocks(
    project: &Project,
    appraisal: &Appraisal,
    report: &CommitteeReport,
) -> Vec<Block> {
    let indices: Vec<usize> = match report.partnership {
        Some(i) if i < project.partnerships.len() && i < appraisal.partnerships.len() => vec![i],
        _ => (0..project.partnerships.len().min(appraisal.partnerships.len())).collect(),
    };
    let portfolio = report
        .partnership
        .is_none_or(|i| i >= project.partnerships.len());
    // What each partnership's sections analyse (each appraises it hundreds or thousands
    // of times), worked out for all of them on every core.
    let analyses = crate::appraisal::each_on_every_core(0..indices.len(), |k| {
        let index = indices[k];
        let s = &project.settings.simulation;
        let draws = s.draws.clamp(1, uncertainty::MAX_DRAWS);
        (
            uncertainty::options(project, index),
            uncertainty::analysed(project, index),
            uncertainty::simulate(project, index, draws, s.seed, &mut |_| true),
        )
    });
    let chosen = indices
        .iter()
        .copied()
        .zip(analyses)
        .map(|(index, (options, analysed, simulation))| Chosen {
            partnership: &project.partnerships[index],
            result: &appraisal.partnerships[index],
            index,
            options,
            analysed,
            simulation,
        })
        .collect();
    let ctx = Ctx {
        project,
        appraisal,
        report,
        chosen,
        portfolio,
        sym: project.settings.currency_symbol.as_str(),
    };
    let mut out = front_page(&ctx);
    for (number, section) in ReportSection::ALL.iter().enumerate() {
        out.push(Block::Heading(format!(
            "{}. {}",
            number + 1,
            section.heading()
        )));
        if let Some(text) = section.text(&project.report.sections) {
            out.extend(user_paragraphs(text));
        }
        let written = section
            .text(&project.report.sections)
            .is_some_and(|t| !t.trim().is_empty());
        section_body(&ctx, *section, written, &mut out);
    }
    out
}

/// The header: council, subject, status, report to, date, report of, portfolio holder;
/// then the incomplete mark, exactly as every other output words it.
fn front_page(ctx: &Ctx) -> Vec<Block> {
    let subject = match (ctx.portfolio, ctx.chosen.first()) {
        (false, Some(c)) => format!("{}: appraisal of the partnership", c.partnership.name),
        _ => format!("{}: appraisal of partnership working", ctx.project.name),
    };
    let problems = crate::appraisal::problems(ctx.project, ctx.appraisal);
    let all = AllCompleteness::new(ctx.appraisal, &problems);
    let completeness = match (ctx.portfolio, ctx.chosen.first()) {
        (false, Some(c)) => all.partnership(c.index),
        _ => all.portfolio,
    };
    report_front_page(&ctx.project.report, subject, &[], completeness)
}

/// A report's first page: the council, a table of the subject, status, report to, date,
/// report of and portfolio holder (then any `more` rows), and the incomplete mark where
/// the figures are incomplete. The committee report and the annual review share it.
pub(super) fn report_front_page(
    r: &ReportSettings,
    subject: String,
    more: &[(&str, String)],
    completeness: Completeness,
) -> Vec<Block> {
    let mut header = TableBlock::new(&["Report", ""], 2);
    for (label, value) in [
        ("Subject", subject),
        ("Status", r.status.label().to_owned()),
        ("Report to", or_placeholder(&r.committee, "committee")),
        ("Date", or_placeholder(&r.meeting_date, "date of meeting")),
        ("Report of", or_placeholder(&r.author, "report author")),
        (
            "Portfolio holder",
            or_placeholder(&r.portfolio_holder, "portfolio holder"),
        ),
    ] {
        header.row(vec![label.to_owned(), value], false);
    }
    for (label, value) in more {
        header.row(vec![(*label).to_owned(), value.clone()], false);
    }
    let mut out = vec![
        Block::Title(or_placeholder(&r.council, "Council name")),
        Block::Table(header),
    ];
    if let Some(mark) = completeness.mark() {
        out.push(Block::Strong(format!(
            "{mark}. The figures in this report leave something out or rest on an error, so \
             they are not the whole appraisal: run the app's check (validate) for the list."
        )));
    }
    out
}

fn section_body(ctx: &Ctx, section: ReportSection, written: bool, out: &mut Vec<Block>) {
    match section {
        ReportSection::Purpose => purpose(ctx, out),
        ReportSection::CorporatePriorities => corporate_priorities(ctx, written, out),
        ReportSection::Risk => super::risk::risk(ctx, out),
        ReportSection::Background => background(ctx, out),
        ReportSection::Options => options(ctx, out),
        ReportSection::Financial => super::money::financial(ctx, out),
        ReportSection::Legal if !written => out.push(Block::Para(
            "[Comments of the head of legal services to be added.]".into(),
        )),
        ReportSection::HumanResources if !written => out.push(Block::Para(
            "[Comments of the head of human resources to be added.]".into(),
        )),
        ReportSection::Legal | ReportSection::HumanResources => {}
        ReportSection::Conclusion if !written => conclusion(ctx, out),
        ReportSection::Recommendations if !written => recommendations(ctx, out),
        ReportSection::Conclusion | ReportSection::Recommendations => {}
        ReportSection::Consultation if !written => consultation(ctx, out),
        ReportSection::Consultation => {}
        ReportSection::ContactOfficer => contact(ctx, out),
        ReportSection::BackgroundPapers => background_papers(ctx, out),
    }
}

/// In a portfolio report, each partnership's part starts with its name.
pub(super) fn named(ctx: &Ctx, c: &Chosen, out: &mut Vec<Block>) {
    if ctx.portfolio {
        out.push(Block::Subheading(c.partnership.name.clone()));
    }
}

fn purpose(ctx: &Ctx, out: &mut Vec<Block>) {
    match (ctx.portfolio, ctx.chosen.first()) {
        (false, Some(c)) => {
            out.push(Block::Para(format!(
                "To report the cost-benefit appraisal of {} and to seek a decision on its future.",
                c.partnership.name
            )));
            if !c.partnership.purpose.trim().is_empty() {
                out.push(Block::Para(format!(
                    "The partnership's purpose: {}",
                    c.partnership.purpose.trim()
                )));
            }
        }
        _ => {
            out.push(Block::Para(format!(
                "To report the cost-benefit appraisal of {} in {} and to seek decisions on their future.",
                format::count(ctx.chosen.len(), "partnership", "partnerships"),
                ctx.project.name
            )));
            for c in &ctx.chosen {
                let purpose = c.partnership.purpose.trim();
                out.push(Block::Para(if purpose.is_empty() {
                    c.partnership.name.clone()
                } else {
                    format!("{}: {purpose}", c.partnership.name)
                }));
            }
        }
    }
}

fn corporate_priorities(ctx: &Ctx, written: bool, out: &mut Vec<Block>) {
    if !written {
        out.push(Block::Para(
            "[How the proposal supports the council's corporate priorities and objectives, to be added.]"
                .into(),
        ));
    }
    for c in &ctx.chosen {
        let scs = &c.partnership.seven_s.scs;
        if scs.note.trim().is_empty() {
            continue;
        }
        let score = scs
            .score
            .map_or_else(String::new, |s| format!(", scored {s} of 5"));
        out.push(Block::Para(format!(
            "{}: the outcomes of the sustainable community strategy (7S self-assessment{score}): {}",
            c.partnership.name,
            scs.note.trim()
        )));
    }
}

fn background(ctx: &Ctx, out: &mut Vec<Block>) {
    for c in &ctx.chosen {
        named(ctx, c, out);
        let p = c.partnership;
        let members = if p.members.is_empty() {
            "none listed".to_owned()
        } else {
            p.members.join(", ")
        };
        out.push(Block::Para(format!(
            "Status: {}. Funding: {}. Members: {members}.",
            p.status.label(),
            p.funding.label()
        )));
        out.push(Block::Para(format!(
            "Business as usual (what would happen without the partnership): {}",
            or_placeholder(&p.bau, "not described")
        )));
        if !p.impacts.is_empty() {
            out.push(Block::Para(
                "Impacts not given a money value, which the Green Book says must still be weighed:"
                    .into(),
            ));
            let mut t = TableBlock::new(&["Impact", "Direction", "Significance"], 3);
            for i in &p.impacts {
                t.row(
                    vec![
                        i.description.clone(),
                        i.direction.label().to_owned(),
                        i.significance.label().to_owned(),
                    ],
                    false,
                );
            }
            out.push(Block::Table(t));
        }
    }
}

/// The header of the options table; the test reads the net value column by name.
pub const OPTIONS_HEADER: [&str; 6] = [
    "Option",
    "Present value of costs",
    "Present value of benefits",
    "Net value",
    "Benefit-cost ratio",
    "Recommended",
];

fn options(ctx: &Ctx, out: &mut Vec<Block>) {
    out.push(Block::Para(format!(
        "Each option is measured against business as usual, in {} prices, discounted over {} years. The recommended option is marked.",
        ctx.project.settings.price_base_year,
        ctx.project.settings.horizon_years
    )));
    for c in &ctx.chosen {
        named(ctx, c, out);
        let mut t = TableBlock::new(&OPTIONS_HEADER, 1);
        for o in &c.options {
            let m = &o.measures;
            t.row(
                vec![
                    o.name.clone(),
                    ctx.money(m.pvc),
                    ctx.money(m.pvb_total),
                    ctx.money(m.net_value),
                    format::ratio(m.bcr),
                    (if o.preferred { "Recommended" } else { "-" }).to_owned(),
                ],
                o.preferred,
            );
        }
        out.push(Block::Table(t));
        for o in &c.partnership.options {
            if !o.note.trim().is_empty() {
                out.push(Block::Para(format!("{}: {}", o.name, o.note.trim())));
            }
        }
    }
}

/// The recommended option's name and measures.
fn recommended<'a>(c: &'a Chosen<'_>) -> Option<(&'a str, &'a Measures)> {
    c.options
        .iter()
        .find(|o| o.preferred)
        .map(|o| (o.name.as_str(), &o.measures))
}

fn conclusion(ctx: &Ctx, out: &mut Vec<Block>) {
    for c in &ctx.chosen {
        let m = &c.result.measures;
        let mut text = format!(
            "{}: net value {}, benefit-cost ratio {}.",
            c.partnership.name,
            ctx.money(m.net_value),
            format::ratio(m.bcr)
        );
        if let Some((name, best)) = recommended(c) {
            text.push_str(&format!(
                " Of the options considered, '{}' is recommended (net value {}).",
                name,
                ctx.money(best.net_value)
            ));
        }
        if c.result.negative {
            text.push_str(
                " Its costs outweigh its benefits: the Audit Commission advises partners to consider scaling down their involvement.",
            );
        }
        out.push(Block::Para(text));
    }
}

fn recommendations(ctx: &Ctx, out: &mut Vec<Block>) {
    let committee = ctx.committee();
    for (n, c) in ctx.chosen.iter().enumerate() {
        let what = match recommended(c) {
            Some((CURRENT_ARRANGEMENT, _)) | None => {
                format!("continues {} as it is now", c.partnership.name)
            }
            Some((name, _)) => format!("adopts the option '{name}' for {}", c.partnership.name),
        };
        out.push(Block::Para(format!(
            "({}) That {committee} agrees that the council {what}.",
            n + 1
        )));
    }
}

fn consultation(ctx: &Ctx, out: &mut Vec<Block>) {
    out.push(Block::Para(
        "[The consultation carried out, to be added.]".into(),
    ));
    for c in &ctx.chosen {
        if !c.partnership.members.is_empty() {
            out.push(Block::Para(format!(
                "The partners in {}: {}.",
                c.partnership.name,
                c.partnership.members.join(", ")
            )));
        }
    }
}

fn contact(ctx: &Ctx, out: &mut Vec<Block>) {
    out.push(Block::Table(contact_table(&ctx.project.report)));
}

/// The contact officer's name and how to reach them, from the report settings.
pub(super) fn contact_table(r: &ReportSettings) -> TableBlock {
    let mut t = TableBlock::new(&["Contact officer", ""], 2);
    t.row(
        vec!["Name".into(), or_placeholder(&r.author, "report author")],
        false,
    );
    t.row(
        vec![
            "Contact".into(),
            or_placeholder(&r.contact, "telephone and email"),
        ],
        false,
    );
    t
}

fn background_papers(ctx: &Ctx, out: &mut Vec<Block>) {
    let file = ctx
        .report
        .project_file
        .clone()
        .unwrap_or_else(|| "(not yet saved)".to_owned());
    let stem = file
        .strip_suffix(".ron")
        .map_or_else(|| file.clone(), str::to_owned);
    let mut t = TableBlock::new(&["Document", "Where it is held"], 2);
    let holder = or_placeholder(&ctx.project.report.author, "contact officer");
    t.row(
        vec![
            format!("Partnership appraisal project file: {file}"),
            holder.clone(),
        ],
        false,
    );
    t.row(
        vec![
            format!("Board pack (the appraisal in full, with its assumptions log): {stem}.html"),
            holder,
        ],
        false,
    );
    out.push(Block::Table(t));
}
