//! A quicker reader for the plain RON the app writes: records, lists, maps, enum variants,
//! `Some`/`None`, strings with the common escapes, and whole numbers, separated by spaces,
//! tabs and newlines. Reading a partnership this way takes a fraction of the time `ron`
//! takes (docs/PERFORMANCE.md, seventh round), and both give the value to the same derived
//! `Deserialize` code, so what it reads is what `ron` reads.
//!
//! It gives up on anything else, rather than reading it differently: a comment, a raw
//! string or identifier, any other escape, a number with a sign, base, suffix or
//! separator, a struct or variant name where a record begins, whitespace other than those
//! four, an unknown field, and every error. The caller then reads the same text with
//! `ron`, so errors, and anything unusual that is still valid, are `ron`'s own.

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Visitor};
use std::borrow::Cow;
use std::fmt;

/// Why the plain reader gave up: the text is read again by `ron`, whose error (if any)
/// is the one given.
#[derive(Debug)]
pub(crate) struct GaveUp;

impl fmt::Display for GaveUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not plain RON")
    }
}

impl std::error::Error for GaveUp {}

impl de::Error for GaveUp {
    fn custom<T: fmt::Display>(_: T) -> Self {
        GaveUp
    }
}

type Read<T> = Result<T, GaveUp>;

/// One value of type `T` from the start of `text` (which begins at the value, not at
/// spaces before it), and the length of text it took; `None` to read it with `ron`.
pub(crate) fn read<'de, T: Deserialize<'de>>(text: &'de str) -> Option<(T, usize)> {
    let mut reader = Reader { text, at: 0 };
    let value = T::deserialize(&mut reader).ok()?;
    Some((value, reader.at))
}

struct Reader<'de> {
    text: &'de str,
    at: usize,
}

/// What may follow an identifier, a keyword or a number in plain RON. Anything else (a
/// letter beyond ASCII, `.`, `+`, `-`, `#`, a quote) could make `ron` read a longer or
/// different token, so the reader gives up.
fn ends_token(b: Option<u8>) -> bool {
    matches!(
        b,
        None | Some(
            b' ' | b'\t' | b'\n' | b'\r' | b':' | b',' | b'(' | b')' | b'[' | b']' | b'{' | b'}'
        )
    )
}

impl<'de> Reader<'de> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        let found = self.peek() == Some(b);
        if found {
            self.at += 1;
        }
        found
    }

    fn expect(&mut self, b: u8) -> Read<()> {
        if self.eat(b) { Ok(()) } else { Err(GaveUp) }
    }

    /// Spaces, then a comma and the spaces after it if there is one: whether there was.
    fn comma(&mut self) -> bool {
        self.skip_space();
        let found = self.eat(b',');
        if found {
            self.skip_space();
        }
        found
    }

    /// An ASCII identifier: a letter or `_`, then letters, digits and `_`.
    fn identifier(&mut self) -> Read<&'de str> {
        let bytes = &self.text.as_bytes()[self.at..];
        match bytes.first() {
            Some(b) if b.is_ascii_alphabetic() || *b == b'_' => {}
            _ => return Err(GaveUp),
        }
        let length = bytes
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
            .unwrap_or(bytes.len());
        if !ends_token(bytes.get(length).copied()) {
            return Err(GaveUp);
        }
        let word = self.text.get(self.at..self.at + length).ok_or(GaveUp)?;
        self.at += length;
        Ok(word)
    }

    /// A string in double quotes, borrowed when it has no escape.
    fn string(&mut self) -> Read<Cow<'de, str>> {
        self.expect(b'"')?;
        let start = self.at;
        let bytes = self.text.as_bytes();
        let end = memchr::memchr2(b'"', b'\\', &bytes[start..]).ok_or(GaveUp)? + start;
        if bytes[end] == b'"' {
            self.at = end + 1;
            return Ok(Cow::Borrowed(self.text.get(start..end).ok_or(GaveUp)?));
        }
        let mut owned = String::from(self.text.get(start..end).ok_or(GaveUp)?);
        let mut at = end;
        loop {
            // `at` is a backslash.
            let escaped = match bytes.get(at + 1) {
                Some(b'"') => '"',
                Some(b'\\') => '\\',
                Some(b'\'') => '\'',
                Some(b'n') => '\n',
                Some(b'r') => '\r',
                Some(b't') => '\t',
                Some(b'0') => '\0',
                _ => return Err(GaveUp),
            };
            owned.push(escaped);
            let from = at + 2;
            let next = memchr::memchr2(b'"', b'\\', &bytes[from..]).ok_or(GaveUp)? + from;
            owned.push_str(self.text.get(from..next).ok_or(GaveUp)?);
            if bytes[next] == b'"' {
                self.at = next + 1;
                return Ok(Cow::Owned(owned));
            }
            at = next;
        }
    }

    /// A whole number: an optional `-`, then decimal digits without a leading zero
    /// (but `0` itself, unsigned).
    fn integer(&mut self) -> Read<i128> {
        let negative = self.eat(b'-');
        let bytes = &self.text.as_bytes()[self.at..];
        let digits = bytes
            .iter()
            .position(|b| !b.is_ascii_digit())
            .unwrap_or(bytes.len());
        let leading_zero = bytes.first() == Some(&b'0') && (digits > 1 || negative);
        if digits == 0 || digits > 30 || leading_zero {
            return Err(GaveUp);
        }
        if !ends_token(bytes.get(digits).copied()) {
            return Err(GaveUp);
        }
        let magnitude = bytes[..digits]
            .iter()
            .fold(0i128, |n, d| n * 10 + i128::from(d - b'0'));
        self.at += digits;
        Ok(if negative { -magnitude } else { magnitude })
    }

    /// `open`, the items `read` reads up to `close`, then `close`: a list, a map, a tuple
    /// or a record.
    fn items<T>(
        &mut self,
        open: u8,
        close: u8,
        read: impl FnOnce(Items<'_, 'de>) -> Read<T>,
    ) -> Read<T> {
        self.expect(open)?;
        let value = read(Items::new(self, close))?;
        self.skip_space();
        self.expect(close)?;
        Ok(value)
    }

    /// `(`, the one value `read` reads, a comma if any, then `)`: as `ron` reads
    /// `Some(…)`, a newtype and a newtype variant.
    fn wrapped<T>(&mut self, read: impl FnOnce(&mut Self) -> Read<T>) -> Read<T> {
        self.expect(b'(')?;
        self.skip_space();
        let value = read(self)?;
        // The comma reads the spaces before it, and after it if there is one.
        self.comma();
        self.expect(b')')?;
        Ok(value)
    }
}

