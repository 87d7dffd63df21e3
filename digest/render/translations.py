"""The built-in theme's own words, by language: one table per language, English the key.

A message is the English text the templates write (`{{ _("Unsubscribe") }}`, `{% trans %}`);
its translation keeps the `%(name)s` placeholders and any link markup it holds. A count
(`ngettext`) is translated once per CLDR plural category of the language (`one`, `two`,
`few`, `many`, `other`; Babel says which a number takes), its English singular the key.
A language missing here reads the English; a regional table (pt_PT) holds only what the
region says differently and takes the rest from its language's.

Words a translator would question: "review" is the editor's review of an article (Besprechung,
critique, reseña); "issue" is one number of the newsletter (Ausgabe, numéro, edición, العدد).
"""

from __future__ import annotations

Translation = str | dict[str, str]

ENGLISH: dict[str, Translation] = {
    # [email] reply_prompt's default (a prompt of the editor's own is theirs, as written)
    "Reply to this email: we read every answer.": "Reply to this email: we read every answer.",
    "%(first)s, %(second)s": "%(first)s, %(second)s",  # two counts side by side
    "Featured": "Featured",  # the text email's label
    "Featured review": "Featured review",
    "Read our review": "Read our review",
    "Our review": "Our review",
    "The original article": "The original article",
    "Read the article": "Read the article",
    "%(label)s: %(title)s": "%(label)s: %(title)s",
    "by %(author)s": "by %(author)s",
    "%(num)s min read": {"one": "%(num)s min read", "other": "%(num)s min read"},
    "Issue %(number)s": "Issue %(number)s",
    "No. %(number)s: %(title)s": "No. %(number)s: %(title)s",
    "In this issue": "In this issue",
    "All issues": "All issues",
    "Latest issues": "Latest issues",
    "Issues by year": "Issues by year",
    "Issues of %(year)s": "Issues of %(year)s",
    "%(num)s issue": {"one": "%(num)s issue", "other": "%(num)s issues"},
    "%(num)s review": {"one": "%(num)s review", "other": "%(num)s reviews"},
    "%(num)s link": {"one": "%(num)s link", "other": "%(num)s links"},
    "Previous issue": "Previous issue",
    "Next issue": "Next issue",
    "Other issues": "Other issues",
    "Sections": "Sections",
    "Source": "Source",
    "Back to %(title)s": "Back to %(title)s",
    "Atom feed": "Atom feed",
    'Get every issue in your inbox: <a href="%(url)s">subscribe to %(title)s</a>.': (
        'Get every issue in your inbox: <a href="%(url)s">subscribe to %(title)s</a>.'
    ),
    'Get the next issue in your inbox: <a href="%(url)s">subscribe to %(title)s</a>.': (
        'Get the next issue in your inbox: <a href="%(url)s">subscribe to %(title)s</a>.'
    ),
    'Like what you read? <a href="%(url)s">Subscribe to %(title)s</a>.': (
        'Like what you read? <a href="%(url)s">Subscribe to %(title)s</a>.'
    ),
    'Forwarded this email? <a href="%(url)s">Subscribe to %(title)s</a>.': (
        'Forwarded this email? <a href="%(url)s">Subscribe to %(title)s</a>.'
    ),
    "Forwarded this email? Subscribe": "Forwarded this email? Subscribe",
    "View this issue in your browser": "View this issue in your browser",
    "Subscribe by RSS": "Subscribe by RSS",
    "Unsubscribe": "Unsubscribe",
    "You receive %(title)s because you subscribed to it.": (
        "You receive %(title)s because you subscribed to it."
    ),
}

