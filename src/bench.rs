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
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The seed of every generated project, so runs compare like with like.
pub const SEED: u64 = 2026;
/// Steady UI frames timed after the first, for the median.
const STEADY_FRAMES: usize = 120;
/// Undoable edits made in the memory run (the app keeps up to 200 undo steps).
pub const EDITS: usize = 200;

/// Runs the benchmarks for each size and writes a report to `out`.
pub fn run(sizes: &[usize], repeat: usize, out: &mut dyn Write) -> Result<()> {
    let repeat = repeat.max(1);
    let folder = tempfile_folder()?;
    writeln!(
        out,
        "Partnership Appraisal benchmarks ({} build), median of {repeat} runs: wall clock (CPU)",
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
struct Timing {
    wall: Duration,
    cpu: Option<Duration>,
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

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.2} ms")
    } else {
        format!("{ms:.0} ms")
    }
}

/// The load average over the last minute: other work on the machine slows every figure.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "n/a".into())
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
    let ratio = appraise.wall.as_secs_f64() / parse.wall.as_secs_f64().max(1e-9);
    writeln!(out, "  parse (file::parse)       {parse}")?;
    writeln!(out, "  load (file::load)         {load}")?;
    writeln!(
        out,
        "  validate                  {validate}; {errors} errors, {} warnings",
        diagnostics.len() - errors
    )?;
    writeln!(
        out,
        "  appraise                  {appraise}; {ratio:.2}× parse; {} engine diagnostics",
        result.diagnostics.len()
    )?;
    writeln!(out, "  to_ron                    {to_ron}")?;
    writeln!(out, "  save (file::save, synced) {save}")?;
    drop(result);

    let middle = size / 2;
    let mut ui = Headless::new(Document::opened(project, path.to_owned()));
    let first = ui.frame();
    let steady = ui.steady(STEADY_FRAMES);
    writeln!(
        out,
        "  UI, portfolio view        first frame {first} (computes the results); steady frame {steady}"
    )?;
    if size > 0 {
        ui.app.view = View::Partnership(middle);
        ui.app.section = Section::Costs;
        let first = ui.frame();
        let steady = ui.steady(STEADY_FRAMES);
        writeln!(
            out,
            "  UI, partnership costs     first frame {first}; steady frame {steady}"
        )?;
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
        writeln!(
            out,
            "  UI, an edit               {edited} to the next frame: {} to commit the undo step, then the results are recomputed",
            ms(committed)
        )?;
    }
    writeln!(out, "  (load average {})", load_average())?;
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

    /// Runs one frame (logic, ui and tessellation) and returns how long it took, by the
    /// clock and in this thread's CPU time.
    fn frame(&mut self) -> Timing {
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
        "\nMonte Carlo: 10,000 draws on a partnership of {} cost and {} benefit lines ({ranged} lines with a range, {} varying inputs): {draws}",
        p.costs.len(),
        p.benefits.len(),
        simulation.varying_inputs,
    )?;
    Ok(())
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

fn memory_line(out: &mut dyn Write, step: &str) -> Result<()> {
    let mb = |kb: Option<u64>| {
        kb.map_or_else(|| "n/a".into(), |k| format!("{:.0} MB", k as f64 / 1024.0))
    };
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
    {
        use crate::appraisal::{Breakdown, LineValue, PartnerPosition, PartnershipResult};
        use crate::model::{BenefitLine, CostLine, Partnership};
        use std::mem::size_of;
        writeln!(
            out,
            "  sizes in bytes (before what they point to): cost line {}, benefit line {}, partnership {}; \
             line result {}, breakdown {}, partner position {}, partnership result {}",
            size_of::<CostLine>(),
            size_of::<BenefitLine>(),
            size_of::<Partnership>(),
            size_of::<LineValue>(),
            size_of::<Breakdown>(),
            size_of::<PartnerPosition>(),
            size_of::<PartnershipResult>()
        )?;
    }
    memory_line(out, "at start")?;
    let project = file::load(path)?;
    memory_line(out, "after loading")?;
    let n = project.partnerships.len();
    let doc = Document::opened(project, path.to_owned());
    memory_line(out, "after keeping the undo baseline (Document)")?;
    let mut ui = Headless::new(doc);
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
                let _ = ui.app.doc.results();
            }
        }
        let per_edit = committing / EDITS as u32;
        let _ = ui.app.doc.results();
        memory_line(out, &format!("after {EDITS} undoable edits"))?;
        writeln!(out, "  each edit's undo step took {}", ms(per_edit))?;
    }
    Ok(())
}
