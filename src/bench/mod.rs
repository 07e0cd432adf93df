//! The bench command: times load, validate, appraise, save, Monte Carlo and a UI frame.
//!
//! `partnership-appraisal bench [--sizes 50,500,5500] [--repeat N]` generates a project
//! of each size (see [`crate::generate`]) and reports the median wall-clock time of N
//! runs of each step with its CPU time, then the memory of a fresh process that opens
//! the largest project, appraises it, draws it and makes undoable edits. Run it in a release build
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
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The seed of every generated project, so runs compare like with like.
pub const SEED: u64 = 2026;
/// Steady UI frames timed after the first, for the median.
const STEADY_FRAMES: usize = 120;
/// Undoable edits made in the memory run (the app keeps up to 200 undo steps).
pub const EDITS: usize = 200;

mod session;

pub use crate::cli::BenchFormat;

/// The `bench` command: the memory of opening one file, or the benchmarks for each size.
pub fn command(request: crate::cli::BenchRequest, out: &mut dyn Write) -> Result<()> {
    match request.memory_of {
        Some(path) => memory(&path, request.format, out),
        None => run(&request.sizes, request.repeat, request.format, out),
    }
}

/// Runs the benchmarks for each size and writes a report to `out`.
pub fn run(sizes: &[usize], repeat: usize, format: BenchFormat, out: &mut dyn Write) -> Result<()> {
    let repeat = repeat.max(1);
    let folder = tempfile_folder()?;
    let mut report = Report {
        build: if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        },
        repeat,
        machine: Machine::now(),
        sizes: Vec::new(),
        monte_carlo: None,
        session: None,
        memory: None,
        edit_to_next_frame_ms: None,
        worst_frame_ms: None,
        load_average_end: None,
    };
    let mut text = Text::new(format, out);
    text.line(format_args!(
        "Partnership Appraisal benchmarks ({} build), median of {repeat} runs: wall clock (CPU)",
        report.build
    ))?;
    text.line(format_args!(
        "machine: {}, {} cores available; load average {}",
        report.machine.processor,
        report.machine.cores,
        describe_load(report.machine.load_average)
    ))?;
    let largest = sizes.iter().copied().max();
    let mut largest_file = None;
    for &size in sizes {
        let path = folder.join(format!("bench-{size}.ron"));
        let (figures, project) = bench_size(size, repeat, &path, &mut text)?;
        report.sizes.push(figures);
        if Some(size) == largest && largest_file.is_none() {
            let session = session::run(project, &path, &folder, &mut text)?;
            report.edit_to_next_frame_ms = Some(session.edit_to_next_frame_ms);
            report.worst_frame_ms = Some(session.worst_frame_ms);
            report.session = Some(session);
            largest_file = Some(path);
        }
    }
    report.monte_carlo = Some(monte_carlo(repeat, &mut text)?);
    if let Some(path) = largest_file {
        text.line(format_args!(
            "\nmemory: a fresh process opens {}",
            path.display()
        ))?;
        let exe = std::env::current_exe().context("cannot find this program to run it again")?;
        let output = std::process::Command::new(exe)
            .arg("bench")
            .arg("--memory-of")
            .arg(&path)
            .arg("--format")
            .arg("json")
            .output()
            .context("cannot run the memory measurement")?;
        if !output.status.success() {
            text.out.write_all(&output.stderr)?;
            bail!("the memory measurement failed");
        }
        let memory: MemoryReport = serde_json::from_slice(&output.stdout)
            .context("the memory measurement gave no figures")?;
        memory.write_text(&mut text)?;
        report.memory = Some(memory);
    }
    report.load_average_end = load_average();
    text.line(format_args!(
        "\nload average at the end {}",
        describe_load(report.load_average_end)
    ))?;
    let _ = std::fs::remove_dir_all(&folder);
    if format == BenchFormat::Json {
        serde_json::to_writer_pretty(&mut *text.out, &report)?;
        writeln!(text.out)?;
    }
    Ok(())
}

/// Writes the text report, or nothing when the figures are written as JSON.
pub struct Text<'a> {
    json: bool,
    pub out: &'a mut dyn Write,
}

impl<'a> Text<'a> {
    pub fn new(format: BenchFormat, out: &'a mut dyn Write) -> Self {
        Text {
            json: format == BenchFormat::Json,
            out,
        }
    }

    pub fn line(&mut self, args: std::fmt::Arguments<'_>) -> Result<()> {
        if !self.json {
            writeln!(self.out, "{args}")?;
        }
        Ok(())
    }
}

