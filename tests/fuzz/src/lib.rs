//! The parts of Partnership Appraisal a project file reaches when it is opened: the file
//! module (limits, parse), the model and the appraisal engine (the app validates and
//! appraises what it opens). They are the main package's own source files, compiled here
//! by path so that AFL++ instruments them without building the whole desktop app.
//! Those modules import nothing but each other (ARCHITECTURE.md, invariants).
#![allow(dead_code)]

#[path = "../../../src/appraisal/mod.rs"]
pub mod appraisal;
#[path = "../../../src/file/mod.rs"]
pub mod file;
#[path = "../../../src/model/mod.rs"]
pub mod model;

/// What opening a file does with its bytes, and the promises it keeps:
/// no panic; a file that loads validates, appraises, and saves to text that loads back
/// as the same project and saves byte-identical.
pub fn open_like_the_app(bytes: &[u8]) {
    let Ok(project) = file::parse_bytes(bytes) else {
        return;
    };
    let _ = appraisal::validate(&project);
    let _ = appraisal::appraise(&project);
    let text = match file::to_ron(&project) {
        Ok(text) => text,
        Err(e) => panic!("a project that loaded cannot be written: {e}"),
    };
    match file::parse(&text) {
        Ok(again) => {
            assert!(again == project, "save then load changed the project");
            let twice = file::to_ron(&again).unwrap_or_default();
            assert!(twice == text, "the second save differs from the first");
        }
        Err(e) => panic!("a saved project does not load back: {e}\n{text}"),
    }
}
