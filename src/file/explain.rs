//! Why a project file could not be read, in plain English.
//!
//! The RON parser says where it stopped and what it expected there ("Expected string").
//! [`syntax_error`] turns that into what a finance officer editing the file needs: what
//! is wrong, in which partnership, line or partner (by the `name` written in it), what
//! to do about it, and then the line and column. It reads the parser's error kind (the
//! allowed choices and fields come from serde, through it) and looks at the text around
//! the position: the records that enclose it, and brackets that do not pair up.
//!
//! Every error kind gets a message: the kinds not named here get a general one that still
//! says where. Nothing here can panic on any text.

mod text;

use super::FormatError;
use ron::error::{Error, SpannedError};
use text::{Bracket, Kind, Token};

/// The error to show for a file the parser stopped in.
pub(super) fn syntax_error(source: &str, error: &SpannedError) -> FormatError {
    let stopped = text::offset_of(source, error.span.start.line, error.span.start.col);
    let found = explain(source, &error.code, stopped);
    let (line, column) = text::position_of(source, found.at);
    let mut message = format!("{} (line {line}, column {column})", found.problem);
    if !found.advice.is_empty() {
        message.push_str(". ");
        message.push_str(&found.advice);
    }
    FormatError::Syntax {
        line,
        column,
        message,
    }
}

/// What is wrong and what to do, and the byte offset it is about.
struct Found {
    at: usize,
    problem: String,
    advice: String,
}

impl Found {
    fn new(at: usize, problem: impl Into<String>, advice: impl Into<String>) -> Self {
        Found {
            at,
            problem: problem.into(),
            advice: advice.into(),
        }
    }
}

/// What surrounds the position the parser stopped at.
struct Around<'a> {
    source: &'a str,
    at: usize,
    /// The token there, if any.
    token: Option<Token>,
    /// The records that enclose it, outermost first.
    frames: Vec<text::Frame>,
    /// The last token before it.
    before: Option<Token>,
}

impl<'a> Around<'a> {
    fn new(source: &'a str, at: usize) -> Self {
        let walker = text::walk_to(source, at);
        Around {
            source,
            at,
            token: text::token_at(source, at),
            frames: walker.frames,
            before: walker.last,
        }
    }

    /// " in the cost line 'X' of the partnership 'Y'", or nothing at the top level.
    fn place(&self) -> String {
        text::describe(&self.frames)
            .map(|d| format!(" in {d}"))
            .unwrap_or_default()
    }

    /// The field whose value is being read.
    fn field(&self) -> Option<&str> {
        self.frames.last().and_then(|f| f.last_key.as_deref())
    }

    /// The line at the position, trimmed, without a trailing comma: `value: 825`.
    fn snippet(&self) -> String {
        let line = text::line_at(self.source, self.at).trim();
        text::shorten(line.strip_suffix(',').unwrap_or(line), 70)
    }

    fn token_text(&self) -> String {
        self.token
            .map(|t| text::token_text(self.source, &t))
            .unwrap_or_default()
    }

    fn token_kind(&self) -> Option<Kind> {
        self.token.map(|t| t.kind)
    }

    /// The first byte at or after where the parser stopped, white space skipped.
    fn stop_byte(&self) -> Option<u8> {
        self.source
            .get(self.at..)?
            .bytes()
            .find(|b| !b.is_ascii_whitespace())
    }

    /// The byte at the position (after white space), if any.
    fn next_byte(&self) -> Option<u8> {
        self.token
            .and_then(|t| self.source.as_bytes().get(t.start).copied())
    }
}

fn explain(source: &str, code: &Error, at: usize) -> Found {
    let around = Around::new(source, at);
    if let Some(found) = value_error(&around, code) {
        return found;
    }
    if let Some(start) = text::runaway_string(source, at) {
        let (line, _) = text::position_of(source, start);
        let first_line = text::shorten(text::line_at(source, start).trim(), 60);
        return Found::new(
            start,
            format!(
                "a closing quote `\"` is missing{}: the text that starts at line {line} \
                 (`{first_line}`) runs on into the lines after it",
                Around::new(source, start).place()
            ),
            "Add the `\"` where the text should end, at the end of that line",
        );
    }
    if let Some(problem) = text::bracket_problem(source) {
        return bracket(source, &problem);
    }
    syntax(&around, code)
}