/// Every figure of a run: what `--format json` writes.
#[derive(Serialize)]
struct Report {
    build: &'static str,
    repeat: usize,
    machine: Machine,
    sizes: Vec<SizeReport>,
    monte_carlo: Option<MonteCarloReport>,
    /// The scripted session at the largest size.
    session: Option<session::SessionReport>,
    memory: Option<MemoryReport>,
    /// The session's slowest edit, from the change to the end of the next frame.
    edit_to_next_frame_ms: Option<f64>,
    /// The session's slowest frame.
    worst_frame_ms: Option<f64>,
    load_average_end: Option<[f64; 3]>,
}

#[derive(Serialize)]
struct Machine {
    processor: String,
    cores: usize,
    /// Over the last 1, 5 and 15 minutes, when the run began.
    load_average: Option<[f64; 3]>,
}

impl Machine {
    fn now() -> Self {
        let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
        let processor = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|text| {
                text.lines()
                    .find(|l| l.starts_with("model name"))
                    .and_then(|l| l.split_once(':'))
                    .map(|(_, m)| m.trim().to_owned())
            })
            .unwrap_or_else(|| "unknown processor".into());
        Machine {
            processor,
            cores,
            load_average: load_average(),
        }
    }
}

/// A step's wall-clock and CPU time in milliseconds, as JSON gives them.
#[derive(Clone, Copy, Serialize, Deserialize)]
pub struct Figure {
    pub wall_ms: f64,
    pub cpu_ms: Option<f64>,
}

impl From<Timing> for Figure {
    fn from(t: Timing) -> Self {
        Figure {
            wall_ms: millis(t.wall),
            cpu_ms: t.cpu.map(millis),
        }
    }
}

/// Milliseconds to the microsecond.
pub fn millis(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e6).round() / 1e3
}

/// The figures for one size of project.
#[derive(Serialize)]
struct SizeReport {
    partnerships: usize,
    partners: usize,
    cost_and_benefit_lines: usize,
    ron_bytes: usize,
    generated_ms: f64,
    parse: Figure,
    load: Figure,
    validate: Figure,
    validate_errors: usize,
    validate_warnings: usize,
    appraise: Figure,
    appraise_to_parse: f64,
    engine_diagnostics: usize,
    to_ron: Figure,
    save: Figure,
    ui_portfolio_first_frame: Figure,
    ui_portfolio_steady_frame: Figure,
    ui_partnership_first_frame: Option<Figure>,
    ui_partnership_steady_frame: Option<Figure>,
    /// An edit to one line, committed as the app does, to the end of the next frame.
    edit_to_next_frame: Option<Figure>,
    edit_commit_ms: Option<f64>,
    load_average: Option<[f64; 3]>,
}

#[derive(Serialize)]
struct MonteCarloReport {
    draws: u32,
    cost_lines: usize,
    benefit_lines: usize,
    ranged_lines: usize,
    varying_inputs: usize,
    time: Figure,
}

/// The memory run's figures (a fresh process writes them as JSON for the parent).
#[derive(Serialize, Deserialize)]
pub struct MemoryReport {
    sizes_in_bytes: Vec<(String, usize)>,
    steps: Vec<MemoryStep>,
    undo_step_ms: Option<f64>,
}

#[derive(Serialize, Deserialize)]
struct MemoryStep {
    step: String,
    resident_mb: Option<f64>,
    peak_mb: Option<f64>,
}

impl MemoryReport {
    fn write_text(&self, text: &mut Text<'_>) -> Result<()> {
        let sizes: Vec<String> = self
            .sizes_in_bytes
            .iter()
            .map(|(what, bytes)| format!("{what} {bytes}"))
            .collect();
        text.line(format_args!(
            "  sizes in bytes (before what they point to): {}",
            sizes.join(", ")
        ))?;
        let mb = |v: Option<f64>| v.map_or_else(|| "n/a".into(), |v| format!("{v:.0} MB"));
        for step in &self.steps {
            text.line(format_args!(
                "  {:<44} resident {:>7}, peak {:>7}",
                step.step,
                mb(step.resident_mb),
                mb(step.peak_mb)
            ))?;
        }
        if let Some(ms) = self.undo_step_ms {
            text.line(format_args!("  each edit's undo step took {ms:.3} ms"))?;
        }
        Ok(())
    }
}

