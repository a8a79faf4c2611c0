//! A policy of one's own, laid over the default: block social security numbers, mask cards, a
//! company's employee ids as a custom recognizer, and its support address allowed.
//!
//! ```text
//! cargo run --example custom_policy
//! ```

use scrim::{Policy, ScanOptions, Scrim};

fn main() -> Result<(), scrim::Error> {
    let policy = Policy::from_toml(
        r#"
        allow = ["support@mycompany.example"]

        [entities.US_SSN]
        action = "block"

        [entities.CREDIT_CARD]
        operator = "mask"

        [[custom]]
        entity = "EMPLOYEE_ID"
        pattern = "EMP-[0-9]{6}"
        score = 0.9
        context = ["employee"]
        "#,
    )?;
    println!("policy {}", policy.id());
    let mut scrim = Scrim::builder().policy(policy).build()?;
    for prompt in [
        "Employee EMP-204511 paid with 4111 1111 1111 1111; cc support@mycompany.example",
        "My SSN is 536-22-1234, can you check it?",
    ] {
        let out = scrim.protect(prompt, &ScanOptions::default())?;
        println!("{:?}: {}", out.decision.action, out.text.as_deref().unwrap_or(""));
        for r in &out.decision.reasons {
            println!("  {}", r.message);
        }
    }
    Ok(())
}