/// Errors about one value, told from the value alone: these come before any look at the
/// brackets, which a wrong value does not disturb.
fn value_error(around: &Around, code: &Error) -> Option<Found> {
    let at = around.token.map_or(around.at, |t| t.start);
    let place = around.place();
    let field = around.field().unwrap_or("this field").to_owned();
    let snippet = around.snippet();
    Some(match code {
        Error::NoSuchEnumVariant {
            expected, found, ..
        } => choice(at, &place, &field, found, expected),
        Error::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let of = outer
                .as_deref()
                .map_or("this record".to_owned(), record_words);
            let mut advice = suggestion(found, expected)
                .map(|s| format!("Did you mean `{s}`? "))
                .unwrap_or_default();
            advice.push_str(&format!(
                "The fields of {of} are {}",
                joined(expected.iter().map(|f| format!("`{f}`")), "and")
            ));
            Found::new(
                at,
                format!("`{found}` is not a field of {of}{place}"),
                advice,
            )
        }
        Error::DuplicateStructField { field, .. } => Found::new(
            at,
            format!("`{field}` is written twice{place}"),
            "Delete one of them. If two records have run together, the `),` and `(` between them may have been deleted",
        ),
        Error::InvalidValueForType { expected, found } if expected.contains("Decimal") => {
            not_an_amount(at, &place, found)
        }
        Error::IntegerOutOfBounds => {
            if around.token_text().starts_with('-') {
                Found::new(
                    at,
                    format!("`{snippet}` is negative{place}"),
                    format!("`{field}` is a whole number of zero or more"),
                )
            } else {
                Found::new(
                    at,
                    format!("the number in `{snippet}` is too large{place}"),
                    format!("Check `{field}`: years and counts are small whole numbers"),
                )
            }
        }
        Error::ExpectedString if around.token_kind() == Some(Kind::Number) => {
            if TEXT_FIELDS.contains(&field.as_str()) {
                Found::new(
                    at,
                    format!("text is written without quotes{place}: `{snippet}`"),
                    format!(
                        "Text is written in double quotes: write \"{}\"",
                        around.token_text()
                    ),
                )
            } else {
                Found::new(
                    at,
                    format!("an amount is written without quotes{place}: `{snippet}`"),
                    format!(
                        "Amounts are written in quotes, like \"1200.50\": write \"{}\"",
                        around.token_text()
                    ),
                )
            }
        }
        Error::ExpectedString if around.next_byte() == Some(b'\'') => Found::new(
            at,
            format!("text is in single quotes{place}: `{snippet}`"),
            "Text is written in double quotes, like \"Kingsford Council\"",
        ),
        Error::ExpectedInteger if around.token_kind() == Some(Kind::Str) => {
            let advice = if field.contains("year") {
                "Years and numbers of years are whole numbers written without quotes, like 2026 for 2026/27"
            } else {
                "Whole numbers are written without quotes, like 10"
            };
            Found::new(
                at,
                format!("a whole number is written in quotes{place}: `{snippet}`"),
                advice,
            )
        }
        Error::ExpectedStringEnd => Found::new(
            at,
            format!("a text is never closed{place}: its closing quote `\"` is missing"),
            "Add the `\"` where the text should end",
        ),
        Error::UnclosedBlockComment => Found::new(
            text::unclosed_comment(around.source).unwrap_or(at),
            "a comment that starts with `/*` is never closed",
            "End it with `*/`, or start each line of the note with `//`",
        ),
        Error::InvalidEscape(_) => Found::new(
            at,
            format!(
                "a backslash `\\` in text starts an escape that does not exist{place}: `{snippet}`"
            ),
            "Write `\\\\` for a backslash and `\\\"` for a double quote inside text",
        ),
        Error::Utf8Error(_) => Found::new(
            at,
            "this is not a text file (it is not UTF-8)",
            "Open the project file itself, a .ron file the app saved",
        ),
        Error::ExceededRecursionLimit => Found::new(
            at,
            format!("brackets are nested too deep{place}"),
            "A project file needs about 15 levels; check for brackets typed by mistake",
        ),
        _ => return None,
    })
}

