//! The headless commands: the same core as the app, for scripts and finance systems.

use crate::{appraisal, file, report};
use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

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
    Appraise {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Check a project for errors and warnings; exits with status 1 if there are errors.
    Validate { file: PathBuf },
    /// Write the workbook, CSV files and board pack, each atomically.
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
    },
    /// Monte Carlo simulation of net value from the ranges in the project.
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
    },
}

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
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    file::write_atomic(path, bytes).with_context(|| format!("could not write {}", path.display()))
}

fn load(path: &Path) -> Result<crate::model::Project> {
    file::load(path).context("could not open the project")
}

pub fn run(command: Command, out: &mut dyn Write) -> Result<Outcome> {
    match command {
        Command::Appraise { file, format } => {
            let project = load(&file)?;
            let result = appraisal::appraise(&project);
            let text = match format {
                Format::Table => {
                    let mut text = report::table(&project, &result);
                    let problems = appraisal::validate(&project);
                    if !problems.is_empty() {
                        text.push_str(&format!(
                            "\n{} problems; run `validate` for the list.\n",
                            problems.len()
                        ));
                    }
                    text
                }
                Format::Json => {
                    let mut diagnostics = appraisal::validate(&project);
                    diagnostics.extend(result.diagnostics.iter().cloned());
                    let report = report::Report::new(&project, &result, diagnostics);
                    serde_json::to_string_pretty(&report)
                        .context("could not write the results as JSON")?
                        + "\n"
                }
                Format::Csv => report::csv(&project, &result),
            };
            out.write_all(text.as_bytes())?;
            Ok(Outcome::Success)
        }
        Command::Export {
            file,
            xlsx,
            csv,
            html,
        } => {
            if xlsx.is_none() && csv.is_none() && html.is_none() {
                anyhow::bail!(
                    "say what to export: --xlsx OUT.xlsx, --csv DIR and/or --html OUT.html"
                );
            }
            let project = load(&file)?;
            let result = appraisal::appraise(&project);
            if let Some(path) = xlsx {
                let bytes = crate::export::xlsx(&project, &result)?;
                write(&path, &bytes)?;
                writeln!(out, "wrote {}", path.display())?;
            }
            if let Some(dir) = csv {
                std::fs::create_dir_all(&dir)
                    .with_context(|| format!("could not create the folder {}", dir.display()))?;
                for (name, text) in crate::export::csv_files(&project, &result) {
                    write(&dir.join(name), text.as_bytes())?;
                }
                writeln!(out, "wrote CSV files in {}", dir.display())?;
            }
            if let Some(path) = html {
                write(
                    &path,
                    crate::export::html_issued(&project, &result, &crate::export::today())
                        .as_bytes(),
                )?;
                writeln!(out, "wrote {}", path.display())?;
            }
            Ok(Outcome::Success)
        }
        Command::Generate {
            partnerships,
            seed,
            out: path,
        } => {
            let project = crate::generate::project(partnerships, seed);
            file::save(&project, &path).context("could not save the generated project")?;
            writeln!(
                out,
                "wrote {} partnerships to {}",
                partnerships,
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
        } => {
            let project = load(&file)?;
            let draws = draws.unwrap_or(project.settings.simulation.draws);
            let seed = seed.unwrap_or(project.settings.simulation.seed);
            anyhow::ensure!(
                draws > 0 && draws <= crate::appraisal::uncertainty::MAX_DRAWS,
                "--draws must be from 1 to 1,000,000"
            );
            let chosen: Vec<usize> = match &partnership {
                Some(name) => {
                    let i = project.partnerships.iter().position(|p| &p.name == name);
                    vec![i.with_context(|| format!("there is no partnership called '{name}'"))?]
                }
                None => (0..project.partnerships.len()).collect(),
            };
            let results: Vec<(String, crate::appraisal::uncertainty::Simulation)> = chosen
                .into_iter()
                .filter_map(|i| {
                    let sim = crate::appraisal::uncertainty::simulate(
                        &project,
                        i,
                        draws,
                        seed,
                        &mut |_| true,
                    )?;
                    Some((project.partnerships[i].name.clone(), sim))
                })
                .collect();
            let text = match format {
                SimulateFormat::Json => {
                    let rows: Vec<report::SimulationReport> = results
                        .iter()
                        .map(|(name, sim)| report::SimulationReport::new(name, sim))
                        .collect();
                    serde_json::to_string_pretty(&rows)? + "\n"
                }
                SimulateFormat::Table => report::simulation_table(&project, &results),
            };
            out.write_all(text.as_bytes())?;
            Ok(Outcome::Success)
        }
        Command::Bench {
            sizes,
            repeat,
            memory_of,
        } => {
            match memory_of {
                Some(path) => crate::bench::memory(&path, out)?,
                None => crate::bench::run(&sizes, repeat, out)?,
            }
            Ok(Outcome::Success)
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
                "{} errors, {} warnings: {}",
                errors,
                diagnostics.len() - errors,
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
