//! A compact binary form of model values, for the copies the undo history keeps.
//!
//! The open project is plain structs; the undo history and the saved copy keep each
//! partnership in this form instead, several times smaller (a 5,500-partnership project
//! takes tens of megabytes as structs, a fraction of that here). It works for any serde
//! type and round-trips exactly, decimals included (they are kept as their text, scale
//! and all): `decode(&encode(x)) == x`, and equal bytes mean equal values.
//!
//! Each value starts with a tag byte; numbers and lengths are LEB128. Struct fields are
//! written by position (skipped fields leave a gap), so the serde derive reads them back
//! by index.

use serde::de::{self, DeserializeSeed, Visitor};
use serde::ser::{self, Serialize};
use std::fmt;

/// The value could not be written or read in this form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodecError(String);

impl CodecError {
    pub fn new(message: &str) -> Self {
        CodecError(message.to_owned())
    }
}

impl fmt::Display for CodecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CodecError {}

impl ser::Error for CodecError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        CodecError(msg.to_string())
    }
}

impl de::Error for CodecError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        CodecError(msg.to_string())
    }
}

type Result<T> = std::result::Result<T, CodecError>;

const UNIT: u8 = 0;
const SOME: u8 = 1;
const FALSE: u8 = 2;
const TRUE: u8 = 3;
const UINT: u8 = 4;
const SINT: u8 = 5;
const FLOAT: u8 = 6;
const STR: u8 = 7;
const BYTES: u8 = 8;
const SEQ: u8 = 9;
const MAP: u8 = 10;
const STRUCT: u8 = 11;
const UNIT_VARIANT: u8 = 12;
const NEWTYPE_VARIANT: u8 = 13;
const TUPLE_VARIANT: u8 = 14;
const STRUCT_VARIANT: u8 = 15;
const CHAR: u8 = 16;

/// Writes `value` to `out` (which is cleared first).
pub fn encode_into<T: Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) -> Result<()> {
    out.clear();
    let mut encoder = Encoder {
        out: std::mem::take(out),
    };
    let result = value.serialize(&mut encoder);
    *out = encoder.out;
    result
}

/// Reads a value written by [`encode_into`].
pub fn decode<'de, T: de::Deserialize<'de>>(bytes: &'de [u8]) -> Result<T> {
    let mut decoder = Decoder { input: bytes };
    let value = T::deserialize(&mut decoder)?;
    if decoder.input.is_empty() {
        Ok(value)
    } else {
        Err(CodecError("bytes left over after the value".into()))
    }
}

struct Encoder {
    out: Vec<u8>,
}

impl Encoder {
    fn varint(&mut self, mut v: u64) {
        loop {
            let byte = (v & 0x7F) as u8;
            v >>= 7;
            if v == 0 {
                self.out.push(byte);
                return;
            }
            self.out.push(byte | 0x80);
        }
    }

    fn tagged(&mut self, tag: u8, v: u64) {
        self.out.push(tag);
        self.varint(v);
    }

    fn signed(&mut self, v: i64) {
        self.tagged(SINT, ((v << 1) ^ (v >> 63)) as u64);
    }

    fn unsigned(&mut self, v: u64) {
        self.tagged(UINT, v);
    }

    fn len(len: Option<usize>) -> Result<u64> {
        len.map(|n| n as u64)
            .ok_or_else(|| CodecError("a sequence of unknown length".into()))
    }
}

impl<'a> ser::Serializer for &'a mut Encoder {
    type Ok = ();
    type Error = CodecError;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Fields<'a>;
    type SerializeStructVariant = Fields<'a>;

