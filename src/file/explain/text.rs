//! A forgiving look at the text of a project file that did not parse: its tokens, which
//! records enclose a position (the partnership, cost line or partner, by the `name`
//! written in them), and where a bracket is missing or one too many.
//!
//! Nothing here can fail or panic on any text: every index is checked, an unclosed string
//! or comment simply runs to the end, and no token list is kept (the file may be large).

/// What a token is. Brackets are kept apart by their byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Open(u8),
    Close(u8),
    /// `"…"`, `r#"…"#`, or text in single quotes (which RON does not take for text).
    Str,
    Ident,
    Number,
    Colon,
    Comma,
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// Whether it is the first token on its line.
    pub starts_line: bool,
    /// The indent (spaces and tabs) of the line it starts on.
    pub indent: usize,
}

/// The tokens of `text` from `start`, comments and white space skipped. Where each line
/// starts is followed as it goes, so a file on one long line costs no more than another.
pub(super) struct Tokens<'a> {
    text: &'a str,
    at: usize,
    /// The start of the line `at` is on, whether a token has begun on it, and its indent.
    line_start: usize,
    line_has_token: bool,
    line_indent: usize,
}

impl<'a> Tokens<'a> {
    pub fn new(text: &'a str) -> Self {
        Tokens {
            text,
            at: 0,
            line_start: 0,
            line_has_token: false,
            line_indent: 0,
        }
    }

    /// Notes the new lines in `from..to`: the line after the last one starts there.
    fn pass_lines(&mut self, from: usize, to: usize, inside_token: bool) {
        if let Some(p) = self
            .text
            .as_bytes()
            .get(from..to)
            .and_then(|gap| gap.iter().rposition(|b| *b == b'\n'))
        {
            self.line_start = from + p + 1;
            // A string that runs over lines: its end is on the new line, as a token.
            self.line_has_token = inside_token;
            self.line_indent = 0;
        }
    }
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let bytes = self.text.as_bytes();
        let len = bytes.len();
        let mut i = self.at;
        // White space and comments.
        loop {
            while i < len && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if bytes.get(i) == Some(&b'/') && bytes.get(i + 1) == Some(&b'/') {
                while i < len && bytes[i] != b'\n' {
                    i += 1;
                }
            } else if bytes.get(i) == Some(&b'/') && bytes.get(i + 1) == Some(&b'*') {
                i += 2;
                while i < len && !(bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/')) {
                    i += 1;
                }
                i = (i + 2).min(len);
            } else {
                break;
            }
        }
        let skipped_from = self.at;
        self.pass_lines(skipped_from, i.min(len), false);
        if i >= len {
            self.at = len;
            return None;
        }
        let start = i;
        let starts_line = !self.line_has_token;
        if starts_line {
            self.line_indent = self.text.as_bytes()[self.line_start..start]
                .iter()
                .take_while(|b| **b == b' ' || **b == b'\t')
                .count();
        }
        let indent = self.line_indent;
        self.line_has_token = true;
        let b = bytes[i];
        let kind = match b {
            b'(' | b'[' | b'{' => {
                i += 1;
                Kind::Open(b)
            }
            b')' | b']' | b'}' => {
                i += 1;
                Kind::Close(b)
            }
            b':' => {
                i += 1;
                Kind::Colon
            }
            b',' => {
                i += 1;
                Kind::Comma
            }
            b'"' => {
                i = string_end(bytes, i + 1, b'"');
                Kind::Str
            }
            b'\'' => {
                // RON's char literal, or text someone put in single quotes: to the next
                // single quote on the same line, if there is one.
                let line_end = bytes[i + 1..]
                    .iter()
                    .position(|c| *c == b'\n')
                    .map_or(len, |p| i + 1 + p);
                match bytes[i + 1..line_end].iter().position(|c| *c == b'\'') {
                    Some(p) => {
                        i = i + 1 + p + 1;
                        Kind::Str
                    }
                    None => {
                        i += 1;
                        Kind::Other
                    }
                }
            }
            b'r' if raw_string(bytes, i).is_some() => {
                let (hashes, open) = raw_string(bytes, i).unwrap_or((0, i));
                let mut j = open + 1;
                loop {
                    match bytes[j.min(len)..].iter().position(|c| *c == b'"') {
                        None => {
                            j = len;
                            break;
                        }
                        Some(p) => {
                            j += p + 1;
                            let closing = bytes[j.min(len)..]
                                .iter()
                                .take(hashes)
                                .take_while(|c| **c == b'#')
                                .count();
                            if closing == hashes {
                                j += hashes;
                                break;
                            }
                        }
                    }
                }
                i = j.min(len);
                Kind::Str
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                while i < len && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                Kind::Ident
            }
            c if c.is_ascii_digit()
                || ((c == b'-' || c == b'+' || c == b'.')
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)) =>
            {
                i += 1;
                while i < len
                    && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'.' | b'_'))
                {
                    i += 1;
                }
                Kind::Number
            }
            _ => {
                i += char_len(b);
                Kind::Other
            }
        };
        let end = i.min(len);
        self.at = end.max(start + 1).min(len);
        let at = self.at;
        self.pass_lines(start, at, true);
        Some(Token {
            kind,
            start,
            end,
            starts_line,
            indent,
        })
    }
}