GERMAN: dict[str, Translation] = {
    "Reply to this email: we read every answer.": "Antworten Sie auf diese E-Mail: Wir lesen jede Antwort.",
    "%(first)s, %(second)s": "%(first)s, %(second)s",
    "Featured": "Empfohlen",
    "Featured review": "Empfohlene Besprechung",
    "Read our review": "Unsere Besprechung lesen",
    "Our review": "Unsere Besprechung",
    "The original article": "Der Originalartikel",
    "Read the article": "Artikel lesen",
    "%(label)s: %(title)s": "%(label)s: %(title)s",
    "by %(author)s": "von %(author)s",
    "%(num)s min read": {"one": "%(num)s Min. Lesezeit", "other": "%(num)s Min. Lesezeit"},
    "Issue %(number)s": "Ausgabe %(number)s",
    "No. %(number)s: %(title)s": "Nr. %(number)s: %(title)s",
    "In this issue": "In dieser Ausgabe",
    "All issues": "Alle Ausgaben",
    "Latest issues": "Neueste Ausgaben",
    "Issues by year": "Ausgaben nach Jahr",
    "Issues of %(year)s": "Ausgaben %(year)s",
    "%(num)s issue": {"one": "%(num)s Ausgabe", "other": "%(num)s Ausgaben"},
    "%(num)s review": {"one": "%(num)s Besprechung", "other": "%(num)s Besprechungen"},
    "%(num)s link": {"one": "%(num)s Link", "other": "%(num)s Links"},
    "Previous issue": "Vorherige Ausgabe",
    "Next issue": "Nächste Ausgabe",
    "Other issues": "Weitere Ausgaben",
    "Sections": "Abschnitte",
    "Source": "Quelle",
    "Back to %(title)s": "Zurück zu %(title)s",
    "Atom feed": "Atom-Feed",
    'Get every issue in your inbox: <a href="%(url)s">subscribe to %(title)s</a>.': (
        'Jede Ausgabe in Ihrem Posteingang: <a href="%(url)s">%(title)s abonnieren</a>.'
    ),
    'Get the next issue in your inbox: <a href="%(url)s">subscribe to %(title)s</a>.': (
        'Die nächste Ausgabe in Ihrem Posteingang: <a href="%(url)s">%(title)s abonnieren</a>.'
    ),
    'Like what you read? <a href="%(url)s">Subscribe to %(title)s</a>.': (
        'Gefällt Ihnen, was Sie lesen? <a href="%(url)s">%(title)s abonnieren</a>.'
    ),
    'Forwarded this email? <a href="%(url)s">Subscribe to %(title)s</a>.': (
        'Wurde Ihnen diese E-Mail weitergeleitet? <a href="%(url)s">%(title)s abonnieren</a>.'
    ),
    "Forwarded this email? Subscribe": "Wurde Ihnen diese E-Mail weitergeleitet? Abonnieren",
    "View this issue in your browser": "Diese Ausgabe im Browser ansehen",
    "Subscribe by RSS": "Per RSS abonnieren",
    "Unsubscribe": "Abmelden",
    "You receive %(title)s because you subscribed to it.": (
        "Sie erhalten %(title)s, weil Sie es abonniert haben."
    ),
}

# French typography: a no-break space before : ? ! (and inside guillemets).
FRENCH: dict[str, Translation] = {
    "Reply to this email: we read every answer.": "Répondez à cet e-mail\u00a0: nous lisons chaque réponse.",
    "%(first)s, %(second)s": "%(first)s, %(second)s",
    "Featured": "À la une",
    "Featured review": "Critique à la une",
    "Read our review": "Lire notre critique",
    "Our review": "Notre critique",
    "The original article": "L’article original",
    "Read the article": "Lire l’article",
    "%(label)s: %(title)s": "%(label)s\u00a0: %(title)s",
    "by %(author)s": "par %(author)s",
    "%(num)s min read": {"one": "%(num)s min de lecture", "other": "%(num)s min de lecture"},
    "Issue %(number)s": "Numéro %(number)s",
    "No. %(number)s: %(title)s": "N°\u00a0%(number)s\u00a0: %(title)s",
    "In this issue": "Dans ce numéro",
    "All issues": "Tous les numéros",
    "Latest issues": "Derniers numéros",
    "Issues by year": "Numéros par année",
    "Issues of %(year)s": "Numéros de %(year)s",
    "%(num)s issue": {"one": "%(num)s numéro", "other": "%(num)s numéros"},
    "%(num)s review": {"one": "%(num)s critique", "other": "%(num)s critiques"},
    "%(num)s link": {"one": "%(num)s lien", "other": "%(num)s liens"},
    "Previous issue": "Numéro précédent",
    "Next issue": "Numéro suivant",
    "Other issues": "Autres numéros",
    "Sections": "Sections",
    "Source": "Source",
    "Back to %(title)s": "Retour à %(title)s",
    "Atom feed": "Flux Atom",
    'Get every issue in your inbox: <a href="%(url)s">subscribe to %(title)s</a>.': (
        "Recevez chaque numéro dans votre boîte de réception\u00a0: "
        '<a href="%(url)s">abonnez-vous à %(title)s</a>.'
    ),
    'Get the next issue in your inbox: <a href="%(url)s">subscribe to %(title)s</a>.': (
        "Recevez le prochain numéro dans votre boîte de réception\u00a0: "
        '<a href="%(url)s">abonnez-vous à %(title)s</a>.'
    ),
    'Like what you read? <a href="%(url)s">Subscribe to %(title)s</a>.': (
        'Vous aimez ce que vous lisez\u00a0? <a href="%(url)s">Abonnez-vous à %(title)s</a>.'
    ),
    'Forwarded this email? <a href="%(url)s">Subscribe to %(title)s</a>.': (
        'On vous a transféré cet e-mail\u00a0? <a href="%(url)s">Abonnez-vous à %(title)s</a>.'
    ),
    "Forwarded this email? Subscribe": "On vous a transféré cet e-mail\u00a0? Abonnez-vous",
    "View this issue in your browser": "Voir ce numéro dans votre navigateur",
    "Subscribe by RSS": "S’abonner par RSS",
    "Unsubscribe": "Se désabonner",
    "You receive %(title)s because you subscribed to it.": (
        "Vous recevez %(title)s parce que vous y êtes abonné."
    ),
}

