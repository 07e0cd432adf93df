//! The headless commands: the same core as the app, for scripts and finance systems.

// No `unwrap` or `expect` outside tests (ARCHITECTURE.md, invariants).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use partnership_appraisal_core::{appraisal, format, model};
use partnership_appraisal_file as file;
use partnership_appraisal_generate as generate;
use partnership_appraisal_outputs::{export, report};
use std::io::Write;
use std::path::{Path, PathBuf};

mod json;

#[derive(Parser, Debug)]
#[command(
    name = "partnership-appraisal",
    version,
    about = "Cost-benefit appraisal of joint working between public bodies, by the Green Book method",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Project file to open in the desktop app.
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Appraise a project: results per partnership and per partner.
    ///
    /// Exits with status 3 when the results are incomplete (a line or part left out, or
    /// an error in the project), unless --allow-incomplete is given.
    Appraise {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Add each partnership's sensitivity and switching values (net value to zero,
        /// fiscal return to 1) to the table or JSON.
        /// Not with --format csv.
        #[arg(long)]
        analysis: bool,
        /// Exit 0 even when the results are incomplete (they are still marked so).
        #[arg(long)]
        allow_incomplete: bool,
        /// Add to the JSON where each partnership stands in the review cycle on this day
        /// (14/03/2027 or 2027-03-14; "today" reads the computer's clock). Without it the
        /// JSON carries the reviews but no status, so the same file gives the same output.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
    /// Check a project for errors and warnings; exits with status 1 if there are errors.
    Validate { file: PathBuf },
    /// What changed between two versions of a project, and what each change did to each
    /// partnership's net value, in a fixed order of steps (docs/COMPARE.md).
    ///
    /// Exits with status 3 when either version's figures are incomplete, unless
    /// --allow-incomplete is given.
    ///
    /// With --baseline and one file: what changed since the baseline the file keeps (the
    /// appraisal as approved) to the file as it stands.
    Compare {
        old: PathBuf,
        #[arg(required_unless_present = "baseline")]
        new: Option<PathBuf>,
        /// Compare the file's baseline (File › Set as baseline… in the app) with the file.
        #[arg(long, conflicts_with = "new")]
        baseline: bool,
        #[arg(long, value_enum, default_value_t = SimulateFormat::Table)]
        format: SimulateFormat,
        /// Exit 0 even when the figures are incomplete (they are still marked so).
        #[arg(long)]
        allow_incomplete: bool,
    },
    /// Write the workbook, CSV files and board pack, each atomically.
    ///
    /// Incomplete results are refused with exit status 3, writing nothing, unless
    /// --allow-incomplete is given (each output is then marked incomplete).
    Export {
        file: PathBuf,
        /// Workbook with live formulas.
        #[arg(long, value_name = "OUT.xlsx")]
        xlsx: Option<PathBuf>,
        /// Folder for the CSV files (created if missing).
        #[arg(long, value_name = "DIR")]
        csv: Option<PathBuf>,
        /// Self-contained HTML board pack.
        #[arg(long, value_name = "OUT.html")]
        html: Option<PathBuf>,
        /// Committee report in Word (DOCX), for the portfolio or one partnership.
        #[arg(long, value_name = "OUT.docx")]
        docx: Option<PathBuf>,
        /// With --docx: the report of this partnership only (by name).
        #[arg(long, value_name = "NAME", requires = "docx")]
        partnership: Option<String>,
        /// The annual review report for the audit committee in Word (DOCX): register,
        /// review cycle, value for money, partners' resources, governance, risks, actions.
        #[arg(long, value_name = "OUT.docx")]
        review_docx: Option<PathBuf>,
        /// The annual review as CSV: one row per partnership.
        #[arg(long, value_name = "OUT.csv")]
        review_csv: Option<PathBuf>,
        /// The day of the annual review (14/03/2027 or 2027-03-14, or "today", the
        /// default): what is due and overdue is counted on it.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Write the outputs even when the results are incomplete (they are marked so).
        #[arg(long)]
        allow_incomplete: bool,
    },
    /// Make a realistic synthetic project of any size, for benchmarks.
    Generate {
        #[arg(long, default_value_t = 50)]
        partnerships: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        out: PathBuf,
    },
    /// Time parse, load, validate, appraise, save, Monte Carlo and UI frames on generated projects.
    Bench {
        /// Project sizes, in partnerships.
        #[arg(long, value_delimiter = ',', default_values_t = [50, 500, 5500])]
        sizes: Vec<usize>,
        /// Runs of each step; the median is reported.
        #[arg(long, default_value_t = 5)]
        repeat: usize,
        /// Measure the memory of opening this file (the bench runs itself with this).
        #[arg(long, hide = true)]
        memory_of: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = BenchFormat::Text)]
        format: BenchFormat,
    },
    /// Monte Carlo simulation of net value from the ranges in the project.
    ///
    /// Exits with status 3 when a partnership simulated has incomplete results, unless
    /// --allow-incomplete is given.
    Simulate {
        file: PathBuf,
        /// Draws (default: the project's setting, 10,000 unless changed).
        #[arg(long)]
        draws: Option<u32>,
        /// Random seed (default: the project's stored seed).
        #[arg(long)]
        seed: Option<u64>,
        /// Only this partnership (by name).
        #[arg(long)]
        partnership: Option<String>,
        #[arg(long, value_enum, default_value_t = SimulateFormat::Table)]
        format: SimulateFormat,
        /// Exit 0 even when the results are incomplete (they are still marked so).
        #[arg(long)]
        allow_incomplete: bool,
    },
}