/// The offset after the closing `quote` of a string whose text starts at `i`; the end of
/// the text if it is never closed.
fn string_end(bytes: &[u8], mut i: usize, quote: u8) -> usize {
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            i += 2;
        } else if bytes[i] == quote {
            return i + 1;
        } else {
            i += 1;
        }
    }
    bytes.len()
}

/// At `i`, a raw string (`r`, any `#`, then `"`) that is not the end of a name: how many
/// `#` and where its opening quote is.
fn raw_string(bytes: &[u8], i: usize) -> Option<(usize, usize)> {
    if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_') {
        return None;
    }
    let hashes = bytes
        .get(i + 1..)?
        .iter()
        .take_while(|b| **b == b'#')
        .count();
    (bytes.get(i + 1 + hashes) == Some(&b'"')).then_some((hashes, i + 1 + hashes))
}

/// Bytes in the UTF-8 character that starts with `b`.
fn char_len(b: u8) -> usize {
    match b {
        0xf0..=0xff => 4,
        0xe0..=0xef => 3,
        0xc0..=0xdf => 2,
        _ => 1,
    }
}

/// The byte offset of a line and column (both from 1, the column in characters) as RON
/// gives them, kept within the text.
pub(super) fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line.max(1) {
        match text[start..].find('\n') {
            Some(p) => start += p + 1,
            None => return text.len(),
        }
    }
    let line_text = &text[start..];
    let line_end = line_text.find('\n').unwrap_or(line_text.len());
    let within = line_text[..line_end]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line_end, |(i, _)| i);
    start + within
}

