//! `i2v-studio credits …`: the studio's owner looks at and tops up a user's credits, on the
//! machine the studio runs on, straight in its database (a running studio sees the change at
//! its next request: SQLite serialises the two writers).
//!
//! A local studio has no accounts to register: when someone runs out, its "register" link
//! leads to a page that names this command with the session's bind id (see `credits_page`).

use std::path::PathBuf;

use crate::config::Config;
use crate::server::cli::CliError;
use crate::store::{Balance, Store, StoreError, User};

/// Whose credits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    /// The user of this client id (`~/.config/nemovideo/client_id` for the CLI).
    ClientId(String),
    /// The user behind a registration link's bind id (`…/?bind=bnd_…`).
    Bind(String),
}

/// What `credits` was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditsCommand {
    /// The studio's data directory.
    pub data_dir: PathBuf,
    /// Whose credits.
    pub who: Who,
    /// How many to add; `None` only shows them.
    pub add: Option<i64>,
}

/// Why a `credits` command could not be carried out.
#[derive(Debug, thiserror::Error)]
pub enum CreditsError {
    /// No user matches.
    #[error("no user has {0} in this studio's database (a client gets one when it first connects)")]
    Unknown(String),
    /// The database could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Reads the arguments after `credits`: `show` or `add N`, then who, then where.
pub fn parse(args: &[String]) -> Result<CreditsCommand, CliError> {
    let (add, rest) = match args {
        [action, rest @ ..] if action == "show" => (None, rest),
        [action, amount, rest @ ..] if action == "add" => {
            let amount = amount
                .parse::<i64>()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| CliError::BadValue {
                    flag: "credits add".into(),
                    value: amount.clone(),
                    expected: "a whole number of credits, at least 1",
                })?;
            (Some(amount), rest)
        }
        [action, ..] if action == "add" => {
            return Err(CliError::MissingValue("credits add".into()));
        }
        [other, ..] => return Err(CliError::UnexpectedArgument(other.clone())),
        [] => return Err(CliError::MissingValue("credits".into())),
    };
    let mut data_dir = Config::default().data_dir;
    let mut who = None;
    let mut words = rest.iter();
    while let Some(flag) = words.next() {
        let (flag, inline) = match flag.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_owned())),
            _ => (flag.as_str(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| words.next().cloned())
                .ok_or_else(|| CliError::MissingValue(flag.to_owned()))
        };
        match flag {
            "--client-id" => who = Some(Who::ClientId(value()?)),
            "--bind" => who = Some(Who::Bind(value()?)),
            "--data-dir" => data_dir = PathBuf::from(value()?),
            _ if flag.starts_with('-') => return Err(CliError::UnknownFlag(flag.to_owned())),
            _ => return Err(CliError::UnexpectedArgument(flag.to_owned())),
        }
    }
    let who = who.ok_or_else(|| CliError::MissingValue("--client-id or --bind".into()))?;
    Ok(CreditsCommand { data_dir, who, add })
}

/// Carries the command out; returns the line to print.
pub fn run(command: &CreditsCommand) -> Result<String, CreditsError> {
    let store = Store::open(&command.data_dir)?;
    let (user, named) = match &command.who {
        Who::ClientId(id) => (store.user_by_client_id(id)?, format!("client id {id}")),
        Who::Bind(id) => (store.user_by_bind_id(id)?, format!("bind id {id}")),
    };
    let user: User = user.ok_or_else(|| CreditsError::Unknown(named.clone()))?;
    Ok(match command.add {
        Some(amount) => {
            let after = store.grant(user.id, amount)?;
            format!("added {amount} credits for {named}: {}", described(after))
        }
        None => format!("{named}: {}", described(store.balance(user.id)?)),
    })
}

fn described(balance: Balance) -> String {
    match balance.frozen {
        0 => format!("{} available", balance.available),
        frozen => format!(
            "{} available, {frozen} held by turns running now",
            balance.available
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::{TempStore, rules};

    fn words(line: &str) -> Vec<String> {
        line.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn the_command_line_reads_what_whose_and_where() {
        let command = parse(&words("add 50 --client-id abc --data-dir /tmp/d")).unwrap();
        assert_eq!(
            command,
            CreditsCommand {
                data_dir: "/tmp/d".into(),
                who: Who::ClientId("abc".into()),
                add: Some(50),
            }
        );
        let shown = parse(&words("show --bind=bnd_1")).unwrap();
        assert_eq!((shown.who, shown.add), (Who::Bind("bnd_1".into()), None));
        for bad in [
            "",
            "add",
            "add -5 --bind b",
            "add ten --bind b",
            "show",
            "show --nope x",
        ] {
            assert!(parse(&words(bad)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn credits_are_added_and_shown_by_client_or_bind_id() {
        let temp = TempStore::new();
        let issued = temp
            .store
            .issue_anonymous_token("cli-1", "a", &rules(), 0)
            .unwrap();
        let session = temp
            .store
            .create_session(issued.user.id, "p", "en", 0)
            .unwrap();
        let at = |who: Who, add: Option<i64>| CreditsCommand {
            data_dir: temp.dir.clone(),
            who,
            add,
        };
        let added = run(&at(Who::Bind(session.bind_id.clone()), Some(50))).unwrap();
        assert_eq!(
            added,
            format!(
                "added 50 credits for bind id {}: 150 available",
                session.bind_id
            )
        );
        let shown = run(&at(Who::ClientId("cli-1".into()), None)).unwrap();
        assert_eq!(shown, "client id cli-1: 150 available");
        let unknown = run(&at(Who::ClientId("nobody".into()), Some(5))).unwrap_err();
        assert_eq!(
            unknown.to_string(),
            "no user has client id nobody in this studio's database (a client gets one when it first connects)"
        );
    }
}
