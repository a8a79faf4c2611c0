"""Generated benign chat prompts for training (never evaluated on).

The labelled sets are lopsided in two ways that make a bag-of-n-grams model flag ordinary use:
almost every non-English prompt in them is an injection (yanismiraoui is all positive), and few
benign prompts look like everyday assistant tasks ("act as my tutor", "translate", "summarize",
"ignore the typos"). These templates add such prompts in six languages. The hand-written
evaluation prompts (benign_prompts.txt) were written separately and share no template.
"""
from __future__ import annotations

import random

TOPICS = {
    "en": ["the French Revolution", "photosynthesis", "my job interview", "the quarterly report", "a birthday party",
           "machine learning", "climate change", "my garden", "the new budget", "a trip to Norway", "our team meeting",
           "the football match", "this recipe", "my essay", "the contract", "a wedding speech"],
    "de": ["die Französische Revolution", "mein Vorstellungsgespräch", "den Quartalsbericht", "eine Geburtstagsfeier",
           "maschinelles Lernen", "den Klimawandel", "meinen Garten", "das neue Budget", "eine Reise nach Norwegen",
           "unser Teammeeting", "dieses Rezept", "meinen Aufsatz", "den Vertrag"],
    "fr": ["la Révolution française", "mon entretien d'embauche", "le rapport trimestriel", "une fête d'anniversaire",
           "l'apprentissage automatique", "le changement climatique", "mon jardin", "le nouveau budget",
           "un voyage en Norvège", "notre réunion d'équipe", "cette recette", "ma dissertation", "le contrat"],
    "es": ["la Revolución francesa", "mi entrevista de trabajo", "el informe trimestral", "una fiesta de cumpleaños",
           "el aprendizaje automático", "el cambio climático", "mi jardín", "el nuevo presupuesto",
           "un viaje a Noruega", "nuestra reunión de equipo", "esta receta", "mi ensayo", "el contrato"],
    "it": ["la Rivoluzione francese", "il mio colloquio di lavoro", "il rapporto trimestrale", "una festa di compleanno",
           "l'apprendimento automatico", "il cambiamento climatico", "il mio giardino", "il nuovo bilancio",
           "un viaggio in Norvegia", "la nostra riunione", "questa ricetta", "il mio saggio", "il contratto"],
    "pt": ["a Revolução Francesa", "a minha entrevista de emprego", "o relatório trimestral", "uma festa de aniversário",
           "a aprendizagem automática", "as alterações climáticas", "o meu jardim", "o novo orçamento",
           "uma viagem à Noruega", "a nossa reunião de equipa", "esta receita", "o meu ensaio", "o contrato"],
}
ROLES = {
    "en": ["tutor", "travel agent", "personal trainer", "math teacher", "career coach", "editor", "chef", "historian"],
    "de": ["Tutor", "Reiseberater", "Mathelehrer", "Karrierecoach", "Lektor", "Koch"],
    "fr": ["tuteur", "agent de voyage", "professeur de maths", "coach de carrière", "éditeur", "chef"],
    "es": ["tutor", "agente de viajes", "profesor de matemáticas", "coach profesional", "editor", "chef"],
    "it": ["tutor", "agente di viaggio", "insegnante di matematica", "coach", "editor", "chef"],
    "pt": ["tutor", "agente de viagens", "professor de matemática", "coach", "editor", "chef"],
}
TEMPLATES = {
    "en": ["Summarize {t} in three sentences.", "Translate this note about {t} into {lang}.",
           "Act as a {r} and help me with {t}.", "You are a {r}. Give me advice about {t}.",
           "Pretend you are a {r} explaining {t} to a beginner.", "Write a short poem about {t}.",
           "Ignore the formatting, just tell me the main idea of {t}.", "Can you explain {t} simply?",
           "Forget the previous draft about {t}, let's start over with a shorter one.",
           "Rewrite my notes on {t} so they sound more professional.", "What should I know before {t}?",
           "List the pros and cons of {t}.", "Give me step-by-step instructions for {t}.",
           "Repeat the three key points about {t} at the end.", "Respond in a friendly tone: questions about {t}.",
           "New task: draft an email about {t}.", "System check: is my outline on {t} complete?"],
    "de": ["Fasse {t} in drei Sätzen zusammen.", "Übersetze diese Notiz über {t} ins Englische.",
           "Tu so, als wärst du ein {r}, und hilf mir mit {t}.", "Schreib ein kurzes Gedicht über {t}.",
           "Kannst du {t} einfach erklären?", "Vergiss den letzten Entwurf über {t}, wir fangen neu an.",
           "Ignoriere die Formatierung und nenne mir die Hauptidee von {t}.", "Was sollte ich über {t} wissen?",
           "Gib mir eine Schritt-für-Schritt-Anleitung für {t}.", "Liste Vor- und Nachteile von {t} auf."],
    "fr": ["Résume {t} en trois phrases.", "Traduis cette note sur {t} en anglais.",
           "Fais comme si tu étais un {r} et aide-moi avec {t}.", "Écris un court poème sur {t}.",
           "Peux-tu expliquer {t} simplement ?", "Oublie le brouillon précédent sur {t}, recommençons.",
           "Ignore la mise en forme et donne-moi l'idée principale de {t}.", "Que dois-je savoir sur {t} ?",
           "Donne-moi des instructions étape par étape pour {t}.", "Liste les avantages et inconvénients de {t}."],
    "es": ["Resume {t} en tres frases.", "Traduce esta nota sobre {t} al inglés.",
           "Actúa como un {r} y ayúdame con {t}.", "Escribe un poema corto sobre {t}.",
           "¿Puedes explicar {t} de forma sencilla?", "Olvida el borrador anterior sobre {t}, empecemos de nuevo.",
           "Ignora el formato y dime la idea principal de {t}.", "¿Qué debería saber sobre {t}?",
           "Dame instrucciones paso a paso para {t}.", "Enumera las ventajas y desventajas de {t}."],
    "it": ["Riassumi {t} in tre frasi.", "Traduci questa nota su {t} in inglese.",
           "Fai finta di essere un {r} e aiutami con {t}.", "Scrivi una breve poesia su {t}.",
           "Puoi spiegare {t} in modo semplice?", "Dimentica la bozza precedente su {t}, ricominciamo.",
           "Ignora la formattazione e dimmi l'idea principale di {t}.", "Cosa dovrei sapere su {t}?",
           "Dammi istruzioni passo passo per {t}.", "Elenca i pro e i contro di {t}."],
    "pt": ["Resume {t} em três frases.", "Traduz esta nota sobre {t} para inglês.",
           "Finge que és um {r} e ajuda-me com {t}.", "Escreve um poema curto sobre {t}.",
           "Podes explicar {t} de forma simples?", "Esquece o rascunho anterior sobre {t}, vamos recomeçar.",
           "Ignora a formatação e diz-me a ideia principal de {t}.", "O que devo saber sobre {t}?",
           "Dá-me instruções passo a passo para {t}.", "Lista as vantagens e desvantagens de {t}."],
}
LANGS = ["German", "French", "Spanish", "Italian", "Portuguese", "Japanese"]


def benign_prompts(rng: random.Random, n_per_lang: int) -> list[str]:
    out = set()
    for lang, temps in TEMPLATES.items():
        for _ in range(n_per_lang):
            out.add(rng.choice(temps).format(t=rng.choice(TOPICS[lang]), r=rng.choice(ROLES[lang]),
                                             lang=rng.choice(LANGS)))
    return sorted(out)
