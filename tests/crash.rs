//! Saving when things go wrong.
//!
//! - A process saving a large project over and over is killed (SIGKILL) at random moments,
//!   again and again; after every kill the project file is byte for byte one complete
//!   version, and `NAME.bak` is the complete version before it (or the same one).
//! - A full disk, a read-only folder, no permission to write, a folder that is a file, the
//!   file deleted or changed by another program while open: the app says what happened in
//!   plain words, offers Save as…, loses nothing in memory and leaves the file as it was.
//!
//! The tests that need a private mount (a small or read-only tmpfs) or another user run a
//! copy of this test executable as a child process (`child_process`, chosen by the
//! `PA_CRASH_CHILD` variable) under `unshare` or `setpriv`. See docs/BAD_INPUT.md.

use eframe::egui;
use egui_kittest::{Harness, kittest::Queryable};
use partnership_appraisal::file;
use partnership_appraisal::model::*;
use partnership_appraisal::ui::PartnershipApp;
use partnership_appraisal::ui::app::Dialog;
use partnership_appraisal::ui::document::Document;
use partnership_appraisal::ui::files::ScriptedPicker;
use rust_decimal::Decimal;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

/// Which child role this process plays, if it is a child.
const CHILD_ENV: &str = "PA_CRASH_CHILD";
/// The child's argument (a path).
const ARG_ENV: &str = "PA_CRASH_ARG";
/// The version the save loop starts after.
const START_ENV: &str = "PA_CRASH_START";

/// How many times the saving process is killed.
const KILLS: usize = 120;
/// Distinct versions the saving process cycles through.
const VERSIONS: usize = 4;

// ---------------------------------------------------------------------------------------
// A large project, deterministic for a version number, so parent and child agree on it.

fn big_project(version: usize) -> Project {
    let mut p = Project::new(format!("Crash test portfolio, version {version}"));
    for (i, kind) in [PartnerKind::Council, PartnerKind::Nhs, PartnerKind::Police]
        .into_iter()
        .enumerate()
    {
        let mut partner = Partner::new(format!("Partner {i}"), kind);
        for g in 0..6 {
            partner.grades.push(Grade {
                name: format!("Grade {g}"),
                pay: Pay::Salary(Money(Decimal::new(25_000 + 1_000 * g, 0))),
            });
        }
        p.partners.push(partner);
    }
    // Versions differ in size as well as content, so no truncation can pass for another.
    let partnerships = 40 + 4 * version;
    for s in 0..partnerships {
        let mut ship = Partnership::new(format!("Partnership {s} (v{version})"));
        ship.purpose =
            format!("Purpose of partnership {s}, written out at some length. ").repeat(3);
        for l in 0..12 {
            ship.costs.push(CostLine {
                name: format!("Staff line {l}"),
                cost_type: CostType::Revenue,
                optimism: Optimism::Grade("2".into()),
                source: format!("Establishment list {s}.{l}"),
                range: None,
                detail: CostDetail::StaffTime(StaffTime {
                    partner: format!("Partner {}", l % 3),
                    grade: format!("Grade {}", l % 6),
                    layer: Layer::Operational,
                    hours: Profile::PerYear(
                        (0..10)
                            .map(|y| Decimal::new((100 + s * 7 + l * 3 + y + version) as i64, 1))
                            .collect(),
                    ),
                    unit: partnership_appraisal::model::TimeUnit::Hours,
                }),
                prices: partnership_appraisal::model::Prices::Real,
            });
        }
        p.partnerships.push(ship);
    }
    p
}

// ---------------------------------------------------------------------------------------
// Children: one entry point, doing nothing unless PA_CRASH_CHILD names a role.

#[test]
fn child_process() {
    let Ok(role) = std::env::var(CHILD_ENV) else {
        return;
    };
    let arg = PathBuf::from(std::env::var(ARG_ENV).unwrap());
    match role.as_str() {
        "save-loop" => save_loop(&arg),
        "disk-full" => disk_full(&arg),
        "read-only" => read_only_folder(&arg),
        #[cfg(unix)]
        "no-permission" => no_permission(&arg),
        other => panic!("unknown child role {other}"),
    }
}