/// Fields that hold text, where a bare number is text without quotes, not an amount.
const TEXT_FIELDS: &[&str] = &[
    "name",
    "description",
    "purpose",
    "bau",
    "source",
    "note",
    "text",
    "owner",
    "date",
    "descriptor",
    "grade",
    "partner",
    "paid_by",
    "host",
    "project_type",
    "currency_symbol",
    "deflator_source",
    "preferred_option",
];

/// A choice (an enum variant) that is not one of the allowed ones.
fn choice(at: usize, place: &str, field: &str, found: &str, expected: &[&str]) -> Found {
    let choices = list(expected.iter().map(|v| format!("`{v}`")));
    let spelt_otherwise = expected
        .iter()
        .find(|v| v.eq_ignore_ascii_case(found) && **v != found);
    let mut advice = match (spelt_otherwise, suggestion(found, expected)) {
        (Some(exact), _) => format!("Choices are spelt exactly, capitals too: write `{exact}`. "),
        (None, Some(near)) => format!("Did you mean `{near}`? "),
        (None, None) => String::new(),
    };
    if expected.is_empty() {
        advice.push_str("Check the spelling against docs/FILE_FORMAT.md");
    } else {
        advice.push_str(&format!(
            "Write one of {choices}, without quotes, as it is spelt here"
        ));
    }
    Found::new(
        at,
        format!("`{found}` is not one of the choices for `{field}`{place}"),
        advice,
    )
}

/// A string that does not read as a decimal amount.
fn not_an_amount(at: usize, place: &str, found: &str) -> Found {
    // serde says `the string "19%"`: the text between the first and last quote.
    let value = match (found.find('"'), found.rfind('"')) {
        (Some(a), Some(b)) if b > a => &found[a + 1..b],
        _ => found,
    };
    let value = text::shorten(value, 40);
    let advice = if value.trim().is_empty() {
        "Write \"0\" for nothing"
    } else if value.contains('%') {
        "Rates and shares are fractions in quotes: \"0.19\" is 19%"
    } else if value.contains(['£', '$', '€', ',', ' ']) {
        "Write the number alone in quotes, without £, commas or spaces, like \"5000.00\""
    } else if value.chars().filter(char::is_ascii_digit).count() > 28 {
        "An amount has at most 28 digits"
    } else {
        "Amounts are numbers in quotes, like \"1200.50\", without £, commas, %, words or exponents"
    };
    Found::new(at, format!("\"{value}\" is not an amount{place}"), advice)
}

/// A bracket that does not pair up.
fn bracket(source: &str, problem: &Bracket) -> Found {
    let line_of = |offset: usize| text::position_of(source, offset).0;
    match problem {
        Bracket::Unclosed { frames, open, at } => {
            let what = text::describe_bracket(frames, *open);
            let opener = frames.get(*open).map_or(b'(', |f| f.open);
            let opened_at = line_of(frames.get(*open).map_or(0, |f| f.start));
            let close = text::closer(opener) as char;
            let name = bracket_name(close);
            if *at >= source.trim_end().len() {
                Found::new(
                    *at,
                    format!(
                        "a closing {name} `{close}` is missing: {what}, which starts at line \
                         {opened_at}, is not closed before the end of the file"
                    ),
                    format!(
                        "Add `{close}` where it ends. If the file was cut short, the app keeps \
                         the previous version beside it, with .bak added to its name"
                    ),
                )
            } else {
                let next = line_of(*at);
                Found::new(
                    *at,
                    format!(
                        "a closing {name} `{close}` is missing: {what}, which starts at line \
                         {opened_at}, is not closed before line {next}"
                    ),
                    format!("Add `{close}` where it ends, before line {next}"),
                )
            }
        }
        Bracket::Extra { frames, at } => {
            let found = source.as_bytes().get(*at).map_or(')', |b| *b as char);
            let name = bracket_name(found);
            let open = match found {
                ']' => '[',
                '}' => '{',
                _ => '(',
            };
            let place = text::describe(frames)
                .map(|d| format!(" in {d}"))
                .unwrap_or_default();
            // A `name` written straight into a list: the record's opening bracket is gone.
            let lost = frames.last().filter(|f| f.open == b'[').and_then(|list| {
                let kind = list.key.as_deref().and_then(text::item_kind)?;
                Some(format!("the {kind} '{}'", list.label.as_deref()?))
            });
            match lost {
                Some(record) => Found::new(
                    *at,
                    format!(
                        "there is a closing {name} `{found}` too many{place}: {record} has no \
                         opening `{open}`"
                    ),
                    format!("Put `{open}` back on the line before its `name`"),
                ),
                None => Found::new(
                    *at,
                    format!("there is a closing {name} `{found}` too many{place}"),
                    format!(
                        "Delete it; or, if the opening `{open}` that goes with it was deleted, \
                         put that back"
                    ),
                ),
            }
        }
        Bracket::Mismatched { frames, open, at } => {
            let what = text::describe_bracket(frames, *open);
            let opener = frames.get(*open).map_or(b'(', |f| f.open);
            let opened_at = line_of(frames.get(*open).map_or(0, |f| f.start));
            let expected = text::closer(opener) as char;
            let found = source.as_bytes().get(*at).map_or(')', |b| *b as char);
            Found::new(
                *at,
                format!(
                    "{what}, which starts at line {opened_at} with `{}`, is closed with `{found}`",
                    opener as char
                ),
                format!(
                    "A bracket is closed by its own kind: change `{found}` to `{expected}`, or \
                     add the missing `{expected}` before it"
                ),
            )
        }
    }
}

