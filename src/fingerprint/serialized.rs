//! The fingerprint of any serializable value, fed to the hasher as serde
//! walks it: what a template would see, without first making it into JSON.
//!
//! Every value starts with a tag byte, texts carry their length, and lists
//! and maps end with a closing tag, so the bytes fed can be read back in
//! only one way: two values that would give different JSON never feed the
//! same bytes. Struct fields go in with their names, like a map's keys, so
//! a field left out (`skip_serializing_if`) cannot be mistaken for another.

use serde::ser::{self, Serialize};

use super::Hasher;

/// Feeds `value` to `hasher`.
pub fn feed<T: Serialize + ?Sized>(hasher: &mut Hasher, value: &T) {
    // Feeding never fails: the error type exists for serde's sake.
    let _ = value.serialize(Feeder(hasher));
}

/// serde's error type for a serializer that cannot fail.
#[derive(Debug)]
pub struct Never;

impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a value could not be fingerprinted")
    }
}

impl std::error::Error for Never {}

impl ser::Error for Never {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Never
    }
}

struct Feeder<'a>(&'a mut Hasher);

impl Feeder<'_> {
    fn tag(&mut self, tag: u8, bytes: &[u8]) {
        self.0.update(&[tag]);
        self.0.update(bytes);
    }
}

/// A list, map or struct being fed: its entries, then its closing tag.
struct Compound<'a> {
    hasher: &'a mut Hasher,
    close: u8,
}

impl Compound<'_> {
    fn entry<T: Serialize + ?Sized>(&mut self, value: &T) {
        feed(self.hasher, value);
    }

    fn field<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        self.hasher.update(b"s");
        self.hasher.text(name);
        feed(self.hasher, value);
    }

    fn close(self) {
        self.hasher.update(&[self.close]);
    }
}

impl<'a> Feeder<'a> {
    fn open(self, tag: u8, close: u8) -> Compound<'a> {
        self.0.update(&[tag]);
        Compound {
            hasher: self.0,
            close,
        }
    }

    fn open_variant(self, variant: &str, tag: u8, close: u8) -> Compound<'a> {
        self.0.update(b"V");
        self.0.text(variant);
        self.open(tag, close)
    }
}

/// Numbers fed as the widest type of their kind, so that the width a
/// value happens to have does not matter.
macro_rules! widened {
    ($($method:ident($from:ty) => $to:ident),*) => {$(
        fn $method(self, v: $from) -> Result<(), Never> {
            self.$to(v.into())
        }
    )*};
}

/// Numbers fed as a tag and their little-endian bytes.
macro_rules! tagged {
    ($($method:ident($of:ty) => $tag:expr),*) => {$(
        fn $method(mut self, v: $of) -> Result<(), Never> {
            self.tag($tag, &v.to_le_bytes());
            Ok(())
        }
    )*};
}

impl<'a> ser::Serializer for Feeder<'a> {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(mut self, v: bool) -> Result<(), Never> {
        self.tag(if v { b't' } else { b'f' }, &[]);
        Ok(())
    }
    widened!(
        serialize_i8(i8) => serialize_i64,
        serialize_i16(i16) => serialize_i64,
        serialize_i32(i32) => serialize_i64,
        serialize_u8(u8) => serialize_u64,
        serialize_u16(u16) => serialize_u64,
        serialize_u32(u32) => serialize_u64,
        serialize_f32(f32) => serialize_f64
    );
    tagged!(
        serialize_i64(i64) => b'i',
        serialize_i128(i128) => b'I',
        serialize_u64(u64) => b'u',
        serialize_u128(u128) => b'U'
    );
    fn serialize_f64(mut self, v: f64) -> Result<(), Never> {
        self.tag(b'd', &v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Never> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Never> {
        self.0.update(b"s");
        self.0.text(v);
        Ok(())
    }
    fn serialize_bytes(mut self, v: &[u8]) -> Result<(), Never> {
        self.tag(b'b', &(v.len() as u64).to_le_bytes());
        self.0.update(v);
        Ok(())
    }
    fn serialize_none(mut self) -> Result<(), Never> {
        self.tag(b'n', &[]);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Never> {
        self.0.update(b"?");
        feed(self.0, value);
        Ok(())
    }
    fn serialize_unit(self) -> Result<(), Never> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Never> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Never> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        feed(self.0, value);
        Ok(())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        self.0.update(b"V");
        self.0.text(variant);
        feed(self.0, value);
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Never> {
        Ok(self.open(b'[', b']'))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, Never> {
        Ok(self.open(b'[', b']'))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Never> {
        Ok(self.open(b'[', b']'))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Never> {
        Ok(self.open_variant(variant, b'[', b']'))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Never> {
        Ok(self.open(b'{', b'}'))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Never> {
        Ok(self.open(b'{', b'}'))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Never> {
        Ok(self.open_variant(variant, b'{', b'}'))
    }
}

macro_rules! entries {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Never;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
                self.entry(value);
                Ok(())
            }
            fn end(self) -> Result<(), Never> {
                self.close();
                Ok(())
            }
        }
    )*};
}

entries!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Never> {
        self.entry(key);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
        self.entry(value);
        Ok(())
    }
    fn end(self) -> Result<(), Never> {
        self.close();
        Ok(())
    }
}

macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Never;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                name: &'static str,
                value: &T,
            ) -> Result<(), Never> {
                self.field(name, value);
                Ok(())
            }
            fn end(self) -> Result<(), Never> {
                self.close();
                Ok(())
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::*;

    fn of<T: Serialize + ?Sized>(value: &T) -> u128 {
        let mut hasher = Hasher::new();
        feed(&mut hasher, value);
        hasher.finish()
    }

    #[derive(serde::Serialize)]
    struct Card<'a> {
        title: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        summary: Option<&'a str>,
        tags: Vec<&'a str>,
    }

    #[test]
    fn values_that_differ_as_json_feed_different_bytes() {
        let card = |title, summary, tags| {
            of(&Card {
                title,
                summary,
                tags,
            })
        };
        let all = [
            card("a", None, vec![]),
            card("a", Some(""), vec![]),
            card("a", None, vec![""]),
            card("", None, vec!["a"]),
            card("a", None, vec!["b", "c"]),
            card("a", None, vec!["bc"]),
            card("a", Some("b"), vec!["c"]),
            card("a", Some("bc"), vec![]),
        ];
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(
            card("a", Some("b"), vec!["c"]),
            card("a", Some("b"), vec!["c"])
        );
        assert_ne!(of(&(1u32, 2u32)), of(&(12u32,)));
        assert_ne!(of(&vec![vec![1u8], vec![]]), of(&vec![vec![], vec![1u8]]));
        assert_ne!(of(&Some(0.5f64)), of(&Some(0.25f64)));
    }
}