/// Saves version after version to `target` until killed (or a minute passes).
fn save_loop(target: &Path) {
    let start: usize = std::env::var(START_ENV).unwrap().parse().unwrap();
    let versions: Vec<Project> = (0..VERSIONS).map(big_project).collect();
    println!("READY");
    let began = Instant::now();
    let mut i = start;
    while began.elapsed() < Duration::from_secs(60) {
        i += 1;
        file::save(&versions[i % VERSIONS], target).unwrap();
    }
}

/// Runs this executable as a child in `role`, optionally under a wrapper command.
fn child(role: &str, arg: &Path, wrapper: &[&str]) -> Command {
    let exe = std::env::current_exe().unwrap();
    let mut command = match wrapper.split_first() {
        Some((program, rest)) => {
            let mut c = Command::new(program);
            c.args(rest).arg(&exe);
            c
        }
        None => Command::new(&exe),
    };
    command
        .args([
            "child_process",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, role)
        .env(ARG_ENV, arg)
        .env_remove("RUST_TEST_THREADS");
    command
}

/// A small random generator (xorshift), seeded from the clock and printed, so a failing
/// run can be repeated with PA_CRASH_SEED.
struct Rng(u64);

impl Rng {
    fn new() -> Self {
        let seed = std::env::var("PA_CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                SystemTime::now()
                    .duration_since(SystemTime::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
                    | 1
            });
        println!("PA_CRASH_SEED={seed}");
        Rng(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

#[test]
fn a_save_killed_at_any_moment_leaves_the_whole_old_or_the_whole_new_file() {
    let versions: Vec<Project> = (0..VERSIONS).map(big_project).collect();
    let texts: Vec<Vec<u8>> = versions
        .iter()
        .map(|p| file::to_ron(p).unwrap().into_bytes())
        .collect();
    // Each version's text loads back as that version: so a file equal to the text is a
    // complete, loadable copy of the version.
    for (p, t) in versions.iter().zip(&texts) {
        assert_eq!(&file::parse_bytes(t).unwrap(), p);
    }
    let version_of = |bytes: &[u8]| texts.iter().position(|t| t.as_slice() == bytes);

    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("portfolio.ron");
    let backup = file::backup_path(&target);
    let began = Instant::now();
    file::save(&versions[0], &target).unwrap();
    let save_time = began.elapsed();
    println!(
        "project file {} bytes; one save takes {save_time:?} here",
        texts[0].len()
    );

    let mut rng = Rng::new();
    let window_ms = (save_time.as_millis() as u64 * 3).max(20);
    let (mut changed, mut unchanged, mut backups_equal, mut leftovers) = (0, 0, 0, 0);
    let mut current = 0;
    let mut backup_seen = false;
    let run = Instant::now();
    for kill in 0..KILLS {
        let mut process = child("save-loop", &target, &[])
            .env(START_ENV, current.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(process.stdout.take().unwrap()).lines();
        assert!(
            lines.any(|l| l.map(|l| l.ends_with("READY")).unwrap_or(false)),
            "the child never got ready"
        );
        std::thread::sleep(Duration::from_micros(rng.below(window_ms * 1000)));
        process.kill().unwrap();
        process.wait().unwrap();

        let bytes = std::fs::read(&target).unwrap_or_else(|e| panic!("kill {kill}: {e}"));
        let now = version_of(&bytes).unwrap_or_else(|| {
            panic!(
                "kill {kill}: the file is not a whole version ({} bytes)",
                bytes.len()
            )
        });
        if now == current {
            unchanged += 1;
        } else {
            changed += 1;
        }
        match std::fs::read(&backup) {
            Ok(b) => {
                backup_seen = true;
                let was = version_of(&b).unwrap_or_else(|| {
                    panic!(
                        "kill {kill}: the backup is not a whole version ({} bytes)",
                        b.len()
                    )
                });
                assert!(
                    was == now || (was + 1) % VERSIONS == now,
                    "kill {kill}: the backup is version {was}, the file version {now}"
                );
                if was == now {
                    backups_equal += 1;
                }
            }
            Err(e) => assert!(
                !backup_seen,
                "kill {kill}: the backup was there and now is not: {e}"
            ),
        }
        // A killed save may leave its temporary file (NAME.PID.tmp) beside the target.
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "tmp") {
                leftovers += 1;
                std::fs::remove_file(path).unwrap();
            }
        }
        current = now;
    }
    assert_eq!(file::load(&target).unwrap(), versions[current]);
    println!(
        "{KILLS} kills in {:?}: {changed} after a new version landed, {unchanged} with the old \
         one still in place, {backups_equal} with the backup equal to the file, {leftovers} \
         temporary files left",
        run.elapsed()
    );
    assert!(
        changed > 0 && unchanged > 0,
        "kills should land both before and after a rename"
    );
}

// ---------------------------------------------------------------------------------------
// Failures while saving, through the app.

fn harness(answers: Vec<Option<PathBuf>>) -> Harness<'static, PartnershipApp> {
    Harness::builder()
        .with_size([1500.0, 1000.0])
        .build_eframe(move |cc| {
            partnership_appraisal::ui::configure_style(&cc.egui_ctx);
            PartnershipApp::new(
                Document::untitled(Project::new("Untitled")),
                Box::new(ScriptedPicker {
                    answers: answers.into(),
                }),
            )
        })
}

fn small_project() -> Project {
    let mut p = Project::new("Small borough");
    p.partners
        .push(Partner::new("Council", PartnerKind::Council));
    p.partnerships.push(Partnership::new("Community safety"));
    p
}

/// Opens `path` in a fresh app, edits it, presses Ctrl+S, and checks the save failed the
/// way a user should see: a message with `advice`, Save as… offered, the edit still in
/// memory, the file on disk unchanged, no temporary file left. Then Save as… to `elsewhere`.
fn save_fails_then_save_as_works(
    path: &Path,
    edit: impl FnOnce(&mut Project),
    advice: &str,
    elsewhere: &Path,
) {
    let before = std::fs::read(path).unwrap();
    let mut h = harness(vec![Some(elsewhere.to_owned())]);
    h.state_mut().open_path(path);
    h.run();
    h.state_mut().dialog = None;
    h.state_mut().doc.apply(edit);
    let edited = h.state().doc.project.clone();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    // A large project (the full disk's) is written on a thread: wait for it.
    h.state_mut().finish_saving();
    h.run();
    match &h.state().dialog {
        Some(Dialog::Message {
            title,
            text,
            save_as,
        }) => {
            assert_eq!(title, "The project could not be saved");
            assert!(text.starts_with(advice), "{text}");
            assert!(text.contains(&path.display().to_string()), "{text}");
            assert!(text.contains("Nothing is lost"), "{text}");
            assert!(*save_as);
        }
        other => panic!("expected a message, got {other:?}"),
    }
    assert_eq!(h.state().doc.project, edited, "nothing in memory is lost");
    assert!(h.state().doc.is_dirty());
    assert_eq!(
        std::fs::read(path).unwrap(),
        before,
        "the file is as it was"
    );
    let litter: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(litter.is_empty(), "temporary files left: {litter:?}");

    h.get_by_label("Save as…").click();
    h.run();
    h.state_mut().finish_saving();
    assert!(!h.state().doc.is_dirty(), "{}", h.state().status);
    assert_eq!(h.state().doc.path.as_deref(), Some(elsewhere));
    assert_eq!(file::load(elsewhere).unwrap(), edited);
}

fn grow(p: &mut Project) {
    for i in 0..3000 {
        p.partnerships.push(Partnership::new(format!(
            "A partnership with a long name to fill the disk, number {i}"
        )));
    }
}

/// In a private mount namespace: a 256 KiB tmpfs holding the project, which then grows past it.
fn disk_full(dir: &Path) {
    if !mount(&["-t", "tmpfs", "-o", "size=256k", "tmpfs"], dir) {
        return;
    }
    let path = dir.join("borough.ron");
    file::save(&small_project(), &path).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    save_fails_then_save_as_works(
        &path,
        grow,
        "The disk is full",
        &elsewhere.path().join("borough.ron"),
    );
    println!("TESTED");
}

/// In a private mount namespace: the project's folder is remounted read-only.
fn read_only_folder(dir: &Path) {
    if !mount(&["-t", "tmpfs", "-o", "size=1m", "tmpfs"], dir) {
        return;
    }
    let path = dir.join("borough.ron");
    file::save(&small_project(), &path).unwrap();
    assert!(mount(&["-o", "remount,ro"], dir), "remount read-only");
    // Opening a file in a read-only folder works; only the lock cannot be written.
    let elsewhere = tempfile::tempdir().unwrap();
    save_fails_then_save_as_works(
        &path,
        |p| p.name = "Renamed".into(),
        "The folder is on a read-only disk or share",
        &elsewhere.path().join("borough.ron"),
    );
    println!("TESTED");
}

/// As a user without root's override: the project's folder is made read-only with chmod.
#[cfg(unix)]
fn no_permission(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let folder = dir.join("locked");
    std::fs::create_dir(&folder).unwrap();
    let path = folder.join("borough.ron");
    file::save(&small_project(), &path).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    save_fails_then_save_as_works(
        &path,
        |p| p.name = "Renamed".into(),
        "You do not have permission",
        &dir.join("borough.ron"),
    );
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    println!("TESTED");
}

/// Mounts over `dir`; false (and says so) when this process may not mount.
fn mount(args: &[&str], dir: &Path) -> bool {
    let ok = Command::new("mount")
        .args(args)
        .arg(dir)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        println!("CANNOT-MOUNT");
    }
    ok
}

/// Runs a child role under each wrapper in turn until one can run it. Returns the wrapper
/// that did, or `None` when none could (the mechanism is missing on this machine).
#[cfg(target_os = "linux")]
fn run_child_under(role: &str, dir: &Path, wrappers: &[&[&str]]) -> Option<String> {
    for wrapper in wrappers {
        let Ok(out) = child(role, dir, wrapper).output() else {
            continue;
        };
        let stdout = String::from_utf8_lossy(&out.stdout);
        if out.status.code() == Some(101) {
            panic!(
                "the {role} child failed under {wrapper:?}:\n{stdout}\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        if out.status.success() && stdout.contains("TESTED") {
            return Some(wrapper.join(" "));
        }
    }
    None
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_reported_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let how = run_child_under(
        "disk-full",
        dir.path(),
        &[
            &["unshare", "--mount", "--propagation", "private"],
            &["unshare", "--user", "--map-root-user", "--mount"],
        ],
    );
    // Without a mount namespace there is no full disk to test on: that fails the test
    // (it must never pass without having run).
    let how = how.expect(
        "this test needs a private mount namespace (`unshare --mount`, as root or with user \
         namespaces) to make a full disk, and this machine allows none",
    );
    println!("disk full tested on a 256 KiB tmpfs under `{how}`");
}

#[cfg(target_os = "linux")]
#[test]
fn a_read_only_folder_is_reported_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let how = run_child_under(
        "read-only",
        dir.path(),
        &[
            &["unshare", "--mount", "--propagation", "private"],
            &["unshare", "--user", "--map-root-user", "--mount"],
        ],
    );
    let how = how.expect(
        "this test needs a private mount namespace (`unshare --mount`, as root or with user \
         namespaces) to make a read-only folder, and this machine allows none",
    );
    println!("read-only folder tested on a read-only tmpfs under `{how}`");
}

/// Whether chmod stops this process writing (it does not stop root).
#[cfg(unix)]
fn chmod_stops_us() -> bool {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let stopped = std::fs::write(dir.path().join("probe"), "x").is_err();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    stopped
}

#[cfg(unix)]
#[test]
fn no_permission_to_write_is_reported_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    if chmod_stops_us() {
        no_permission(dir.path());
        return;
    }
    // Root (as in CI) is not stopped by chmod: run the check as the user nobody.
    std::os::unix::fs::chown(dir.path(), Some(65534), Some(65534)).unwrap();
    let how = run_child_under(
        "no-permission",
        dir.path(),
        &[&[
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
        ]],
    );
    assert!(
        how.is_some(),
        "running as root, and setpriv could not run the check as nobody"
    );
}