fn bracket_name(close: char) -> &'static str {
    match close {
        ']' => "square bracket",
        '}' => "curly bracket",
        _ => "round bracket",
    }
}

/// Errors of the text's shape, when the brackets pair up.
fn syntax(around: &Around, code: &Error) -> Found {
    let at = around.token.map_or(around.at, |t| t.start);
    let place = around.place();
    let field = around.field().unwrap_or("this field").to_owned();
    let snippet = around.snippet();
    let byte = around.next_byte();
    let at_start = around.before.is_none();
    match code {
        _ if at_start && around.source.trim().is_empty() => Found::new(
            at,
            "the file is empty",
            "Open the project file itself; if this one was emptied, the app keeps the previous \
             version beside it, with .bak added to its name",
        ),
        Error::ExpectedNamedStructLike(_)
        | Error::ExpectedStructLike
        | Error::ExpectedDifferentStructName { .. }
            if at_start =>
        {
            Found::new(
                at,
                "this is not a Partnership Appraisal project: a project file starts with `(` and \
                 `format_version: 2,`",
                "Open a .ron project file the app saved; docs/FILE_FORMAT.md describes the layout",
            )
        }
        Error::Eof => Found::new(
            at,
            format!("the file ends too soon{place}: it may have been cut short"),
            "The app keeps the previous version beside the file, with .bak added to its name",
        ),
        Error::TrailingCharacters => Found::new(
            at,
            "there is more text after the end of the project",
            "Delete everything after the project's last `)`",
        ),
        Error::ExpectedComma => expected_comma(around, at, &place, &field, &snippet),
        // `2024/25`: the `/` starts what the parser takes for a comment.
        Error::UnexpectedChar(_) if slash_year_before(around) => Found::new(
            around.at,
            format!("a financial year is written with a slash{place}: `{snippet}`"),
            "Write the year it starts in, without quotes: 2024 for 2024/25",
        ),
        Error::ExpectedIdentifier if byte == Some(b'"') && before_is(around, Kind::Colon) => {
            let value = around.token_text();
            let choices = choices_at(around)
                .map(|c| format!(" (one of {})", list(c.iter().map(|v| format!("`{v}`")))))
                .unwrap_or_default();
            Found::new(
                at,
                format!("a choice is written in quotes{place}: `{snippet}`"),
                format!("Choices are written without quotes: write `{field}: {value}`{choices}"),
            )
        }
        Error::ExpectedString if around.token_kind() == Some(Kind::Ident) => Found::new(
            at,
            format!("text is written without quotes{place}: `{snippet}`"),
            "Text is written in double quotes, like \"Kingsford Council\"",
        ),
        Error::ExpectedOption => {
            let value = text::shorten(
                around
                    .source
                    .get(at..)
                    .unwrap_or("")
                    .split(['\n', ','])
                    .next()
                    .unwrap_or("")
                    .trim(),
                50,
            );
            Found::new(
                at,
                format!(
                    "`{field}` is optional and is written `Some(…)` or `None`{place}: `{snippet}`"
                ),
                format!("Write `{field}: Some({value})`, or `{field}: None` for none"),
            )
        }
        Error::ExpectedBoolean => Found::new(
            at,
            format!("`{field}` is `true` or `false`{place}: `{snippet}`"),
            "Write true or false, without quotes",
        ),
        Error::ExpectedInteger => Found::new(
            at,
            format!("a whole number was expected{place}: `{snippet}`"),
            "Years, numbers of years and counts are whole numbers without quotes, like 2026",
        ),
        Error::ExpectedString | Error::ExpectedStringEnd => Found::new(
            at,
            format!("text in double quotes was expected{place}: `{snippet}`"),
            "Text and amounts are written in double quotes, like \"1200.50\"",
        ),
        Error::MissingStructField { field, outer } => {
            let of = match text::describe(&around.frames) {
                Some(d) => d,
                None => outer
                    .as_deref()
                    .map_or("this record".to_owned(), record_words),
            };
            Found::new(
                at,
                format!("the field `{field}` is missing from {of}"),
                format!(
                    "Add `{field}: …,` to it (docs/FILE_FORMAT.md says what `{field}` holds); \
                     check its spelling if it is there"
                ),
            )
        }
        Error::ExpectedIdentifier => Found::new(
            at,
            format!(
                "a field name was expected{place}, where there is `{}`",
                around.token_text()
            ),
            "Each field is written `name: value,`; check for something typed or deleted here",
        ),
        Error::ExpectedDifferentStructName { expected, found } => Found::new(
            at,
            format!("a record is named `{found}`{place} where `{expected}` belongs"),
            format!("Write `{expected}(` or just `(`"),
        ),
        Error::UnexpectedChar(c) => Found::new(
            at,
            format!("`{c}` does not belong here{place}: `{snippet}`"),
            "Compare this line with the same part of a file the app saved, or docs/FILE_FORMAT.md",
        ),
        Error::Message(message) => Found::new(
            at,
            format!("{message}{place}: `{snippet}`"),
            "docs/FILE_FORMAT.md says how each field is written",
        ),
        other => Found::new(
            at,
            format!("the text here does not fit the project file format{place}: `{snippet}`"),
            format!(
                "Compare it with the same part of a file the app saved, or docs/FILE_FORMAT.md \
                 (the reader stopped with: {other})"
            ),
        ),
    }
}