SPANISH: dict[str, Translation] = {
    "Reply to this email: we read every answer.": "Responde a este correo: leemos todas las respuestas.",
    "%(first)s, %(second)s": "%(first)s, %(second)s",
    "Featured": "Destacado",
    "Featured review": "Reseña destacada",
    "Read our review": "Leer nuestra reseña",
    "Our review": "Nuestra reseña",
    "The original article": "El artículo original",
    "Read the article": "Leer el artículo",
    "%(label)s: %(title)s": "%(label)s: %(title)s",
    "by %(author)s": "por %(author)s",
    "%(num)s min read": {"one": "%(num)s min de lectura", "other": "%(num)s min de lectura"},
    "Issue %(number)s": "Número %(number)s",
    "No. %(number)s: %(title)s": "N.º %(number)s: %(title)s",
    "In this issue": "En este número",
    "All issues": "Todos los números",
    "Latest issues": "Últimos números",
    "Issues by year": "Números por año",
    "Issues of %(year)s": "Números de %(year)s",
    "%(num)s issue": {"one": "%(num)s número", "other": "%(num)s números"},
    "%(num)s review": {"one": "%(num)s reseña", "other": "%(num)s reseñas"},
    "%(num)s link": {"one": "%(num)s enlace", "other": "%(num)s enlaces"},
    "Previous issue": "Número anterior",
    "Next issue": "Número siguiente",
    "Other issues": "Otros números",
    "Sections": "Secciones",
    "Source": "Fuente",
    "Back to %(title)s": "Volver a %(title)s",
    "Atom feed": "Feed Atom",
    'Get every issue in your inbox: <a href="%(url)s">subscribe to %(title)s</a>.': (
        'Recibe cada número en tu bandeja de entrada: <a href="%(url)s">suscríbete a %(title)s</a>.'
    ),
    'Get the next issue in your inbox: <a href="%(url)s">subscribe to %(title)s</a>.': (
        'Recibe el próximo número en tu bandeja de entrada: <a href="%(url)s">suscríbete a %(title)s</a>.'
    ),
    'Like what you read? <a href="%(url)s">Subscribe to %(title)s</a>.': (
        '¿Te gusta lo que lees? <a href="%(url)s">Suscríbete a %(title)s</a>.'
    ),
    'Forwarded this email? <a href="%(url)s">Subscribe to %(title)s</a>.': (
        '¿Te han reenviado este correo? <a href="%(url)s">Suscríbete a %(title)s</a>.'
    ),
    "Forwarded this email? Subscribe": "¿Te han reenviado este correo? Suscríbete",
    "View this issue in your browser": "Ver este número en el navegador",
    "Subscribe by RSS": "Suscribirse por RSS",
    "Unsubscribe": "Darse de baja",
    "You receive %(title)s because you subscribed to it.": "Recibes %(title)s porque te suscribiste.",
}