/// The line and column (from 1, the column in characters) of a byte offset.
pub(super) fn position_of(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_boundary(text, offset);
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The largest char boundary at or before `offset`, within the text.
pub(super) fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The line that holds `offset`, without its end of line.
pub(super) fn line_at(text: &str, offset: usize) -> &str {
    let offset = floor_boundary(text, offset);
    let start = text[..offset].rfind('\n').map_or(0, |p| p + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |p| offset + p);
    text[start..end].trim_end_matches('\r')
}

/// The text of a token, for messages: strings without their quotes, cut at 60 characters.
pub(super) fn token_text(text: &str, token: &Token) -> String {
    let raw = text.get(token.start..token.end).unwrap_or("");
    let inner = if token.kind == Kind::Str {
        let trimmed = raw.trim_start_matches('r').trim_matches('#');
        trimmed
            .strip_prefix(['"', '\''])
            .map(|s| s.strip_suffix(['"', '\'']).unwrap_or(s))
            .unwrap_or(trimmed)
            .replace("\\\"", "\"")
    } else {
        raw.to_owned()
    };
    shorten(&inner, 60)
}

/// `s` cut at `max` characters, with "…" if it was longer.
pub(super) fn shorten(s: &str, max: usize) -> String {
    let s = s.lines().next().unwrap_or("");
    if s.chars().count() > max {
        let cut: String = s.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    } else {
        s.to_owned()
    }
}

/// An open bracket and what is known of what it holds.
#[derive(Clone, Debug, Default)]
pub(super) struct Frame {
    pub open: u8,
    pub start: usize,
    /// The field whose value this is: `costs` in `costs: [`, `hours` in `hours: Constant(`.
    pub key: Option<String>,
    /// The choice named before the bracket: `Constant` in `hours: Constant(`.
    pub variant: Option<String>,
    /// What the record is called: its `name` (a confidence grade's `grade`, a deflator's `year`).
    pub label: Option<String>,
    /// The last field name met directly inside.
    pub last_key: Option<String>,
    /// Items begun so far, for a list.
    pub items: usize,
    /// This record's number in its list, from 1.
    pub index: usize,
    /// The indent of the line the bracket is on, and whether it ends its line (a record or
    /// list written over several lines, as the app writes them).
    pub indent: usize,
    pub ends_line: bool,
}

/// Follows the brackets and field names of the text, token by token.
#[derive(Default)]
pub(super) struct Walker {
    pub frames: Vec<Frame>,
    prev: Option<Token>,
    prev_ident: Option<String>,
    /// The previous token was this frame's opening bracket.
    just_opened: bool,
    /// The last token seen.
    pub last: Option<Token>,
}

impl Walker {
    pub fn step(&mut self, text: &str, token: Token) {
        if self.just_opened
            && let (Some(frame), Some(prev)) = (self.frames.last_mut(), self.prev)
            && text
                .get(prev.end..token.start)
                .is_some_and(|gap| gap.contains('\n'))
        {
            frame.ends_line = true;
        }
        self.just_opened = false;
        let prev_kind = self.prev.map(|t| t.kind);
        // An item of a list begins after `[` or a comma.
        let begins_item = matches!(
            token.kind,
            Kind::Open(_) | Kind::Str | Kind::Ident | Kind::Number
        ) && matches!(prev_kind, Some(Kind::Open(b'[')) | Some(Kind::Comma));
        if begins_item && let Some(list) = self.frames.last_mut().filter(|f| f.open == b'[') {
            list.items += 1;
        }
        match token.kind {
            Kind::Open(open) => {
                let parent = self.frames.last();
                let (key, variant) = match prev_kind {
                    Some(Kind::Colon) => (parent.and_then(|p| p.last_key.clone()), None),
                    Some(Kind::Ident) => (
                        parent.and_then(|p| p.last_key.clone()),
                        self.prev_ident.clone(),
                    ),
                    // `StaffTime((`: the inner record belongs to the same field.
                    Some(Kind::Open(_)) => (parent.and_then(|p| p.key.clone()), None),
                    _ => (None, None),
                };
                let index = parent.filter(|p| p.open == b'[').map_or(0, |p| p.items);
                let indent = token.indent;
                self.frames.push(Frame {
                    open,
                    start: token.start,
                    key,
                    variant,
                    index,
                    indent,
                    ..Frame::default()
                });
                self.just_opened = true;
            }
            Kind::Close(_) => {
                self.frames.pop();
            }
            Kind::Colon => {
                if prev_kind == Some(Kind::Ident)
                    && let Some(frame) = self.frames.last_mut()
                {
                    frame.last_key = self.prev_ident.clone();
                }
            }
            Kind::Str | Kind::Number if prev_kind == Some(Kind::Colon) => {
                if let Some(frame) = self.frames.last_mut()
                    && frame.label.is_none()
                    && matches!(
                        (frame.last_key.as_deref(), token.kind),
                        (Some("name" | "grade" | "project_type"), Kind::Str)
                            | (Some("year"), Kind::Number)
                    )
                {
                    frame.label = Some(token_text(text, &token));
                }
            }
            _ => {}
        }
        if token.kind == Kind::Ident {
            self.prev_ident = text.get(token.start..token.end).map(str::to_owned);
        }
        self.prev = Some(token);
        self.last = Some(token);
    }
}

/// The brackets and names open at `offset`: every token that starts before it, walked.
pub(super) fn walk_to(text: &str, offset: usize) -> Walker {
    let mut walker = Walker::default();
    for token in Tokens::new(text).take_while(|t| t.start < offset) {
        walker.step(text, token);
    }
    walker
}

/// The kind of record a list holds, by the list's field name.
pub(super) fn item_kind(list_key: &str) -> Option<&'static str> {
    Some(match list_key {
        "partners" => "partner",
        "partnerships" => "partnership",
        "costs" => "cost line",
        "benefits" => "benefit line",
        "grades" => "grade",
        "options" => "option",
        "proposals" => "proposal",
        "unit_values" => "unit value",
        "confidence_grades" => "confidence grade",
        "project_types" => "project type",
        "deflators" => "deflator",
        "assumptions" => "assumption",
        "attendees" => "attendee",
        "contributions" => "contribution",
        "impacts" => "impact",
        "shares" => "share",
        _ => return None,
    })
}