/// How `bench` writes its figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BenchFormat {
    /// Lines of text for people.
    Text,
    /// One JSON object with every figure the text gives (docs/JSON.md).
    Json,
}

/// What `bench` was asked to measure.
#[derive(Clone, Debug)]
pub struct BenchRequest {
    pub sizes: Vec<usize>,
    pub repeat: usize,
    pub memory_of: Option<PathBuf>,
    pub format: BenchFormat,
}

/// The bench, handed in by the program. It times the window as well as the engine, so it
/// belongs to the app; these commands do not depend on the window (ARCHITECTURE.md).
pub type Bench<'a> = &'a dyn Fn(BenchRequest, &mut dyn Write) -> Result<()>;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SimulateFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

/// What a command asks the process to exit with.
pub enum Outcome {
    Success,
    /// The command ran but found errors in the project.
    Errors,
    /// The command ran, but the results it gave are incomplete (and marked so).
    Incomplete,
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    file::write_atomic(path, bytes).with_context(|| format!("could not write {}", path.display()))
}

fn load(path: &Path) -> Result<model::Project> {
    file::load(path).context("could not open the project")
}

/// Lets go of `value` on a thread of its own, not waited for: freeing a project of
/// thousands of partnerships and its results takes about a tenth of a second, and a
/// command that has written its answer need not wait for it (the process ends anyway).
/// With no thread to spare, it is let go here.
fn let_go<T: Send + 'static>(value: T) {
    drop(
        std::thread::Builder::new()
            .name("letting go".into())
            .spawn(move || drop(value)),
    );
}

/// The day `--as-of` names: a date, or "today" from the computer's clock (read here,
/// never in the engine).
fn as_of_date(text: &str) -> Result<model::Date> {
    let text = if text.trim().eq_ignore_ascii_case("today") {
        export::today()
    } else {
        text.to_owned()
    };
    model::Date::parse(&text).map_err(|e| anyhow::anyhow!("--as-of: {e}"))
}

/// Success, or [`Outcome::Incomplete`] for incomplete results unless they are allowed.
fn finished(complete: bool, allow_incomplete: bool) -> Outcome {
    if complete || allow_incomplete {
        Outcome::Success
    } else {
        Outcome::Incomplete
    }
}

/// Which committee report `--docx` writes: the named partnership's, or the portfolio's.
fn committee_report(
    project: &model::Project,
    file: &Path,
    partnership: Option<&str>,
) -> Result<export::committee::CommitteeReport> {
    let partnership = match partnership {
        Some(name) => Some(
            project
                .partnerships
                .iter()
                .position(|p| p.name == name)
                .with_context(|| format!("there is no partnership called '{name}'"))?,
        ),
        None => None,
    };
    Ok(export::committee::CommitteeReport {
        partnership,
        project_file: file.file_name().map(|n| n.to_string_lossy().into_owned()),
    })
}