ITALIAN: dict[str, Translation] = {
    "Reply to this email: we read every answer.": "Rispondi a questa email: leggiamo ogni risposta.",
    "%(first)s, %(second)s": "%(first)s, %(second)s",
    "Featured": "In evidenza",
    "Featured review": "Recensione in evidenza",
    "Read our review": "Leggi la nostra recensione",
    "Our review": "La nostra recensione",
    "The original article": "L’articolo originale",
    "Read the article": "Leggi l’articolo",
    "%(label)s: %(title)s": "%(label)s: %(title)s",
    "by %(author)s": "di %(author)s",
    "%(num)s min read": {"one": "%(num)s min di lettura", "other": "%(num)s min di lettura"},
    "Issue %(number)s": "Numero %(number)s",
    "No. %(number)s: %(title)s": "N. %(number)s: %(title)s",
    "In this issue": "In questo numero",
    "All issues": "Tutti i numeri",
    "Latest issues": "Ultimi numeri",
    "Issues by year": "Numeri per anno",
    "Issues of %(year)s": "Numeri del %(year)s",
    "%(num)s issue": {"one": "%(num)s numero", "other": "%(num)s numeri"},
    "%(num)s review": {"one": "%(num)s recensione", "other": "%(num)s recensioni"},
    "%(num)s link": {"one": "%(num)s link", "other": "%(num)s link"},
    "Previous issue": "Numero precedente",
    "Next issue": "Numero successivo",
    "Other issues": "Altri numeri",
    "Sections": "Sezioni",
    "Source": "Fonte",
    "Back to %(title)s": "Torna a %(title)s",
    "Atom feed": "Feed Atom",
    'Get every issue in your inbox: <a href="%(url)s">subscribe to %(title)s</a>.': (
        'Ricevi ogni numero nella tua casella di posta: <a href="%(url)s">iscriviti a %(title)s</a>.'
    ),
    'Get the next issue in your inbox: <a href="%(url)s">subscribe to %(title)s</a>.': (
        'Ricevi il prossimo numero nella tua casella di posta: <a href="%(url)s">iscriviti a %(title)s</a>.'
    ),
    'Like what you read? <a href="%(url)s">Subscribe to %(title)s</a>.': (
        'Ti piace quello che leggi? <a href="%(url)s">Iscriviti a %(title)s</a>.'
    ),
    'Forwarded this email? <a href="%(url)s">Subscribe to %(title)s</a>.': (
        'Ti hanno inoltrato questa email? <a href="%(url)s">Iscriviti a %(title)s</a>.'
    ),
    "Forwarded this email? Subscribe": "Ti hanno inoltrato questa email? Iscriviti",
    "View this issue in your browser": "Visualizza questo numero nel browser",
    "Subscribe by RSS": "Iscriviti tramite RSS",
    "Unsubscribe": "Annulla l’iscrizione",
    "You receive %(title)s because you subscribed to it.": "Ricevi %(title)s perché ti sei iscritto.",
}

DUTCH: dict[str, Translation] = {
    "Reply to this email: we read every answer.": "Beantwoord deze e-mail: we lezen elk antwoord.",
    "%(first)s, %(second)s": "%(first)s, %(second)s",
    "Featured": "Uitgelicht",
    "Featured review": "Uitgelichte recensie",
    "Read our review": "Lees onze recensie",
    "Our review": "Onze recensie",
    "The original article": "Het oorspronkelijke artikel",
    "Read the article": "Lees het artikel",
    "%(label)s: %(title)s": "%(label)s: %(title)s",
    "by %(author)s": "door %(author)s",
    "%(num)s min read": {"one": "%(num)s min. leestijd", "other": "%(num)s min. leestijd"},
    "Issue %(number)s": "Editie %(number)s",
    "No. %(number)s: %(title)s": "Nr. %(number)s: %(title)s",
    "In this issue": "In deze editie",
    "All issues": "Alle edities",
    "Latest issues": "Nieuwste edities",
    "Issues by year": "Edities per jaar",
    "Issues of %(year)s": "Edities van %(year)s",
    "%(num)s issue": {"one": "%(num)s editie", "other": "%(num)s edities"},
    "%(num)s review": {"one": "%(num)s recensie", "other": "%(num)s recensies"},
    "%(num)s link": {"one": "%(num)s link", "other": "%(num)s links"},
    "Previous issue": "Vorige editie",
    "Next issue": "Volgende editie",
    "Other issues": "Andere edities",
    "Sections": "Onderdelen",
    "Source": "Bron",
    "Back to %(title)s": "Terug naar %(title)s",
    "Atom feed": "Atom-feed",
    'Get every issue in your inbox: <a href="%(url)s">subscribe to %(title)s</a>.': (
        'Ontvang elke editie in je inbox: <a href="%(url)s">abonneer je op %(title)s</a>.'
    ),
    'Get the next issue in your inbox: <a href="%(url)s">subscribe to %(title)s</a>.': (
        'Ontvang de volgende editie in je inbox: <a href="%(url)s">abonneer je op %(title)s</a>.'
    ),
    'Like what you read? <a href="%(url)s">Subscribe to %(title)s</a>.': (
        'Bevalt wat je leest? <a href="%(url)s">Abonneer je op %(title)s</a>.'
    ),
    'Forwarded this email? <a href="%(url)s">Subscribe to %(title)s</a>.': (
        'Is deze e-mail naar je doorgestuurd? <a href="%(url)s">Abonneer je op %(title)s</a>.'
    ),
    "Forwarded this email? Subscribe": "Is deze e-mail naar je doorgestuurd? Abonneer je",
    "View this issue in your browser": "Bekijk deze editie in je browser",
    "Subscribe by RSS": "Abonneren via RSS",
    "Unsubscribe": "Afmelden",
    "You receive %(title)s because you subscribed to it.": (
        "Je ontvangt %(title)s omdat je je hebt aangemeld."
    ),
}