/// "1st", "2nd", "23rd".
fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The records that hold the innermost frame, innermost first, as people call them:
/// "the cost line 'Council social worker' of the partnership 'Joint discharge team'".
/// `None` at the top level.
pub(super) fn describe(frames: &[Frame]) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for (i, frame) in frames.iter().enumerate().rev() {
        let Some(parent) = i.checked_sub(1).and_then(|p| frames.get(p)) else {
            continue;
        };
        if frame.open != b'(' || parent.open != b'[' {
            continue;
        }
        let Some(kind) = parent.key.as_deref().and_then(item_kind) else {
            continue;
        };
        parts.push(match &frame.label {
            Some(label) if kind == "deflator" => format!("the deflator for {label}"),
            Some(label) => format!("the {kind} '{label}'"),
            None => format!("the {} {kind}", ordinal(frame.index.max(1))),
        });
        if parts.len() == 3 {
            break;
        }
    }
    if !parts.is_empty() {
        return Some(parts.join(" of "));
    }
    // No named record: the fields that lead here, as in `staff_costing` of `settings`.
    let keys: Vec<String> = frames
        .iter()
        .rev()
        .filter_map(|f| f.key.as_deref())
        .filter(|k| *k != "project")
        .take(2)
        .map(|k| match k {
            "settings" => "the settings".to_owned(),
            _ => format!("`{k}`"),
        })
        .collect();
    (!keys.is_empty()).then(|| keys.join(" of "))
}

/// What a bracket holds, for a message: "the cost line 'X' of the partnership 'Y'", "the
/// list `members` of the partnership 'Y'", "`hours` of the cost line 'X'".
pub(super) fn describe_bracket(frames: &[Frame], at: usize) -> String {
    let Some(frame) = frames.get(at) else {
        return "a record".to_owned();
    };
    let within = &frames[..=at];
    let parent_is_list = at
        .checked_sub(1)
        .and_then(|p| frames.get(p))
        .is_some_and(|p| p.open == b'[' && p.key.as_deref().and_then(item_kind).is_some());
    if frame.open == b'(' && parent_is_list {
        return describe(within).unwrap_or_else(|| "a record".to_owned());
    }
    let outer = describe(&frames[..at]);
    let what = match (&frame.key, &frame.variant, frame.open) {
        (Some(key), _, b'[') => format!("the list `{key}`"),
        (Some(key), Some(variant), _) => format!("`{key}: {variant}(`"),
        (Some(key), None, _) => format!("`{key}`"),
        (None, Some(variant), _) => format!("`{variant}(`"),
        (None, None, _) if at == 0 => return "the whole file".to_owned(),
        (None, None, b'[') => "a list".to_owned(),
        (None, None, _) => "a record".to_owned(),
    };
    match outer {
        Some(outer) => format!("{what} of {outer}"),
        None => what,
    }
}