#[test]
fn a_folder_that_is_really_a_file_is_reported_and_nothing_is_lost() {
    // Works the same for root: no permission bits are involved.
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("borough.ron");
    file::save(&small_project(), &good).unwrap();
    let mut h = harness(vec![Some(
        dir.path().join("borough.ron").join("inside.ron"),
    )]);
    h.state_mut().open_path(&good);
    h.state_mut().doc.apply(|p| p.name = "Changed".into());
    let edited = h.state().doc.project.clone();
    assert!(!h.state_mut().save_as());
    match &h.state().dialog {
        Some(Dialog::Message { text, save_as, .. }) => {
            assert!(
                text.starts_with("The folder does not exist any more"),
                "{text}"
            );
            assert!(*save_as);
        }
        other => panic!("expected a message, got {other:?}"),
    }
    assert_eq!(h.state().doc.project, edited);
    assert_eq!(file::load(&good).unwrap(), small_project());
}

#[test]
fn a_file_deleted_while_open_is_simply_saved_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("borough.ron");
    file::save(&small_project(), &path).unwrap();
    let mut h = harness(vec![]);
    h.state_mut().open_path(&path);
    h.run();
    std::fs::remove_file(&path).unwrap();
    h.state_mut().doc.apply(|p| p.name = "Kept".into());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert_eq!(h.state().dialog, None);
    assert!(!h.state().doc.is_dirty());
    assert_eq!(file::load(&path).unwrap().name, "Kept");
}