fn tempfile_folder() -> Result<PathBuf> {
    let folder = std::env::temp_dir().join(format!("partnership-bench-{}", std::process::id()));
    std::fs::create_dir_all(&folder)
        .with_context(|| format!("cannot create {}", folder.display()))?;
    Ok(folder)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

/// CPU time of the whole process (every thread, finished ones included) so far, from
/// /proc/self/stat; in clock ticks of 10 ms, so only good over longer steps.
fn process_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in brackets and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// CPU time of this thread so far, to the nanosecond, from /proc/thread-self/schedstat.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Wall-clock and CPU time of a step: the medians over the runs.
#[derive(Clone, Copy, Default)]
pub struct Timing {
    pub wall: Duration,
    pub cpu: Option<Duration>,
}

impl std::fmt::Display for Timing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", ms(self.wall))?;
        if let Some(cpu) = self.cpu {
            write!(f, " (CPU {})", ms(cpu))?;
        }
        Ok(())
    }
}

/// The median wall-clock and process CPU time of `repeat` runs of `f`; dropping what
/// `f` returns is not timed.
fn time<T>(repeat: usize, mut f: impl FnMut() -> Result<T>) -> Result<(Timing, T)> {
    let mut walls = Vec::with_capacity(repeat);
    let mut cpus = Vec::with_capacity(repeat);
    let mut last = None;
    for _ in 0..repeat {
        drop(last.take());
        let cpu = process_cpu();
        let start = Instant::now();
        let value = f()?;
        walls.push(start.elapsed());
        if let (Some(before), Some(after)) = (cpu, process_cpu()) {
            cpus.push(after.saturating_sub(before));
        }
        last = Some(value);
    }
    let timing = Timing {
        wall: median(walls),
        cpu: (cpus.len() == repeat).then(|| median(cpus)),
    };
    match last {
        Some(value) => Ok((timing, value)),
        None => bail!("nothing was timed"),
    }
}

pub fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.2} ms")
    } else {
        format!("{ms:.0} ms")
    }
}

/// The load average over the last 1, 5 and 15 minutes: other work on the machine slows
/// every figure.
pub fn load_average() -> Option<[f64; 3]> {
    let text = std::fs::read_to_string("/proc/loadavg").ok()?;
    let mut fields = text.split_whitespace().map(|f| f.parse::<f64>().ok());
    Some([fields.next()??, fields.next()??, fields.next()??])
}

pub fn describe_load(load: Option<[f64; 3]>) -> String {
    load.map_or_else(
        || "n/a".into(),
        |[one, five, fifteen]| format!("{one:.2}, {five:.2}, {fifteen:.2}"),
    )
}

