//! mentorlog in a pseudo-terminal, for what it does only on a terminal (asking for a
//! passphrase with nothing shown). Killed by its process id when the test ends, passed or not.

use super::cli::Env;

pub struct InTerminal(pub expectrl::session::OsSession);

impl InTerminal {
    /// `mentorlog --db JOURNAL ARGS…` with the terminal as its standard input and output, and
    /// no passphrase command in its environment.
    pub fn start(env: &Env, args: &[&str]) -> InTerminal {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_mentorlog"));
        c.arg("--db")
            .arg(env.db())
            .args(args)
            .env("HOME", env.path(""))
            .env("XDG_CONFIG_HOME", env.path("config"))
            .env("XDG_DATA_HOME", env.path("data"))
            .env("TERM", "xterm-256color")
            .env_remove("MENTORLOG_PASSPHRASE_COMMAND")
            .env_remove("MENTORLOG_NEW_PASSPHRASE_COMMAND")
            .env_remove("MENTORLOG_EXPORT_PASSPHRASE_COMMAND")
            .env_remove("MENTORLOG_DB")
            .env_remove("MENTORLOG_CONFIG");
        let mut session = expectrl::Session::spawn(c).unwrap();
        session.set_expect_timeout(Some(std::time::Duration::from_secs(120)));
        InTerminal(session)
    }

    /// The exit code, once the process has ended.
    pub fn exit_code(&mut self) -> Option<i32> {
        match self.0.get_process_mut().wait() {
            Ok(expectrl::process::unix::WaitStatus::Exited(_, code)) => Some(code),
            _ => None,
        }
    }
}

impl Drop for InTerminal {
    fn drop(&mut self) {
        let process = self.0.get_process_mut();
        if let Ok(expectrl::process::unix::WaitStatus::StillAlive) = process.status() {
            let pid = process.pid().as_raw();
            // SAFETY: a plain signal to the child this test started and has not reaped.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
            }
            let _ = process.wait();
        }
    }
}
