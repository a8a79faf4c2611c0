//! Database connection strings that carry a password.

use super::confirmed;
use crate::recognizer::{PatternDef, RecognizerDef, Strength, Validation};

/// `DATABASE_CONNECTION_STRING`: `scheme://user:password@host...` for PostgreSQL, MySQL, MariaDB,
/// MongoDB, Redis, AMQP, SQL Server, Oracle, CockroachDB, ClickHouse and JDBC URLs, and ADO.NET
/// strings with `Password=`. The whole string is reported: host and database names are internal too.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "secret.database_url",
    entity: "DATABASE_CONNECTION_STRING",
    patterns: &[
        PatternDef {
            name: "url",
            regex: r#"(?i)(?-u:\b)(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|oracle|cockroachdb|clickhouse|jdbc:[a-z]+)://[^\s:/@"'<>]{1,128}:[^\s@"'<>]{1,256}@[^\s/"'<>,;]+(?:/[^\s"'<>,;]*)?"#,
            strength: Strength::Strong,
        },
        PatternDef {
            name: "ado.net",
            regex: r#"(?i)(?:Server|Data Source|Host)=[^;"'\n]{1,128};(?:[^;"'\n]{1,128};){0,6}\s*(?:Password|Pwd)=[^;"'\n]{1,128}"#,
            strength: Strength::Strong,
        },
    ],
    validate: Some(validate),
    needs_context: false,
};

/// The password must be a value, not a placeholder (`${DB_PASSWORD}`, `<password>`, `****`,
/// `password`); then the structure confirms it (so it wins over the e-mail address
/// `password@host` seems to be).
pub fn validate(value: &str) -> Validation {
    let password = if let Some(at) = value.rfind('@').filter(|_| value.contains("://")) {
        let creds = &value[value.find("://").map_or(0, |i| i + 3)..at];
        creds.split_once(':').map_or("", |(_, p)| p)
    } else {
        let lower = value.to_ascii_lowercase();
        let i = lower.rfind("password=").map(|i| i + 9).or_else(|| lower.rfind("pwd=").map(|i| i + 4)).unwrap_or(value.len());
        &value[i..]
    };
    confirmed(super::password_value(password))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_passwords_are_not_secrets() {
        assert_eq!(validate("postgres://app:s3cr3t-Pw@db.internal:5432/orders"), Validation::Structure);
        assert_eq!(validate("Server=db01;Database=crm;User Id=sa;Password=Winter2024!"), Validation::Structure);
        assert_eq!(validate("postgres://app:${DB_PASSWORD}@db:5432/orders"), Validation::Invalid);
        assert_eq!(validate("mysql://root:<password>@localhost/db"), Validation::Invalid);
        assert_eq!(validate("mongodb://user:****@host/db"), Validation::Invalid);
    }
}