fn bench_size(
    size: usize,
    repeat: usize,
    path: &Path,
    out: &mut Text<'_>,
) -> Result<(SizeReport, Project)> {
    let started = Instant::now();
    let project = crate::generate::project(size, SEED);
    let generated = started.elapsed();
    let text = file::to_ron(&project)?;
    let lines: usize = project
        .partnerships
        .iter()
        .map(|p| p.costs.len() + p.benefits.len())
        .sum();
    out.line(format_args!(
        "\n{size} partnerships: {} partners, {lines} cost and benefit lines, {:.1} MB of RON (generated in {})",
        project.partners.len(),
        text.len() as f64 / 1e6,
        ms(generated)
    ))?;
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
    let ratio = appraise.wall.as_secs_f64() / parse.wall.as_secs_f64().max(1e-9);
    out.line(format_args!("  parse (file::parse)       {parse}"))?;
    out.line(format_args!("  load (file::load)         {load}"))?;
    out.line(format_args!(
        "  validate                  {validate}; {errors} errors, {} warnings",
        diagnostics.len() - errors
    ))?;
    out.line(format_args!(
        "  appraise                  {appraise}; {ratio:.2}× parse; {} engine diagnostics",
        result.diagnostics.len()
    ))?;
    out.line(format_args!("  to_ron                    {to_ron}"))?;
    out.line(format_args!("  save (file::save, synced) {save}"))?;
    let mut report = SizeReport {
        partnerships: size,
        partners: project.partners.len(),
        cost_and_benefit_lines: lines,
        ron_bytes: text.len(),
        generated_ms: millis(generated),
        parse: parse.into(),
        load: load.into(),
        validate: validate.into(),
        validate_errors: errors,
        validate_warnings: diagnostics.len() - errors,
        appraise: appraise.into(),
        appraise_to_parse: (ratio * 1000.0).round() / 1000.0,
        engine_diagnostics: result.diagnostics.len(),
        to_ron: to_ron.into(),
        save: save.into(),
        ui_portfolio_first_frame: Figure {
            wall_ms: 0.0,
            cpu_ms: None,
        },
        ui_portfolio_steady_frame: Figure {
            wall_ms: 0.0,
            cpu_ms: None,
        },
        ui_partnership_first_frame: None,
        ui_partnership_steady_frame: None,
        edit_to_next_frame: None,
        edit_commit_ms: None,
        load_average: None,
    };
    drop(result);
    drop(text);

    let middle = size / 2;
    let mut ui = Headless::new(Document::opened(project, path.to_owned()));
    let first = ui.frame();
    let steady = ui.steady(STEADY_FRAMES);
    out.line(format_args!(
        "  UI, portfolio view        first frame {first} (computes the results); steady frame {steady}"
    ))?;
    report.ui_portfolio_first_frame = first.into();
    report.ui_portfolio_steady_frame = steady.into();
    if size > 0 {
        ui.app.view = View::Partnership(middle);
        ui.app.section = Section::Costs;
        let first = ui.frame();
        let steady = ui.steady(STEADY_FRAMES);
        out.line(format_args!(
            "  UI, partnership costs     first frame {first}; steady frame {steady}"
        ))?;
        report.ui_partnership_first_frame = Some(first.into());
        report.ui_partnership_steady_frame = Some(steady.into());
        // An edit: the next frame recomputes the results for the new revision.
        let cpu = process_cpu();
        let start = Instant::now();
        if let Some(line) = ui.app.doc.project.partnerships[middle].costs.first_mut() {
            line.name.push_str(" (edited)");
        }
        // As the app commits an edit made on a partnership's screen.
        ui.app.doc.commit_partnership(middle);
        let committed = start.elapsed();
        ui.frame();
        let edited = Timing {
            wall: start.elapsed(),
            cpu: cpu.zip(process_cpu()).map(|(a, b)| b.saturating_sub(a)),
        };
        out.line(format_args!(
            "  UI, an edit               {edited} to the next frame: {} to commit the undo step, then the results are recomputed",
            ms(committed)
        ))?;
        report.edit_to_next_frame = Some(edited.into());
        report.edit_commit_ms = Some(millis(committed));
    }
    report.load_average = load_average();
    out.line(format_args!(
        "  (load average {})",
        describe_load(report.load_average)
    ))?;
    let project = std::mem::replace(
        &mut ui.app.doc,
        Document::untitled(Project::new("Benchmark")),
    );
    Ok((report, project.project))
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

    /// Moves the app's clock on by `seconds` (autosave is timed by it).
    pub fn advance_clock(&mut self, seconds: f64) {
        self.time += seconds;
    }

    /// Runs one frame (logic, ui and tessellation) and returns how long it took, by the
    /// clock and in this thread's CPU time.
    pub fn frame(&mut self) -> Timing {
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
        let cpu = thread_cpu();
        let start = Instant::now();
        let (app, frame) = (&mut self.app, &mut self.frame);
        let mut output = self.ctx.run_ui(input, |ui| {
            eframe::App::logic(app, ui.ctx(), frame);
            eframe::App::ui(app, ui, frame);
        });
        let shapes = std::mem::take(&mut output.shapes);
        let primitives = self.ctx.tessellate(shapes, output.pixels_per_point);
        let wall = start.elapsed();
        let cpu = cpu.zip(thread_cpu()).map(|(a, b)| b.saturating_sub(a));
        drop(primitives);
        output.drop_without_applying_deltas();
        Timing { wall, cpu }
    }

    /// The median wall-clock time of `frames` frames, and their mean CPU time (the
    /// kernel counts a thread's CPU time in ticks of a few milliseconds, so one frame's
    /// own reading is too coarse).
    fn steady(&mut self, frames: usize) -> Timing {
        // Let the layout settle (egui sizes some areas over two frames).
        self.frame();
        self.frame();
        let frames = frames.max(1);
        let before = thread_cpu();
        let walls: Vec<Duration> = (0..frames).map(|_| self.frame().wall).collect();
        Timing {
            wall: median(walls),
            cpu: before
                .zip(thread_cpu())
                .map(|(a, b)| b.saturating_sub(a) / frames as u32),
        }
    }
}

