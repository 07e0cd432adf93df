//! The pieces that install the app as desktop software: the Debian package's list of files
//! (`[package.metadata.deb]` in Cargo.toml), the desktop entry, the MIME type and the icons
//! name files that exist and agree with each other. Building the package itself (`cargo
//! deb`) is described in README.md.

use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const BINARY: &str = "partnership-appraisal";

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The `[source, target, mode]` rows of the deb metadata's `assets`.
fn deb_assets() -> Vec<(String, String)> {
    let manifest = read("Cargo.toml");
    let section = manifest
        .split("[package.metadata.deb]")
        .nth(1)
        .expect("Cargo.toml has [package.metadata.deb]");
    let section = section.split("\n[").next().unwrap_or(section);
    let assets = section
        .split("assets = [")
        .nth(1)
        .expect("the deb metadata has assets");
    let quoted = |row: &str| -> Vec<String> {
        row.split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect()
    };
    assets
        .lines()
        .map(str::trim)
        .take_while(|l| *l != "]")
        .filter(|l| l.starts_with("[\""))
        .map(|row| {
            let fields = quoted(row);
            assert_eq!(fields.len(), 3, "source, target and mode: {row}");
            (fields[0].clone(), fields[1].clone())
        })
        .collect()
}

/// A key of the desktop entry.
fn desktop_key<'a>(entry: &'a str, key: &str) -> &'a str {
    entry
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{key}=")))
        .unwrap_or_else(|| panic!("the desktop entry has no {key}"))
}

/// Width and height from a PNG's header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let be =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    (be(16), be(20))
}

#[test]
fn every_file_the_debian_package_installs_is_in_the_repository() {
    let assets = deb_assets();
    assert!(assets.len() >= 10, "{assets:?}");
    for (source, _) in &assets {
        if source.starts_with("target/") {
            // The binary, built by `cargo deb` before it packs: the one this package builds.
            assert_eq!(source, &format!("target/release/{BINARY}"));
            assert!(Path::new(env!("CARGO_BIN_EXE_partnership-appraisal")).exists());
        } else {
            assert!(
                Path::new(ROOT).join(source).is_file(),
                "{source} is missing"
            );
        }
    }
    let installs = |source: &str, target: &str| {
        assets
            .iter()
            .any(|(s, t)| s == source && t.starts_with(target))
    };
    assert!(installs(&format!("target/release/{BINARY}"), "usr/bin/"));
    assert!(installs(
        "assets/partnership-appraisal.desktop",
        "usr/share/applications/"
    ));
    assert!(installs(
        "assets/partnership-appraisal-mime.xml",
        "usr/share/mime/packages/"
    ));
    for example in [
        "example.ron",
        "borough-portfolio.ron",
        "county-health-and-care.ron",
    ] {
        assert!(
            installs(
                &format!("saves/{example}"),
                "usr/share/partnership-appraisal/saves/"
            ),
            "{example}"
        );
    }
}

#[test]
fn each_icon_is_installed_at_the_size_its_folder_says() {
    let assets = deb_assets();
    let mut sizes = Vec::new();
    for (source, target) in &assets {
        let Some(rest) = target.strip_prefix("usr/share/icons/hicolor/") else {
            continue;
        };
        let folder = rest.split('/').next().unwrap();
        if folder == "scalable" {
            assert!(source.ends_with(".svg"), "{source}");
            continue;
        }
        assert_eq!(
            target,
            &format!("usr/share/icons/hicolor/{folder}/apps/{BINARY}.png"),
            "the icon is named as the desktop entry's Icon"
        );
        let (w, h) = png_size(&std::fs::read(Path::new(ROOT).join(source)).unwrap());
        assert_eq!(format!("{w}x{h}"), folder, "{source}");
        sizes.push(w);
    }
    sizes.sort();
    assert_eq!(sizes, [32, 48, 64, 128, 256]);
    // The window's icon decodes as eframe reads it.
    let icon = eframe::icon_data::from_png_bytes(partnership_appraisal::ui::WINDOW_ICON).unwrap();
    assert_eq!((icon.width, icon.height), (256, 256));
    assert_eq!(icon.rgba.len(), 256 * 256 * 4);
}

#[test]
fn the_desktop_entry_opens_project_files_with_the_installed_binary() {
    let entry = read("assets/partnership-appraisal.desktop");
    assert!(entry.starts_with("[Desktop Entry]\n"));
    assert_eq!(desktop_key(&entry, "Type"), "Application");
    assert_eq!(desktop_key(&entry, "Exec"), format!("{BINARY} %f"));
    assert_eq!(desktop_key(&entry, "Icon"), BINARY);
    assert_eq!(desktop_key(&entry, "Categories"), "Office;Finance;");
    let mime_type = desktop_key(&entry, "MimeType").trim_end_matches(';');
    // The MIME type the entry opens is the one the package defines, for *.ron files.
    let mime = read("assets/partnership-appraisal-mime.xml");
    assert!(
        mime.contains(&format!("<mime-type type=\"{mime_type}\">")),
        "{mime}"
    );
    assert!(mime.contains("<glob pattern=\"*.ron\"/>"));
    // Its magic is what the app writes at the top of every project file.
    assert!(mime.contains("value=\"format_version\""));
    let example = read("saves/example.ron");
    assert!(example[..256.min(example.len())].contains("format_version"));
    // The name the window gives itself, so the desktop finds its entry and icon.
    assert_eq!(desktop_key(&entry, "StartupWMClass"), BINARY);
    assert!(read("src/ui/mod.rs").contains(&format!(".with_app_id(\"{BINARY}\")")));
}

#[test]
fn the_readme_builds_a_stripped_package_and_installs_the_file_cargo_deb_makes() {
    // `cargo deb` alone keeps the release profile's line tables in the binary: a 160 MB
    // program in a 25 MB package. `--strip` (cargo-deb has no manifest key for it) gives
    // a 24 MB program and a 6 MB package.
    let readme = read("README.md");
    let install = readme
        .split("## Install\n")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("README has an Install section");
    assert!(install.contains("\ncargo deb --strip "), "{install}");
    assert!(
        install.contains("dpkg-dev"),
        "dpkg-shlibdeps works out $auto"
    );
    // The package's file name as cargo deb writes it: name, version, revision 1, and arch.
    let manifest = read("Cargo.toml");
    let version = manifest
        .lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .expect("the package version");
    let deb = format!("./target/debian/{BINARY}_{version}-1_amd64.deb");
    assert!(
        install.contains(&format!("sudo apt install {deb}")),
        "README installs {deb}"
    );
    assert!(manifest.contains("`cargo deb --strip`"));
}
