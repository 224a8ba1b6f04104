//! Config (serde + toml, every key optional) and Paths (directories + overrides).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::format::{Item, StrftimeItems};
use serde::Deserialize;

use crate::error::{Error, Result};

pub mod edit_table;
mod key_binding;
mod key_table;
mod keys;
pub use key_binding::KeyBinding;
use key_binding::binding_text;
pub use key_table::default_table;
pub use keys::{Command, Context, Keys, Row, default_clashes};

const DEFAULT_CONFIG: &str = include_str!("../../assets/default-config.toml");

/// Colours for dark or light terminal backgrounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
}

impl ThemeName {
    fn id(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FirstDay {
    #[default]
    Monday,
    Sunday,
    Saturday,
}

impl FirstDay {
    fn id(self) -> &'static str {
        match self {
            FirstDay::Monday => "monday",
            FirstDay::Sunday => "sunday",
            FirstDay::Saturday => "saturday",
        }
    }
}

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

/// The effective configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub data_file: Option<PathBuf>,
    pub colors: bool,
    pub theme: ThemeName,
    pub date_format: String,
    pub first_day_of_week: FirstDay,
    /// How often the pulse survey is offered, in days; 0 never.
    pub survey_every_days: u32,
    /// Also offer the pulse survey after this many contacts (meetings and check-ins); 0 never.
    pub survey_every_contacts: u32,
    pub keys: Keys,
    /// Where these settings were read from, when a file was read.
    pub source: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            data_file: None,
            colors: true,
            theme: ThemeName::Dark,
            date_format: "%Y-%m-%d".to_string(),
            first_day_of_week: FirstDay::Monday,
            survey_every_days: 30,
            survey_every_contacts: 0,
            keys: Keys::default(),
            source: None,
        }
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

    /// The effective config as a commented TOML file, for `mentorlog config`.
    pub fn to_commented_toml(&self, data_file: &Path) -> String {
        let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
        let mut out = String::new();
        if let Some(src) = &self.source {
            let _ = writeln!(out, "# Read from {}", src.display());
        } else {
            out.push_str("# No config file was found: these are the defaults.\n");
        }
        let default = Config::default();
        for line in DEFAULT_CONFIG.lines() {
            let key = line
                .trim_start_matches("# ")
                .split(" = ")
                .next()
                .unwrap_or("");
            let setting = match key {
                "data_file" => Some(quote(&data_file.to_string_lossy())),
                "colors" => Some(self.colors.to_string()),
                "theme" => Some(quote(self.theme.id())),
                "date_format" => Some(quote(&self.date_format)),
                "first_day_of_week" => Some(quote(self.first_day_of_week.id())),
                "survey_every_days" => Some(self.survey_every_days.to_string()),
                "survey_every_contacts" => Some(self.survey_every_contacts.to_string()),
                k => self.keys.named(k).map(|b| quote(&binding_text(b))),
            };
            match setting {
                Some(value) if line.starts_with("# ") && line.contains(" = ") => {
                    let changed = match key {
                        "data_file" => self.data_file.is_some(),
                        "colors" => self.colors != default.colors,
                        "theme" => self.theme != default.theme,
                        "date_format" => self.date_format != default.date_format,
                        "first_day_of_week" => self.first_day_of_week != default.first_day_of_week,
                        "survey_every_days" => self.survey_every_days != default.survey_every_days,
                        "survey_every_contacts" => {
                            self.survey_every_contacts != default.survey_every_contacts
                        }
                        k => self.keys.named(k) != default.keys.named(k),
                    };
                    let prefix = if changed { "" } else { "# " };
                    let _ = writeln!(out, "{prefix}{key} = {value}");
                }
                _ => {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        // Every other key, screen by screen, as a reference to copy from.
        out.push_str(
            "\n# Every key can be changed on one screen only (screen.name = \"key\"); a key that\n\
             # would do two things on one screen is refused. The defaults:\n",
        );
        for row in self.keys.rows() {
            let listed = DEFAULT_CONFIG
                .lines()
                .any(|l| l.trim_start_matches("# ").split(" = ").next() == Some(row.name));
            let shared = matches!(row.context, Context::Always | Context::Global);
            if let (Some(b), false, false, false) = (
                default
                    .keys
                    .rows()
                    .iter()
                    .find(|r| {
                        r.context == row.context && r.name == row.name && r.command == row.command
                    })
                    .and_then(|r| r.keys.first()),
                listed,
                shared,
                row.command == Command::Typing,
            ) {
                let _ = writeln!(
                    out,
                    "# {}.{} = {}  # {}",
                    row.context.id(),
                    row.name,
                    quote(&binding_text(*b)),
                    row.long
                );
            }
        }
        // Keys changed beyond the ones listed above (`timeline.trash = "x"`): the [keys]
        // section is the file's last, so they go at the end.
        for (name, keys) in &self.keys.changed {
            let listed = DEFAULT_CONFIG
                .lines()
                .any(|l| l.trim_start_matches("# ").split(" = ").next() == Some(name.as_str()));
            if let (false, Some(b)) = (listed, keys.first()) {
                let _ = writeln!(out, "{name} = {}", quote(&binding_text(*b)));
            }
        }
        out
    }
}

fn expand_home(p: &Path) -> PathBuf {
    match (p.strip_prefix("~"), directories::BaseDirs::new()) {
        (Ok(rest), Some(base)) => base.home_dir().join(rest),
        _ => p.to_path_buf(),
    }
}

/// Where things live: the config file and the journal, after every override.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub config_file: PathBuf,
    /// True when the config file was named by --config or MENTORLOG_CONFIG.
    pub config_explicit: bool,
    pub db_file: PathBuf,
}

impl Paths {
    /// The default config file: `<XDG config dir>/mentorlog/config.toml`.
    pub fn default_config_file() -> Result<PathBuf> {
        Ok(project_dirs()?.config_dir().join("config.toml"))
    }

    /// The default journal: `<XDG data dir>/mentorlog/journal.db`.
    pub fn default_db_file() -> Result<PathBuf> {
        Ok(project_dirs()?.data_dir().join("journal.db"))
    }

    /// Resolves the journal path: `--db`/MENTORLOG_DB, then the config's data_file, then the default.
    pub fn resolve_db(flag: Option<PathBuf>, config: &Config) -> Result<PathBuf> {
        match flag.or_else(|| config.data_file.clone()) {
            Some(p) => Ok(p),
            None => Paths::default_db_file(),
        }
    }
}

fn project_dirs() -> Result<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "mentorlog").ok_or_else(|| {
        Error::Usage(
            "no home directory was found, so mentorlog does not know where to keep the journal; \
             set HOME, or pass --db PATH and --config PATH"
                .into(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn parse(text: &str) -> Result<Config> {
        Config::parse(text, Path::new("config.toml"))
    }

    #[test]
    fn empty_file_gives_defaults() {
        let c = parse("").unwrap();
        assert_eq!(c.keys, Keys::default());
        assert!(c.colors);
        assert_eq!(c.date_format, "%Y-%m-%d");
    }

    #[test]
    fn keys_and_settings_are_read() {
        let c = parse("colors = false\ntheme = \"light\"\ndate_format = \"%d %b %Y\"\n[keys]\nquit = \"ctrl-q\"\nhelp = \"f1\"\n").unwrap();
        assert!(!c.colors);
        assert_eq!(c.theme, ThemeName::Light);
        let ctrl_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL);
        assert!(c.keys.is(Context::Home, Command::Quit, &ctrl_q));
        assert!(!c.keys.is(
            Context::Home,
            Command::Quit,
            &KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE)
        ));
        assert_eq!(c.keys.label(Context::Home, Command::Help), "F1");
    }

    #[test]
    fn errors_name_line_and_column() {
        let err = parse("colors = \"yes\"\n").unwrap_err().to_string();
        assert!(err.contains("line 1, column 10"), "{err}");
        let err = parse("theme = \"dark\"\n[keys]\nquit = \"ctrl-\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("line 3, column 8") && err.contains("is not a key"),
            "{err}"
        );
        let err = parse("\n\nkeys.jump = \"j\"\n").unwrap_err().to_string();
        assert!(
            err.contains("line 3") && err.contains("unknown key action"),
            "{err}"
        );
        let err = parse("survey_every_days = 400\n").unwrap_err().to_string();
        assert!(
            err.contains("line 1") && err.contains("0 (never) to 365"),
            "{err}"
        );
        assert_eq!(
            parse("survey_every_days = 0\n").unwrap().survey_every_days,
            0
        );
        let err = parse("date_format = \"%Q\"\n").unwrap_err().to_string();
        assert!(err.contains("not a valid strftime"), "{err}");
        let err = parse("colour = true\n").unwrap_err().to_string();
        assert!(
            err.contains("line 1, column 1") && err.contains("colour"),
            "{err}"
        );
    }

    #[test]
    fn question_mark_matches_with_shift() {
        let keys = Keys::default();
        let shifted = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert!(keys.is(Context::Home, Command::Help, &shifted));
    }

    #[test]
    fn commented_output_parses_back_to_the_same_config() {
        let c = parse("colors = false\n[keys]\nsave = \"ctrl-x\"\n").unwrap();
        let text = c.to_commented_toml(Path::new("/data/journal.db"));
        assert!(text.contains("\ncolors = false\n"), "{text}");
        assert!(text.contains("# theme = \"dark\""), "{text}");
        assert!(text.contains("\nsave = \"ctrl-x\"\n"), "{text}");
        let again = parse(&text).unwrap();
        assert_eq!(again.keys, c.keys);
        assert_eq!(again.colors, c.colors);
    }

    #[test]
    fn a_rebind_changes_the_key_and_its_words() {
        let c = parse(
            "[keys]
new_meeting = \"w\"
timeline.trash = \"z\"
",
        )
        .unwrap();
        let w = KeyEvent::new(KeyCode::Char('w'), KeyModifiers::NONE);
        let m = KeyEvent::new(KeyCode::Char('m'), KeyModifiers::NONE);
        for context in [
            Context::Home,
            Context::Timeline,
            Context::View,
            Context::Prep,
            Context::DuePopup,
        ] {
            assert_eq!(c.keys.command(context, &w), Some(Command::NewMeeting));
            assert_eq!(c.keys.command(context, &m), None, "{context:?}");
        }
        let z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::NONE);
        assert_eq!(c.keys.command(Context::Timeline, &z), Some(Command::Trash));
        // Only on the timeline: reading an entry keeps d.
        let d = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::NONE);
        assert_eq!(c.keys.command(Context::View, &d), Some(Command::Trash));
        assert_eq!(c.keys.command(Context::Timeline, &d), None);
        assert!(
            c.keys
                .help(Context::Home)
                .iter()
                .any(|(k, what)| k == "w" && what.contains("log a meeting"))
        );
        assert!(
            c.keys
                .footer(Context::Timeline)
                .contains(&("z".to_string(), "trash".to_string()))
        );
        // `mentorlog config` writes both back.
        let text = c.to_commented_toml(Path::new("/data/journal.db"));
        assert!(
            text.contains("\nnew_meeting = \"w\"\n") && text.contains("\ntimeline.trash = \"z\"\n"),
            "{text}"
        );
        assert_eq!(parse(&text).unwrap().keys.rows(), c.keys.rows());
        // The screen's table form works too.
        let c = parse("[keys.timeline]\ntrash = \"z\"\n").unwrap();
        assert_eq!(c.keys.command(Context::Timeline, &z), Some(Command::Trash));
    }

    #[test]
    fn a_clash_is_refused_with_the_line() {
        let err = parse("colors = true\n\n[keys]\nnew_meeting = \"d\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("line 4, column 1")
                && err.contains(
                    "`d` is already 'move it to the trash' on the timeline; choose another key"
                ),
            "{err}"
        );
        let err = parse("[keys]\nhome.plan = \"n\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("line 2") && err.contains("`n` is already 'add a relationship"),
            "{err}"
        );
        // A fixed key counts too.
        let err = parse("[keys]\ntimeline.trash = \"enter\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("`Enter` is already 'read the entry'"), "{err}");
        // A letter where letters are typed.
        let err = parse("[keys]\nsave = \"s\"\n").unwrap_err().to_string();
        assert!(err.contains("typed as text"), "{err}");
        let err = parse("[keys]\nnowhere.trash = \"z\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("unknown key action") && err.contains("no screen called"),
            "{err}"
        );
        // Swapping two keys is fine.
        assert!(parse("[keys]\ntimeline.trash = \"u\"\ntimeline.undo_trash = \"d\"\n").is_ok());
    }

    #[test]
    fn no_two_default_keys_clash() {
        assert_eq!(default_clashes(), Vec::<String>::new());
    }
}
