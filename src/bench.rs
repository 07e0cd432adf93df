//! The bench command: times load, validate, appraise, save, Monte Carlo and a UI frame.
//!
//! `partnership-appraisal bench [--sizes 50,500,5500] [--repeat N]` generates a project
//! of each size (see [`crate::generate`]) and reports the median wall-clock time of N
//! runs of each step, then the peak memory of a fresh process that opens the largest
//! project, appraises it, draws it and makes undoable edits. Run it in a release build
//! (`cargo run --release -- bench`); docs/PERFORMANCE.md records the figures.

use crate::appraisal::{self, uncertainty};
use crate::file;
use crate::model::Project;
use crate::ui::PartnershipApp;
use crate::ui::app::{Section, View};
use crate::ui::document::Document;
use crate::ui::files::ScriptedPicker;
use anyhow::{Context, Result, bail};
use eframe::egui;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The seed of every generated project, so runs compare like with like.
pub const SEED: u64 = 2026;
/// Steady UI frames timed after the first, for the median.
const STEADY_FRAMES: usize = 30;
/// Undoable edits made in the memory run (the app keeps up to 200 undo steps).
pub const EDITS: usize = 200;

/// Runs the benchmarks for each size and writes a report to `out`.
pub fn run(sizes: &[usize], repeat: usize, out: &mut dyn Write) -> Result<()> {
    let repeat = repeat.max(1);
    let folder = tempfile_folder()?;
    writeln!(
        out,
        "Partnership Appraisal benchmarks ({} build), median of {repeat} runs, wall clock",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    )?;
    writeln!(out, "machine: {}", machine())?;
    let mut largest: Option<PathBuf> = None;
    for &size in sizes {
        let path = folder.join(format!("bench-{size}.ron"));
        bench_size(size, repeat, &path, out)?;
        if sizes.iter().all(|s| *s <= size) {
            largest = Some(path);
        }
    }
    monte_carlo(repeat, out)?;
    if let Some(path) = largest {
        writeln!(out, "\nmemory: a fresh process opens {}", path.display())?;
        let exe = std::env::current_exe().context("cannot find this program to run it again")?;
        let output = std::process::Command::new(exe)
            .arg("bench")
            .arg("--memory-of")
            .arg(&path)
            .output()
            .context("cannot run the memory measurement")?;
        out.write_all(&output.stdout)?;
        if !output.status.success() {
            out.write_all(&output.stderr)?;
            bail!("the memory measurement failed");
        }
    }
    let _ = std::fs::remove_dir_all(&folder);
    Ok(())
}

fn tempfile_folder() -> Result<PathBuf> {
    let folder = std::env::temp_dir().join(format!("partnership-bench-{}", std::process::id()));
    std::fs::create_dir_all(&folder)
        .with_context(|| format!("cannot create {}", folder.display()))?;
    Ok(folder)
}

/// Processor model and count, from /proc/cpuinfo where there is one.
fn machine() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown processor".into());
    format!("{model}, {cpus} cores available")
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

/// The median time of `repeat` runs of `f`; dropping what `f` returns is not timed.
fn time<T>(repeat: usize, mut f: impl FnMut() -> Result<T>) -> Result<(Duration, T)> {
    let mut times = Vec::with_capacity(repeat);
    let mut last = None;
    for _ in 0..repeat {
        drop(last.take());
        let start = Instant::now();
        let value = f()?;
        times.push(start.elapsed());
        last = Some(value);
    }
    match last {
        Some(value) => Ok((median(times), value)),
        None => bail!("nothing was timed"),
    }
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.2} ms")
    } else {
        format!("{ms:.0} ms")
    }
}

