//! Reading the config file: its TOML as written, every key optional, read into a [`Config`];
//! an error names the file, the line and the column, and what to write instead.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::format::{Item, StrftimeItems};
use serde::Deserialize;

use super::{Config, FirstDay, KeyBinding, ThemeName, expand_home};
use crate::error::{Error, Result};

/// The config file as written; every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    data_file: Option<PathBuf>,
    colors: Option<bool>,
    theme: Option<ThemeName>,
    date_format: Option<toml::Spanned<String>>,
    first_day_of_week: Option<FirstDay>,
    survey_every_days: Option<toml::Spanned<i64>>,
    survey_every_contacts: Option<toml::Spanned<i64>>,
    #[serde(default)]
    keys: BTreeMap<toml::Spanned<String>, toml::Spanned<KeyEntry>>,
}

/// A `[keys]` entry: `name = "key"`, or a screen's table (`timeline.trash = "d"`).
#[derive(Debug)]
enum KeyEntry {
    One(String),
    Screen(Vec<(toml::Spanned<String>, toml::Spanned<String>)>),
}

impl<'de> Deserialize<'de> for KeyEntry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<KeyEntry, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = KeyEntry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a key such as \"q\" or \"ctrl-s\", or a screen's keys")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<KeyEntry, E> {
                Ok(KeyEntry::One(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<KeyEntry, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    out.push(entry);
                }
                Ok(KeyEntry::Screen(out))
            }
        }
        d.deserialize_any(Visit)
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

impl Config {
    /// Parses a config file's text. Errors carry the file, line and column.
    pub fn parse(text: &str, path: &Path) -> Result<Config> {
        let fail = |offset: usize, what: String| {
            let (line, col) = line_col(text, offset);
            Error::Config {
                path: path.to_path_buf(),
                message: format!("line {line}, column {col}: {what}"),
            }
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let what = e.message().to_string();
            match e.span() {
                Some(span) => fail(span.start, what),
                None => Error::Config {
                    path: path.to_path_buf(),
                    message: what,
                },
            }
        })?;
        let mut config = Config {
            source: Some(path.to_path_buf()),
            ..Config::default()
        };
        config.data_file = raw.data_file.map(|p| expand_home(&p));
        if let Some(c) = raw.colors {
            config.colors = c;
        }
        if let Some(t) = raw.theme {
            config.theme = t;
        }
        if let Some(day) = raw.first_day_of_week {
            config.first_day_of_week = day;
        }
        if let Some(days) = raw.survey_every_days {
            let n = *days.get_ref();
            if !(0..=365).contains(&n) {
                return Err(fail(
                    days.span().start,
                    format!("survey_every_days = {n} is out of range: use 0 (never) to 365"),
                ));
            }
            config.survey_every_days = n as u32;
        }
        if let Some(n) = raw.survey_every_contacts {
            let v = *n.get_ref();
            if !(0..=100).contains(&v) {
                return Err(fail(
                    n.span().start,
                    format!("survey_every_contacts = {v} is out of range: use 0 (never) to 100"),
                ));
            }
            config.survey_every_contacts = v as u32;
        }
        if let Some(fmt) = raw.date_format {
            let valid = !fmt.get_ref().is_empty()
                && !StrftimeItems::new(fmt.get_ref()).any(|i| matches!(i, Item::Error));
            if !valid {
                return Err(fail(
                    fmt.span().start,
                    format!(
                        "date_format {:?} is not a valid strftime format; try \"%Y-%m-%d\" or \"%d %b %Y\"",
                        fmt.get_ref()
                    ),
                ));
            }
            config.date_format = fmt.into_inner();
        }
        // Every entry as (name, name's offset, key, key's offset), in the file's order.
        let mut entries: Vec<(String, usize, String, usize)> = Vec::new();
        for (name, entry) in raw.keys {
            let at = name.span().start;
            let entry_at = entry.span().start;
            match entry.into_inner() {
                KeyEntry::One(key) => entries.push((name.into_inner(), at, key, entry_at)),
                KeyEntry::Screen(keys) => {
                    for (action, key) in keys {
                        entries.push((
                            format!("{}.{}", name.get_ref(), action.get_ref()),
                            action.span().start,
                            key.get_ref().clone(),
                            key.span().start,
                        ));
                    }
                }
            }
        }
        entries.sort_by_key(|e| e.1);
        let mut changed = Vec::new();
        for (name, at, key, key_at) in entries {
            let binding = KeyBinding::parse(&key).ok_or_else(|| {
                fail(
                    key_at,
                    format!(
                        "{key:?} is not a key; write a character (\"q\"), a name (\"f1\", \"enter\") or add \"ctrl-\" (\"ctrl-s\")"
                    ),
                )
            })?;
            let rows = config
                .keys
                .set(&name, vec![binding])
                .map_err(|why| fail(at, why))?;
            changed.push((at, rows));
        }
        for (at, rows) in changed {
            if let Some(why) = rows.into_iter().find_map(|i| config.keys.clash(i)) {
                return Err(fail(at, why));
            }
        }
        Ok(config)
    }

    /// Reads the config file. A missing file at the default place means defaults; a missing
    /// file that was asked for by name is an error.
    pub fn load(path: &Path, explicit: bool) -> Result<Config> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&text, path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => Ok(Config::default()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::Config {
                path: path.to_path_buf(),
                message: "the file does not exist. Create it (`mentorlog config > FILE` writes one) or drop --config / MENTORLOG_CONFIG.".into(),
            }),
            Err(e) => Err(Error::Config {
                path: path.to_path_buf(),
                message: format!("it cannot be read: {e}"),
            }),
        }
    }
}
