//! The command line: flags, and the subcommands that run without the full-screen app.

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::app::{App, Settings};
use crate::config::{Config, Paths};
use crate::content::Content;
use crate::domain::Relationship;
use crate::error::{Error, Result};
use crate::store::Store;

#[derive(Debug, Parser)]
#[command(
    name = "mentorlog",
    version,
    about = "A private, offline journal for a mentoring relationship.",
    long_about = "A private, offline journal for a mentoring relationship.\n\n\
        Run without a command to open the journal: the first time, it walks you through the \
        questions to agree before a mentoring relationship starts and keeps the answers as \
        your agreement. Everything stays in one file on this computer."
)]
pub struct Cli {
    /// The journal file [default: <data dir>/mentorlog/journal.db].
    #[arg(long, global = true, env = "MENTORLOG_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// The config file [default: <config dir>/mentorlog/config.toml].
    #[arg(long, global = true, env = "MENTORLOG_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Open a temporary example journal (a mentee, her mentor, four months of entries) to see
    /// every screen; the real journal is not touched.
    #[arg(long)]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print an agreement to share with the other person.
    Agreement {
        /// Whose agreement (the other person's name; a unique start of it is enough).
        #[arg(long, value_name = "NAME")]
        with: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Markdown)]
        format: Format,
        /// Include your private answers (your own questions as mentee or mentor).
        #[arg(long)]
        include_private: bool,
    },
    /// Print the effective configuration as a commented config file.
    Config,
    /// Write a reflection (private unless --shared). The text comes from the argument or stdin.
    Reflect {
        /// The reflection; read from standard input when left out or given as "-".
        text: Option<String>,
        /// Tie it to a relationship (the other person's name).
        #[arg(long, value_name = "NAME")]
        with: Option<String>,
        /// Tag it (repeatable); #tags in the text count too.
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Show it in shared views (reflections are private by default).
        #[arg(long)]
        shared: bool,
        /// Flag it to bring up at the next meeting.
        #[arg(long)]
        bring_up: bool,
    },
    /// Log a meeting with someone (shared unless --private).
    Meeting {
        /// The other person's name (a unique start of it is enough).
        #[arg(long, value_name = "NAME")]
        with: String,
        /// When it was held: today, yesterday, mon, -3d, 2026-11-03 [default: now].
        #[arg(long, value_name = "DATE")]
        when: Option<String>,
        /// Notes of the meeting.
        #[arg(long, value_name = "TEXT")]
        notes: Option<String>,
        /// Outcomes and decisions.
        #[arg(long, value_name = "TEXT")]
        outcomes: Option<String>,
        /// Keep it out of shared views.
        #[arg(long)]
        private: bool,
    },
    /// List due and overdue check-ins, for shell prompts, cron and notify-send.
    /// Exit code 0: nothing is due; 1: something is; 2: an error.
    Due {
        /// Print JSON (every active relationship, with its state).
        #[arg(long)]
        json: bool,
        /// Print nothing; only the exit code tells.
        #[arg(long, conflicts_with = "json")]
        quiet: bool,
    },
    /// Export the journal: JSON (complete: every table, id and timestamp; for backups and
    /// moving) or Markdown (one readable document; private entries only with --include-private).
    Export {
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Markdown only: one relationship (the other person's name).
        #[arg(long, value_name = "NAME")]
        with: Option<String>,
        /// Markdown only: entries from this day (2026-09-01, -3m).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Write to this file (never overwritten) instead of standard output.
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// Markdown: include private entries and answers.
        #[arg(long)]
        include_private: bool,
    },
    /// Import a mentorlog JSON export (merged by id), or a jrnl / tui-journal JSON export (as
    /// reflections).
    Import {
        file: PathBuf,
        /// Say what would change, and change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write a consistent copy of the journal (beside it, or at PATH, or into the folder PATH).
    Backup {
        /// Where to write it [default: beside the journal, named by the time].
        path: Option<PathBuf>,
    },
    /// Replace the journal with a backup, after checking the backup; the current journal is
    /// kept beside it as `<journal>.before-restore-<time>`.
    Restore {
        /// The backup to restore.
        path: PathBuf,
    },
    /// Check the journal's integrity, read every entry and list any that cannot be read, and say
    /// what it holds. Exit code 1 when something is wrong.
    Check,
    /// Print shell completions (bash, zsh, fish, elvish, powershell) to standard output.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to standard output: `mentorlog man > mentorlog.1`.
    Man,
    /// Write the pair review of a relationship (shared entries only unless --include-private).
    Review {
        /// The other person's name (a unique start of it is enough).
        #[arg(long, value_name = "NAME")]
        with: Option<String>,
        /// From this day: 2026-09-01, -3m [default: the start of the relationship].
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Markdown)]
        format: Format,
        /// Include private meetings (left out by default).
        #[arg(long)]
        include_private: bool,
    },
    /// List goals with their status and progress (every relationship's, or one's).
    Goals {
        /// Only this relationship's goals (the other person's name).
        #[arg(long, value_name = "NAME")]
        with: Option<String>,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Markdown,
    Json,
}