    fn serialize_bool(self, v: bool) -> Result<()> {
        self.out.push(if v { TRUE } else { FALSE });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<()> {
        self.signed(v.into());
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result<()> {
        self.signed(v.into());
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result<()> {
        self.signed(v.into());
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<()> {
        self.signed(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<()> {
        self.unsigned(v.into());
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<()> {
        self.unsigned(v.into());
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<()> {
        self.unsigned(v.into());
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<()> {
        self.unsigned(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<()> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<()> {
        self.out.push(FLOAT);
        self.out.extend_from_slice(&v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<()> {
        self.tagged(CHAR, u64::from(u32::from(v)));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<()> {
        self.tagged(STR, v.len() as u64);
        self.out.extend_from_slice(v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<()> {
        self.tagged(BYTES, v.len() as u64);
        self.out.extend_from_slice(v);
        Ok(())
    }
    fn serialize_none(self) -> Result<()> {
        self.out.push(UNIT);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        self.out.push(SOME);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<()> {
        self.out.push(UNIT);
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, index: u32, _: &'static str) -> Result<()> {
        self.tagged(UNIT_VARIANT, index.into());
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        value: &T,
    ) -> Result<()> {
        self.tagged(NEWTYPE_VARIANT, index.into());
        value.serialize(self)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self> {
        let len = Encoder::len(len)?;
        self.tagged(SEQ, len);
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Self> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        len: usize,
    ) -> Result<Self> {
        self.tagged(TUPLE_VARIANT, index.into());
        self.varint(len as u64);
        Ok(self)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self> {
        let len = Encoder::len(len)?;
        self.tagged(MAP, len);
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Fields<'a>> {
        self.tagged(STRUCT, len as u64);
        Ok(Fields {
            encoder: self,
            index: 0,
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        len: usize,
    ) -> Result<Fields<'a>> {
        self.tagged(STRUCT_VARIANT, index.into());
        self.varint(len as u64);
        Ok(Fields {
            encoder: self,
            index: 0,
        })
    }
}

impl ser::SerializeSeq for &mut Encoder {
    type Ok = ();
    type Error = CodecError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<()> {
        Ok(())
    }
}

impl ser::SerializeTuple for &mut Encoder {
    type Ok = ();
    type Error = CodecError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<()> {
        Ok(())
    }
}

impl ser::SerializeTupleStruct for &mut Encoder {
    type Ok = ();
    type Error = CodecError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<()> {
        Ok(())
    }
}

impl ser::SerializeTupleVariant for &mut Encoder {
    type Ok = ();
    type Error = CodecError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<()> {
        Ok(())
    }
}

impl ser::SerializeMap for &mut Encoder {
    type Ok = ();
    type Error = CodecError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<()> {
        Ok(())
    }
}

/// Writes a struct's fields as (position, value); a skipped field only moves the position.
pub struct Fields<'a> {
    encoder: &'a mut Encoder,
    index: u64,
}

impl Fields<'_> {
    fn field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.encoder.varint(self.index);
        self.index += 1;
        value.serialize(&mut *self.encoder)
    }
}

impl ser::SerializeStruct for Fields<'_> {
    type Ok = ();
    type Error = CodecError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, _: &'static str, value: &T) -> Result<()> {
        self.field(value)
    }
    fn skip_field(&mut self, _: &'static str) -> Result<()> {
        self.index += 1;
        Ok(())
    }
    fn end(self) -> Result<()> {
        Ok(())
    }
}

impl ser::SerializeStructVariant for Fields<'_> {
    type Ok = ();
    type Error = CodecError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, _: &'static str, value: &T) -> Result<()> {
        self.field(value)
    }
    fn skip_field(&mut self, _: &'static str) -> Result<()> {
        self.index += 1;
        Ok(())
    }
    fn end(self) -> Result<()> {
        Ok(())
    }
}

struct Decoder<'de> {
    input: &'de [u8],
}

fn truncated() -> CodecError {
    CodecError("the value ends early".into())
}

impl<'de> Decoder<'de> {
    fn byte(&mut self) -> Result<u8> {
        let (&first, rest) = self.input.split_first().ok_or_else(truncated)?;
        self.input = rest;
        Ok(first)
    }

    fn peek(&self) -> Result<u8> {
        self.input.first().copied().ok_or_else(truncated)
    }

    fn varint(&mut self) -> Result<u64> {
        let mut value: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7F) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(CodecError("a number is too long".into()))
    }

    /// A count of items, each at least a byte long, so never more than the bytes left.
    fn count(&mut self) -> Result<usize> {
        let n = self.varint()?;
        usize::try_from(n)
            .ok()
            .filter(|n| *n <= self.input.len())
            .ok_or_else(|| CodecError("a count is larger than the value".into()))
    }

    fn take(&mut self, n: usize) -> Result<&'de [u8]> {
        if n > self.input.len() {
            return Err(truncated());
        }
        let (head, rest) = self.input.split_at(n);
        self.input = rest;
        Ok(head)
    }
}

impl<'de> de::Deserializer<'de> for &mut Decoder<'de> {
    type Error = CodecError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.byte()? {
            UNIT => visitor.visit_unit(),
            SOME => visitor.visit_some(self),
            FALSE => visitor.visit_bool(false),
            TRUE => visitor.visit_bool(true),
            UINT => visitor.visit_u64(self.varint()?),
            SINT => {
                let z = self.varint()?;
                visitor.visit_i64(((z >> 1) as i64) ^ -((z & 1) as i64))
            }
            FLOAT => {
                let bytes = self.take(8)?;
                let mut raw = [0u8; 8];
                raw.copy_from_slice(bytes);
                visitor.visit_f64(f64::from_bits(u64::from_le_bytes(raw)))
            }
            CHAR => {
                let c = u32::try_from(self.varint()?)
                    .ok()
                    .and_then(char::from_u32)
                    .ok_or_else(|| CodecError("not a character".into()))?;
                visitor.visit_char(c)
            }
            STR => {
                let n = self.count()?;
                let text = std::str::from_utf8(self.take(n)?)
                    .map_err(|_| CodecError("text that is not UTF-8".into()))?;
                visitor.visit_borrowed_str(text)
            }
            BYTES => {
                let n = self.count()?;
                visitor.visit_borrowed_bytes(self.take(n)?)
            }
            SEQ => {
                let left = self.count()?;
                visitor.visit_seq(Items {
                    decoder: self,
                    left,
                })
            }
            MAP => {
                let left = self.count()?;
                visitor.visit_map(Items {
                    decoder: self,
                    left,
                })
            }
            STRUCT => {
                let left = self.count()?;
                visitor.visit_map(StructFields {
                    decoder: self,
                    left,
                })
            }
            tag @ (UNIT_VARIANT | NEWTYPE_VARIANT | TUPLE_VARIANT | STRUCT_VARIANT) => {
                visitor.visit_enum(Variant { decoder: self, tag })
            }
            other => Err(CodecError(format!("unknown tag {other}"))),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek()? {
            UNIT => {
                self.byte()?;
                visitor.visit_none()
            }
            SOME => {
                self.byte()?;
                visitor.visit_some(self)
            }
            _ => Err(CodecError("expected an option".into())),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

/// The items of a sequence, or the keys and values of a map.
struct Items<'a, 'de> {
    decoder: &'a mut Decoder<'de>,
    left: usize,
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = CodecError;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.decoder).map(Some)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

impl<'de> de::MapAccess<'de> for Items<'_, 'de> {
    type Error = CodecError;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.decoder).map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(&mut *self.decoder)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

/// A struct's fields: each key is the field's position, which the derive reads as a number.
struct StructFields<'a, 'de> {
    decoder: &'a mut Decoder<'de>,
    left: usize,
}

impl<'de> de::MapAccess<'de> for StructFields<'_, 'de> {
    type Error = CodecError;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        let index = self.decoder.varint()?;
        seed.deserialize(Index(index)).map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(&mut *self.decoder)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

/// A field or variant, by position.
struct Index(u64);

impl<'de> de::Deserializer<'de> for Index {
    type Error = CodecError;
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u64(self.0)
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct Variant<'a, 'de> {
    decoder: &'a mut Decoder<'de>,
    tag: u8,
}

impl<'a, 'de> de::EnumAccess<'de> for Variant<'a, 'de> {
    type Error = CodecError;
    type Variant = Self;
    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let index = self.decoder.varint()?;
        let value = seed.deserialize(Index(index))?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
    type Error = CodecError;
    fn unit_variant(self) -> Result<()> {
        if self.tag == UNIT_VARIANT {
            Ok(())
        } else {
            Err(CodecError("expected a unit variant".into()))
        }
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        if self.tag != NEWTYPE_VARIANT {
            return Err(CodecError("expected a newtype variant".into()));
        }
        seed.deserialize(&mut *self.decoder)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        if self.tag != TUPLE_VARIANT {
            return Err(CodecError("expected a tuple variant".into()));
        }
        let left = self.decoder.count()?;
        visitor.visit_seq(Items {
            decoder: self.decoder,
            left,
        })
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        if self.tag != STRUCT_VARIANT {
            return Err(CodecError("expected a struct variant".into()));
        }
        let left = self.decoder.count()?;
        visitor.visit_map(StructFields {
            decoder: self.decoder,
            left,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Partnership, Project};

    fn round_trip(project: &Project) {
        let mut bytes = Vec::new();
        for p in &project.partnerships {
            encode_into(p, &mut bytes).unwrap();
            let back: Partnership = decode(&bytes).unwrap();
            assert_eq!(&back, p);
            // Scale is kept too: the file text is the same.
            let mut again = Vec::new();
            encode_into(&back, &mut again).unwrap();
            assert_eq!(again, bytes);
        }
        encode_into(project, &mut bytes).unwrap();
        let back: Project = decode(&bytes).unwrap();
        assert_eq!(
            crate::file::to_ron(&back).unwrap(),
            crate::file::to_ron(project).unwrap()
        );
    }

    #[test]
    fn generated_projects_round_trip_exactly() {
        for seed in 0..5 {
            round_trip(&crate::generate::project(40, seed));
        }
    }

    #[test]
    fn the_examples_round_trip_exactly() {
        for (name, text) in crate::ui::files::EXAMPLES {
            let project = crate::file::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            round_trip(&project);
        }
    }

    #[test]
    fn decimal_scale_is_kept_and_distinguished() {
        use rust_decimal::Decimal;
        let mut a = Vec::new();
        let mut b = Vec::new();
        encode_into(&Decimal::new(110, 2), &mut a).unwrap();
        encode_into(&Decimal::new(11, 1), &mut b).unwrap();
        assert_ne!(a, b);
        assert_eq!(decode::<Decimal>(&a).unwrap().to_string(), "1.10");
    }

    #[test]
    fn damaged_bytes_are_an_error_not_a_panic() {
        let mut bytes = Vec::new();
        encode_into(&crate::generate::project(3, 1), &mut bytes).unwrap();
        for cut in [0, 1, bytes.len() / 3, bytes.len() - 1] {
            assert!(decode::<Project>(&bytes[..cut]).is_err());
        }
    }

    #[test]
    fn the_compact_form_is_much_smaller_than_the_file() {
        let project = crate::generate::project(50, 2);
        let mut bytes = Vec::new();
        encode_into(&project, &mut bytes).unwrap();
        let text = crate::file::to_ron(&project).unwrap();
        assert!(
            bytes.len() * 4 < text.len(),
            "{} against {}",
            bytes.len(),
            text.len()
        );
    }
}
