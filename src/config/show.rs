//! The effective config written back as a commented TOML file, for `mentorlog config`: the
//! defaults commented out, what the file changed written plainly, every key listed.

use std::fmt::Write as _;
use std::path::Path;

use super::key_binding::binding_text;
use super::{Command, Config, Context, DEFAULT_CONFIG};

impl Config {
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