/// Runs a headless command, writing its output to `out`; `bench` runs the program's bench.
pub fn run(command: Command, out: &mut dyn Write, bench: Bench<'_>) -> Result<Outcome> {
    match command {
        Command::Appraise {
            file,
            format,
            analysis,
            allow_incomplete,
            as_of,
        } => {
            let as_of = as_of.as_deref().map(as_of_date).transpose()?;
            if as_of.is_some() && format != Format::Json {
                anyhow::bail!(
                    "--as-of adds the review cycle's status to the JSON: ask for --format json"
                );
            }
            if analysis && format == Format::Csv {
                anyhow::bail!(
                    "--analysis adds tables to the table and JSON formats; the CSV has one row per partnership and partner, so ask for --format table or json"
                );
            }
            let project = load(&file)?;
            let (result, problems, _) = appraisal::appraise_and_validate(&project);
            let complete = appraisal::AllCompleteness::new(&result, &problems)
                .portfolio
                .is_complete();
            let text = match format {
                Format::Table if analysis => {
                    report::table(&project, &result, &problems) + &report::analysis_table(&project)
                }
                Format::Table => report::table(&project, &result, &problems),
                Format::Json => {
                    // The report is written as it is serialised, never held whole as
                    // text, and its partnerships are made and written a batch at a time,
                    // on two threads, never all held beside the results (`json.rs`,
                    // docs/PERFORMANCE.md); then everything is let go on another thread,
                    // and the command ends without waiting for it.
                    let (mut report, mut partnerships) =
                        report::Report::outline(&project, &result, problems);
                    if analysis {
                        partnerships.add_analysis();
                    }
                    if let Some(day) = as_of {
                        report.add_review_status(&mut partnerships, day);
                    }
                    let count = partnerships.len();
                    let make = |i| partnerships.make(i);
                    json::write_with_list(&report, "partnerships", count, make, out)?;
                    drop(partnerships);
                    let_go((result, project, report));
                    return Ok(finished(complete, allow_incomplete));
                }
                Format::Csv => report::csv(&project, &result, &problems),
            };
            out.write_all(text.as_bytes())?;
            Ok(finished(complete, allow_incomplete))
        }
        Command::Export {
            file,
            xlsx,
            csv,
            html,
            docx,
            partnership,
            review_docx,
            review_csv,
            as_of,
            allow_incomplete,
        } => {
            if xlsx.is_none()
                && csv.is_none()
                && html.is_none()
                && docx.is_none()
                && review_docx.is_none()
                && review_csv.is_none()
            {
                anyhow::bail!(
                    "say what to export: --xlsx OUT.xlsx, --csv DIR, --html OUT.html, --docx OUT.docx, \
                     --review-docx OUT.docx and/or --review-csv OUT.csv"
                );
            }
            let as_of = as_of_date(as_of.as_deref().unwrap_or("today"))?;
            let project = load(&file)?;
            let committee = committee_report(&project, &file, partnership.as_deref())?;
            let (result, problems, _) = appraisal::appraise_and_validate(&project);
            let completeness = appraisal::AllCompleteness::new(&result, &problems).portfolio;
            if let Some(missing) = completeness.summary().filter(|_| !allow_incomplete) {
                writeln!(
                    out,
                    "nothing written: the results are incomplete ({missing}); run `validate` \
                     for the list, or give --allow-incomplete to write them marked incomplete"
                )?;
                return Ok(Outcome::Incomplete);
            }
            if let Some(path) = xlsx {
                let bytes = export::xlsx(&project, &result)?;
                write(&path, &bytes)?;
                writeln!(out, "wrote {}", path.display())?;
            }
            if let Some(dir) = csv {
                std::fs::create_dir_all(&dir)
                    .with_context(|| format!("could not create the folder {}", dir.display()))?;
                for (name, text) in export::csv_files(&project, &result) {
                    write(&dir.join(name), text.as_bytes())?;
                }
                writeln!(out, "wrote CSV files in {}", dir.display())?;
            }
            if let Some(path) = html {
                write(
                    &path,
                    export::html_issued(&project, &result, &export::today()).as_bytes(),
                )?;
                writeln!(out, "wrote {}", path.display())?;
            }
            if let Some(path) = docx {
                write(&path, &export::docx(&project, &result, &committee)?)?;
                writeln!(out, "wrote {}", path.display())?;
            }
            if review_docx.is_some() || review_csv.is_some() {
                let review = export::annual_review_on(&project, &result, as_of);
                if let Some(path) = review_docx {
                    let name = committee.project_file.as_deref();
                    write(&path, &export::annual_docx(&project, &review, name)?)?;
                    writeln!(out, "wrote {}", path.display())?;
                }
                if let Some(path) = review_csv {
                    write(&path, export::annual_csv(&project, &review).as_bytes())?;
                    writeln!(out, "wrote {}", path.display())?;
                }
            }
            Ok(finished(completeness.is_complete(), allow_incomplete))
        }
        Command::Generate {
            partnerships,
            seed,
            out: path,
        } => {
            let project = generate::project(partnerships, seed);
            file::save(&project, &path).context("could not save the generated project")?;
            writeln!(
                out,
                "wrote {} to {}",
                format::count(partnerships, "partnership", "partnerships"),
                path.display()
            )?;
            Ok(Outcome::Success)
        }
        Command::Simulate {
            file,
            draws,
            seed,
            partnership,
            format,
            allow_incomplete,
        } => {
            let project = load(&file)?;
            let draws = draws.unwrap_or(project.settings.simulation.draws);
            let seed = seed.unwrap_or(project.settings.simulation.seed);
            anyhow::ensure!(
                draws > 0 && draws <= appraisal::uncertainty::MAX_DRAWS,
                "--draws must be from 1 to 1,000,000"
            );
            let chosen: Vec<usize> = match &partnership {
                Some(name) => {
                    let i = project.partnerships.iter().position(|p| &p.name == name);
                    vec![i.with_context(|| format!("there is no partnership called '{name}'"))?]
                }
                None => (0..project.partnerships.len()).collect(),
            };
            let (appraised, problems, _) = appraisal::appraise_and_validate(&project);
            let all = appraisal::AllCompleteness::new(&appraised, &problems);
            let marks: Vec<(String, Option<String>)> = chosen
                .iter()
                .map(|&i| {
                    let missing = all.partnership(i).summary();
                    (project.partnerships[i].name.clone(), missing)
                })
                .collect();
            let complete = marks.iter().all(|(_, mark)| mark.is_none());
            let results: Vec<(String, appraisal::uncertainty::Simulation)> = chosen
                .into_iter()
                .filter_map(|i| {
                    let sim =
                        appraisal::uncertainty::simulate(&project, i, draws, seed, &mut |_| true)?;
                    Some((project.partnerships[i].name.clone(), sim))
                })
                .collect();
            let text = match format {
                SimulateFormat::Json => {
                    let rows: Vec<report::SimulationReport> = results
                        .iter()
                        .map(|(name, sim)| {
                            let mark = marks
                                .iter()
                                .find(|(n, _)| n == name)
                                .and_then(|(_, m)| m.clone());
                            report::SimulationReport::new(name, mark, sim)
                        })
                        .collect();
                    serde_json::to_string_pretty(&rows)? + "\n"
                }
                SimulateFormat::Table => {
                    let mut text = String::new();
                    for (name, mark) in &marks {
                        if let Some(missing) = mark {
                            text.push_str(&format!(
                                "INCOMPLETE: {name}: {missing}; run `validate` for the list.\n"
                            ));
                        }
                    }
                    if !text.is_empty() {
                        text.push('\n');
                    }
                    text + &report::simulation_table(&project, &results)
                }
            };
            out.write_all(text.as_bytes())?;
            Ok(finished(complete, allow_incomplete))
        }
        Command::Bench {
            sizes,
            repeat,
            memory_of,
            format,
        } => {
            let request = BenchRequest {
                sizes,
                repeat,
                memory_of,
                format,
            };
            bench(request, out)?;
            Ok(Outcome::Success)
        }
        Command::Compare {
            old,
            new,
            baseline,
            format,
            allow_incomplete,
        } => {
            let (before, after, old, new) = match new {
                Some(new) if !baseline => (
                    load(&old)?,
                    load(&new)?,
                    old.display().to_string(),
                    new.display().to_string(),
                ),
                _ => {
                    let after = load(&old)?;
                    let Some(kept) = after.baseline.as_deref() else {
                        anyhow::bail!(
                            "{} keeps no baseline: set one in the app (File › Set as \
                             baseline…), or give two files to compare",
                            old.display()
                        );
                    };
                    let label = format!("the baseline {}", kept.label());
                    // The baseline itself is not a change since the baseline.
                    let mut before = kept.project.clone();
                    before.baseline = after.baseline.clone();
                    (before, after, label, old.display().to_string())
                }
            };
            let comparison = appraisal::compare::compare(&before, &after);
            match format {
                SimulateFormat::Table => out.write_all(
                    report::comparison_table(
                        &comparison,
                        &old,
                        &new,
                        &after.settings.currency_symbol,
                    )
                    .as_bytes(),
                )?,
                SimulateFormat::Json => {
                    json::write(&report::ComparisonReport::new(&comparison, &old, &new), out)?
                }
            }
            Ok(finished(comparison.is_complete(), allow_incomplete))
        }
        Command::Validate { file } => {
            let project = load(&file)?;
            let diagnostics = appraisal::validate(&project);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            for d in &diagnostics {
                writeln!(out, "{d}")?;
            }
            writeln!(
                out,
                "{}, {}: {}",
                format::count(errors, "error", "errors"),
                format::count(diagnostics.len() - errors, "warning", "warnings"),
                file.display()
            )?;
            Ok(if errors > 0 {
                Outcome::Errors
            } else {
                Outcome::Success
            })
        }
    }
}