fn bench_size(size: usize, repeat: usize, path: &Path, out: &mut dyn Write) -> Result<()> {
    let started = Instant::now();
    let project = crate::generate::project(size, SEED);
    let generated = started.elapsed();
    let text = file::to_ron(&project)?;
    let lines: usize = project
        .partnerships
        .iter()
        .map(|p| p.costs.len() + p.benefits.len())
        .sum();
    writeln!(
        out,
        "\n{size} partnerships: {} partners, {lines} cost and benefit lines, {:.1} MB of RON (generated in {})",
        project.partners.len(),
        text.len() as f64 / 1e6,
        ms(generated)
    )?;
    file::write_atomic(path, text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;

    let (parse, parsed) = time(repeat, || Ok(file::parse(&text)?))?;
    if parsed != project {
        bail!("the generated project does not read back as it was written");
    }
    drop(parsed);
    let (load, _) = time(repeat, || Ok(file::load(path)?))?;
    let (validate, diagnostics) = time(repeat, || Ok(appraisal::validate(&project)))?;
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let (appraise, result) = time(repeat, || Ok(appraisal::appraise(&project)))?;
    let save_path = path.with_extension("saved.ron");
    let (save, ()) = time(repeat, || Ok(file::save(&project, &save_path)?))?;
    let (to_ron, _) = time(repeat, || Ok(file::to_ron(&project)?))?;
    let ratio = appraise.as_secs_f64() / parse.as_secs_f64().max(1e-9);
    writeln!(out, "  parse (file::parse)       {}", ms(parse))?;
    writeln!(out, "  load (file::load)         {}", ms(load))?;
    writeln!(
        out,
        "  validate                  {} ({errors} errors, {} warnings)",
        ms(validate),
        diagnostics.len() - errors
    )?;
    writeln!(
        out,
        "  appraise                  {} ({ratio:.2}× parse; {} engine diagnostics)",
        ms(appraise),
        result.diagnostics.len()
    )?;
    writeln!(out, "  to_ron                    {}", ms(to_ron))?;
    writeln!(out, "  save (file::save, synced) {}", ms(save))?;
    drop(result);

    let middle = size / 2;
    let mut ui = Headless::new(Document::opened(project, path.to_owned()));
    let first = ui.frame();
    let steady = ui.steady(STEADY_FRAMES);
    writeln!(
        out,
        "  UI, portfolio view        first frame {} (computes the results), steady frame {}",
        ms(first),
        ms(steady)
    )?;
    if size > 0 {
        ui.app.view = View::Partnership(middle);
        ui.app.section = Section::Costs;
        let first = ui.frame();
        let steady = ui.steady(STEADY_FRAMES);
        writeln!(
            out,
            "  UI, partnership costs     first frame {}, steady frame {}",
            ms(first),
            ms(steady)
        )?;
        // An edit: the next frame recomputes the results for the new revision.
        if let Some(line) = ui.app.doc.project.partnerships[middle].costs.first_mut() {
            line.name.push_str(" (edited)");
        }
        ui.app.doc.commit();
        let edited = ui.frame();
        writeln!(
            out,
            "  UI, frame after an edit   {} (commits the undo step and recomputes the results)",
            ms(edited)
        )?;
    }
    Ok(())
}

/// The app driven without a window: an egui context fed a 1366×768 screen and pointer
/// movement, with the frame tessellated as the renderer would ask.
pub struct Headless {
    ctx: egui::Context,
    frame: eframe::Frame,
    pub app: PartnershipApp,
    time: f64,
    toggle: bool,
}

impl Headless {
    pub fn new(doc: Document) -> Self {
        let ctx = egui::Context::default();
        crate::ui::configure_style(&ctx);
        Headless {
            ctx,
            frame: eframe::Frame::_new_kittest(),
            app: PartnershipApp::new(doc, Box::new(ScriptedPicker::default())),
            time: 0.0,
            toggle: false,
        }
    }

    /// Runs one frame (logic, ui and tessellation) and returns how long it took.
    pub fn frame(&mut self) -> Duration {
        self.toggle = !self.toggle;
        let x = if self.toggle { 700.0 } else { 705.0 };
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1366.0, 768.0),
            )),
            time: Some(self.time),
            events: vec![egui::Event::PointerMoved(egui::pos2(x, 400.0))],
            focused: true,
            ..Default::default()
        };
        self.time += 1.0 / 60.0;
        let start = Instant::now();
        let (app, frame) = (&mut self.app, &mut self.frame);
        let mut output = self.ctx.run_ui(input, |ui| {
            eframe::App::logic(app, ui.ctx(), frame);
            eframe::App::ui(app, ui, frame);
        });
        let shapes = std::mem::take(&mut output.shapes);
        let primitives = self.ctx.tessellate(shapes, output.pixels_per_point);
        let elapsed = start.elapsed();
        drop(primitives);
        output.drop_without_applying_deltas();
        elapsed
    }

    /// The median of `frames` frames.
    pub fn steady(&mut self, frames: usize) -> Duration {
        // Let the layout settle (egui sizes some areas over two frames).
        self.frame();
        self.frame();
        median((0..frames.max(1)).map(|_| self.frame()).collect())
    }
}

