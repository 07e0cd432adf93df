//! Writing a large project out on a thread, so saving and autosave never hold up the
//! window: the thread gets the project as last committed ([`Committed`], which shares
//! its pieces with the document and costs nothing to take), reads it back whole, turns it
//! into RON and writes it with the same functions a save on the window's thread uses, so
//! the file is byte for byte the same.

use super::document::{Committed, Document};
use crate::file::SaveError;
use crate::model::Project;
use eframe::egui;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::Instant;

/// Projects of at least this many partnerships are saved and autosaved on a thread;
/// smaller ones (under about 2 MB of RON, a few milliseconds to write) at once.
pub const THREAD_FROM_PARTNERSHIPS: usize = 100;

/// Whether `doc` is large enough to be written on a thread, given the threshold.
pub fn on_thread(doc: &Document, from_partnerships: usize) -> bool {
    doc.project.partnerships.len() >= from_partnerships
}

/// The project `what` holds, whole, for writing; an error if a partnership cannot be
/// read back from its compact form (which the tests of that form rule out).
pub fn project_of(what: &Committed) -> Result<Project, SaveError> {
    what.to_project().map_err(|e| {
        SaveError::Encode(format!(
            "a partnership could not be read back for writing ({e})"
        ))
    })
}

/// What a write on a thread has come to.
pub enum Poll<T> {
    Waiting,
    Done(T),
    /// The thread stopped without an answer (it panicked): nothing is known to be written.
    Lost,
}

/// A write running on its own thread.
pub struct Writing<T> {
    receiver: Receiver<T>,
    pub started: Instant,
}

impl<T: Send + 'static> Writing<T> {
    /// Runs `work` on a thread named `name`; `ctx`, if given, is asked for a frame when
    /// it finishes so the window notices at once. Fails only if no thread can be had.
    pub fn start(
        name: &str,
        ctx: Option<egui::Context>,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> std::io::Result<Self> {
        let (sender, receiver) = mpsc::channel();
        std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                let _ = sender.send(work());
                if let Some(ctx) = ctx {
                    ctx.request_repaint();
                }
            })?;
        Ok(Writing {
            receiver,
            started: Instant::now(),
        })
    }

    /// What the thread has come to, without waiting.
    pub fn poll(&self) -> Poll<T> {
        match self.receiver.try_recv() {
            Ok(done) => Poll::Done(done),
            Err(TryRecvError::Empty) => Poll::Waiting,
            Err(TryRecvError::Disconnected) => Poll::Lost,
        }
    }

    /// What the thread came to once it is done, `lost()` if it stopped without an
    /// answer; while it works, `None`, and the window is asked for a frame after `every`
    /// (the status bar counts the seconds).
    pub fn finished(
        &self,
        ctx: &egui::Context,
        every: std::time::Duration,
        lost: impl FnOnce() -> T,
    ) -> Option<T> {
        match self.poll() {
            Poll::Waiting => {
                ctx.request_repaint_after(every);
                None
            }
            Poll::Done(done) => Some(done),
            Poll::Lost => Some(lost()),
        }
    }

    /// Waits for the thread to finish: `None` if it stopped without an answer.
    pub fn wait(self) -> Option<T> {
        self.receiver.recv().ok()
    }
}
