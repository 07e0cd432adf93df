//! Opening a project file on a thread, so a large file never freezes the window: the
//! thread reads and parses the file, builds the [`Document`] and computes its results,
//! and hands the finished document back; meanwhile the window shows what it is doing.

use super::document::Document;
use crate::file;
use eframe::egui::{self, Color32, RichText, Sense, Shape, Stroke, Ui, WidgetInfo};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// Files at least this large open on a thread behind the loading screen; smaller ones
/// (about 1,000 partnerships and under) open at once (docs/DECISIONS.md).
pub const BACKGROUND_FROM_BYTES: u64 = 2 * 1024 * 1024;

/// How often the loading screen is redrawn (the seconds and the spinner move).
const REDRAW: Duration = Duration::from_millis(100);

/// The finished document crosses from the loading thread to the window's.
const _: () = must_be_send::<Document>();
const fn must_be_send<T: Send>() {}

/// What the loading thread is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Reading,
    /// Building the document and computing its results.
    Appraising {
        partnerships: usize,
    },
}

impl Phase {
    pub fn describe(self) -> String {
        match self {
            Phase::Reading => "Reading the file…".into(),
            Phase::Appraising { partnerships: 1 } => "Appraising 1 partnership…".into(),
            Phase::Appraising { partnerships } => format!(
                "Appraising {} partnerships…",
                crate::format::number(Decimal::from(partnerships), 0)
            ),
        }
    }
}

enum Message {
    Phase(Phase),
    /// The document with its results computed, or why the file could not be opened.
    Done(Result<Box<Document>, String>),
}

/// A file being opened on a thread.
pub struct Loading {
    pub path: PathBuf,
    /// The file's size when the load began.
    pub bytes: u64,
    pub phase: Phase,
    started: Instant,
    receiver: Receiver<Message>,
    /// The window's context, once a frame has seen this load: the thread asks for a
    /// frame when it moves on, so the window notices at once.
    waker: Arc<OnceLock<egui::Context>>,
    /// Until the thread is started: what it will send with.
    unstarted: Option<Sender<Message>>,
}

/// What [`Loading::poll`] found.
pub enum Poll {
    Waiting,
    /// Finished: the document, or the message saying why it could not be opened.
    Done(Result<Box<Document>, String>),
}

impl Loading {
    /// A load of `path` (`bytes` long), shown from now; the thread starts with [`Self::begin`].
    pub fn new(path: &Path, bytes: u64) -> Loading {
        let (sender, receiver) = mpsc::channel();
        Loading {
            path: path.to_owned(),
            bytes,
            phase: Phase::Reading,
            started: Instant::now(),
            receiver,
            waker: Arc::new(OnceLock::new()),
            unstarted: Some(sender),
        }
    }

    /// Starts the thread that reads the file (once). Fails only if no thread could be
    /// started.
    pub fn begin(&mut self) -> std::io::Result<()> {
        let Some(sender) = self.unstarted.take() else {
            return Ok(());
        };
        let path = self.path.clone();
        let waker = Arc::clone(&self.waker);
        std::thread::Builder::new()
            .name("open project".into())
            .spawn(move || load(path, &sender, &waker))?;
        Ok(())
    }

    pub fn is_started(&self) -> bool {
        self.unstarted.is_none()
    }