/// The bracket that matches `open`.
pub(super) fn closer(open: u8) -> u8 {
    match open {
        b'(' => b')',
        b'[' => b']',
        _ => b'}',
    }
}

/// A bracket that does not pair up, found from the indentation the app writes (a record's
/// closing bracket is at the start of a line, at the indent of the line that opened it).
#[derive(Clone, Debug)]
pub(super) enum Bracket {
    /// `frames[open]` is never closed: found at `at`, the next line at its indent (or the end).
    Unclosed {
        frames: Vec<Frame>,
        open: usize,
        at: usize,
    },
    /// The closing bracket at `at` closes nothing it should: one too many, or its opening
    /// bracket is missing. `frames` are those open where it is.
    Extra { frames: Vec<Frame>, at: usize },
    /// `frames[open]` is closed by the wrong kind of bracket, at `at`.
    Mismatched {
        frames: Vec<Frame>,
        open: usize,
        at: usize,
    },
}

/// Whether every bracket pairs up with one of its own kind (outside strings and comments).
pub(super) fn brackets_balanced(text: &str) -> bool {
    let mut stack: Vec<u8> = Vec::new();
    for token in Tokens::new(text) {
        match token.kind {
            Kind::Open(b) => stack.push(b),
            Kind::Close(b) => match stack.pop() {
                Some(open) if closer(open) == b => {}
                _ => return false,
            },
            _ => {}
        }
    }
    stack.is_empty()
}

/// The first bracket that does not pair up, if the brackets do not balance. Uses the
/// indentation to say which record lost its bracket; without indentation to go by, the
/// first bracket the plain count finds.
pub(super) fn bracket_problem(text: &str) -> Option<Bracket> {
    if brackets_balanced(text) {
        return None;
    }
    let mut walker = Walker::default();
    let mut first_plain: Option<Bracket> = None;
    for token in Tokens::new(text) {
        let (starts_line, indent) = (token.starts_line, token.indent);
        // A new line at or left of an open multi-line record's own line must be its close.
        if starts_line && let Some(top) = walker.frames.last().filter(|f| f.ends_line) {
            let top_index = walker.frames.len() - 1;
            let closes_top = token.kind == Kind::Close(closer(top.open));
            if indent < top.indent || (indent == top.indent && !closes_top) {
                if let Kind::Close(_) = token.kind
                    && indent == top.indent
                {
                    return Some(Bracket::Mismatched {
                        frames: walker.frames.clone(),
                        open: top_index,
                        at: token.start,
                    });
                }
                return Some(Bracket::Unclosed {
                    frames: walker.frames.clone(),
                    open: top_index,
                    at: token.start,
                });
            }
        }
        if let Kind::Close(b) = token.kind {
            match walker.frames.last() {
                None => {
                    return Some(Bracket::Extra {
                        frames: Vec::new(),
                        at: token.start,
                    });
                }
                Some(top) => {
                    let top_index = walker.frames.len() - 1;
                    if top.ends_line && (!starts_line || indent > top.indent) {
                        // Closes a multi-line record before its own closing line.
                        return Some(Bracket::Extra {
                            frames: walker.frames.clone(),
                            at: token.start,
                        });
                    }
                    if closer(top.open) != b && first_plain.is_none() {
                        first_plain = Some(Bracket::Mismatched {
                            frames: walker.frames.clone(),
                            open: top_index,
                            at: token.start,
                        });
                    }
                }
            }
        }
        walker.step(text, token);
    }
    if let Some(found) = first_plain {
        return Some(found);
    }
    let open = walker.frames.len().checked_sub(1)?;
    Some(Bracket::Unclosed {
        frames: walker.frames,
        open,
        at: text.len(),
    })
}

/// The string token that ends just before `offset`, if it runs over more than one line
/// and holds what looks like the next field (`    name: `): its closing quote is probably
/// missing. Returns where it starts.
pub(super) fn runaway_string(text: &str, offset: usize) -> Option<usize> {
    let walker = walk_to(text, offset);
    let last = walker.last.filter(|t| t.kind == Kind::Str)?;
    let body = text.get(last.start..last.end)?;
    let looks_like_a_field = body.lines().skip(1).any(|line| {
        let line = line.trim_start();
        let name_len = line
            .bytes()
            .take_while(|b| b.is_ascii_lowercase() || *b == b'_')
            .count();
        name_len > 0 && line[name_len..].trim_start().starts_with(':')
    });
    looks_like_a_field.then_some(last.start)
}