# Brazilian usage ('pt' is pt-BR in CLDR); PORTUGUESE_PORTUGAL has what Portugal says otherwise.
PORTUGUESE: dict[str, Translation] = {
    "Reply to this email: we read every answer.": "Responda a este e-mail: lemos todas as respostas.",
    "%(first)s, %(second)s": "%(first)s, %(second)s",
    "Featured": "Em destaque",
    "Featured review": "Análise em destaque",
    "Read our review": "Leia nossa análise",
    "Our review": "Nossa análise",
    "The original article": "O artigo original",
    "Read the article": "Leia o artigo",
    "%(label)s: %(title)s": "%(label)s: %(title)s",
    "by %(author)s": "por %(author)s",
    "%(num)s min read": {"one": "%(num)s min de leitura", "other": "%(num)s min de leitura"},
    "Issue %(number)s": "Edição %(number)s",
    "No. %(number)s: %(title)s": "N.º %(number)s: %(title)s",
    "In this issue": "Nesta edição",
    "All issues": "Todas as edições",
    "Latest issues": "Edições mais recentes",
    "Issues by year": "Edições por ano",
    "Issues of %(year)s": "Edições de %(year)s",
    "%(num)s issue": {"one": "%(num)s edição", "other": "%(num)s edições"},
    "%(num)s review": {"one": "%(num)s análise", "other": "%(num)s análises"},
    "%(num)s link": {"one": "%(num)s link", "other": "%(num)s links"},
    "Previous issue": "Edição anterior",
    "Next issue": "Próxima edição",
    "Other issues": "Outras edições",
    "Sections": "Seções",
    "Source": "Fonte",
    "Back to %(title)s": "Voltar para %(title)s",
    "Atom feed": "Feed Atom",
    'Get every issue in your inbox: <a href="%(url)s">subscribe to %(title)s</a>.': (
        'Receba cada edição na sua caixa de entrada: <a href="%(url)s">assine %(title)s</a>.'
    ),
    'Get the next issue in your inbox: <a href="%(url)s">subscribe to %(title)s</a>.': (
        'Receba a próxima edição na sua caixa de entrada: <a href="%(url)s">assine %(title)s</a>.'
    ),
    'Like what you read? <a href="%(url)s">Subscribe to %(title)s</a>.': (
        'Gostou do que leu? <a href="%(url)s">Assine %(title)s</a>.'
    ),
    'Forwarded this email? <a href="%(url)s">Subscribe to %(title)s</a>.': (
        'Recebeu este e-mail encaminhado? <a href="%(url)s">Assine %(title)s</a>.'
    ),
    "Forwarded this email? Subscribe": "Recebeu este e-mail encaminhado? Assine",
    "View this issue in your browser": "Ver esta edição no navegador",
    "Subscribe by RSS": "Assinar por RSS",
    "Unsubscribe": "Cancelar inscrição",
    "You receive %(title)s because you subscribed to it.": "Você recebe %(title)s porque se inscreveu.",
}

