//! Street addresses written in a sentence: "lives at 6432 Lisa Courts Apt. 275, Springfield",
//! "Hauptstraße 5", "12, rue de la Paix", "Calle Mayor 35", "Via Roma 3".
//!
//! A labelled address (`Address: ...`) is the field rules' (`field.address`); the NER model finds
//! many others. This recognizer is for the rest: a street named the way postal services name them
//! (a number and a street type), in English, German, Dutch, French, Spanish and Italian. It reads
//! the street, an optional unit ("Apt. 275", "Piso 5") and the place after one comma (capitalized
//! words, "de"/"am"/"sur" inside). A house number is required: "la rue Morin" without one is
//! too often a street named in passing. A match scores 0.6 and the default policy reports
//! ADDRESS from 0.85 (the NER model's point), so a context word must back it.

use crate::recognizer::{PatternDef, RecognizerDef, Strength};

/// `ADDRESS`: a street address in one of four layouts.
pub const RECOGNIZER: RecognizerDef = RecognizerDef {
    id: "generic.street_address",
    entity: "ADDRESS",
    patterns: &[
        // English: "221B Baker Street", "6432 Lisa Courts Apt. 275, Springfield". Street types
        // from USPS Publication 28 (appendix C1) and Royal Mail's usual ones.
        PatternDef {
            name: "number, street, type",
            regex: concat!(
                r"(?:(?-u:\b)[0-9]{1,5}[A-Za-z]? |(?:Flat|Studio|Apartment|Unit|Suite) [0-9]{1,4}[A-Za-z]?,?[ \n])",
                r"(?:\p{Lu}[\p{Ll}'’-]+ ){1,3}",
                r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Court|Ct|Courts|Boulevard|Blvd|Way|Place|Pl|Port|Hills?|",
                r"Commons?|Pines?|Unions?|Club|Points?|Mount|Park|Islands?|Lakes?|Keys?|Mountains?|River|Centre|Center|Ranch|",
                r"Terrace|Ter|Circle|Cir|Square|Sq|Parkway|Pkwy|Highway|Hwy|Trail|Trl|Crescent|Close|Grove|",
                r"Gardens|Row|Walk|Mews|Heights|Alley|Crossing|Loop|Path|Pike|Ridge|Expressway|Freeway|",
                r"Turnpike|Village|Ville|Well|Wells|Tunnel|Cliff|Cliffs|Estates?|Glen|Green|Harbor|Harbour|",
                r"Haven|Junction|Knolls?|Landing|Manor|Meadows?|Mills?|Motorway|Orchard|Oval|Passage|",
                r"Plaza|Prairie|Rapids|Shores?|Springs?|Station|Stream|Summit|Valley|Wharf|Brooks?|",
                r"Bypass|Causeway|Corners?|Coves?|Creek|Crest|Dale|Extension|Falls|Ferry|Fields|Ford|",
                r"Forges?|Forks?|Gateway|Hollow|Inlet|Lodge|Overpass|Plains?|Ramp|Route|Skyway|Spur|Trace|",
                r"Track|Underpass|Viaduct|Views?|Vista|Ways)(?-u:\b)\.?",
                r"(?:,? (?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|Room|Rm|#)\.? ?[0-9][0-9A-Za-z-]{0,5})?",
                r"(?: ?, \p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+){0,2}(?:,? [A-Z]{2}(?-u:\b))?(?: [0-9]{5})?)?",
            ),
            strength: Strength::Medium,
        },
        // German and Dutch: the type is the end of the word, the number after it:
        // "Hauptstraße 5", "Carola-Bien-Straße 688", "Eigenwilligweg 94-74", "Kerkstraat 12a".
        PatternDef {
            name: "street word, number",
            regex: concat!(
                r"\p{Lu}[\p{L}-]*(?:[Ss]traße|[Ss]trasse|[Ss]tr\.|[Ww]eg|[Gg]asse|[Pp]latz|[Aa]llee|[Rr]ing|[Dd]amm|",
                r"[Uu]fer|[Cc]haussee|[Pp]fad|[Ss]traat|[Ll]aan|[Pp]lein|[Gg]racht|[Ss]ingel|[Kk]ade|[Dd]ijk) ",
                r"[0-9]{1,4}[a-z]?(?: ?[-/] ?[0-9]{1,4}[a-z]?)?(?-u:\b)",
                r"(?:, (?:[0-9]{4,5} )?\p{Lu}[\p{L}'’-]+(?: (?:am|an der|im|vorm|bei|aan den|aan de) \p{Lu}[\p{L}'’-]+)?)?",
            ),
            strength: Strength::Medium,
        },
        // Spanish, Italian, French with the type first and a number after the name:
        // "Calle Virginia Terrón 35", "Pasaje de Candelaria Santiago 2 Puerta 0", "Via Roma 3".
        PatternDef {
            name: "type, street, number",
            regex: concat!(
                r"(?:Calle|C/|Avenida|Avda\.|Paseo|Plaza|Camino|Carrer|Carretera|Ronda|Glorieta|Pasaje|Cuesta|",
                r"Travesía|Callejón|Rambla|Alameda|Urbanización|Vía|Via|Viale|Piazza|Piazzale|Corso|Largo|",
                r"Vicolo|Strada|Contrada|Borgo|Rue|Avenue|Boulevard|Chemin|Allée|Impasse|Quai) ",
                r"(?:(?:de la|de los|de las|del|de|du|des|di|della|dei|degli|delle|d'|l') ?)?",
                r"\p{Lu}[\p{L}'’-]+(?: (?:(?:de|del|di|la) )?\p{Lu}[\p{L}'’-]+){0,3},? [0-9]{1,4}[A-Za-z]?(?-u:\b)",
                r"(?: (?:Piso|Puerta|Esc\.|Escalera|Bajo|Int\.|Interno|Scala|Piano|Appartamento|Apt\.) ?[0-9][0-9A-Za-z]{0,3}){0,2}",
                r"(?: ?, (?:[0-9]{5} )?\p{Lu}[\p{L}'’-]+(?: (?:de|del|di|la|sur|en) \p{Lu}[\p{L}'’-]+| \p{Lu}[\p{L}'’-]+){0,2})?",
            ),
            strength: Strength::Medium,
        },
        // French, the number first: "12, rue de la Paix", "6 bis avenue Foch, 75016 Paris".
        PatternDef {
            name: "numéro, voie",
            regex: concat!(
                r"(?-u:\b)[0-9]{1,4}(?: ?(?:bis|ter))?,? ",
                r"(?:rue|avenue|boulevard|bd|chemin|place|allée|impasse|quai|route|cours|square|Rue|Avenue|",
                r"Boulevard|Chemin|Place|Allée|Impasse|Quai|Route) ",
                r"(?:(?:de la|de|du|des|d'|l') ?)?\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+){0,2}",
                r"(?:, (?:[0-9]{5} )?\p{Lu}[\p{L}'’-]+(?:[ -](?:sur|en|le|la|les)[ -]\p{Lu}[\p{L}'’-]+)?)?",
            ),
            strength: Strength::Medium,
        },
    ],
    validate: None,
    needs_context: false,
};