/// Monte Carlo: 10,000 draws on a partnership of 50 lines.
fn monte_carlo(repeat: usize, out: &mut dyn Write) -> Result<()> {
    let project = fifty_line_project();
    let p = &project.partnerships[0];
    let ranged = p.costs.iter().filter(|l| l.range.is_some()).count()
        + p.benefits.iter().filter(|l| l.range.is_some()).count();
    let (draws, simulation) = time(repeat, || {
        uncertainty::simulate(&project, 0, 10_000, SEED, &mut |_| true)
            .context("the simulation did not run")
    })?;
    writeln!(
        out,
        "\nMonte Carlo: 10,000 draws on a partnership of {} cost and {} benefit lines ({ranged} lines with a range, {} uncertain inputs): {}",
        p.costs.len(),
        p.benefits.len(),
        simulation.uncertain_inputs,
        ms(draws)
    )?;
    Ok(())
}

/// A generated project whose one partnership has 35 cost and 15 benefit lines.
pub fn fifty_line_project() -> Project {
    let mut project = crate::generate::project(40, SEED);
    let mut costs = Vec::new();
    let mut benefits = Vec::new();
    for p in &project.partnerships {
        costs.extend(p.costs.iter().cloned());
        benefits.extend(p.benefits.iter().cloned());
    }
    costs.truncate(35);
    benefits.truncate(15);
    project.partnerships.truncate(1);
    if let Some(p) = project.partnerships.first_mut() {
        p.costs = costs;
        p.benefits = benefits;
        p.members = project.partners.iter().map(|x| x.name.clone()).collect();
    }
    project
}

/// One line of /proc/self/status, in kB: VmRSS (now) or VmHWM (the peak so far).
fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn memory_line(out: &mut dyn Write, step: &str) -> Result<()> {
    let mb = |kb: Option<u64>| kb.map_or_else(|| "n/a".into(), |k| format!("{:.0} MB", k as f64 / 1024.0));
    writeln!(
        out,
        "  {step:<44} resident {:>7}, peak {:>7}",
        mb(status_kb("VmRSS:")),
        mb(status_kb("VmHWM:"))
    )?;
    Ok(())
}

/// The memory run, in a fresh process: open the file as the app does, compute the
/// results, draw frames, make [`EDITS`] undoable edits; report resident and peak memory.
pub fn memory(path: &Path, out: &mut dyn Write) -> Result<()> {
    memory_line(out, "at start")?;
    let project = file::load(path)?;
    memory_line(out, "after loading")?;
    let n = project.partnerships.len();
    let mut ui = Headless::new(Document::opened(project, path.to_owned()));
    let _ = ui.app.doc.results();
    memory_line(out, "after appraising and validating (Document)")?;
    ui.steady(3);
    if n > 0 {
        ui.app.view = View::Partnership(n / 2);
        ui.app.section = Section::Costs;
        ui.steady(3);
    }
    memory_line(out, "after UI frames")?;
    if n > 0 {
        let started = Instant::now();
        for k in 0..EDITS {
            let ship = &mut ui.app.doc.project.partnerships[(k * 7919) % n];
            match ship.costs.first_mut() {
                Some(line) => line.source.push('.'),
                None => ship.purpose.push('.'),
            }
            ui.app.doc.commit();
        }
        let per_edit = started.elapsed() / EDITS as u32;
        let _ = ui.app.doc.results();
        memory_line(out, &format!("after {EDITS} undoable edits"))?;
        writeln!(out, "  each edit's undo step took {}", ms(per_edit))?;
    }
    Ok(())
}
