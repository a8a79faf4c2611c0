//! The round trip a chat UI makes: protect the prompt, send what `protect` returns, restore the
//! reply (whole, then streamed in chunks the way a hosted model sends it).
//!
//! ```text
//! cargo run --example protect_and_restore
//! ```

use scrim::{Action, ScanOptions, Scrim};

fn main() -> Result<(), scrim::Error> {
    let mut scrim = Scrim::new()?;
    let prompt = "Write a reminder to Priya Raman (priya.raman@example.com) that card 4111 1111 1111 1111 expires soon.";
    let out = scrim.protect(prompt, &ScanOptions::default())?;
    if out.decision.action == Action::Block {
        println!("not sent: {}", out.decision.reasons[0].message);
        return Ok(());
    }
    let sent = out.text.as_deref().unwrap_or(prompt);
    println!("the model receives: {sent}");
    for f in &out.findings {
        println!("  {} at {}..{} ({}, score {:.2}) -> {:?}", f.entity, f.start, f.end, f.source.name, f.score, f.replacement);
    }
    // What a model might answer, echoing the placeholders it was given.
    let reply = "Hi [PERSON_1], a quick note: the card ending in [CREDIT_CARD_1] expires soon. Reply to [EMAIL_ADDRESS_1].";
    println!("the user sees: {}", scrim.restore(reply));
    // The same reply streamed: a placeholder split across chunks is held back until complete.
    let mut restorer = scrim.restorer();
    let mut shown = String::new();
    for chunk in ["Hi [PERS", "ON_1], the card [CREDIT_CA", "RD_1] expires soon."] {
        shown.push_str(&restorer.push(chunk));
    }
    shown.push_str(&restorer.finish());
    println!("streamed: {shown}");
    Ok(())
}