/// Where a block comment that is never closed starts: after the last token, as the rest
/// of the text is inside it.
pub(super) fn unclosed_comment(text: &str) -> Option<usize> {
    let after = Tokens::new(text).last().map_or(0, |t| t.end);
    let rest = text.get(after..)?;
    rest.find("/*")
        .filter(|p| !rest[p + 2..].contains("*/"))
        .map(|p| after + p)
}

/// The first token at or after `offset`.
pub(super) fn token_at(text: &str, offset: usize) -> Option<Token> {
    Tokens::new(text).find(|t| t.end > offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_and_offsets_agree_and_stay_within_the_text() {
        let text = "ab\nc£d\n";
        assert_eq!(offset_of(text, 2, 3), 4 + 2);
        assert_eq!(position_of(text, 6), (2, 3));
        assert_eq!(offset_of(text, 99, 1), text.len());
        assert_eq!(offset_of(text, 1, 99), 2);
        assert_eq!(position_of(text, 5), (2, 2));
        assert_eq!(position_of(text, 999), (3, 1));
    }

    #[test]
    fn the_records_around_a_position_are_named() {
        let text = "(partnerships: [(name: \"Team\", costs: [(name: \"Nurse\", detail: x), (name: \"Car\", cost_type: Bad)])])";
        let at = text.find("Bad").unwrap();
        let walker = walk_to(text, at);
        assert_eq!(
            describe(&walker.frames).as_deref(),
            Some("the cost line 'Car' of the partnership 'Team'")
        );
        assert_eq!(
            walker.frames.last().unwrap().last_key.as_deref(),
            Some("cost_type")
        );
        let text = "(settings: (staff_costing: (pension_rate: 0.19)))";
        let walker = walk_to(text, text.find("0.19").unwrap());
        assert_eq!(
            describe(&walker.frames).as_deref(),
            Some("`staff_costing` of the settings")
        );
    }

    #[test]
    fn balanced_brackets_are_no_problem_and_strings_and_comments_hide_brackets() {
        assert!(bracket_problem("(a: [1, 2], b: \")]\" /* ] */ // )\n)").is_none());
        assert!(matches!(
            bracket_problem("(a: [1, 2)"),
            Some(Bracket::Mismatched { .. })
        ));
        assert!(matches!(
            bracket_problem("(a: 1))"),
            Some(Bracket::Extra { .. })
        ));
        assert!(matches!(
            bracket_problem("(a: (1)"),
            Some(Bracket::Unclosed { .. })
        ));
    }

    #[test]
    fn tokens_know_whether_they_start_their_line_and_its_indent() {
        let text = "(\n    a: \"x\ny\", b: 1,\n  )";
        let tokens: Vec<Token> = Tokens::new(text).collect();
        assert!(tokens[0].starts_line && tokens[0].indent == 0);
        assert!(tokens[1].starts_line && tokens[1].indent == 4);
        // The string ends on the third line, so `b` after it does not start that line.
        let b = tokens
            .iter()
            .find(|t| &text[t.start..t.end] == "b")
            .unwrap();
        assert!(!b.starts_line);
        let close = tokens.last().unwrap();
        assert!(close.starts_line && close.indent == 2);
    }

    #[test]
    fn tokens_never_stall_or_panic_on_odd_text() {
        for text in [
            "\"",
            "r#\"",
            "'",
            "/*",
            "£",
            "r",
            "-",
            "1e",
            "\\",
            "r##\"a\"#",
        ] {
            let n = Tokens::new(text).count();
            assert!(n <= text.len(), "{text}");
            let _ = bracket_problem(text);
            let _ = runaway_string(text, text.len());
        }
    }
}