/// A comma was expected: a comma left out at the end of a line, a decimal point in a
/// whole number, a financial year written `2024/25`, a semicolon.
fn expected_comma(around: &Around, at: usize, place: &str, field: &str, snippet: &str) -> Found {
    let source = around.source;
    let byte = around.stop_byte();
    let after_number = around.before.is_some_and(|t| t.kind == Kind::Number);
    match byte {
        Some(b'.') if after_number => Found::new(
            around.at,
            format!("a whole number has decimals{place}: `{snippet}`"),
            format!("`{field}` is a whole number, like 1"),
        ),
        Some(b'/') if after_number => Found::new(
            around.at,
            format!("a financial year is written with a slash{place}: `{snippet}`"),
            "Write the year it starts in, without quotes: 2024 for 2024/25",
        ),
        Some(b';') => Found::new(
            at,
            format!("a semicolon `;` stands where a comma belongs{place}: `{snippet}`"),
            "Fields and list items are separated by commas",
        ),
        _ => {
            let on_new_line = match (around.before, around.token) {
                (Some(before), Some(token)) => source
                    .get(before.end..token.start)
                    .is_some_and(|gap| gap.contains('\n')),
                _ => false,
            };
            if let (true, Some(before)) = (on_new_line, around.before) {
                let (line, _) = text::position_of(source, before.end);
                let previous = text::shorten(text::line_at(source, before.end).trim(), 60);
                Found::new(
                    before.end,
                    format!(
                        "a comma is missing at the end of line {line}, after `{previous}`,{place}"
                    ),
                    "Put a comma after every field and every item of a list",
                )
            } else {
                let value_before = around
                    .before
                    .filter(|t| t.kind == Kind::Ident)
                    .map(|t| text::token_text(source, &t));
                let advice = match value_before {
                    Some(_) if before_is_value_of(around) => {
                        "Text is written in double quotes, like \"Kingsford Council\"; fields \
                         and list items are separated by commas"
                    }
                    _ => "Fields and list items are separated by commas",
                };
                Found::new(
                    at,
                    format!(
                        "a comma was expected{place}, before `{}`: `{snippet}`",
                        around.token_text()
                    ),
                    advice,
                )
            }
        }
    }
}

