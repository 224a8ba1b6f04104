//! Reading an import file as a stream: the document is walked with serde visitors that hand
//! each row to the importer as soon as it is read, so memory holds one row at a time however
//! large the file is.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::merge::Importer;
use super::{FORMAT, TABLES, bad, foreign};
use crate::error::Error;

/// What the top of the file said, and how far the walk got.
pub struct Walk<'i, 'c> {
    pub importer: &'i mut Importer<'c>,
    pub format: Option<String>,
    pub version: Option<i64>,
    pub tables: bool,
    pub entries: bool,
    /// The error that stopped the walk (serde only carries text).
    pub failure: Option<Error>,
}

impl Walk<'_, '_> {
    fn stop<E: de::Error>(&mut self, e: Error) -> E {
        self.failure = Some(e);
        E::custom("the import stopped")
    }

    /// What can be told about the header when the tables start: a file that names another
    /// format or a newer version is refused before its rows. A missing format or version is
    /// refused at the end (the rows are read in a transaction that is then not kept).
    fn check_header(&self) -> Result<(), Error> {
        if self.format.as_deref().is_some_and(|f| f != FORMAT) {
            return Err(bad(
                "it is not a mentorlog export (its \"format\" is not \"mentorlog\")",
            ));
        }
        if let Some(version) = self.version.filter(|v| *v > crate::store::SCHEMA_VERSION) {
            return Err(bad(format!(
                "it was written by a newer mentorlog (format version {version}; this one reads up to {}); install the newer mentorlog",
                crate::store::SCHEMA_VERSION
            )));
        }
        Ok(())
    }
}

/// The whole document: a mentorlog export or a jrnl export (objects), or a tui-journal file
/// (a list).
pub struct Document<'w, 'i, 'c>(pub &'w mut Walk<'i, 'c>);

impl<'de> DeserializeSeed<'de> for Document<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Document<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a mentorlog, jrnl or tui-journal export")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        self.0.entries = true;
        Entries(self.0).visit_seq(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let walk = self.0;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => {
                    let v: Value = map.next_value()?;
                    walk.format = Some(v.as_str().unwrap_or_default().to_string());
                }
                "version" => {
                    let v: Value = map.next_value()?;
                    walk.version = v.as_i64();
                }
                "tables" => {
                    if let Err(e) = walk.check_header() {
                        return Err(walk.stop(e));
                    }
                    walk.tables = true;
                    map.next_value_seed(Tables(walk))?;
                }
                "entries" if walk.format.as_deref() != Some(FORMAT) => {
                    walk.entries = true;
                    map.next_value_seed(Entries(walk))?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// The "tables" object: each table's rows, in the order mentorlog writes them.
struct Tables<'w, 'i, 'c>(&'w mut Walk<'i, 'c>);

impl<'de> DeserializeSeed<'de> for Tables<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Tables<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the tables, by name")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let walk = self.0;
        let mut last: Option<usize> = None;
        while let Some(name) = map.next_key::<String>()? {
            let Some(index) = TABLES.iter().position(|(t, _)| *t == name) else {
                let e = bad(format!(
                    "it has an unknown table {:?}",
                    crate::text::sanitize_line(&name)
                ));
                return Err(walk.stop(e));
            };
            if let Some(prev) = last.filter(|p| *p >= index) {
                let e = bad(format!(
                    "the table {name} comes after {}; the tables must be in the order mentorlog writes them",
                    TABLES[prev].0
                ));
                return Err(walk.stop(e));
            }
            last = Some(index);
            map.next_value_seed(Rows {
                walk: &mut *walk,
                table: TABLES[index].0,
            })?;
        }
        Ok(())
    }
}

/// One table's list of rows.
struct Rows<'w, 'i, 'c> {
    walk: &'w mut Walk<'i, 'c>,
    table: &'static str,
}

impl<'de> DeserializeSeed<'de> for Rows<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Rows<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a list of {} rows", self.table)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut n = 0;
        while let Some(row) = seq.next_element::<Map<String, Value>>()? {
            n += 1;
            if let Err(e) = self.walk.importer.row(self.table, n, row) {
                return Err(self.walk.stop(e));
            }
        }
        Ok(())
    }
}

/// A jrnl or tui-journal entry list.
struct Entries<'w, 'i, 'c>(&'w mut Walk<'i, 'c>);

impl<'de> DeserializeSeed<'de> for Entries<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Entries<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of journal entries")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let walk = self.0;
        let mut n = 0;
        while let Some(entry) = seq.next_element::<foreign::Entry>()? {
            n += 1;
            let result = foreign::reflection(&entry, n)
                .and_then(|values| walk.importer.foreign_reflection(values));
            if let Err(e) = result {
                return Err(walk.stop(e));
            }
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for foreign::Entry {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = Map::<String, Value>::deserialize(d)?;
        let text = |k: &str| map.get(k).and_then(Value::as_str).map(str::to_string);
        Ok(foreign::Entry {
            date: text("date"),
            time: text("time"),
            title: text("title"),
            body: text("body").or_else(|| text("content")),
            tags: map
                .get("tags")
                .and_then(Value::as_array)
                .map(|t| {
                    t.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
        })
    }
}