/// A whole number of the type asked for; one out of its range is `ron`'s error to give.
macro_rules! whole {
    ($($method:ident $visit:ident $t:ty),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Read<V::Value> {
            let n = <$t>::try_from(self.integer()?).map_err(|_| GaveUp)?;
            visitor.$visit(n)
        }
    )*};
}

/// What the plain reader does not read: `ron` reads it.
macro_rules! gives_up {
    ($($method:ident),*) => {$(
        fn $method<V: Visitor<'de>>(self, _visitor: V) -> Read<V::Value> {
            Err(GaveUp)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = GaveUp;

    whole!(
        deserialize_i8 visit_i8 i8, deserialize_i16 visit_i16 i16,
        deserialize_i32 visit_i32 i32, deserialize_i64 visit_i64 i64,
        deserialize_u8 visit_u8 u8, deserialize_u16 visit_u16 u16,
        deserialize_u32 visit_u32 u32, deserialize_u64 visit_u64 u64
    );

    gives_up!(
        deserialize_any,
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_unit,
        deserialize_ignored_any
    );

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Read<V::Value> {
        match self.identifier()? {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => Err(GaveUp),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Read<V::Value> {
        match self.string()? {
            Cow::Borrowed(text) => visitor.visit_borrowed_str(text),
            Cow::Owned(text) => visitor.visit_string(text),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Read<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Read<V::Value> {
        match self.identifier()? {
            "None" => visitor.visit_none(),
            "Some" => {
                self.skip_space();
                self.wrapped(|reader| visitor.visit_some(reader))
            }
            _ => Err(GaveUp),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _visitor: V,
    ) -> Read<V::Value> {
        Err(GaveUp)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Read<V::Value> {
        self.wrapped(|reader| visitor.visit_newtype_struct(reader))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Read<V::Value> {
        self.items(b'[', b']', |items| visitor.visit_seq(items))
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Read<V::Value> {
        self.items(b'(', b')', |items| visitor.visit_seq(items))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        len: usize,
        visitor: V,
    ) -> Read<V::Value> {
        self.deserialize_tuple(len, visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Read<V::Value> {
        self.items(b'{', b'}', |items| visitor.visit_map(items))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Read<V::Value> {
        self.items(b'(', b')', |items| visitor.visit_map(items))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Read<V::Value> {
        visitor.visit_enum(self)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Read<V::Value> {
        visitor.visit_borrowed_str(self.identifier()?)
    }
}

/// The items of a list, map, tuple or record, separated by commas, a comma after the last
/// allowed, up to `close` (left for the caller).
struct Items<'a, 'de> {
    reader: &'a mut Reader<'de>,
    close: u8,
    had_comma: bool,
}

impl<'a, 'de> Items<'a, 'de> {
    fn new(reader: &'a mut Reader<'de>, close: u8) -> Self {
        Items {
            reader,
            close,
            had_comma: true,
        }
    }

    fn another(&mut self) -> Read<bool> {
        self.reader.skip_space();
        let closes = self.reader.peek() == Some(self.close);
        match (self.had_comma, closes) {
            (true, closes) => Ok(!closes),
            (false, true) => Ok(false),
            (false, false) => Err(GaveUp),
        }
    }
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = GaveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Read<Option<T::Value>> {
        if !self.another()? {
            return Ok(None);
        }
        let value = seed.deserialize(&mut *self.reader)?;
        self.had_comma = self.reader.comma();
        Ok(Some(value))
    }
}

impl<'de> de::MapAccess<'de> for Items<'_, 'de> {
    type Error = GaveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Read<Option<K::Value>> {
        if !self.another()? {
            return Ok(None);
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Read<V::Value> {
        self.reader.skip_space();
        self.reader.expect(b':')?;
        self.reader.skip_space();
        let value = seed.deserialize(&mut *self.reader)?;
        self.had_comma = self.reader.comma();
        Ok(value)
    }
}

impl<'de> de::EnumAccess<'de> for &mut Reader<'de> {
    type Error = GaveUp;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Read<(V::Value, Self)> {
        self.skip_space();
        let variant = seed.deserialize(&mut *self)?;
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for &mut Reader<'de> {
    type Error = GaveUp;

    fn unit_variant(self) -> Read<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Read<T::Value> {
        self.skip_space();
        self.wrapped(|reader| seed.deserialize(reader))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Read<V::Value> {
        self.skip_space();
        de::Deserializer::deserialize_tuple(self, len, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Read<V::Value> {
        self.skip_space();
        de::Deserializer::deserialize_struct(self, "", &[], visitor)
    }
}

#[cfg(test)]
mod tests;