PORTUGUESE_PORTUGAL: dict[str, Translation] = {
    "Read our review": "Leia a nossa análise",
    "Our review": "A nossa análise",
    "Sections": "Secções",
    "Back to %(title)s": "Voltar a %(title)s",
    'Get every issue in your inbox: <a href="%(url)s">subscribe to %(title)s</a>.': (
        'Receba cada edição na sua caixa de correio: <a href="%(url)s">subscreva %(title)s</a>.'
    ),
    'Get the next issue in your inbox: <a href="%(url)s">subscribe to %(title)s</a>.': (
        'Receba a próxima edição na sua caixa de correio: <a href="%(url)s">subscreva %(title)s</a>.'
    ),
    'Like what you read? <a href="%(url)s">Subscribe to %(title)s</a>.': (
        'Gostou do que leu? <a href="%(url)s">Subscreva %(title)s</a>.'
    ),
    'Forwarded this email? <a href="%(url)s">Subscribe to %(title)s</a>.': (
        'Recebeu este e-mail reencaminhado? <a href="%(url)s">Subscreva %(title)s</a>.'
    ),
    "Forwarded this email? Subscribe": "Recebeu este e-mail reencaminhado? Subscreva",
    "Subscribe by RSS": "Subscrever por RSS",
    "Unsubscribe": "Cancelar subscrição",
    "You receive %(title)s because you subscribed to it.": "Recebe %(title)s porque o subscreveu.",
}

# CLDR's Arabic plural categories: zero, one, two, few (3-10), many (11-99), other (100-102...).
ARABIC: dict[str, Translation] = {
    "Reply to this email: we read every answer.": "ردّ على هذه الرسالة: نقرأ كل ردّ.",
    "%(first)s, %(second)s": "%(first)s، %(second)s",
    "Featured": "مميز",
    "Featured review": "مراجعة مميزة",
    "Read our review": "اقرأ مراجعتنا",
    "Our review": "مراجعتنا",
    "The original article": "المقال الأصلي",
    "Read the article": "اقرأ المقال",
    "%(label)s: %(title)s": "%(label)s: %(title)s",
    "by %(author)s": "بقلم %(author)s",
    "%(num)s min read": {
        "zero": "%(num)s دقيقة للقراءة",
        "one": "دقيقة واحدة للقراءة",
        "two": "دقيقتان للقراءة",
        "few": "%(num)s دقائق للقراءة",
        "many": "%(num)s دقيقة للقراءة",
        "other": "%(num)s دقيقة للقراءة",
    },
    "Issue %(number)s": "العدد %(number)s",
    "No. %(number)s: %(title)s": "العدد %(number)s: %(title)s",
    "In this issue": "في هذا العدد",
    "All issues": "كل الأعداد",
    "Latest issues": "أحدث الأعداد",
    "Issues by year": "الأعداد حسب السنة",
    "Issues of %(year)s": "أعداد %(year)s",
    "%(num)s issue": {
        "zero": "%(num)s عدد",
        "one": "عدد واحد",
        "two": "عددان",
        "few": "%(num)s أعداد",
        "many": "%(num)s عددًا",
        "other": "%(num)s عدد",
    },
    "%(num)s review": {
        "zero": "%(num)s مراجعة",
        "one": "مراجعة واحدة",
        "two": "مراجعتان",
        "few": "%(num)s مراجعات",
        "many": "%(num)s مراجعة",
        "other": "%(num)s مراجعة",
    },
    "%(num)s link": {
        "zero": "%(num)s رابط",
        "one": "رابط واحد",
        "two": "رابطان",
        "few": "%(num)s روابط",
        "many": "%(num)s رابطًا",
        "other": "%(num)s رابط",
    },
    "Previous issue": "العدد السابق",
    "Next issue": "العدد التالي",
    "Other issues": "أعداد أخرى",
    "Sections": "الأقسام",
    "Source": "المصدر",
    "Back to %(title)s": "العودة إلى %(title)s",
    "Atom feed": "موجز Atom",
    'Get every issue in your inbox: <a href="%(url)s">subscribe to %(title)s</a>.': (
        'احصل على كل عدد في بريدك: <a href="%(url)s">اشترك في %(title)s</a>.'
    ),
    'Get the next issue in your inbox: <a href="%(url)s">subscribe to %(title)s</a>.': (
        'احصل على العدد القادم في بريدك: <a href="%(url)s">اشترك في %(title)s</a>.'
    ),
    'Like what you read? <a href="%(url)s">Subscribe to %(title)s</a>.': (
        'هل أعجبك ما قرأت؟ <a href="%(url)s">اشترك في %(title)s</a>.'
    ),
    'Forwarded this email? <a href="%(url)s">Subscribe to %(title)s</a>.': (
        'هل وصلتك هذه الرسالة من شخص آخر؟ <a href="%(url)s">اشترك في %(title)s</a>.'
    ),
    "Forwarded this email? Subscribe": "هل وصلتك هذه الرسالة من شخص آخر؟ اشترك",
    "View this issue in your browser": "اعرض هذا العدد في المتصفح",
    "Subscribe by RSS": "اشترك عبر RSS",
    "Unsubscribe": "إلغاء الاشتراك",
    "You receive %(title)s because you subscribed to it.": "تصلك %(title)s لأنك اشتركت فيها.",
}