/// Another program writes the file: a different project, and a modification time moved on.
fn change_behind_the_apps_back(path: &Path) -> Project {
    let mut theirs = small_project();
    theirs.name = "Edited in a text editor".into();
    file::save(&theirs, path).unwrap();
    let later = SystemTime::now() + Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(later)
        .unwrap();
    theirs
}

#[test]
fn a_file_changed_by_another_program_is_not_overwritten_without_asking() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("borough.ron");
    let copy = dir.path().join("my copy.ron");
    file::save(&small_project(), &path).unwrap();
    let mut h = harness(vec![Some(copy.clone())]);
    h.state_mut().open_path(&path);
    h.run();
    // The app's own saves are not "another program": saving twice asks nothing.
    for name in ["First save", "Second save"] {
        h.state_mut().doc.apply(|p| p.name = name.into());
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
        h.run();
        assert_eq!(h.state().dialog, None, "{name}");
        assert_eq!(file::load(&path).unwrap().name, name);
    }
    h.state_mut().doc.apply(|p| p.name = "Mine".into());
    let mine = h.state().doc.project.clone();
    let theirs = change_behind_the_apps_back(&path);

    // Save: asked first; Cancel leaves their file alone.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert_eq!(h.state().dialog, Some(Dialog::FileChanged(path.clone())));
    h.get_by_label("The file was changed by another program");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(h.state().dialog, None);
    assert_eq!(file::load(&path).unwrap(), theirs);
    assert_eq!(h.state().doc.project, mine);
    assert!(h.state().doc.is_dirty());

    // Save as… keeps both.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    h.get_by_label("Save as…").click();
    h.run();
    assert_eq!(file::load(&copy).unwrap(), mine);
    assert_eq!(file::load(&path).unwrap(), theirs);

    // Back on the original: Overwrite replaces it, and their version stays in NAME.bak.
    h.state_mut().open_path(&path);
    h.run();
    h.state_mut().doc.apply(|p| p.name = "Mine again".into());
    change_behind_the_apps_back(&path);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    h.get_by_label("Overwrite").click();
    h.run();
    assert_eq!(h.state().dialog, None);
    assert!(!h.state().doc.is_dirty());
    assert_eq!(file::load(&path).unwrap().name, "Mine again");
    assert_eq!(file::load(&file::backup_path(&path)).unwrap(), theirs);

    // Saving again with no one else writing asks nothing.
    h.state_mut().doc.apply(|p| p.name = "Mine, third".into());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert_eq!(h.state().dialog, None);
    assert_eq!(file::load(&path).unwrap().name, "Mine, third");
}