fn non_empty(p: Option<PathBuf>) -> Option<PathBuf> {
    p.filter(|p| !p.as_os_str().is_empty())
}

/// Runs the command line; returns the exit code.
pub fn run(cli: Cli) -> Result<u8> {
    let (config_path, explicit) = match non_empty(cli.config) {
        Some(p) => (p, true),
        None => (Paths::default_config_file()?, false),
    };
    let mut config = Config::load(&config_path, explicit)?;
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        config.colors = false;
    }
    if cli.demo {
        return run_demo(&config);
    }
    let db = Paths::resolve_db(non_empty(cli.db), &config)?;
    match cli.command {
        None => {
            // A bad journal is reported first; a new one is only created with a terminal to use it.
            if !db.exists() {
                crate::tui::require_terminal()?;
            }
            let mut store = Store::open(&db)?;
            // The daily copy; a failure here never keeps the journal from opening.
            let _ = crate::backup::daily(&store, chrono::Local::now().date_naive());
            let mut app = App::new(
                &mut store,
                chrono::Local::now(),
                Settings::from_config(&config),
            )
            .map_err(|e| crate::health::explain_start_failure(&store, e))?;
            crate::tui::run_terminal(&mut app, &mut store)
        }
        Some(Command::Config) => {
            print(&config.to_commented_toml(&db));
            Ok(0)
        }
        Some(Command::Reflect {
            text,
            with,
            tags,
            shared,
            bring_up,
        }) => {
            let mut store = Store::open_existing(&db)?;
            let message = crate::capture::reflect(
                &mut store,
                chrono::Local::now(),
                text,
                with.as_deref(),
                &tags,
                shared,
                bring_up,
            )?;
            print(&message);
            tell_left_out(&store);
            Ok(0)
        }
        Some(Command::Meeting {
            with,
            when,
            notes,
            outcomes,
            private,
        }) => {
            let mut store = Store::open_existing(&db)?;
            let message = crate::capture::meeting(
                &mut store,
                chrono::Local::now(),
                &with,
                when.as_deref(),
                notes.unwrap_or_default(),
                outcomes.unwrap_or_default(),
                private,
            )?;
            print(&message);
            tell_left_out(&store);
            Ok(0)
        }
        Some(Command::Due { json, quiet }) => {
            // Every failure is exit code 2 here, so a prompt or a cron job can tell it apart.
            let store = Store::open_read_only(&db).map_err(|e| Error::Usage(e.to_string()))?;
            let now = crate::share::now_from_env().map_err(Error::Usage)?;
            let (text, due) = crate::share::due_report(&store, now.date_naive(), json)
                .map_err(|e| Error::Usage(e.to_string()))?;
            if !quiet {
                print(&text);
                tell_left_out(&store);
            }
            Ok(u8::from(due))
        }
        Some(Command::Export {
            format,
            with,
            since,
            out,
            include_private,
        }) => {
            let store = Store::open_read_only(&db)?;
            if format == Format::Json && (with.is_some() || since.is_some()) {
                return Err(Error::Usage(
                    "the JSON export is always the whole journal (it is what import reads); --with and --since narrow the Markdown export".into(),
                ));
            }
            let folder = out
                .as_deref()
                .filter(|p| p.is_dir() && format == Format::Markdown)
                .map(std::path::Path::to_path_buf);
            if out.as_deref().is_some_and(|p| p.is_dir()) && format == Format::Json {
                return Err(Error::Usage(
                    "the JSON export is one file: give --out a file name, not a folder".into(),
                ));
            }
            let mut sink: Box<dyn Write> = match &out {
                _ if folder.is_some() => Box::new(std::io::sink()),
                Some(path) => {
                    let file = crate::store::create_private_file(path).map_err(|e| {
                        Error::io(
                            format!(
                                "cannot create {} (mentorlog never overwrites a file)",
                                path.display()
                            ),
                            e,
                        )
                    })?;
                    Box::new(std::io::BufWriter::new(file))
                }
                None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
            };
            let now = crate::share::now_from_env().map_err(Error::Usage)?;
            match format {
                Format::Json => {
                    let n = store.export_json(&mut sink, &now.to_rfc3339())?;
                    drop(sink);
                    if let Some(path) = &out {
                        eprintln!(
                            "Exported {} to {}.",
                            crate::words::count(n, "row", "rows"),
                            crate::text::sanitize_line(&path.display().to_string())
                        );
                    }
                    // The JSON export is complete: rows mentorlog cannot read are in it as
                    // they are, and said so (import will refuse them).
                    let unreadable = crate::store::audit(&store)?.len();
                    if unreadable > 0 {
                        eprintln!(
                            "{}",
                            crate::text::sanitize_line(&format!(
                                "{unreadable} {} mentorlog cannot read {} in the export as {} stored; `mentorlog check` lists {}.",
                                if unreadable == 1 { "entry" } else { "entries" },
                                if unreadable == 1 { "is" } else { "are" },
                                if unreadable == 1 { "it is" } else { "they are" },
                                if unreadable == 1 { "it" } else { "them" },
                            ))
                        );
                    }
                }
                Format::Markdown => {
                    let rels = match with.as_deref() {
                        Some(name) => vec![pick_relationship(&store, Some(name))?],
                        None => store.relationships()?,
                    };
                    let today = now.date_naive();
                    let since = match since {
                        Some(s) => Some(
                            crate::domain::dates::parse_date(
                                &s,
                                today,
                                crate::domain::dates::Direction::Past,
                            )
                            .map_err(|e| Error::Usage(format!("--since: {e}")))?,
                        ),
                        None => None,
                    };
                    let files = crate::share::journal_markdown(
                        &store,
                        &rels,
                        since,
                        today,
                        include_private,
                        &mut sink,
                        folder.as_deref(),
                    )?;
                    if let Some(dir) = &folder {
                        eprintln!(
                            "Wrote {files} files into {}.",
                            crate::text::sanitize_line(&dir.display().to_string())
                        );
                    }
                    tell_left_out(&store);
                }
            }
            Ok(0)
        }
        Some(Command::Import { file, dry_run }) => {
            let input = std::fs::File::open(&file).map_err(|e| {
                Error::Usage(format!(
                    "cannot read {} ({e}); nothing was written",
                    file.display()
                ))
            })?;
            let now = crate::share::now_from_env()
                .map_err(Error::Usage)?
                .with_timezone(&chrono::Utc);
            let created = !db.exists() && !dry_run;
            let report = if db.exists() {
                let mut store = Store::open_existing(&db)?;
                crate::exchange::import_reader(&mut store, input, dry_run, now)?
            } else if dry_run {
                // Nothing to create for a dry run: what it would add to a new journal.
                let mut store = Store::open_in_memory()?;
                crate::exchange::import_reader(&mut store, input, true, now)?
            } else {
                // A new computer: the journal is made from what the file brings; a refused
                // file leaves no journal behind.
                let mut store = Store::open(&db)?;
                match crate::exchange::import_reader(&mut store, input, false, now) {
                    Ok(report) => report,
                    Err(e) => {
                        drop(store);
                        for suffix in ["", "-wal", "-shm"] {
                            let mut p = db.clone().into_os_string();
                            p.push(suffix);
                            let _ = std::fs::remove_file(p);
                        }
                        return Err(e);
                    }
                }
            };
            print(&report.summary(dry_run));
            if created {
                print(&format!("This made a new journal at {}.\n", db.display()));
            }
            Ok(0)
        }
        Some(Command::Backup { path }) => {
            let store = Store::open_read_only(&db)?;
            let stamp = chrono::Local::now().format("%Y%m%dT%H%M%S").to_string();
            let dest = crate::backup::backup(&store, path.as_deref(), &stamp)?;
            print(&format!(
                "Backed up to {} ({}).\n",
                dest.display(),
                store.counts()?
            ));
            Ok(0)
        }
        Some(Command::Restore { path }) => {
            let stamp = chrono::Local::now().format("%Y%m%dT%H%M%S").to_string();
            let (kept, counts) = crate::backup::restore(&db, &path, &stamp)?;
            let kept = match kept {
                Some(k) => format!(" The journal it replaced is kept as {}.", k.display()),
                None => " There was no journal there yet: this is it now.".into(),
            };
            print(&format!(
                "Restored {} into {} ({counts}).{kept}\n",
                path.display(),
                db.display()
            ));
            Ok(0)
        }
        Some(Command::Completions { shell }) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut cmd, "mentorlog", &mut out);
            print(&String::from_utf8_lossy(&out));
            Ok(0)
        }
        Some(Command::Man) => {
            let cmd = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_mangen::Man::new(cmd)
                .render(&mut out)
                .map_err(|e| Error::io("cannot write the man page", e))?;
            print(&String::from_utf8_lossy(&out));
            Ok(0)
        }
        Some(Command::Check) => {
            let store = Store::open_read_only(&db)?;
            let (ok, report) = crate::backup::check(&store)?;
            print(&report);
            Ok(if ok { 0 } else { 1 })
        }
        Some(Command::Review {
            with,
            since,
            format,
            include_private,
        }) => {
            let store = Store::open_read_only(&db)?;
            let rel = pick_relationship(&store, with.as_deref())?;
            let today = crate::share::now_from_env()
                .map_err(Error::Usage)?
                .date_naive();
            let since = match since {
                Some(s) => Some(
                    crate::domain::dates::parse_date(
                        &s,
                        today,
                        crate::domain::dates::Direction::Past,
                    )
                    .map_err(|e| Error::Usage(format!("--since: {e}")))?,
                ),
                None => None,
            };
            let data = crate::app::review::ReviewData::load(
                &store,
                rel.id,
                crate::app::review::Period::SinceStart,
                since,
                today,
                include_private,
            )?
            .ok_or_else(|| Error::Usage("that relationship is no longer in the journal".into()))?;
            let text = match format {
                Format::Markdown => crate::share::review_markdown(&data, Content::get()),
                Format::Json => crate::share::review_json(&data)?,
            };
            print(&text);
            tell_left_out(&store);
            Ok(0)
        }
        Some(Command::Goals { with, json }) => {
            let store = Store::open_read_only(&db)?;
            let only = match with.as_deref() {
                Some(name) => Some(pick_relationship(&store, Some(name))?.id),
                None => None,
            };
            let today = chrono::Local::now().date_naive();
            let text = if json {
                crate::share::goals_json(&store, only, today)?
            } else {
                crate::share::goals_text(&store, only, today)?
            };
            print(&text);
            tell_left_out(&store);
            Ok(0)
        }
        Some(Command::Agreement {
            with,
            format,
            include_private,
        }) => {
            let store = Store::open_read_only(&db)?;
            let rel = pick_relationship(&store, with.as_deref())?;
            let agreement = store.agreement(rel.id)?;
            let me = store.profile_name()?.unwrap_or_default();
            let content = Content::get();
            let text = match format {
                Format::Markdown => {
                    crate::share::markdown(&me, &rel, &agreement, content, include_private)
                }
                Format::Json => crate::share::json(&me, &rel, &agreement, content, include_private),
            };
            print(&text);
            tell_left_out(&store);
            Ok(0)
        }
    }
}