/// Monte Carlo: 10,000 draws on a partnership of 50 lines.
fn monte_carlo(repeat: usize, out: &mut Text<'_>) -> Result<MonteCarloReport> {
    let project = fifty_line_project();
    let p = &project.partnerships[0];
    let ranged = p.costs.iter().filter(|l| l.range.is_some()).count()
        + p.benefits.iter().filter(|l| l.range.is_some()).count();
    let (draws, simulation) = time(repeat, || {
        uncertainty::simulate(&project, 0, 10_000, SEED, &mut |_| true)
            .context("the simulation did not run")
    })?;
    out.line(format_args!(
        "\nMonte Carlo: 10,000 draws on a partnership of {} cost and {} benefit lines ({ranged} lines with a range, {} varying inputs): {draws}",
        p.costs.len(),
        p.benefits.len(),
        simulation.varying_inputs,
    ))?;
    Ok(MonteCarloReport {
        draws: 10_000,
        cost_lines: p.costs.len(),
        benefit_lines: p.benefits.len(),
        ranged_lines: ranged,
        varying_inputs: simulation.varying_inputs,
        time: draws.into(),
    })
}

/// A generated project whose one partnership has 35 cost and 15 benefit lines, every one
/// of them with a range (the most work a simulation of 50 lines can be).
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
    let range = |low: i64, high: i64| crate::model::Distribution::Triangular {
        low: rust_decimal::Decimal::new(low, 2),
        likely: rust_decimal::Decimal::ONE,
        high: rust_decimal::Decimal::new(high, 2),
    };
    for line in &mut costs {
        line.range.get_or_insert(range(85, 140));
    }
    for line in &mut benefits {
        line.range.get_or_insert(range(60, 120));
    }
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

fn memory_step(step: &str) -> MemoryStep {
    let mb = |kb: Option<u64>| kb.map(|k| (k as f64 / 1024.0 * 10.0).round() / 10.0);
    MemoryStep {
        step: step.to_owned(),
        resident_mb: mb(status_kb("VmRSS:")),
        peak_mb: mb(status_kb("VmHWM:")),
    }
}

/// The memory run, in a fresh process: open the file as the app does, compute the
/// results, draw frames, make [`EDITS`] undoable edits; report resident and peak memory.
pub fn memory(path: &Path, format: BenchFormat, out: &mut dyn Write) -> Result<()> {
    use crate::appraisal::{Breakdown, LineValue, PartnerPosition, PartnershipResult};
    use crate::model::{BenefitLine, CostLine, Partnership};
    use std::mem::size_of;
    let mut report = MemoryReport {
        sizes_in_bytes: [
            ("cost line", size_of::<CostLine>()),
            ("benefit line", size_of::<BenefitLine>()),
            ("partnership", size_of::<Partnership>()),
            ("line result", size_of::<LineValue>()),
            ("breakdown", size_of::<Breakdown>()),
            ("partner position", size_of::<PartnerPosition>()),
            ("partnership result", size_of::<PartnershipResult>()),
        ]
        .into_iter()
        .map(|(what, bytes)| (what.to_owned(), bytes))
        .collect(),
        steps: vec![memory_step("at start")],
        undo_step_ms: None,
    };
    let project = file::load(path)?;
    report.steps.push(memory_step("after loading"));
    let n = project.partnerships.len();
    let doc = Document::opened(project, path.to_owned());
    report
        .steps
        .push(memory_step("after keeping the undo baseline (Document)"));
    let mut ui = Headless::new(doc);
    let _ = ui.app.doc.results_now();
    report
        .steps
        .push(memory_step("after appraising and validating (Document)"));
    ui.steady(3);
    if n > 0 {
        ui.app.view = View::Partnership(n / 2);
        ui.app.section = Section::Costs;
        ui.steady(3);
    }
    report.steps.push(memory_step("after UI frames"));
    if n > 0 {
        let mut committing = Duration::ZERO;
        for k in 0..EDITS {
            let index = (k * 7919) % n;
            let ship = &mut ui.app.doc.project.partnerships[index];
            match ship.costs.first_mut() {
                Some(line) => line.source.push('.'),
                None => ship.purpose.push('.'),
            }
            let started = Instant::now();
            ui.app.doc.commit_partnership(index);
            committing += started.elapsed();
            // The app recomputes the results after every edit; here after every tenth
            // (the memory they take does not depend on how often).
            if k % 10 == 9 {
                let _ = ui.app.doc.results_now();
            }
        }
        let _ = ui.app.doc.results_now();
        report
            .steps
            .push(memory_step(&format!("after {EDITS} undoable edits")));
        report.undo_step_ms = Some(millis(committing / EDITS as u32));
    }
    match format {
        BenchFormat::Json => {
            serde_json::to_writer(&mut *out, &report)?;
            writeln!(out)?;
        }
        BenchFormat::Text => report.write_text(&mut Text::new(format, out))?,
    }
    Ok(())
}