# CLDR's Hebrew plural categories: one, two, other.
HEBREW: dict[str, Translation] = {
    "Reply to this email: we read every answer.": "השיבו למייל הזה: אנחנו קוראים כל תשובה.",
    "%(first)s, %(second)s": "%(first)s, %(second)s",
    "Featured": "נבחר",
    "Featured review": "סקירה נבחרת",
    "Read our review": "לקריאת הסקירה שלנו",
    "Our review": "הסקירה שלנו",
    "The original article": "המאמר המקורי",
    "Read the article": "לקריאת המאמר",
    "%(label)s: %(title)s": "%(label)s: %(title)s",
    "by %(author)s": "מאת %(author)s",
    "%(num)s min read": {"one": "דקת קריאה אחת", "two": "%(num)s דקות קריאה", "other": "%(num)s דקות קריאה"},
    "Issue %(number)s": "גיליון %(number)s",
    "No. %(number)s: %(title)s": "גיליון %(number)s: %(title)s",
    "In this issue": "בגיליון הזה",
    "All issues": "כל הגיליונות",
    "Latest issues": "הגיליונות האחרונים",
    "Issues by year": "גיליונות לפי שנה",
    "Issues of %(year)s": "גיליונות %(year)s",
    "%(num)s issue": {"one": "גיליון אחד", "two": "שני גיליונות", "other": "%(num)s גיליונות"},
    "%(num)s review": {"one": "סקירה אחת", "two": "שתי סקירות", "other": "%(num)s סקירות"},
    "%(num)s link": {"one": "קישור אחד", "two": "שני קישורים", "other": "%(num)s קישורים"},
    "Previous issue": "הגיליון הקודם",
    "Next issue": "הגיליון הבא",
    "Other issues": "גיליונות אחרים",
    "Sections": "חלקים",
    "Source": "מקור",
    "Back to %(title)s": "חזרה אל %(title)s",
    "Atom feed": "פיד Atom",
    'Get every issue in your inbox: <a href="%(url)s">subscribe to %(title)s</a>.': (
        'קבלו כל גיליון לתיבת הדואר: <a href="%(url)s">הירשמו ל־%(title)s</a>.'
    ),
    'Get the next issue in your inbox: <a href="%(url)s">subscribe to %(title)s</a>.': (
        'קבלו את הגיליון הבא לתיבת הדואר: <a href="%(url)s">הירשמו ל־%(title)s</a>.'
    ),
    'Like what you read? <a href="%(url)s">Subscribe to %(title)s</a>.': (
        'אהבתם את מה שקראתם? <a href="%(url)s">הירשמו ל־%(title)s</a>.'
    ),
    'Forwarded this email? <a href="%(url)s">Subscribe to %(title)s</a>.': (
        'קיבלתם את המייל הזה בהעברה? <a href="%(url)s">הירשמו ל־%(title)s</a>.'
    ),
    "Forwarded this email? Subscribe": "קיבלתם את המייל הזה בהעברה? להרשמה",
    "View this issue in your browser": "לצפייה בגיליון בדפדפן",
    "Subscribe by RSS": "הרשמה ב־RSS",
    "Unsubscribe": "הסרה מרשימת התפוצה",
    "You receive %(title)s because you subscribed to it.": "קיבלתם את %(title)s כי נרשמתם.",
}

# By Babel's locale identifier: a language, or a language and region (pt_PT).
TRANSLATIONS: dict[str, dict[str, Translation]] = {
    "en": ENGLISH,
    "de": GERMAN,
    "fr": FRENCH,
    "es": SPANISH,
    "it": ITALIAN,
    "nl": DUTCH,
    "pt": PORTUGUESE,
    "pt_PT": PORTUGUESE_PORTUGAL,
    "ar": ARABIC,
    "he": HEBREW,
}
