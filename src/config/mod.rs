//! The settings ([`Config`], defaults filled in) and where things live ([`Paths`]); reading the
//! file is `file`, writing it back commented is `show`, the keys are `keys` and its neighbours.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

mod context;
pub mod edit_table;
mod file;
mod key_binding;
mod key_table;
mod keys;
mod rebind;
mod show;
pub use key_binding::KeyBinding;
pub use key_table::default_table;
pub use keys::{Command, Context, Keys, Row};
pub use rebind::default_clashes;

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