/// `mentorlog --demo`: the example journal in a private temporary folder, removed afterwards.
fn run_demo(config: &Config) -> Result<u8> {
    crate::tui::require_terminal()?;
    let dir = std::env::temp_dir().join(format!(
        "mentorlog-demo-{}-{}",
        std::process::id(),
        uuid::Uuid::now_v7().simple()
    ));
    crate::store::ensure_private_dir(&dir)?;
    // Also if the process has to be ended while stuck (see tui): the folder never stays.
    crate::tui::remove_on_forced_exit(dir.clone());
    let result = (|| {
        let mut store = Store::open(&dir.join("journal.db"))?;
        let now = chrono::Local::now();
        crate::demo::fill(&mut store, now)?;
        let mut app = App::new(&mut store, now, Settings::from_config(config))?;
        if app.popup.is_none() {
            app.info("This is an example journal: nothing here is saved once you quit.");
        }
        crate::tui::run_terminal(&mut app, &mut store)
    })();
    let _ = std::fs::remove_dir_all(&dir);
    if let Ok(0) = result {
        print("That was the demo journal; it is gone now. Run `mentorlog` to start your own.\n");
    }
    result
}

/// Says once, on stderr, how many rows the command left out because it could not read them.
fn tell_left_out(store: &Store) {
    let n = store.take_left_out();
    if n > 0 {
        eprintln!(
            "mentorlog: {}",
            crate::text::sanitize_line(&crate::store::left_out_notice(n))
        );
    }
}

fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    // Every writer cleans the text it takes from the journal; this is the net under them all
    // (JSON is already escaped, so it passes unchanged).
    let text = crate::text::sanitize(text);
    // A closed pipe (`mentorlog agreement | head`) is not an error worth a message.
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// Finds the relationship a `--with NAME` means: an exact name (any case), else the one
/// whose name starts with it.
pub fn pick_relationship(store: &Store, with: Option<&str>) -> Result<Relationship> {
    let all = store.relationships()?;
    let names = |list: &[&Relationship]| {
        list.iter()
            .map(|r| crate::text::sanitize_line(r.display_name()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let everyone: Vec<&Relationship> = all.iter().collect();
    if all.is_empty() {
        return Err(Error::Usage(
            "there is no agreement yet. Run `mentorlog` to walk through the questions and save one.".into(),
        ));
    }
    let Some(wanted) = with.map(str::trim) else {
        return match all.as_slice() {
            [one] => Ok(one.clone()),
            _ => Err(Error::Usage(format!(
                "you have {} relationships; say which with --with NAME ({}).",
                all.len(),
                names(&everyone)
            ))),
        };
    };
    let lower = wanted.to_lowercase();
    let exact: Vec<&Relationship> = all
        .iter()
        .filter(|r| r.other_name.trim().to_lowercase() == lower)
        .collect();
    let matches = if exact.is_empty() {
        all.iter()
            .filter(|r| r.other_name.trim().to_lowercase().starts_with(&lower))
            .collect()
    } else {
        exact
    };
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(Error::Usage(format!(
            "no relationship with {:?}. The names are: {}.",
            crate::text::sanitize_line(wanted),
            names(&everyone)
        ))),
        several => Err(Error::Usage(format!(
            "{:?} matches {} relationships ({}); give more of the name.",
            crate::text::sanitize_line(wanted),
            several.len(),
            names(several)
        ))),
    }
}