    /// Takes what the thread has sent. Call each frame.
    pub fn poll(&mut self, ctx: &egui::Context) -> Poll {
        if self.waker.get().is_none() {
            let _ = self.waker.set(ctx.clone());
        }
        if !self.is_started() {
            return Poll::Waiting;
        }
        loop {
            match self.receiver.try_recv() {
                Ok(Message::Phase(phase)) => self.phase = phase,
                Ok(Message::Done(result)) => return Poll::Done(result),
                Err(TryRecvError::Empty) => return Poll::Waiting,
                Err(TryRecvError::Disconnected) => {
                    return Poll::Done(Err(format!(
                        "opening stopped before the project was ready: {}",
                        self.path.display()
                    )));
                }
            }
        }
    }

    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// The file's name, for headings and the window title.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.path.display().to_string())
    }

    /// The loading screen, for the central area. True when Cancel was pressed.
    pub fn show(&self, ui: &mut Ui) -> bool {
        ui.ctx().request_repaint_after(REDRAW);
        let mut cancel = false;
        ui.add_space((ui.available_height() * 0.22).clamp(24.0, 200.0));
        ui.vertical_centered(|ui| {
            ui.label(
                RichText::new(format!("Opening {}", self.file_name()))
                    .size(26.0)
                    .strong(),
            );
            ui.add_space(4.0);
            ui.label(format!(
                "{:.1} MB  ·  {}",
                self.bytes as f64 / 1_000_000.0,
                self.path.display()
            ));
            ui.add_space(20.0);
            spinner(ui, 44.0);
            ui.add_space(12.0);
            ui.label(RichText::new(self.phase.describe()).size(18.0));
            ui.label(format!(
                "{:.1} seconds so far",
                self.elapsed().as_secs_f64()
            ));
            ui.add_space(20.0);
            if ui
                .button(RichText::new("Cancel").size(17.0))
                .on_hover_text(
                    "Stop waiting for this file: the project you had open stays as it is",
                )
                .clicked()
            {
                cancel = true;
            }
            ui.add_space(16.0);
            ui.label(
                RichText::new(
                    "Until this one is ready, the project you had open stays as it is, \
                     and saving, editing and opening other files are not available.",
                )
                .weak(),
            );
        });
        cancel
    }
}

/// On the loading thread: read, build, appraise, and send the finished document.
/// Stops early when the window has stopped waiting (the receiver is gone).
fn load(path: PathBuf, sender: &Sender<Message>, waker: &OnceLock<egui::Context>) {
    let wake = || {
        if let Some(ctx) = waker.get() {
            ctx.request_repaint();
        }
    };
    let started = Instant::now();
    let project = match file::load(&path) {
        Ok(project) => project,
        Err(e) => {
            let _ = sender.send(Message::Done(Err(e.to_string())));
            wake();
            return;
        }
    };
    let phase = Phase::Appraising {
        partnerships: project.partnerships.len(),
    };
    if sender.send(Message::Phase(phase)).is_err() {
        return;
    }
    wake();
    let read = started.elapsed();
    let mut doc = Document::opened(project, path);
    let built = started.elapsed();
    doc.results_now();
    if std::env::var_os(super::FIRST_FRAME_ENV).is_some() {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        eprintln!(
            "opening on a thread: read and parsed {:.0} ms, document built {:.0} ms, \
             appraised and validated {:.0} ms",
            ms(read),
            ms(built - read),
            ms(started.elapsed() - built)
        );
    }
    // If the window stopped waiting meanwhile, the document is dropped here, off its thread.
    let _ = sender.send(Message::Done(Ok(Box::new(doc))));
    wake();
}

/// An arc going round, like egui's spinner, but redrawn with the loading screen (ten
/// times a second) rather than every frame the screen can show: the loading thread
/// needs the processor more than the animation does.
fn spinner(ui: &mut Ui, size: f32) {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), Sense::hover());
    response.widget_info(|| WidgetInfo::labeled(egui::Role::ProgressIndicator, true, "Loading"));
    if !ui.is_rect_visible(rect) {
        return;
    }
    let colour: Color32 = ui.visuals().strong_text_color();
    let radius = rect.height() * 0.5 - 3.0;
    let time = ui.input(|i| i.time);
    let start = time * std::f64::consts::TAU;
    let end = start + 240f64.to_radians() * time.sin();
    let n = 40;
    let points: Vec<egui::Pos2> = (0..n)
        .map(|i| {
            let angle = start + (end - start) * f64::from(i) / f64::from(n);
            let (sin, cos) = angle.sin_cos();
            rect.center() + radius * egui::vec2(cos as f32, sin as f32)
        })
        .collect();
    ui.painter()
        .add(Shape::line(points, Stroke::new(3.5, colour)));
}
