"""Word lists for the signal detectors in German, French, Spanish, Italian, Portuguese and Dutch.

Each language has one ``Vocabulary``: for every signal, regular-expression fragments
over the *normalised* text (NFKC, case-folded, so ``ß`` is already ``ss``). Fragments
are written the way the language is spelled, with accents; ``fold`` widens them so
they also match what people type on a phone: ``é`` matches ``e``, ``ü`` matches ``ue``
and ``u``, ``ñ`` matches ``n``, ``œ`` matches ``oe``, and an apostrophe matches ``'``
or ``’``. Verbs are written as stems with their endings (``zahl(?:e|st|t|en)``) rather
than as the phrases of one writer, so other speakers' wording is covered too.

``signals.py`` builds one alternation per signal over all six languages (English keeps
its own patterns there). Words that are also English, or mean something harmless in a
neighbouring language, are only listed in a context that disambiguates them:
Portuguese ``pix`` (English "pics") after "faz um", Dutch ``ideal`` after "via", French
``rib`` after a determiner.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["AMOUNTS", "LANGUAGES", "OWN_END", "PLATFORMS", "VOCABULARIES",
           "Vocabulary", "fold"]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """One language's regular-expression fragments, grouped by the signal they feed.

    ``signals.py`` puts word boundaries around each group, so a fragment is a word or a
    phrase, never half of one. A fragment that ends with ``OWN_END`` says where it ends
    itself (it may end on punctuation) and gets no boundary after it.
    """

    payment: tuple[str, ...]        # asks for money or names a way to pay
    share_verbs: tuple[str, ...]    # send, post, show, leak, forward ... (any tense)
    possessives: tuple[str, ...]    # "your" in every form: dein, deine, deiner, Ihre ...
    adjectives: tuple[str, ...]     # what may stand between: "deine GANZE Familie"
    people: tuple[str, ...]         # who the reader knows: Eltern, Freunde, Schule, Follower
    audiences: tuple[str, ...]      # other ways to name them, or everyone: "die ganze Welt"
    to_words: tuple[str, ...]       # "to / with / on" before an audience that comes first
    places: tuple[str, ...]         # where it would be public: "ins Internet", "en ligne"
    receive_verbs: tuple[str, ...]  # "... will see / find out / get it" after an audience
    receive_first: tuple[str, ...]  # the same before the audience: "dann bekommt | dein Mann"
    share_phrases: tuple[str, ...]  # whole threats: "ruin your life", "go viral"
    contacts: tuple[str, ...]       # "I have your followers", "I know where you live"
    recording: tuple[str, ...]      # recorded, filmed, webcam, video call, hacked
    intimate: tuple[str, ...]       # nude, sexual, intimate images
    deadline: tuple[str, ...]       # countdowns, "by tonight", "right now"
    minor: tuple[str, ...]          # ages under 18, school words
    otherwise: tuple[str, ...]      # "otherwise", "if you don't ..." (a comma may follow)
    or_words: tuple[str, ...]       # a bare "or" (the consequence must follow in its clause)
    consequences: tuple[str, ...]   # what happens then: sees, gets sent, goes online
    secrecy: tuple[str, ...]        # don't tell anyone, no police, between us


# Accented letters and what people type instead. German umlauts also as "ue", "oe", "ae".
_BASE = {
    "á": "a", "à": "a", "â": "a", "ã": "a", "ä": "a", "é": "e", "è": "e", "ê": "e", "ë": "e",
    "í": "i", "ì": "i", "î": "i", "ï": "i", "ó": "o", "ò": "o", "ô": "o", "õ": "o", "ö": "o",
    "ú": "u", "ù": "u", "û": "u", "ü": "u", "ç": "c", "ñ": "n",
}
_SPELLED_OUT = {"ä": "ae", "ö": "oe", "ü": "ue", "œ": "oe", "ß": "ss"}
_APOSTROPHES = "'’"


def fold(fragment: str) -> str:
    """Let ``fragment`` match unaccented spellings and either apostrophe.

    >>> fold("überweis")
    '(?:ü|ue|u)berweis'
    >>> fold("t'es [àé]")
    "t['’]es [àaée]"
    """
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(fragment):
        char = fragment[i]
        if char == "\\":
            out.append(fragment[i : i + 2])
            i += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
            elif char in _BASE:
                char += _BASE[char]
            elif char == "'":
                char = _APOSTROPHES
        elif char == "[":
            in_class = True
        elif char == "ß":
            char = "ss?"
        elif char in _SPELLED_OUT:
            plain = _BASE.get(char)
            char = f"(?:{char}|{_SPELLED_OUT[char]}" + (f"|{plain})" if plain else ")")
        elif char in _BASE:
            char = f"[{char}{_BASE[char]}]"
        elif char == "'":
            char = f"[{_APOSTROPHES}]"
        out.append(char)
        i += 1
    return "".join(out)


#: Marks a fragment that says where it ends itself (a regular-expression comment).
OWN_END = "(?#own end)"

#: Platforms and sites, named the same way in every language.
PLATFORMS = (
    r"instagram|insta|ig|snapchat|snap|tiktok|facebook|fb|twitter|whatsapp|telegram|youtube"
    r"|reddit|discord|onlyfans|pornhub|xvideos|xhamster|tumblr|linkedin|x"
)

_CURRENCY = (r"(?:€|k€|(?:euros?|eur|chf|franken|francs?|franchi|stutz|reais|real|pesos"
             r"|pavos|lucas|lukas|balles|ballen|paus|contos?|pilas?|dólares|dolares|soles"
             r"|bolívares|quetzales|mil)\b)")
#: A sum without currency after "noch / encore / otros / altri / mais / nog": "nochmal 300
#: bis morgen". It must end a clause (punctuation or a small word follows), which leaves out
#: counts ("noch 10 Minuten", "otros 20 seguidores").
_BARE_SUM = (
    r"[1-9]\d{1,5}(?:[.,' ]\d{3})*(?:,\d{1,2})?(?:[.!?;:/)]| (?:und|oder|bis|heute|sofort|dann"
    r"|et|ou|pour|pis|avant|maintenant|y|o|para|pa|antes|hasta|ya|hoy|más|que|e|per|entro"
    r"|subito|oggi|até|pra|agora|hoje|en|of|voor|vandaag|nu|tot|morgen)\b)" + OWN_END
)
_NUMBER_WORD = (
    r"(?:(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwanzig|fünfzig)?(?:hundert"
    r"|tausend)|(?:(?:deux|trois|quatre|cinq|six|huit|dix|vingt|cinquante)[ -])?(?:cents?|mille)"
    r"|(?:dos|tres|cuatro|seis|ocho)?cientos|quinientos|setecientos|novecientos|mil|cien"
    r"|(?:due|tre|quattro|cinque|sei|otto|dieci)?(?:cento|mila)|mille"
    r"|duzentos|trezentos|quatrocentos|quinhentos|seiscentos|oitocentos|cem"
    r"|(?:twee|drie|vier|vijf|zes|acht|tien)?(?:honderd|duizend))"
)
#: Amounts with a currency sign or word after them ("500 €", "1.000 euro", "300 reais",
#: "fünfhundert Euro", "1000$"), in currencies the English list does not have. Each starts
#: at a word boundary and says where it ends itself (a "€" is not a word character).
AMOUNTS = (
    r"\d+(?:[.,' ]\d{3})*(?:[.,]\d{1,2})?\s?" + _CURRENCY,
    r"\d+(?:[.,' ]\d{3})*(?:[.,]\d{1,2})?\$",
    r"r\$\s?\d+(?:[.,]\d+)*",
    _NUMBER_WORD + " ?" + _CURRENCY,
)



# ------------------------------------------------------------------------------- German
_DE_POSS = (r"(?:dein|deine|deinen|deinem|deiner|deines|ihr|ihre|ihren|ihrem|ihrer|eure|euren"
            r"|eurem|eurer|euer)")
_DE_PEOPLE = (
    r"(?:freund\w*|familie\w*|eltern|mutter|mama|mami|mutti|vater|papa|papi|vati|bruder|brüder"
    r"|schwester\w*|geschwister\w*|oma|opa|großeltern|verwandt\w*|onkel|tante|cousin\w*"
    r"|kinder[n]?|kind|frau|mann|ehefrau|ehemann|partner\w*|verlobt\w*|chef\w*|arbeitgeber\w*"
    r"|vorgesetzt\w*|kolleg\w*|arbeitskolleg\w*|firma|schule|lehrer\w*|klasse|klassenkamerad\w*"
    r"|mitschüler\w*|follower\w*|abonnent\w*|kontakt\w*|nachbar\w*|gemeinde|kirche|verein"
    r"|uni|team|mannschaft|gruppe\w*|klassenchat|umfeld|bekannt\w*|kumpel\w*|jungs|mädels|leute"
    r"|\w+(?:verein|gruppe|chat|kollegen|kolleginnen|freunde|team))"
)
GERMAN = Vocabulary(
    payment=(
        r"(?:be)?zahl(?:e|st|t|en|te|test|ten|tet|ung|ungen)",
        r"bezahl|gezahlt|bezahlt",
        r"zahl (?:jetzt|sofort|endlich|einfach|lieber|schnell|oder|bis|mir|uns|doch|halt)",
        r"überw[ei][ei]s\w*",
        r"lösegeld\w*|schweigegeld\w*",
        r"paysafe\w*|psc[- ]?(?:code|karte|pin)s?",
        r"(?:amazon|apple|itunes|google[- ]?play|steam|playstation|psn|xbox)[- ]?(?:gutschein|karte"
        r"|guthaben)\w*",
        r"gutschein[- ]?codes?|guthabenkarte\w*|prepaid[- ]?karte\w*|geschenkkarte\w*",
        r"twint|klarna|sofortüberweisung|kontonummer|bankverbindung|bankdaten",
        r"(?:bitcoin|btc|krypto|wallet)[- ]?(?:automat|adresse)\w*",
        r"(?:schick|sende|send|gib|überweis|zahl|bezahl|besorg|bring)\w* (?:mir |uns )?"
        r"(?:\w+ ){0,2}?(?:geld|kohle|knete|kröten|moneten|zaster|kies|kohle|betrag|summe)",
        r"(?:ich )?(?:will|wollen|brauch|krieg|bekomm|verlang|forder)\w* (?:\w+ ){0,2}?"
        r"(?:geld|kohle|knete|kröten|moneten|zaster)",
        r"(?:schick|sende|überweis|zahl|bezahl|gib)\w*(?: mir| uns)?(?: (?:noch|mal|sofort|jetzt"
        r"|endlich|einfach|nochmal|weitere|bitte|erst))* \d+(?:[.,]\d+)*",
        r"(?:nochmal|noch mal|nochmals|noch|weitere|weiteren|will|brauche|brauch|kostet|kosten"
        r"|macht) " + _BARE_SUM,
    ),
    share_verbs=(
        r"schick\w*|verschick\w*|rumschick\w*|herumschick\w*|weiterschick\w*",
        r"sende|senden|sendest|sendet|gesendet|versend\w*|versandt",
        r"weiterleit\w*|weitergeleitet|weitergeb\w*|weitergegeben",
        r"zeig\w*|herzeig\w*|rumzeig\w*|gezeigt",
        r"poste|posten|postest|postet|gepostet",
        r"teile|teilen|teilst|teilt|geteilt",
        r"veröffentlich\w*|verbreit\w*|verteil\w*",
        r"leake|leaken|leakst|leakt|geleakt",
        r"hochlad\w*|hochgelad\w*|hochzuladen|weiterzuleiten|weiterzugeben|zu (?:schicken|senden"
        r"|zeigen|posten|teilen|veröffentlichen|verbreiten|verschicken)",
        r"(?:geht|gehen|gehts|geht's|landet|landen|kommt|kommen) (?:\w+ ){0,3}?(?:an|zu|bei|in"
        r"|auf)",
    ),
    possessives=(_DE_POSS,),
    adjectives=(r"ganze[nr]?|gesamte[nr]?|liebe[nr]?|besten|engsten|kleine[nr]?|neue[nr]?",),
    people=(_DE_PEOPLE,),
    audiences=(
        r"(?:an|vor|bei) (?:alle|allen|jeden|jedem|jede)",
        r"(?:die|der|den) ganzen? (?:welt|schule|klasse|stadt|familie|verwandtschaft)",
        r"(?:an |zu )?alle[nr]? (?:kontakte\w*|follower\w*|freunde\w*|abonnenten|mitarbeiter\w*"
        r"|kollegen|eltern|lehrer\w*|mitschüler\w*)",
        r"klassengruppe|klassenchat|stufengruppe|stufenchat|familiengruppe|familienchat"
        r"|whatsapp-?gruppe",
    ),
    to_words=(r"an|zu|bei|vor|mit|in|auf|über",),
    places=(
        r"(?:ins|im|in|auf|über|bei) (?:das |dem |den |die )?(?:internet|netz|web"
        r"|sozialen (?:medien|netzwerken)|social media|porno?-?seiten|pornoseiten|"
        + PLATFORMS + ")",
        r"auf (?:einer|jeder|allen|mehreren|irgendeiner) (?:\w+ )?(?:seite|seiten|plattform\w*"
        r"|website\w*)",
    ),
    receive_verbs=(
        r"sehen|sieht|sehn|gesehen|zu sehen|bekommen|bekommt|kriegen|kriegt|erfahren|erfährt"
        r"|erhalten|erhält|empfangen|anschauen|angucken",
    ),
    receive_first=(
        r"(?:bekommt|bekommen|kriegt|kriegen|erhält|erhalten|erfährt|erfahren)",
        r"(?:dann|sonst|trotzdem|morgen|bald) (?:sieht|sehen|weiß|wissen)",
    ),
    share_phrases=(
        r"(?:mach|zerstör|ruinier|versau)\w* (?:\w+ )?(?:dein|ihr)(?:e|en)? (?:leben|ruf|karriere"
        r"|ehe|zukunft)",
        r"(?:dein|ihr) (?:leben|ruf) (?:ist )?(?:vorbei|ruiniert|zerstört|im arsch|gelaufen)",
        r"viral (?:gehen|geht)|geht viral",
        r"(?:dich|sie) (?:bloßstellen|blamieren|outen|exposen)|stell\w* (?:dich|sie) bloß"
        r"|bloßstell\w*",
        r"(?:stell|setz|pack|lad|tu)\w* (?:\w+ ){0,3}?(?:online|ins netz|ins internet)"
        r"|(?:geht|gehen|kommt|kommen|landet|landen) (?:\w+ ){0,3}?online",
        r"lad\w* (?:\w+ ){0,3}?(?:online|ins netz|ins internet|auf \w+) hoch",
        r"(?:ich|dann) (?:poste|leake|veröffentliche|verbreite) (?:es|sie|alles|die (?:bilder|fotos"
        r"|videos?|aufnahmen|nacktbilder|nudes)|das video)",
        r"(?:dann|sonst) (?:sieht|sehen|bekommt|bekommen|kriegt|kriegen|erfährt|erfahren|weiß"
        r"|wissen) (?:\w+ ){0,2}?(?:jeder|alle|die ganze \w+|" + _DE_POSS + r" \w+)",
        r"stell\w* (?:\w+ ){0,3}?(?:in (?:die|deine|eure) \w*gruppe|in den \w*chat|auf (?:"
        + PLATFORMS + "))",
    ),
    contacts=(
        _DE_POSS + r" (?:ganze[nr]? )?(?:follower-?liste|followerliste|follower|abonnent\w*"
        r"|freundes-?liste|freunde-?liste|kontakt-?liste|kontakte|familienmitglieder|adressbuch)",
        r"(?:liste|namen) (?:aller |all )?(?:deiner|ihrer) (?:freunde|follower|kontakte"
        r"|familie\w*)",
        r"screenshots?\b[^.!?\n]{0,40}?\b(?:follower\w*|freund\w*|kontakt\w*|familie|abonnent\w*)",
        r"ich (?:habe|hab|kenne|kenn) (?:mir )?(?:alle |all )?(?:deine|ihre) (?:\w+ )?(?:kontakte"
        r"|follower|freunde|familie|adresse|schule|arbeitsstelle|arbeit|daten|nummer)",
        r"(?:e-?mail-?adressen|nummern|kontakte|namen) (?:deiner|deines|ihrer|ihres) \w+"
        r"|(?:dein|ihr) adressbuch",
        r"ich wei(?:ss|s|ß) (?:genau )?wo (?:du|sie) (?:wohn\w*|arbeite\w*|zur schule|lebst|leben)",
    ),
    recording=(
        r"aufgenommen|aufgezeichnet|aufzeichnung\w*|aufnahme\w*|mitgeschnitten|gefilmt|filmen",
        r"kamera\w*|handykamera|frontkamera",
        r"videoanruf\w*|videochat\w*|videotelefonat\w*|videotelefonie",
        r"gehackt|gehacked|hackerangriff|schadsoftware|trojaner|spionagesoftware|spähsoftware",
        r"fernzugriff|zugriff auf (?:dein|ihr)(?:e|en)? (?:gerät|computer|handy|kamera|konto"
        r"|e-?mail"
        r"|mikrofon|pc|laptop|smartphone)",
        r"ich (?:hab|habe) (?:dich|sie) (?:gesehen|beobachtet|gefilmt|aufgenommen)",
    ),
    intimate=(
        r"nackt\w*",
        r"intime[nr]? (?:bilder|fotos|videos?|aufnahmen|inhalte)|intimbild\w*|intimfoto\w*",
        r"sexvideo\w*|sexbild\w*|sexfoto\w*|sexuell\w*|sexy (?:bilder|fotos)",
        r"masturb\w*|selbstbefriedig\w*|wichs\w*|oben ohne|freizügig\w*|anzüglich\w*|pikante",
        r"brüste|titten|schwanzbild\w*",
    ),
    deadline=(
        r"(?:innerhalb (?:von )?|in |nur |noch |du hast |sie haben |hast "
        r"|binnen )(?:den nächsten )?"
        r"(?:\d{1,3}|einer|einem|ein|zwei|drei|vier|fünf|sechs|zwölf|vierundzwanzig"
        r"|achtundvierzig|zweiundsiebzig) ?(?:stunden|std|h|minuten|min|tage[n]?|sekunden)",
        r"\d{1,3} ?(?:stunden|std|minuten|tage[n]?)",
        r"(?:bis|spätestens) (?:heute abend|heute|morgen|mitternacht|mittag|montag|dienstag"
        r"|mittwoch|donnerstag|freitag|samstag|sonntag|ende des tages|spätestens)",
        r"sofort|umgehend|unverzüglich|beeil dich|letzte chance|letzte warnung|letzte gelegenheit"
        r"|die zeit läuft|die uhr tickt|frist",
    ),
    minor=(
        r"(?:ich bin|du bist|bist du|er ist|sie ist|bin|bist) (?:erst |nur |doch erst |noch )?"
        r"(?:1[0-7]|zehn|elf|zwölf|dreizehn|vierzehn|fünfzehn|sechzehn|siebzehn)(?:[.,!?;)]"
        r"| (?:jahre?"
        r"|und|aber|also|lol|haha|xd|du|ich|geworden)\b)" + OWN_END,
        r"(?:1[0-7]|zehn|elf|zwölf|dreizehn|vierzehn|fünfzehn|sechzehn|siebzehn)"
        r"(?: ?jahre alt| ?jahre jung|-?jährig\w*| ?j\.)",
        r"minderjährig\w*|unter 18|nicht volljährig|noch nicht 18",
        r"schüler(?:in|innen)?|mitschüler\w*|klassenkamerad\w*|klassenchat|schulhof|pausenhof",
        r"(?:[5-9]|1[0-3])\. klasse|klasse (?:[5-9]|1[0-3])\b",
        r"gymnasium|realschule|hauptschule|gesamtschule|oberstufe|mittelstufe",
        r"(?:deine|deiner|ihre|ihrer) (?:schule|klasse|lehrer\w*|klassenlehrer\w*|schulfreunde)"
        r"|(?:dein|deinem|deinen) (?:lehrer|klassenlehrer|direktor|schulleiter)",
    ),
    otherwise=(
        r"sonst|ansonsten|andernfalls|anderenfalls",
        r"(?:wenn|falls) (?:\w+ ){0,5}?(?:nicht|nich|net|kein\w*|nie|niemals|nein|verweiger\w*)",
        r"es sei denn",
        r"(?:wenn|falls) (?:du|sie) (?:mich )?(?:blockierst|blockieren|blockst|ignorierst"
        r"|ignorieren|meldest|melden|weigerst)",
    ),
    or_words=(r"oder",),
    consequences=(
        r"(?:alle|jeder|jede|die ganze \w+|" + _DE_POSS + r" \w+) (?:\w+ ){0,2}?(?:sehen|sieht|sehn"
        r"|erfährt|erfahren|bekommen|bekommt|kriegen|kriegt)",
        r"(?:sieht|sehen|erfährt|erfahren|bekommt|bekommen|kriegt|kriegen|wissen|weiß) (?:es |das "
        r"|davon |alles )?(?:jeder|alle|jede|die ganze|" + _DE_POSS + ")",
        r"landet|landen|(?:geht|gehen|gehts|geht's) (?:\w+ ){0,3}?(?:online|raus|viral|rum|herum|an"
        r"|zu)",
        r"(?:bekommt|bekommen|kriegt|kriegen|erhält|erhalten|sieht|sehen) (?:\w+ ){0,2}?(?:es|sie"
        r"|das|die|den|alles)\b",
        r"schick\w*|verschick\w*|sende|senden|versend\w*|poste|posten|gepostet|veröffentlich\w*"
        r"|leake|leaken|geleakt|verbreit\w*|zeige|zeigen|hochlad\w*|weiterleit\w*|teile|teilen",
        r"online|öffentlich|überall|viral|bloßstell\w*",
    ),
    secrecy=(
        r"(?:sag|erzähl|erzähle|red|sprich|meld|zeig|ruf|informier)\w* (?:es |das |dies |davon "
        r"|bloß |ja |lieber |hier )*(?:niemand\w*|keinem|keiner)",
        r"kein wort (?:zu |an |gegenüber )?(?:niemand\w*|jemand\w*|der polizei|deinen eltern"
        r"|deiner|deinen)",
        r"keine polizei|keine bullen|nicht zur polizei",
        r"wenn (?:du|sie) (?:zur polizei|(?:es|das) jemandem|mich (?:blockierst|blockieren|meldest"
        r"|melden|anzeigst|anzeigen|blockst)|die polizei|anzeige)",
        r"bleibt unter uns|unter uns bleiben|unser (?:kleines )?geheimnis|behalte? (?:es"
        r"|das) für dich"
        r"|halt die klappe|halt den mund|niemand darf (?:es |das |davon )?(?:wissen|erfahren)",
        r"(?:blockier|block|meld)\w* mich (?:ja |bloß )?nicht|nicht (?:blockieren|melden|anzeigen)",
    ),
)


# ------------------------------------------------------------------------------- French
_FR_POSS = r"(?:tes|ta|ton|vos|votre|tous tes|toute ta|tout ton|toutes tes)"
_FR_PEOPLE = (
    r"(?:amis?|amies?|potes?|copains?|copines?|famille|parents|père|mère|maman|papa|darons?"
    r"|daronnes?|frères?|sœurs?|grands-parents|grand-mère|grand-père|mamie|papi|cousins?"
    r"|cousines?|oncles?|tantes?|proches|enfants?|gosses?|femme|mari|mec|meuf|chérie?"
    r"|fiancée?|partenaire|patron|patronne|boss|employeur|chef|collègues?|boulot|entreprise"
    r"|boîte|école|collège|lycée|fac|université|bahut|classe|profs?|professeurs?|camarades?"
    r"|abonnés?|followers?|contacts?|voisins?|église|club|équipe|groupe|entourage|job|conjointe?"
    r"|épou(?:x|se)|liste de contacts|liste d'amis|répertoire|carnet d'adresses)"
)
FRENCH = Vocabulary(
    payment=(
        r"pa[iy](?:e|es|ent|er|ez|é|ée|és|ées|ais|ait|era|eras|erez|eront|erai|erais|ement|ons)",
        # (not "payment", "pay 500": English has those)
        r"paiment|rembours\w*",
        r"virements?|vire[- ]moi|verse(?:r|z|ment|ments)|versement",
        r"(?:envoi|envoy|vir|vers|transf[eé]r|donn|file|balance|lâch|aboule)\w*(?:[- ]moi"
        r"|[- ]nous)?"
        r" (?:\w+ ){0,2}?(?:l'argent|argent|thunes?|tunes?|fric|sous|oseille|pognon|blé|flouze"
        r"|maille|somme|montant)",
        r"(?:encore|de plus|il me faut|il faut|faut encore|il veut|je veux) " + _BARE_SUM,
        r"interac",
        r"(?:envoi\w*|envoy\w*|vire[rz]?|versez|verser|paie[sz]?|paye[rsz]?|donne[rsz]?|file[- ]moi"
        r"|transfère|transférer|transférez)(?:[- ]moi|[- ]nous)?(?: (?:encore|vite|déjà"
        r"|tout de suite"
        r"|maintenant|d'abord))* \d+(?:[.,]\d+)*",
        r"(?:cartes?|coupons?|tickets?|recharges?|codes?) (?:cadeaux?|pcs|transcash|neosurf"
        r"|paysafe\w*|google play|itunes|steam|amazon|apple)",
        r"paysafe\w*|transcash|neosurf|paylib|wero|(?:par|sur|via|un|en|avec) lydia|lydia pro",
        r"rançon\w*|(?:ton|votre|mon|un|le|ce) rib|coordonnées bancaires|numéro de compte"
        r"|compte bancaire",
        r"distributeur (?:de )?bitcoins?|adresse (?:bitcoin|btc|du portefeuille|de portefeuille"
        r"|crypto)|portefeuille (?:bitcoin|btc|crypto)",
        r"\d+ (?:balles|boules|thunes)",
    ),
    share_verbs=(
        r"envoi\w*|envoy\w*|renvoi\w*|renvoy\w*|transférer|transférée?s?|transfère[sz]?|partag\w*",
        r"publi(?:er|e|es|ent|é|ée|és|ées|erai|eras|era|erons|eront|erais|erait|ez|ons)",
        r"post(?:er|e|es|é|ée|és|ées|erai|era|erais|ez)",
        r"balanc\w*|diffus\w*|montr\w*|fai[st] tourner|faire tourner|ferai tourner|circuler"
        r"|lâch\w*",
        r"leaker|leaké|fuiter|affich\w*|répand\w*|expos\w*",
        r"(?:ira|iront|partira|partiront|partent|arrivera|arriveront|finira|finiront|atterrira"
        r"|atterriront|s'en ira)|(?:part|partir) (?:direct |directement )?(?:sur|vers)",
        r"communiqu\w*|transmet\w*|transmis\w*|faire parvenir|distribu(?:er|é|ée|és|ées|erai|era)",
    ),
    possessives=(_FR_POSS,),
    adjectives=(r"chers?|chères?|propres?|meilleurs?|meilleures?|petite?s?|nouvelle|nouveau",),
    people=(_FR_PEOPLE,),
    audiences=(
        r"(?:à|chez) (?:tout le monde|tous(?: (?:tes|vos) \w+)?)|tout le monde",
        r"(?:toute la|tout le) (?:ville|planète|terre|classe|lycée|collège|quartier|bahut|monde)",
        r"tout (?:" + PLATFORMS + r"|le net|internet)",
        r"groupe (?:whatsapp |snap )?(?:de |d'|du )(?:la |ta |ton |votre )?(?:classe|promo|lycée"
        r"|collège|famille|boulot|taf|bureau|gymnase|fac|quartier|club|équipe)",
        r"(?:à|au) (?:ton|votre) (?:travail|bureau|taf)",
    ),
    to_words=(r"à|aux|au|chez|sur|avec|pour|dans",),
    places=(
        r"(?:sur|dans|en) (?:le |la |les |l')?(?:internet|net|web|réseaux(?: sociaux)?|rs"
        r"|sites? (?:porno|pour adultes|x)|" + PLATFORMS + ")",
        r"en ligne",
        r"(?:le |la |les )?(?:" + PLATFORMS + r") (?:à|de) (?:ta|ton|tes) \w+",
        r"sur (?:un |des |plusieurs )?sites?(?: porno\w*| pour adultes| x)?",
    ),
    receive_verbs=(
        r"verr(?:a|as|ont|ait|aient)|saur(?:a|ont|ait|aient)|sach\w*|recevr\w*|reçoi\w*"
        r"|découvr\w*|apprendr\w*|être au courant"
        r"|(?:va|vont) (?:tout )?(?:voir|recevoir|savoir|découvrir|apprendre|tomber dessus)",
        r"(?:la|le|les|l') ?(?:voi[te]|voient|reçoi\w*|verr\w*|recevr\w*)",
    ),
    receive_first=(
        r"(?:la|le|les|l') ?(?:verr(?:a|ont)|recevr(?:a|ont)|reçoi(?:t|vent))",
    ),
    share_phrases=(
        r"(?:ruin|détrui|détruir|gâch|bousill|pourri|niqu|foutr)\w* (?:\w+ ){0,1}?(?:ta|votre|la)"
        r" (?:vie|réputation|carrière|couple|mariage|avenir)",
        r"(?:t'|vous |te )(?:expos|affich|humili)\w*",
        r"(?:faire|fera|feront|va faire|vont faire) le tour (?:de|du|des)|devenir un m[èe]me",
        r"(?:devenir|deviendra|devient|va devenir) vira(?:l|le|les|ux)|faire le buzz",
        r"j(?:e |')?(?:vais |vas )?(?:les |la |le |l')?(?:poste|publie|balance|diffuse|partage"
        r"|leak|poster|publier|balancer|diffuser|partager|leaker) (?:tout|partout|les photos"
        r"|la vidéo|les vidéos|tes nudes|ce que|ça)",
        r"j(?:e |')?(?:vais )?(?:les|la|le|l') ?(?:balance|balancer|publie|publier|diffuse"
        r"|diffuser)",
        r"(?:mettre|mets|mettrai|mettra|mis|foutre|fous|fout|foutrai) (?:\w+ ){0,3}?(?:en ligne"
        r"|sur (?:internet|le net|les réseaux))",
        r"se retrouve\w* (?:partout |direct |directement )?(?:sur|en) (?:internet|le net"
        r"|les réseaux|ligne|" + PLATFORMS + ")",
    ),
    contacts=(
        r"(?:tes|vos) (?:abonnés|followers|contacts|amis (?:facebook|insta\w*|snap)|proches"
        r"|coordonnées)",
        r"liste (?:de |d')?(?:tes|vos|tous tes|tous vos) (?:amis|abonnés|contacts|followers"
        r"|proches)",
        r"(?:captures?|screens?|screenshots?)\b[^.!?\n]{0,40}?\b(?:abonnés|amis|contacts"
        r"|followers|famille|proches)",
        r"j'(?:ai|possède) (?:tous |toute |récupéré |déjà )?(?:tes|vos|ton|ta|votre) (?:contacts"
        r"|abonnés|followers|amis|adresse|infos|informations|coordonnées|liste|carnet)",
        r"je sais (?:très bien )?où (?:tu|vous) (?:habite\w*|vi[st]|vivez|travaill\w*|bosse\w*"
        r"|vas|allez|es|étudie\w*)",
        r"(?:les |des )?(?:mails|adresses|numéros|contacts|noms) de (?:ta|ton|tes|votre|vos) \w+"
        r"|(?:ton|votre) (?:carnet d'adresses|répertoire)|(?:ta|votre) liste de contacts",
    ),
    recording=(
        # (the plural needs its accent: "cameras" is English, which has its own list)
        r"enregistr\w*|filmée?s?|filmer|j'ai filmé|te filmer|caméra|cam\u00e9ras|visio\w*"
        r"|appels? vidéo",
        r"piraté\w*|pirater|piratage|hacké(?:e|s|es)?|logiciel (?:malveillant|espion)"
        r"|cheval de troie",
        r"accès (?:à|a) (?:ton|ta|tes|votre|vos) (?:appareil|ordinateur|ordi|téléphone|portable"
        r"|caméra|webcam|compte|boîte mail|messagerie|micro)",
        r"je (?:t'|vous )ai (?:vue?|observée?|filmée?|enregistrée?)",
    ),
    intimate=(
        r"nue|nues|(?:tout|toute|complètement|entièrement|à moitié|de toi|t'es|tu es|t'étais"
        r"|tu étais) nue?s?|nudité|à poil|dénudée?s?|déshabill\w*",
        r"(?:photos?|vidéos?|images?|contenus?|clichés?) (?:intimes?|coquines?|hot|osées?|dénudées?"
        r"|cochonnes?|sexy|sexuelles?|privées?|compromettantes?)",
        r"sextape|masturb\w*|branl\w*|sexuel\w*|sexe|te toucher|tes seins|ta bite|ton zizi",
    ),
    deadline=(
        r"(?:dans|sous|en|d'ici|tu as|vous avez|t'as|il te reste|il vous reste|moins de) (?:les )?"
        r"(?:\d{1,3}|une|un|deux|trois|douze|vingt-quatre|quarante-huit|soixante-douze) ?"
        r"(?:h|heures?|minutes?|min|jours?|secondes?)",
        r"\d{1,3} ?(?:heures|minutes|jours)",
        r"(?:avant|d'ici) (?:ce soir|demain|minuit|midi|lundi|mardi|mercredi|jeudi|vendredi|samedi"
        r"|dimanche|la fin de la journée|la fin du mois|\d{1,2} ?h)",
        r"dernier délai|dernière chance|dernier avertissement|le temps presse|compte à rebours"
        r"|tic[- ]tac|immédiatement|tout de suite|dépêche\w*|magne[- ]toi|grouille[- ]toi"
        r"|au plus vite|sans délai|sans attendre",
    ),
    minor=(
        r"(?:j'ai|t'as|tu as|il a|elle a|j'avais|âgée? de|jai) (?:que |seulement |à peine |juste )?"
        r"(?:1[0-7]|dix|onze|douze|treize|quatorze|quinze|seize|dix-sept|dix sept) ans",
        r"(?:ado|adolescente?|fille|garçon|gamine?|jeune|élève|collégien\w*|lycéen\w*|mineure?"
        r"|enfant|petite?) de (?:1[0-7]|dix|onze|douze|treize|quatorze|quinze|seize|dix-sept) ans",
        r"mineure?s?|moins de (?:18|dix-huit) ans|pas majeure?",
        r"(?:au|du|le|ton|mon|son|votre|ce) collège|lycée|collégien\w*|lycéen\w*"
        r"|en (?:6e|6ème|5e|5ème|4e|4ème|3e|3ème|seconde|2nde"
        r"|terminale|sixième|cinquième|quatrième|troisième)",
        r"(?:ton|votre) (?:collège|lycée|bahut|prof|proviseur|principal|cpe)"
        r"|(?:ta|votre) (?:classe|prof|école|maîtresse)|tes (?:profs|camarades)",
    ),
    otherwise=(
        r"sinon|autrement|à défaut|faute de quoi|faute de paiement|dans le cas contraire|sans quoi",
        r"si (?:tu |t'|vous |je |j'|jamais )(?:[\w']+ ){0,5}?(?:pas|rien|jamais|plus)",
        r"si (?:tu|vous) (?:refuses?|refusez|m'ignores?|m'ignorez|me bloques?|me bloquez"
        r"|me signales?)",
        r"si (?:l'argent|le paiement|le virement) (?:[\w']+ ){0,3}?pas",
        r"à moins que|à moins de",
        r"tu (?:paies|payes|envoies) pas",
    ),
    or_words=(r"ou|ou bien|ou alors",),
    consequences=(
        r"verr\w*|saur\w*|sach\w*|recevr\w*|découvr\w*|apprendr\w*",
        r"envoi\w*|envoy\w*|publi(?:e|era|erai|é|ée|és|ées)|poste|posterai|postera|partag\w*"
        r"|balanc(?:e|era|erai|é|ée|és)|diffus\w*|montr\w*"
        r"|fuit\w*|expos\w*|affich\w*|tourner|circul\w*|se retrouve\w* (?:sur|en)|part|partent"
        r"|partira|partiront|(?:la|le|les|l') ?(?:voi[te]|voient|reçoi\w*)",
        r"en ligne|internet|réseaux|partout|viral\w*|tout le monde",
        r"(?:tes|ta|ton) (?:parents|amis|proches|abonnés|contacts|famille|mère|père|copine|copain"
        r"|femme|mari|classe)",
    ),
    secrecy=(
        r"(?:dis|parle|raconte|préviens|appelle|contacte|signale|dire|parler|raconter|prévenir"
        r"|appeler|contacter)\w*(?:[- ]le|[- ]en)? (?:rien|à personne|personne|pas (?:à "
        r"|aux )?(?:la"
        r" police|les flics|les keufs|tes parents|ta mère|ton père|personne))",
        r"(?:n'en|ne le|le) dis (?:rien|pas|à personne)|(?:dis|dire|parle)[- ](?:le "
        r"|en )?à personne",
        r"pas un mot|pas de (?:police|flics|keufs|plainte)|porte[rs]? plainte",
        r"si (?:tu |vous )(?:portes? plainte|portez plainte|vas (?:voir )?(?:la police|les flics)"
        r"|me bloques?|me signales?|en parles?|le dis|préviens)",
        r"entre nous|notre (?:petit )?secret|garde (?:ça|le) pour toi|motus|bouche cousue"
        r"|ferme[- ]la|tais[- ]toi",
    ),
)


# ------------------------------------------------------------------------------ Spanish
_ES_POSS = r"(?:tus|tu|su|sus|vuestr[oa]s?|todos tus|todas tus|toda tu|todo tu)"
_ES_PEOPLE = (
    r"(?:amig[oa]s?|amistades|colegas|familia|familiares|padres|papás|viej[oa]s?|mamá|madre"
    r"|papá|padre|herman[oa]s?|abuel[oa]s?|tí[oa]s|prim[oa]s|parientes|hij[oa]s|esposa|esposo"
    r"|marido|mujer|novi[oa]|pareja|jefe|jefa|jefes|empresa|compañer[oa]s de trabajo"
    r"|compañer[oa]s|compas|escuela|colegio|cole|instituto|insti|prepa|secundaria|liceo"
    r"|universidad|uni|facu|facultad|profes?|profesor\w*|maestr[oa]s?|clase|salón|seguidores"
    r"|contactos|vecin[oa]s|iglesia|grupo|suegr[oa]s?|entorno|agenda|lista de contactos)"
)
SPANISH = Vocabulary(
    payment=(
        r"pág(?:ame|amelo)|pag(?:a|as|o|ó|ue|ues|uen|ar|ás|ará|arás|aré|arán|aste|ado|ada|ando"
        r"|aría|arías)",
        r"transferencia\w*|transfi[eé]r\w*|transfer(?:ir|ime|í|ido|ida|imos)",
        r"bizum\w*|mercado ?pago|nequi|daviplata|yape(?:a|ame)?|plin|oxxo|spei|clabe|cbu|cvu",
        r"deposit(?:a|as|ar|ame|e|en|o|ó|é|aste|ado|ada)|depósito\w*",
        r"número de cuenta|cuenta bancaria|datos bancarios",
        r"tarjetas? (?:de )?(?:regalo|google play|itunes|steam|amazon|apple|prepago|paysafe\w*)",
        r"paysafe\w*|recargas? (?:de )?(?:saldo|paysafe|google|steam)|códigos? (?:de )?(?:recarga"
        r"|regalo|paysafe\w*|google play|steam|amazon)",
        r"(?:mánd|enví|pás|deposít|transfiér|transfer|consig|junt|quier|exij)\w* (?:me |nos )?"
        r"(?:\w+ ){0,2}?(?:dinero|plata|lana|pasta|guita|feria|varo|billete|pesos|euros|dólares"
        r"|lucas|pavos)",
        r"(?:dame|danos|suelta|afloja) (?:\w+ ){0,2}?(?:dinero|plata|lana|pasta|guita|feria|varo)",
        r"(?:otros|otras|faltan|falta|ahora son|quiero|(?:dame|mándame|pásame)(?: los| las)?) "
        + _BARE_SUM,
        r"(?:manda|mandá|mándame|mandes|mande|envía|enviá|envíame|envíes|envíe|paga|pagá|págame"
        r"|pagues|pague|deposita|depositá|deposítame|transfiere|transferí|transfiéreme|transferime"
        r"|pásame|pasa)(?: me| nos)?(?: (?:me|nos|ya|ahora|otros|otras|al menos))* \d+(?:[.,]\d+)*",
    ),
    share_verbs=(
        # (stems carry the accent that enclitics add: "mándaselo", "muéstrale", "compártelo")
        r"mánd\w*|enví\w*|reenv\w*|distribu(?:ir|iré|irá|ido|ida|yo|ye)",
        r"compárt\w*|publíc(?:ar|o|a|as|aré|ará|arán|ado|ada|alo|ala|alos|alas|arlo|arla|arlos"
        r"|arlas)|publiqu\w*|difúnd\w*|fíltr\w*|mostr\w*|muéstr\w*|enséñ\w*",
        r"sub(?:o|ir|iré|irá|irán|ido|ida|idas|idos|irlo|irla|irlas|irlos|iendo|imos)",
        r"cuelg\w*|colg\w*|poste(?:ar|o|é|aré|ará|ado|ada|ando|an)|divulg\w*|viraliz\w*|esparc\w*"
        r"|repart\w*|exhib\w*",
        r"lleg(?:a|ará|arán|an|ue|uen) (?:direct\w* )?a|ir(?:á|án) (?:direct\w* )?(?:a|al|para)"
        r"|acabará\w* en|terminará\w* en",
    ),
    possessives=(_ES_POSS,),
    adjectives=(r"propi[oa]s?|querid[oa]s?|pobre|nuev[oa]",),
    people=(_ES_PEOPLE,),
    audiences=(
        r"(?:a|con) todo el mundo|todo el mundo|a todos(?: (?:tus|sus) \w+)?|medio mundo"
        r"|el mundo entero"
        r"|toda la (?:escuela|clase|ciudad|familia|facu|uni|prepa|oficina)|a todas",
        r"grupo (?:de whatsapp )?(?:de (?:la |tu )?|del )(?:clase|familia|trabajo|peña|escuela"
        r"|colegio"
        r"|insti|barrio|curso|fútbol|equipo|gimnasio|uni|facu)",
        r"(?:a|al|en) (?:tu|su) (?:trabajo|laburo|chamba|curro|oficina|pega)",
        r"todo el (?:barrio|pueblo|colegio|insti|edificio)|toda la cuadra",
    ),
    to_words=(r"a|al|con|para|en|entre",),
    places=(
        r"(?:en|a|para) (?:el |la |las |los )?(?:internet|la red|redes(?: sociales)?"
        r"|páginas? (?:porno|para adultos)|sitios? (?:porno|para adultos|web)|" + PLATFORMS + ")",
        r"en línea",
    ),
    receive_verbs=(
        r"ver(?:á|án|ía|ían|lo|la|los|las|te)?|vean|sabr(?:á|án|ía|ían)|sepa\w*|se enter\w*"
        r"|recibir(?:á|án)?|recib(?:e|en)|enter(?:a|an|ará|arán)",
        r"(?:lo|la|los|las) (?:ve|ven|vea|vean|verá|verán|recibe|reciben|recibirá|recibirán|tendrá"
        r"|tendrán)",
    ),
    receive_first=(
        r"(?:lo|la|los|las|le|les) (?:ve|ven|vea|vean|verá|verán|vería|verían|recibe|reciben"
        r"|recibirá|recibirán|llega|llegará)",
    ),
    share_phrases=(
        r"(?:arruin|destru|jod|cag|hund|desgraci)\w* (?:\w+ ){0,2}?(?:la|tu|su) (?:vida"
        r"|reputación|carrera|matrimonio|futuro)",
        r"(?:te|lo|la) (?:quemo|quemaré|expongo|exhibo|escracho)|(?:quemar|exponer|exhibir"
        r"|escrachar)te",
        r"(?:hacer|hará|hace|se hará|volverse|se volverá|será) viral|viraliz\w*|volverte meme",
        r"(?:lo|la|los|las) (?:verán|vean|recibirán) tod[oa]s|(?:verán|recibirán) tod[oa]s",
        r"se (?:lo|la|los|las) (?:mando|envío|paso|reenvío|muestro|enseño|mandaré|enviaré|pasaré)"
        r"|(?:mandár|enviár|pasár|reenviár|mostrár|enseñár)sel(?:o|a|os|as)",
        r"list[oa]s? para (?:subir|publicar|mandar|enviar|difundir)",
        # "goes to": only straight before the audience ("va a ser tu cumple" is no threat)
        r"(?:va|van|irá|irán|se va|se van) (?:direct\w* |derecho )?(?:a|al|para|pa) (?:" + _ES_POSS
        + r"|todo el mundo|todos|todas|internet|las redes|el grupo|la red)",
        r"(?:lo|la|los|las) (?:subo|publico|filtro|difundo|cuelgo|posteo)",
        r"(?:voy a|vamos a) (?:subir|publicar|filtrar|difundir|colgar|postear)(?:lo|la|los|las)",
    ),
    contacts=(
        r"(?:tus|sus) (?:seguidores|contactos|amistades|amigos de (?:facebook|insta\w*))",
        r"lista (?:de )?(?:tus|sus|todos tus) (?:amigos|seguidores|contactos)",
        r"(?:capturas?|screens?|screenshots?|pantallazos?)\b[^.!?\n]{0,40}?\b(?:seguidores|amigos"
        r"|contactos|familia)",
        r"tengo (?:a )?(?:todos )?(?:tus|sus) (?:contactos|seguidores|datos|amigos|familiares"
        r"|direcci[oó]n)|tengo tu direcci[oó]n",
        r"(?:correos|contactos|números|teléfonos|mails|direcciones) de (?:toda )?(?:tu|su|tus|sus)"
        r" \w+|(?:tu|su) agenda|sé quién(?:es)? (?:es|son) (?:tu|tus|su|sus)",
        r"grupo (?:de \w+ )?con (?:tu|tus|su|sus) (?:familia|amigos|contactos|compañeros|padres)",
        r"sé (?:muy bien )?dónde (?:vives|vivís|vive|trabaj\w*|estudi\w*|vas)",
    ),
    recording=(
        r"grab(?:é|e|ado|ada|ados|adas|ación|aciones|ando|ar|o|aste|amos)|filmad[oa]s?|filmé",
        r"cámara\w*|camarita|videollamada\w*|video ?llamada\w*|llamadas? de video|videochat",
        r"hacke(?:ar|é|o|ado|ada|ados|aron|amos)|jackead\w*|pirate(?:é|ado|ada|ar)|troyano"
        r"|software espía|programa espía",
        r"acceso (?:a|al) (?:tu|su|tus|sus) (?:dispositivo|ordenador|computadora|compu|teléfono"
        r"|celular|móvil|cámara|cuenta|correo|micrófono)",
        r"te (?:grabé|filmé|observé|he grabado|he filmado|estuve (?:observando|viendo))",
    ),
    intimate=(
        r"desnud\w*|encuerad[oa]s?|en bolas|en pelotas|sin ropa",
        r"(?:fotos?|videos?|imágenes|contenidos?) (?:íntim[oa]s?|hot|calientes|subidas de tono"
        r"|comprometedor\w*|eróticas?|sexuales?|explícit[oa]s?|privad[oa]s?|prohibid[oa]s?)",
        r"(?:tu|el|los|mi|tus|ese|esos|un) packs?|sexuales|sexo|masturb\w*|tocándote|pajeándote"
        r"|paja|pajas"
        r"|tetas|pene|verga",
    ),
    deadline=(
        r"(?:en|dentro de|tienes|tenés|tiene|solo|sólo|te quedan|le quedan"
        r"|máximo) (?:las próximas )?"
        r"(?:\d{1,3}|una|un|dos|tres|doce|veinticuatro|cuarenta y ocho|setenta y dos) ?"
        r"(?:horas?|hs|hrs?|minutos?|min|días?|segundos?)",
        r"\d{1,3} ?(?:horas|hs|minutos|días)",
        r"(?:antes de|hasta) (?:esta noche|mañana|medianoche|mediodía|las \d{1,2}|el (?:lunes"
        r"|martes|miércoles|jueves|viernes|sábado|domingo)|que (?:acabe|termine) el día|hoy)",
        r"ya mismo|ahora mismo|de inmediato|inmediatamente|enseguida|cuanto antes|apúrate"
        r"|date prisa|última oportunidad|último aviso|el tiempo corre|cuenta (?:regresiva|atrás)"
        r"|tic[- ]tac|plazo",
    ),
    minor=(
        r"(?:tengo|tienes|tenés|tiene|tenía|tenías) (?:solo |sólo |apenas |recién )?"
        r"(?:1[0-7]|diez|once|doce|trece|catorce|quince|dieciséis|diecisiete) años",
        r"(?:chic[oa]|niñ[oa]|menor|adolescente|muchach[oa]|chaval\w*|pib[ea]|morr[oa]"
        r"|estudiante|alumn[oa]) de (?:1[0-7]|diez|once|doce|trece|catorce|quince|dieciséis"
        r"|diecisiete) (?:años|añitos)",
        r"menor(?:es)? de edad|menor de 18|(?:soy|eres|sos|es) menor",
        r"(?:tu|su) (?:escuela|colegio|cole|instituto|insti|prepa|secundaria|liceo|profe|profesora?"
        r"|maestr[oa]|clase|salón)|(?:tus|sus) (?:profes|profesores|maestros|compañeros de clase)",
        r"secundaria|prepa|bachillerato|\d(?:°|º|ro|do|ero|to)? (?:de )?(?:la )?(?:eso|secundaria"
        r"|bachillerato|prepa)",
    ),
    otherwise=(
        r"si no|sino|o si no|de lo contrario|caso contrario|en caso contrario|de otro modo",
        r"si (?:no )?me (?:bloqueas|ignoras|denuncias|reportas)",
        r"si (?:\w+ ){1,4}?no|a menos que",
        r"si (?:el dinero|la plata|el pago|la transferencia) no",
    ),
    or_words=(r"o",),
    consequences=(
        r"ver(?:á|án|ía|ían)|vean|sabr\w*|sepa\w*|se enter\w*|recib\w*",
        r"mánd\w*|enví\w*|reenv\w*|sub(?:o|iré|irá|imos|ir)|publíc(?:o|aré|ará|arán)|publiqu\w*"
        r"|compárt\w*"
        r"|fíltr\w*|difúnd\w*|mostr\w*|muéstr\w*|enséñ\w*|expon\w*|exhib\w*|quem\w*|cuelg\w*"
        r"|viral\w*|sale|salen|saldrá|saldrán",
        r"internet|redes|todo el mundo",
        r"tus (?:padres|amigos|contactos|seguidores|viejos)|tu (?:familia|novi[oa]|mamá|madre|papá"
        r"|padre|jefe)",
    ),
    secrecy=(
        r"no (?:se lo |le |les |lo )?(?:digas|cuentes|avises|llames|contactes|denuncies|reportes"
        r"|bloquees|hables|comentes)\b[^.!?\n]{0,30}?\b(?:nadie|policía|tus padres|tu familia"
        r"|tu mamá|nada|esto)",
        r"no me (?:bloquees|denuncies|reportes|ignores)",
        r"ni una palabra|a nadie|sin policía|nada de policía|ni se te ocurra (?:denunciar|avisar"
        r"|decir|contar|bloquear)",
        r"si (?:me )?(?:denuncias|bloqueas|reportas|le dices|le cuentas|avisas|vas a la policía"
        r"|llamas a la policía)",
        r"entre (?:tú y yo|vos y yo|nosotros)|nuestro (?:pequeño )?secreto|guarda(?:r)? el secreto"
        r"|(?:quédate|mantente) callad[oa]|no digas nada|no abras la boca",
    ),
)


# ------------------------------------------------------------------------------ Italian
_IT_POSS = r"(?:tuo|tua|tuoi|tue|vostr[oaie]|suo|sua|suoi)"
_IT_PEOPLE = (
    r"(?:amic\w*|famiglia|familiari|genitori|madre|mamma|padre|papà|fratell\w*|sorell\w*"
    r"|nonn[ioa]|zi[oie]|cugin[ioae]|parenti|figli|figlie|moglie|marito|ragazz\w*|fidanzat\w*"
    r"|compagn[oaie]|capo|datore di lavoro|colleghi|colleghe|azienda|ditta|studio|scuola|classe"
    r"|prof|professor\w*|insegnanti|follower|seguaci|contatti|lista (?:dei )?contatti|rubrica"
    r"|vicini|parrocchia|chiesa|squadra|gruppo|conoscenti)"
)
ITALIAN = Vocabulary(
    payment=(
        r"pag(?:a|hi|o|are|ami|alo|ato|ata|ati|ate|ano|herai|herà|herete|heranno|herò|amento"
        r"|amenti|ando|asse|assi|hiamo)",
        r"bonifico|bonifici|ricaric\w*|postepay|satispay|paysafe\w*|carte? regalo",
        r"buon[oi] (?:amazon|regalo|google|steam|apple|itunes)|codic[ei] (?:paysafe\w*|ricarica"
        r"|regalo|amazon|steam|google play)",
        r"versa(?:re|mi|mento|menti)|conto corrente|numero di conto|riscatto",
        r"(?:mand|invi|dammi|dacci|pass|versa|trasferisc|sgancia|tira fuori|caccia|voglio|esigo"
        r"|pretendo)\w* (?:mi |ci )?(?:\w+ ){0,2}?(?:soldi|denaro|contanti|grana|cash|quattrini"
        r"|somma)",
        r"(?:manda|mandami|mandate|invia|inviami|inviate|paga|pagami|pagate|versa|versami|dammi"
        r"|sgancia|ricarica|ricaricami|trasferisci)(?: mi| ci)?(?: (?:altri|subito|ancora|almeno"
        r"|solo))* \d+(?:[.,]\d+)*",
        r"(?:altri|altre|ancora|mancano|manca|voglio|servono|costa) " + _BARE_SUM,
    ),
    share_verbs=(
        r"mand\w*|invi\w*|pubblic\w*|condivid\w*|condivis\w*|inoltr\w*|diffond\w*|diffus\w*",
        r"mostr\w*|far(?:e|ò|ei)? vedere|faccio vedere|fa vedere|sped\w*",
        r"gir(?:o|erò|are|ato|ata|arlo|arla|arle|arli)|post(?:are|erò|ato|ata|ati|ate|arlo|arla"
        r"|arle|arli)",
        r"caric(?:are|o|herò|ato|ata|ati|arlo|arli|arle)|sputtan\w*|sbatt\w*|spiattell\w*"
        r"|divulg\w*",
        r"distribu(?:ire|ito|ita|iti|ite|isco|irò)|gir(?:iamo|eremo)|(?:gliel[oaie]|glieli"
        r"|gliele) (?:mando|invio|mostro|giro"
        r"|faccio vedere|manderò|invierò)",
    ),
    possessives=(_IT_POSS,),
    adjectives=(r"car[oaie]|car[io]|nuov[oaie]",),
    people=(_IT_PEOPLE,),
    audiences=(
        r"a tutti|tutto il mondo|mezzo mondo|tutta (?:la )?(?:scuola|classe|città|famiglia|italia)"
        r"|chiunque",
        r"(?:tutto il )?gruppo (?:whatsapp )?(?:della|dell'|del|di) (?:classe|scuola|università"
        r"|lavoro|famiglia|calcetto|squadra|palestra|parrocchia|ufficio|quartiere)",
        r"(?:al|sul|nel) tuo lavoro|in ufficio",
    ),
    to_words=(r"a|ai|alla|al|alle|agli|ad|con|su|sul|sui|per|tra|nel|nella",),
    places=(
        r"(?:su|in|sui|nei|nel|nella|sul) (?:internet|rete|web|social|siti porno|siti per adulti"
        r"|" + PLATFORMS + ")",
        r"in rete",
    ),
    receive_verbs=(
        r"vedr(?:à|anno|ebbe|ebbero)|vede|vedono|sapr(?:à|anno)|scopr\w*|ricev\w*|sappia"
        r"|arriverà|arriveranno",
    ),
    receive_first=(
        r"(?:le|lo|la|li|l') ?(?:vede|vedono|vedrà|vedranno|vedrebbe|vedrebbero|riceve|ricevono"
        r"|riceverà|riceveranno|avrà|avranno)",
    ),
    share_phrases=(
        r"ti (?:rovino|distruggo|rovinerò|distruggerò) (?:la vita|la reputazione|la carriera)",
        r"(?:rovin|distrugg)\w* (?:la )?(?:tua|sua) (?:vita|reputazione|carriera|famiglia)",
        r"sputtan\w*|svergogn\w*",
        r"(?:divent|diventer)\w* virale|far(?:e|ò)? girare|fa(?:re|rò|ccio) il giro",
        # "goes to / ends up in": only straight before the audience ("va a scuola" is no threat)
        r"(?:va|vanno|andrà|andranno|finisce|finiscono|finirà|finiranno|arriva|arrivano|arriverà"
        r"|arriveranno) (?:dritt\w* |subito )?(?:a|ai|alla|al|alle|agli|su|sui|in|nel|nella"
        r"|nelle mani di) (?:" + _IT_POSS + r"|tutti|gruppo|internet|rete|social|" + PLATFORMS + ")"
        r"|(?:va|vanno|andrà|andranno|finisce|finiscono) online",
        r"(?:li|le|la|lo) (?:pubblico|posto|diffondo|giro|condivido|carico|pubblicherò|posterò"
        r"|diffonderò|girerò)|pubblico tutto",
        r"(?:mett|sbatt|caric)\w* (?:\w+ ){0,3}?(?:online|in rete|su internet|sul web|sui social"
        r"|su (?:" + PLATFORMS + "))",
    ),
    contacts=(
        r"(?:i )?(?:tuoi|suoi) (?:follower|seguaci|contatti|amici di (?:facebook|instagram|insta))",
        r"lista (?:de(?:i|lle) )?(?:tuoi|suoi) (?:amici|follower|contatti)",
        r"(?:screen|screenshot|schermat\w*)\b[^.!?\n]{0,40}?\b(?:follower|amici|contatti|famiglia"
        r"|parenti)",
        r"ho (?:tutti )?(?:i )?(?:tuoi|suoi) (?:contatti|follower|dati|amici)|ho il tuo indirizzo",
        r"so (?:benissimo )?dove (?:abiti|vivi|lavori|studi|vai)",
        r"(?:l'elenco|la lista|i numeri|le email|gli indirizzi|i contatti) (?:dei|delle|della|del)"
        r" (?:tuoi|tue|tua|tuo|suoi|sue|sua|suo) \w+|(?:la )?(?:tua|sua) rubrica",
    ),
    recording=(
        r"registrat[oaie]|registrazion[ei]|registrare|filmat[oaie]|ripres[oaie]",
        r"videochiamat\w*|video ?chiamat\w*|telecamera|fotocamera|videocamera",
        r"hackerat[oa]|hackera(?:to|re)|malware|software (?:dannoso|spia|malevolo)",
        r"accesso (?:al tuo|alla tua|ai tuoi|al suo|alla sua) (?:dispositivo|computer|pc|telefono"
        r"|cellulare|fotocamera|webcam|account|email|microfono)",
        r"ti ho (?:visto|vista|registrat[oa]|filmat[oa]|ripres[oa])",
    ),
    intimate=(
        r"nud[oaie]|nudità|senza vestiti|spogliat\w*|spogliarti|spogliarello",
        r"(?:foto|video|immagini|materiale|contenuti) (?:intim[oie]|osé|hot|spint[ei]|nud[ei]"
        r"|compromettenti|privat[ie]|porno|sessuali|espliciti|pornografic[oi])",
        r"sessual\w*|sesso|masturb\w*|toccarti|ti toccavi|tette|pisello",
    ),
    deadline=(
        r"(?:entro|in|tra|fra|hai|ha|avete|solo|massimo|ti restano|le restano) (?:le prossime )?"
        r"(?:\d{1,3}|un|una|due|tre|dodici|ventiquattro|quarantotto|settantadue) ?(?:ore|ora|h"
        r"|minuti|min|giorni|giorno|secondi)",
        r"\d{1,3} ?(?:ore|minuti|giorni)",
        r"entro (?:stasera|domani|mezzanotte|mezzogiorno|lunedì|martedì|mercoledì|giovedì|venerdì"
        r"|sabato|domenica|fine giornata|oggi|le \d{1,2})",
        r"subito|immediatamente|al più presto|il prima possibile|sbrigati|muoviti"
        r"|ultima (?:possibilità|occasione)|ultimo avviso|il tempo scorre|conto alla rovescia"
        r"|tic[- ]tac|scadenza",
    ),
    minor=(
        r"(?:ho|hai|ha|avevo|avevi) (?:solo |appena |soltanto )?(?:1[0-7]|dieci|undici|dodici"
        r"|tredici|quattordici|quindici|sedici|diciassette) anni",
        r"(?:ragazz[oa]|bambin[oa]|minorenne|adolescente|studente\w*|studentessa) di (?:1[0-7]"
        r"|dieci|undici|dodici|tredici|quattordici|quindici|sedici|diciassette) anni",
        r"minorenn[ei]|minore di 18|sotto i 18|non (?:sono|sei|è) maggiorenne",
        r"(?:la tua|tua|la sua) (?:scuola|classe|prof|professoressa|maestra)|i tuoi (?:compagni"
        r"|prof|professori)|il tuo (?:prof|professore|liceo|preside)",
        r"compagni di classe|liceo|scuola media|scuole medie|(?:prima|seconda|terza|quarta|quinta)"
        r" (?:media|superiore|liceo)|\d(?:a|ª|°) (?:media|superiore)|(?:il|la|tuo|tua) preside",
    ),
    otherwise=(
        r"altrimenti|sennò|se no|in caso contrario|se non|se nn|a meno che",
        r"se (?:mi )?(?:blocchi|ignori|denunci|segnali|rifiuti)",
    ),
    or_words=(r"o|oppure",),
    consequences=(
        r"vedr\w*|vede|vedono|sapr\w*|scopr\w*|ricev\w*",
        r"mand\w*|invi\w*|pubblic\w*|condivid\w*|diffond\w*|diffus\w*|gir(?:o|erò|ano|eranno|erà)"
        r"|mostr(?:o|erò|erei|ano|eranno|arle|arli)|post(?:o|erò)|caric(?:o|herò)|sputtan\w*"
        r"|gir(?:iamo|eremo)|finisc(?:e|ono)|finir(?:à|anno)|(?:va|vanno|andrà|andranno) online"
        r"|(?:le|lo|la|li) (?:vede|vedono|vedrà|vedranno)",
        r"online|in rete|internet|ovunque|viral\w*",
        r"i tuoi (?:genitori|amici|contatti|follower)|la tua (?:famiglia|ragazza|fidanzata)"
        r"|tua (?:madre|moglie)|tuo (?:padre|marito)",
    ),
    secrecy=(
        r"non (?:lo |ne )?(?:dire|dirlo|raccontare|parlare|parlarne|chiamare|avvisare|denunciare"
        r"|bloccare|segnalare|contattare)\b[^.!?\n]{0,30}?\b(?:nessuno|polizia|carabinieri"
        r"|genitori|famiglia|niente|nulla|questo)",
        r"non (?:bloccarmi|segnalarmi|denunciarmi|mi bloccare|mi segnalare|mi denunciare)",
        r"a nessuno|niente polizia|niente carabinieri|non una parola",
        r"se (?:mi )?(?:blocchi|denunci|segnali|lo dici|ne parli|vai (?:dalla|alla) polizia"
        r"|chiami (?:la polizia|i carabinieri))",
        r"tra (?:noi|me e te)|il nostro (?:piccolo )?segreto|acqua in bocca|tieni la bocca chiusa"
        r"|guai a te se",
    ),
)


# --------------------------------------------------------------------------- Portuguese
_PT_POSS = r"(?:teu|tua|teus|tuas|seu|sua|seus|suas|vosso|vossa|vossos|vossas)"
_PT_PEOPLE = (
    r"(?:amig[oa]s?|família|pais|mãe|pai|irmãs?|irmão|irmãos|avó|avô|avós|tio|tia|tios|tias"
    r"|prim[oa]s?|escritório|lista de (?:contatos|contactos|amigos|seguidores)"
    r"|parentes|filhos|filhas|esposa|marido|mulher|namorad[oa]|companheir[oa]|noiv[oa]|chefe"
    r"|patrão|patroa|empresa|colegas|escola|colégio|faculdade|facul"
    r"|universidade|turma|sala|professor\w*|seguidores|contatos|contactos|vizinhos|igreja|grupo"
    r"|galera|conhecidos)"
)
PORTUGUESE = Vocabulary(
    payment=(
        r"pag(?:a|as|am|o|ou|ue|ues|uem|ar|aste|ará|arás|arão|arei|ado|ada|amento|amentos|ando"
        r"|ar-me|a-me|ue-me|asse|ares)",
        r"(?:chave|meu|teu|seu|o|um|no|pelo|via|por|de|faz(?:er|e)?|faça|manda(?:r)?|envia(?:r)?)"
        r" pix|pix (?:de|pra|para|no valor|agora|já)",
        r"mb ?way|multibanco|referência (?:multibanco|mb)|entidade e referência",
        r"transferência\w*|transfir\w*|transfer(?:e|ir|i|iu|ido|ida|e-me)"
        r"|deposit(?:a|e|o|ar|ei|ou|ado|ada|em)|depósito\w*|boleto bancário",
        r"cart(?:ão|ões) (?:presente|pré-pago|google play|steam|itunes|amazon|apple|paysafe\w*)"
        r"|vale[- ]presente|paysafe\w*|códigos? (?:de )?(?:recarga|presente|google play|steam"
        r"|paysafe\w*)",
        r"(?:mand|envi|pass|deposit|transfer|fa[zç]|arrum|descol|quer|exij)\w* (?:me |o |a |os |as "
        r"|um |uma )?(?:\w+ ){0,2}?(?:grana|dinheiro|dindin|bufunfa|pila|reais|paus|contos|euros)",
        r"(?:manda|mande|envia|envie|paga|pague|deposita|deposite|transfere|transfira)(?: me"
        r"| pra mim)?(?: (?:mais|logo|agora|já|só|os|as|outros|outras))* (?:r\$ ?)?\d+(?:[.,]\d+)*",
        r"(?:mais|faltam|falta|quero|agora é|outros|outras) " + _BARE_SUM,
    ),
    share_verbs=(
        r"mand\w*|envi\w*|compartilh\w*|partilh\w*|post(?:ar|o|a|ei|arei|ará|ado|ada|ando|am)",
        r"public(?:ar|o|a|ou|ei|arei|ará|arão|ado|ada|ando|am)|publiqu\w*|divulg\w*|vaz(?:ar|o|a"
        r"|ei|arei|ará|ado|ada|ados|adas|ando|am|aram|e)",
        r"espalh\w*|mostr\w*|expo(?:r|nho|rei|sto|sta|stas|stos)|solt(?:o|ar|arei|a)|repass\w*"
        r"|encaminh\w*",
        r"cheg\w* (?:no|na|nos|nas|ao|à|aos|às|pro|pra|pros|pras|em|até)"
        r"|distribu(?:ir|ído|ída|irei|irá|o)",
    ),
    possessives=(_PT_POSS,),
    adjectives=(r"querid[oa]s?|nov[oa]|própri[oa]s?",),
    people=(_PT_PEOPLE,),
    audiences=(
        r"todo (?:o )?mundo|toda a gente|(?:pra|para|a) todos|meio mundo|o mundo inteiro"
        r"|a (?:escola|turma|cidade|família) toda|o bairro todo",
        r"grupo (?:da|do|de) (?:sua |tua )?(?:família|escola|faculdade|turma|condomínio|trabalho"
        r"|igreja|firma|empresa|futebol|academia|sala|rua|bairro)",
        r"(?:pros|para os|aos) (?:\d+ )?(?:contatos|contactos|seguidores|amigos)",
        r"(?:o )?pessoal (?:do|da) (?:seu|sua|teu|tua) \w+",
        r"(?:no|pro|para o|ao) (?:teu|seu) (?:trabalho|emprego|serviço)",
    ),
    to_words=(r"a|ao|à|aos|às|pra|pro|pros|pras|para|com|no|na|nos|nas|em",),
    places=(
        r"(?:na|no|nas|nos|em|ao|à|pro|pra|para o|para a) (?:internet|net|rede"
        r"|redes(?: sociais)?|web|sites? (?:pornô|porno|adulto\w*)|" + PLATFORMS + ")",
    ),
    receive_verbs=(
        r"ver(?:ão|á)|vai ver|vão ver|saber(?:ão|á)|receb\w*|descobr\w*|soubesse\w*"
        r"|saiba\w*|souber\w*",
    ),
    receive_first=(
        r"(?:vai|vão|iria|iriam) (?:ver|receber|saber)|(?:a|o|as|os) (?:verá|verão|recebe|recebem"
        r"|receberá|receberão)",
    ),
    share_phrases=(
        r"(?:acab|destru|arruin|estrag|ferr)\w* (?:com )?(?:a )?(?:tua|sua) (?:vida|reputação"
        r"|carreira|casamento|imagem)",
        r"(?:te|vos|lhe) (?:expor|expondo|exponho|queimar|queimo)|(?:expor|queimar) (?:você|vc|ti)"
        r"|queimar (?:o )?(?:teu|seu) filme",
        r"viraliz\w*|(?:vai|vão|vai ficar) viral|cair na (?:net|internet|rede)|(?:vai|vão) cair na"
        r"|virar meme",
        # "goes to": only straight before the audience ("vai pra casa" is no threat)
        r"(?:vai|vão|iria|irão) (?:parar |chegar |direto |tudo |direitinho )?(?:em|no|na|nos|nas|ao"
        r"|à|aos|às|pra|pro|pros|pras|para o|para a|para os|para as) (?:" + _PT_POSS
        + r"|todo mundo|toda a gente|grupo|internet|net|redes|" + PLATFORMS + ")",
        r"(?:vou|eu) (?:postar|publicar|vazar|divulgar|espalhar|soltar)(?:-(?:as|os|la|lo|las|los)"
        r"| (?:tudo|as fotos|os vídeos|o vídeo|os nudes|teus nudes|seus nudes))",
        r"(?:vazo|posto|espalho|solto|divulgo) tudo",
    ),
    contacts=(
        r"(?:teus|seus|tuas|suas) (?:seguidores|contatos|contactos)",
        r"lista de (?:amigos|seguidores|contatos|contactos)",
        r"(?:prints?|capturas?|screenshots?|screens?)\b[^.!?\n]{0,40}?\b(?:seguidores|amigos"
        r"|contatos|contactos|família)",
        r"(?:tenho|salvei|guardei|printei|copiei) (?:todos )?(?:os )?(?:teus|seus) (?:contatos"
        r"|contactos|seguidores|dados|amigos)"
        r"|tenho (?:o )?(?:teu|seu) endereço",
        r"sei (?:muito bem )?onde (?:tu |você |vc )?(?:mora\w*|vive\w*|trabalh\w*|estud\w*)",
    ),
    recording=(
        r"grav(?:ei|ado|ada|ados|adas|ação|ações|ar|ando|o|amos)|filmad[oa]s?|filmei",
        # (the plural needs its accent: "cameras" is English, which has its own list)
        r"câmera|c\u00e2meras|câmara\w*|videochamada\w*|vídeo ?chamada\w*|chamadas? de vídeo",
        r"hackead[oa]s?|hackeei|invadi|invadido|invasão|cavalo de troia|software espião"
        r"|programa espião",
        r"acesso (?:ao|à|a) (?:seu|sua|teu|tua) (?:dispositivo|computador|pc|celular|telemóvel"
        r"|telefone|câmera|câmara|conta|email|e-mail|microfone)",
        r"(?:te|vos) (?:gravei|filmei)|(?:gravei|filmei) (?:você|vc)",
    ),
    intimate=(
        r"nudez|sem roupa|pelad[oa]s? na (?:câmera|cam)|(?:toda|todo|ficar|ficou|estava|tava"
        r"|completamente) (?:pelad[oa]|nu[ao]?)",
        r"(?:fotos?|vídeos?|imagens|conteúdos?) (?:íntim[oa]s?|sensuais|hot|quentes|picantes"
        r"|comprometedor\w*|pelad[oa]s?|nu[oa]s?|sexuais|explícit[oa]s?|privad[oa]s?)",
        r"(?:o|os|teu|seu|teus|seus|meu|esse|um|uns) packs?|pack do pezinho|sexuais|sexo"
        r"|punhet\w*|masturb\w*|se tocando|te tocando|siririca|peitos",
    ),
    deadline=(
        r"(?:em|dentro de|tens|tem|você tem|só|prazo de|no máximo) (?:as próximas )?"
        r"(?:\d{1,3}|uma|um|duas|dois|três|doze|vinte e quatro|quarenta e oito|setenta e duas) ?"
        r"(?:horas?|h|hrs?|minutos?|min|dias?|segundos?)",
        r"\d{1,3} ?(?:horas|minutos|dias)",
        r"até (?:hoje|amanhã|meia-noite|meia noite|o meio-dia|segunda|terça|quarta|quinta|sexta"
        r"|sábado|domingo|às \d{1,2}|o fim do dia|hoje à noite)",
        r"agora mesmo|imediatamente|já já|o quanto antes|o mais rápido|rapidinho|anda logo"
        r"|se apressa|última (?:chance|oportunidade)|último aviso|o tempo (?:está a correr"
        r"|tá correndo|está correndo)|contagem regressiva|prazo",
    ),
    minor=(
        r"(?:tenho|tens|tem|tinha|tinhas) (?:só |apenas )?(?:1[0-7]|dez|onze|doze|treze|catorze"
        r"|quatorze|quinze|dezesseis|dezasseis|dezessete|dezassete) anos",
        r"(?:menin[oa]|garot[oa]|adolescente|miúd[oa]|mina|moleque|novinha|criança|menor|alun[oa]"
        r"|estudante) de (?:1[0-7]|dez|onze|doze|treze|catorze|quatorze|quinze|dezesseis"
        r"|dezasseis|dezessete|dezassete) anos",
        r"menor de idade|menor de 18|(?:sou|é|és) menor|novinha",
        r"(?:tua|sua) (?:escola|turma|sala|professora)|(?:teu|seu) (?:colégio|professor|diretor"
        r"|liceu)|colegas de (?:turma|escola|sala)",
        r"(?:\d|oitavo|nono|sétimo|sexto)(?:º|°)? ano|ensino (?:médio|fundamental|secundário)"
        r"|liceu|secundária",
    ),
    otherwise=(
        r"senão|se não|caso contrário|do contrário|ou então|a não ser que|a menos que",
        r"se (?:você|vc|tu) (?:me )?(?:bloquear|ignorar|denunciar|recusar)",
        r"se (?:o dinheiro|a grana|o pix|o pagamento) não",
    ),
    or_words=(r"ou",),
    consequences=(
        r"verá|vai ver|vão ver|(?:todos|todo mundo|toda a gente) (?:\w+ )?verão|saber(?:ão|á)"
        r"|receb\w*|descobr\w*",
        r"mand\w*|envi\w*|post(?:o|ar|arei|ado)|public(?:o|arei|ado)|divulg\w*|vaz(?:o|a|ar|arei"
        r"|ará|am)|espalh\w*|mostr\w*"
        r"|compartilh\w*|partilh\w*|expo(?:r|nho|rei)|cai na|viraliz\w*|sai|saem|sairá|vai sair"
        r"|(?:vai|vão) parar",
        r"internet|net|redes|todo mundo|toda a gente",
        r"(?:teus|seus) pais|(?:tua|sua) (?:família|mãe|namorada|esposa|mulher)",
    ),
    secrecy=(
        r"não (?:conta|contes|diga|digas|fala|fales|avisa|avises|denuncia|denuncies|bloqueia"
        r"|bloqueies|chama|chames|liga|ligues)\b[^.!?\n]{0,30}?\b(?:ninguém|polícia|teus pais"
        r"|seus pais|tua família|sua família|nada|isso)",
        r"não me (?:bloqueia|bloqueie|bloqueies|denuncia|denuncie|denuncies)",
        r"pra ninguém|para ninguém|a ninguém|sem polícia|nada de polícia",
        r"se (?:você |vc |tu )?(?:me )?(?:denunciar|bloquear|chamar a polícia|for à polícia"
        r"|for na polícia|contar (?:pra|para|a) (?:alguém|ninguém|\w+))",
        r"entre (?:nós|a gente|mim e você|nós dois)|nosso (?:pequeno )?segredo|bico calado"
        r"|boca fechada|fic(?:a|e) calad[oa]|nem pense em (?:contar|denunciar|bloquear)",
    ),
)


# -------------------------------------------------------------------------------- Dutch
_NL_POSS = r"(?:je|jouw|uw|jullie|al je|al jouw|al uw)"
_NL_PEOPLE = (
    r"(?:vrienden|vriendinnen|vriend|vriendin|vriendje|vriendinnetje|familie|ouders|moeder"
    r"|vader|mama|papa|broer(?:s|tje)?|zus(?:sen|je)?|opa|oma|grootouders|neven|nichten|oom"
    r"|tante|kinderen|kids|vrouw|man|partner|verloofde|baas|werkgever|leidinggevende|manager"
    r"|collega'?s|bedrijf|school|klas|klasgenoten|leraren|leraar|lerares|docent\w*"
    r"|mentor|volgers|contacten|buren|kerk|moskee|team|club|vereniging|groepsapp\w*|groep"
    r"|klassenapp|omgeving|volgerslijst|contactenlijst|tijdlijn|muur|vennoten|aanstaande|lief)"
)
DUTCH = Vocabulary(
    payment=(
        r"betal(?:en|ing|ingen|t|d|de|den|ingsverzoek)|betaal(?:t|d|verzoek|link)?|terugbetal\w*",
        r"tikkie\w*|(?:via|met|per|een) ideal|ideal[- ]?(?:link|betaling|betalen)|payconiq|bunq",
        r"overmak\w*|overgemaakt|overboek\w*|overschrijving\w*|stort(?:en|ing|t)?",
        r"maakt? (?:u |je |jij |me |mij |nu |snel |direct |even "
        r"|vandaag )*(?:(?:€ ?)?\d+(?:[.,]\d+)*"
        r"(?: ?euro| ?€)?|het geld|het bedrag|geld) over",
        r"(?:nog|nu nog|kost|kosten:?|ik wil) " + _BARE_SUM,
        r"rekeningnummer|bankrekening|bankgegevens|losgeld|zwijggeld",
        r"cadeau(?:kaart|bon)\w*|(?:bol(?:\.com)?|google play|steam|apple|itunes|amazon)[- ]?(?:bon"
        r"|kaart|tegoed|code)\w*|paysafe\w*|tegoedbon\w*|waardebon\w*",
        r"(?:stuur|verstuur|geef|betaal|stort|regel)\w* (?:me |mij |ons )?(?:\w+ ){0,2}?(?:geld"
        r"|poen"
        r"|pegels|centen|knaken|euro's|bedrag)",
        r"(?:stuur|verstuur|betaal|geef|stort)\w*(?: me| mij| ons)?(?: (?:nog|nu|even|snel|direct"
        r"|meteen|maar))* (?:€ ?)?\d+(?:[.,]\d+)*",
    ),
    share_verbs=(
        r"stuur\w*|sturen|gestuurd|verstuur\w*|doorstuur\w*|doorgestuurd|doorsturen",
        r"deel (?:ik|het|ze|alles)|ik deel|deelt|delen|gedeeld|posten|post ik|gepost"
        r"|zet(?:ten)?",
        r"verspreid\w*|lek(?:ken|t)|gelekt|publiceer\w*|publiceren|gepubliceerd|uploaden|upload ik"
        r"|geüpload|laten zien|toon(?:en|t)?|getoond|gooi\w*|gegooid",
        r"gaat naar|gaan naar|beland\w*|gaat rond|gaan rond|rondgestuurd|rondsturen",
    ),
    possessives=(_NL_POSS,),
    adjectives=(r"lieve|beste|hele|eigen|nieuwe",),
    people=(_NL_PEOPLE,),
    audiences=(
        r"iedereen|heel (?:nederland|belgië|vlaanderen|de school|de klas|de stad|je school|je klas"
        r"|het dorp|de wereld)|de hele (?:wereld|school|klas|stad|straat|buurt)",
        r"(?:die|de|je|jouw) hele (?:contact)?lijst",
        r"jaargroep|klassengroep|familiegroep|vriendengroep|groepsapp|groepschat|klassenapp"
        r"|familieapp|werkapp",
    ),
    to_words=(r"naar|aan|met|bij|op|in|voor|onder",),
    places=(
        r"(?:op|naar|in) (?:het |de )?(?:internet|net|web|sociale media|socials|pornosites?"
        r"|porno sites?|groepsapp|" + PLATFORMS + ")",
        r"op (?:elke|iedere|alle|een|allerlei) (?:\w+ )?(?:site|website|pornosite)s?",
    ),
    receive_verbs=(
        r"zien|ziet|gezien|krijgen|krijgt|ontvangen|ontvangt|te zien krijgen"
        r"|komen (?:erachter|het te weten)|bekijken|(?:heeft|hebben|krijgt|krijgen) (?:ze|het"
        r"|alles)",
    ),
    receive_first=(
        r"(?:krijgt|krijgen|ziet|zien|ontvangt|ontvangen)",
    ),
    share_phrases=(
        r"(?:verpest|ruïneer|verniel|vernietig|sloop)\w* (?:\w+ ){0,1}?(?:je|jouw|uw) (?:leven"
        r"|reputatie|carrière|huwelijk|toekomst|naam)",
        r"(?:je|jouw|uw) (?:leven|reputatie|carrière) (?:is )?(?:kapot|voorbij|verpest"
        r"|naar de klote)|maak (?:je|jouw) (?:leven|reputatie) kapot",
        r"viral (?:gaan|gaat)|gaat viral|gaan viral",
        r"te kijk (?:zetten|gezet)|voor schut (?:zetten|gezet)|(?:zet|zetten) (?:je|jou"
        r"|u) (?:te kijk"
        r"|voor schut|voor gek)|(?:ik )?expose (?:je|jou)|exposen",
        r"(?:zet|zetten|gooi|gooien|plaats|plaatsen|upload|uploaden)\w* (?:\w+ ){0,3}?online"
        r"|(?:gaat|gaan|komt|komen|staat|staan) (?:\w+ ){0,3}?online",
    ),
    contacts=(
        r"(?:je|jouw|uw) (?:volgers(?:lijst)?|contacten(?:lijst)?|contactenlijst|vriendenlijst"
        r"|contactpersonen)",
        r"lijst (?:van|met) (?:al )?(?:je|jouw|uw) (?:vrienden|volgers|contacten)",
        r"screenshots?\b[^.!?\n]{0,40}?\b(?:volgers|vrienden|contacten|familie)",
        r"ik heb (?:al )?(?:je|jouw|uw) (?:contacten|volgers|vrienden|gegevens|adres|nummer)",
        r"(?:de )?(?:mailadressen|nummers|contacten|namen) van (?:je|jouw|uw) \w+|(?:je|jouw|uw)"
        r" adresboek|(?:een )?lijst van (?:je|jouw|uw) \w+",
        r"ik weet (?:precies )?waar (?:je|jij|u) (?:woont|werkt|op school zit|naar school gaat)",
    ),
    recording=(
        r"opgenomen|opname(?:n|s)?|opnemen|gefilmd|filmen|camera's|camerabeelden|cameraatje",
        r"videobell\w*|videogesprek\w*|videocall\w*|beeldbell\w*",
        r"gehackt|gehacked|toegang tot (?:je|jouw|uw) (?:apparaat|computer|telefoon|laptop|camera"
        r"|account|mail|microfoon)",
        r"ik heb (?:je|jou|u) (?:gezien|gefilmd|opgenomen|bekeken)",
    ),
    intimate=(
        r"naakt\w*|bloot|blote (?:foto'?s|foto|beelden|billen|borsten)",
        r"(?:intieme|pikante|ondeugende|sexy|expliciete|seksuele) (?:foto'?s|foto|beelden"
        r"|video'?s|video|filmpjes?|content)",
        r"seks\w*|porno\w*|masturb\w*|aftrekken|jezelf (?:aan)?raken|pikfoto\w*",
    ),
    deadline=(
        r"(?:binnen|in|nog|je hebt|u heeft|jij hebt|maximaal|uiterlijk) (?:de komende )?"
        r"(?:\d{1,3}|een|één|twee|drie|twaalf|vierentwintig|achtenveertig|tweeënzeventig) ?"
        r"(?:uur|uren|u|minuten|min|dagen|dag|seconden)",
        r"\d{1,3} ?(?:minuten|dagen)",
        r"(?:voor|uiterlijk) (?:vanavond|morgen|middernacht|maandag|dinsdag|woensdag|donderdag"
        r"|vrijdag|zaterdag|zondag|het einde van de dag|vandaag)",
        r"nu meteen|nu direct|onmiddellijk|meteen|zo snel mogelijk|zsm|opschieten|schiet op"
        r"|laatste kans|laatste waarschuwing|de tijd loopt|de klok tikt|aftellen|tik ?tak",
    ),
    minor=(
        r"(?:ik ben|je bent|jij bent|ze is|hij is|zij is|ben|bent) (?:pas |maar |nog maar |net )?"
        r"(?:1[0-7]|tien|elf|twaalf|dertien|veertien|vijftien|zestien|zeventien)(?:[.,!?;)]"
        r"| (?:jaar"
        r"|en|maar|dus|lol|haha|xd|hoor|ofzo|jij|ik|geworden)\b)" + OWN_END,
        r"(?:1[0-7]|tien|elf|twaalf|dertien|veertien|vijftien|zestien|zeventien)(?: jaar oud"
        r"|-jarige| jarige)",
        r"(?:meisje|jongen|kind|tiener|scholier\w*|leerling\w*) van (?:1[0-7]|tien|elf|twaalf"
        r"|dertien|veertien|vijftien|zestien|zeventien)",
        r"minderjarig\w*|onder de 18|nog geen 18",
        r"(?:je|jouw) (?:school|klas|klasgenoten|leraar|lerares|leraren|docent\w*|mentor|juf"
        r"|meester)|middelbare(?: school)?|havo|vwo|vmbo|mavo|brugklas|\d(?:e|de) klas"
        r"|klas [1-6]\b|klassenapp|klasgenoten|schoolplein",
    ),
    otherwise=(
        r"anders|zo niet|zoniet|tenzij",
        r"als (?:je|jij|u|jullie|het geld|de betaling|ik) (?:\w+ ){0,4}?(?:niet|geen|nooit)",
        r"als (?:je|jij|u) (?:me |mij )?(?:blokkeert|negeert|weigert|meldt)",
    ),
    or_words=(r"of (?:ik|iedereen|alles|hij|ze|het|die|dat|de (?:foto|video|beelden)\w*)",),
    consequences=(
        r"(?:iedereen|heel \w+|" + _NL_POSS + r" \w+) (?:\w+ ){0,2}?(?:ziet|zien|krijgt|krijgen"
        r"|weet|weten|ontvangt)",
        r"(?:ziet|zien|krijgt|krijgen|weet|weten) (?:\w+ )?(?:iedereen|heel|" + _NL_POSS + ")",
        r"stuur\w*|verstuur\w*|gestuurd|deel|delen|gedeeld|post|posten|gepost"
        r"|verspreid\w*|lek(?:ken|t)|gelekt|publiceer\w*",
        r"online|internet|iedereen|viral|overal",
        r"(?:je|jouw) (?:ouders|vrienden|familie|volgers|vriendin|vriend)",
    ),
    secrecy=(
        r"(?:vertel|zeg|meld|bel|blokkeer|rapporteer)\w* (?:het |dit |dat |er |me |mij )?(?:niet"
        r"|niemand|aan niemand|tegen niemand|niks)",
        r"niet naar de politie|de politie (?:niet )?bellen|tegen niemand|aan niemand|geen politie",
        r"als (?:je|jij|u) (?:naar de politie|aangifte doet|me blokkeert|mij blokkeert|het vertelt"
        r"|iemand (?:iets )?vertelt|me meldt)",
        r"onder ons|ons (?:kleine )?geheim|hou je mond|houd je mond|mondje dicht"
        r"|niemand mag het weten",
    ),
)

#: Every language with word lists here, by ISO 639-1 code (English lives in signals.py).
VOCABULARIES: dict[str, Vocabulary] = {
    "de": GERMAN, "fr": FRENCH, "es": SPANISH, "it": ITALIAN, "pt": PORTUGUESE, "nl": DUTCH,
}
LANGUAGES: tuple[str, ...] = tuple(VOCABULARIES)