/// Whether a year and a slash come just before where the parser stopped: `2024/`.
fn slash_year_before(around: &Around) -> bool {
    let source = around.source;
    let slash = if source.as_bytes().get(around.at) == Some(&b'/') {
        around.at
    } else {
        around.at.saturating_sub(1)
    };
    source.as_bytes().get(slash) == Some(&b'/')
        && source
            .get(..slash)
            .is_some_and(|rest| rest.bytes().rev().take_while(u8::is_ascii_digit).count() == 4)
}

fn before_is(around: &Around, kind: Kind) -> bool {
    around.before.is_some_and(|t| t.kind == kind)
}

/// Whether the token before the position is a value just after `field:`.
fn before_is_value_of(around: &Around) -> bool {
    let Some(before) = around.before else {
        return false;
    };
    let line = text::line_at(around.source, before.start);
    line.trim_start().split_once(':').is_some_and(|(key, _)| {
        key.trim()
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'_')
    })
}

/// The choices allowed at a choice written in quotes, found by asking the parser: the
/// quoted text is replaced by a name that is no choice, and the parser's error lists them.
fn choices_at(around: &Around) -> Option<&'static [&'static str]> {
    let token = around.token?;
    let source = around.source;
    let probe = format!(
        "{}NotAChoice{}",
        source.get(..token.start)?,
        source.get(token.end..)?
    );
    match ron::Options::default().from_str::<super::ProjectFile>(&probe) {
        Err(SpannedError {
            code: Error::NoSuchEnumVariant { expected, .. },
            ..
        }) => Some(expected),
        _ => None,
    }
}

/// "CostLine" → "a cost line"; "Project" → "the project".
fn record_words(name: &str) -> String {
    match name {
        "Project" => return "the project".to_owned(),
        "ProjectFile" => return "the file's outer record".to_owned(),
        "Settings" => return "the settings".to_owned(),
        _ => {}
    }
    let mut words = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            words.push(' ');
        }
        words.extend(c.to_lowercase());
    }
    let article = if words.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {words}")
}

/// "`a`, `b` or `c`".
fn list(items: impl Iterator<Item = String>) -> String {
    joined(items, "or")
}

/// "`a`, `b` and `c`" (with `and`).
fn joined(items: impl Iterator<Item = String>, conjunction: &str) -> String {
    let items: Vec<String> = items.collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {conjunction} {last}", rest.join(", ")),
    }
}

/// The known name nearest to `found` by edit distance (capitals ignored), if it is near
/// enough to be a slip: at most 2 edits, or a third of the name's length.
fn suggestion<'a>(found: &str, known: &[&'a str]) -> Option<&'a str> {
    let found_lower = found.to_lowercase();
    let limit = (found.chars().count() / 3).max(2);
    known
        .iter()
        .map(|k| (edit_distance(&found_lower, &k.to_lowercase()), *k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance in characters. Names here are short; a long one is cut at 64
/// characters so the cost stays small.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(64).collect();
    let b: Vec<char> = b.chars().take(64).collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_name_is_suggested_only_when_it_is_near() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        let fields = ["name", "cost_type", "optimism", "source", "detail"];
        assert_eq!(suggestion("cost_typ", &fields), Some("cost_type"));
        assert_eq!(suggestion("Optimisim", &fields), Some("optimism"));
        assert_eq!(suggestion("colour", &fields), None);
        assert_eq!(
            suggestion("Activ", &["Proposed", "Active", "UnderReview"]),
            Some("Active")
        );
    }

    #[test]
    fn record_names_read_as_words() {
        assert_eq!(record_words("CostLine"), "a cost line");
        assert_eq!(record_words("OutcomeChain"), "an outcome chain");
        assert_eq!(record_words("Project"), "the project");
        assert_eq!(
            list(["`a`", "`b`", "`c`"].map(String::from).into_iter()),
            "`a`, `b` or `c`"
        );
    }
}
