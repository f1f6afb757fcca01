"""Signals in German, French, Spanish, Italian, Portuguese and Dutch; split wallet addresses.

Every example here was written for these tests (none is taken from the corpus). Each
says which words a signal must report, quoted from the original message: spans point
into the text as it was received, accents, apostrophes and invisible characters included.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sextortion_triage.signal_words import LANGUAGES, fold
from sextortion_triage.signals import DETECTORS, detect_signals
from sextortion_triage.wallets import find_wallets


def found(text: str, name: str) -> list[str]:
    """The original words of every ``name`` signal in ``text``."""
    return [s.text for s in detect_signals(text) if s.name == name]


LANGUAGE_SIGNALS = tuple(d.name for d in DETECTORS)  # crypto_wallet does not depend on language

# fmt: off
MATCHES = [
    # (language, signal, text, words it must report)
    ("de", "payment_demand",     "Schick 200 € per Paysafecard, sonst gibt's Ärger",  ["Schick 200", "Paysafecard"]),
    ("de", "payment_demand",     "Überweis mir das Geld bis Freitag",                 ["Überweis"]),
    ("de", "threat_to_share",    "Ich schicke das Video an deine Eltern",             ["schicke das Video an deine Eltern"]),
    ("de", "threat_to_share",    "dann bekommt dein Chef die Aufnahmen",              ["dann bekommt dein Chef"]),
    ("de", "contacts_leverage",  "Ich habe alle deine Kontakte gespeichert",          ["Ich habe alle deine Kontakte"]),
    ("de", "recording_claim",    "Ich habe unseren Videoanruf aufgenommen",           ["Videoanruf", "aufgenommen"]),
    ("de", "intimate_content",   "ich hab noch deine Nacktbilder",                    ["Nacktbilder"]),
    ("de", "deadline",           "Du hast 24 Stunden Zeit",                           ["Du hast 24 Stunden"]),
    ("de", "minor_indicator",    "ich bin erst 15 und geh noch zur Realschule",       ["ich bin erst 15 und", "Realschule"]),
    ("de", "conditional_threat", "Zahl jetzt, sonst sehen es alle",                   ["sonst sehen es alle"]),
    ("de", "secrecy",            "Sag es niemandem, sonst wird es schlimmer",         ["Sag es niemandem"]),
    ("fr", "payment_demand",     "Envoie-moi 150 € en coupon Transcash",              ["Envoie-moi 150", "coupon Transcash"]),
    ("fr", "payment_demand",     "Tu me fais un virement ce soir",                    ["virement"]),
    ("fr", "threat_to_share",    "je vais envoyer la vidéo à tous tes abonnés",       ["envoyer la vidéo à tous tes abonnés"]),
    ("fr", "threat_to_share",    "tes parents vont recevoir les photos",              ["tes parents vont recevoir"]),
    ("fr", "contacts_leverage",  "j'ai la liste de tous tes contacts",                ["liste de tous tes contacts"]),
    ("fr", "recording_claim",    "j'ai tout enregistré pendant l'appel vidéo",        ["enregistré", "appel vidéo"]),
    ("fr", "intimate_content",   "j'ai tes photos intimes",                           ["photos intimes"]),
    ("fr", "deadline",           "tu as 48 heures pour payer",                        ["tu as 48 heures"]),
    ("fr", "minor_indicator",    "t'as que 14 ans et t'es au collège",                ["t'as que 14 ans", "au collège"]),
    ("fr", "conditional_threat", "paie sinon je publie tout sur insta",               ["sinon je publie"]),
    ("fr", "secrecy",            "n'en parle à personne",                             ["parle à personne"]),
    ("es", "payment_demand",     "hazme un bizum de 300 euros ya",                    ["bizum", "300 euros"]),
    ("es", "payment_demand",     "mándame 500 pesos por Mercado Pago",                ["mándame 500 pesos", "Mercado Pago"]),
    ("es", "threat_to_share",    "voy a mandar el video a todos tus contactos",       ["mandar el video a todos tus contactos"]),
    ("es", "threat_to_share",    "lo verán tus padres",                               ["lo verán tus padres"]),
    ("es", "contacts_leverage",  "tengo todos tus seguidores en una lista",           ["tengo todos tus seguidores"]),
    ("es", "recording_claim",    "grabé toda la videollamada",                        ["grabé", "videollamada"]),
    ("es", "intimate_content",   "tengo tus fotos íntimas",                           ["fotos íntimas"]),
    ("es", "deadline",           "tienes 2 horas para pagar",                         ["tienes 2 horas"]),
    ("es", "minor_indicator",    "tengo 16 años y voy a la prepa",                    ["tengo 16 años", "prepa"]),
    ("es", "conditional_threat", "si no pagas, subo las fotos a internet",            ["si no pagas, subo"]),
    ("es", "secrecy",            "no le digas nada a nadie",                          ["no le digas nada", "a nadie"]),
    ("it", "payment_demand",     "fammi una ricarica PostePay da 100 euro",           ["ricarica", "PostePay", "100 euro"]),
    ("it", "payment_demand",     "pagami entro stasera con Satispay",                 ["pagami", "Satispay"]),
    ("it", "threat_to_share",    "mando il video ai tuoi genitori",                   ["mando il video ai tuoi genitori"]),
    ("it", "threat_to_share",    "lo vedranno i tuoi amici",                          ["lo vedranno i tuoi amici"]),
    ("it", "contacts_leverage",  "ho tutti i tuoi contatti",                          ["ho tutti i tuoi contatti"]),
    ("it", "recording_claim",    "ho registrato la videochiamata",                    ["registrato", "videochiamata"]),
    ("it", "intimate_content",   "ho le tue foto intime",                             ["foto intime"]),
    ("it", "deadline",           "hai 24 ore per pagare",                             ["hai 24 ore"]),
    ("it", "minor_indicator",    "ho solo 15 anni e faccio la terza media",           ["ho solo 15 anni", "terza media"]),
    ("it", "conditional_threat", "paga, altrimenti lo pubblico su instagram",         ["altrimenti lo pubblico"]),
    ("it", "secrecy",            "non dirlo a nessuno",                               ["non dirlo a nessuno"]),
    ("pt", "payment_demand",     "faz um pix de 200 reais agora",                     ["um pix", "200 reais"]),
    ("pt", "payment_demand",     "manda 50 euros por MB Way",                         ["manda 50 euros", "MB Way"]),
    ("pt", "threat_to_share",    "vou mandar o vídeo pra tua família",                ["mandar o vídeo pra tua família"]),
    ("pt", "threat_to_share",    "teus pais vão ver tudo",                            ["teus pais vão ver"]),
    ("pt", "contacts_leverage",  "tenho todos os seus contatos",                      ["tenho todos os seus contatos"]),
    ("pt", "recording_claim",    "gravei a nossa videochamada",                       ["gravei", "videochamada"]),
    ("pt", "intimate_content",   "tenho teus nudes e fotos íntimas",                  ["nudes", "fotos íntimas"]),
    ("pt", "deadline",           "tem 3 horas pra pagar",                             ["tem 3 horas"]),
    ("pt", "minor_indicator",    "tenho 13 anos, estou no ensino médio",              ["tenho 13 anos", "ensino médio"]),
    ("pt", "conditional_threat", "paga senão espalho tudo na internet",               ["senão espalho"]),
    ("pt", "secrecy",            "não conta pra ninguém",                             ["não conta pra ninguém"]),
    ("nl", "payment_demand",     "stuur 80 euro via Tikkie",                          ["stuur 80 euro", "Tikkie"]),
    ("nl", "payment_demand",     "maak het geld over naar mijn rekeningnummer",       ["maak het geld over", "rekeningnummer"]),
    ("nl", "threat_to_share",    "ik stuur de foto's naar je ouders",                 ["stuur de foto's naar je ouders"]),
    ("nl", "threat_to_share",    "dan krijgt je vriendin de video",                   ["krijgt je vriendin"]),
    ("nl", "contacts_leverage",  "ik heb al je volgers",                              ["ik heb al je volgers"]),
    ("nl", "recording_claim",    "ik heb het videogesprek opgenomen",                 ["videogesprek", "opgenomen"]),
    ("nl", "intimate_content",   "ik heb je naaktfoto's",                             ["naaktfoto"]),
    ("nl", "deadline",           "je hebt 24 uur om te betalen",                      ["je hebt 24 uur"]),
    ("nl", "minor_indicator",    "ik ben pas 14 en zit in de brugklas",               ["ik ben pas 14 en", "brugklas"]),
    ("nl", "conditional_threat", "betaal anders zet ik alles online",                 ["anders zet ik alles online"]),
    ("nl", "secrecy",            "vertel het aan niemand",                            ["vertel het aan niemand"]),
]
NO_MATCHES = [
    # (language, signal, text): the same vocabulary, said harmlessly
    ("de", "payment_demand",     "Die Zahl der Fälle ist gestiegen"),               # Zahl: a number
    ("de", "threat_to_share",    "Ich schicke dir morgen die Urlaubsfotos"),
    ("de", "threat_to_share",    "Wie geht es deiner Mutter?"),
    ("de", "contacts_leverage",  "Meine Freunde kommen heute vorbei"),
    ("de", "recording_claim",    "Das Konzert war großartig"),
    ("de", "intimate_content",   "Wir gehen privat essen"),
    ("de", "deadline",           "Das war ein schöner Tag"),
    ("de", "minor_indicator",    "Ich bin 15 Minuten zu spät"),
    ("de", "conditional_threat", "Kommst du heute oder morgen?"),
    ("de", "secrecy",            "Ruf sofort die Polizei an"),
    ("fr", "payment_demand",     "Je suis allé dans un autre pays"),                # pays: a country
    ("fr", "threat_to_share",    "Dis bonjour de ma part à tes parents"),
    ("fr", "contacts_leverage",  "Mes amis arrivent ce soir"),
    ("fr", "recording_claim",    "Le concert était génial"),
    ("fr", "intimate_content",   "On se voit maintenant ?"),
    ("fr", "deadline",           "Il y avait du soleil"),
    ("fr", "minor_indicator",    "Mon père a 45 ans et travaille au bureau"),
    ("fr", "conditional_threat", "Tu veux du thé ou du café ?"),
    ("fr", "secrecy",            "Parle à tes parents et à la police"),
    ("es", "payment_demand",     "Voy a la página 20 del libro"),
    ("es", "threat_to_share",    "Mándale saludos de mi parte"),
    ("es", "threat_to_share",    "Va a ser genial ver a tu familia"),
    ("es", "contacts_leverage",  "Mis amigos vienen a cenar"),
    ("es", "recording_claim",    "El partido estuvo muy bueno"),
    ("es", "intimate_content",   "Nos vemos en el parque"),
    ("es", "deadline",           "Ayer hizo mucho calor"),
    ("es", "minor_indicator",    "Mi abuelo tiene 80 años"),
    ("es", "conditional_threat", "¿Quieres té o café?"),
    ("es", "secrecy",            "Cuéntaselo a tus padres y denuncia"),
    ("it", "payment_demand",     "La pagina web è lenta"),
    ("it", "threat_to_share",    "Salutami tua madre"),
    ("it", "threat_to_share",    "Domani va a scuola con tuo fratello"),
    ("it", "contacts_leverage",  "I miei amici arrivano stasera"),
    ("it", "recording_claim",    "La partita è stata bella"),
    ("it", "intimate_content",   "Ci vediamo al bar"),
    ("it", "deadline",           "Ieri pioveva"),
    ("it", "minor_indicator",    "Mio nonno ha 80 anni"),
    ("it", "conditional_threat", "Vuoi tè o caffè?"),
    ("it", "secrecy",            "Parlane con i tuoi genitori"),
    ("pt", "payment_demand",     "Comprei pão na padaria"),
    ("pt", "threat_to_share",    "Vou pra casa da sua mãe amanhã"),
    ("pt", "contacts_leverage",  "Meus amigos vêm jantar"),
    ("pt", "recording_claim",    "O jogo foi ótimo"),
    ("pt", "intimate_content",   "Vamos jogar uma pelada no sábado"),               # pelada: a kickabout
    ("pt", "deadline",           "Ontem choveu muito"),
    ("pt", "minor_indicator",    "Meu avô tem 80 anos"),
    ("pt", "conditional_threat", "Quer chá ou café?"),
    ("pt", "secrecy",            "Conta para os teus pais e denuncia"),
    ("nl", "payment_demand",     "Het weer is mooi vandaag"),
    ("nl", "threat_to_share",    "je opa stuurt altijd grappige filmpjes"),         # the audience is the sender
    ("nl", "threat_to_share",    "een deel van je familie komt ook"),              # deel: a part
    ("nl", "contacts_leverage",  "Mijn vrienden komen eten"),
    ("nl", "recording_claim",    "De wedstrijd was leuk"),
    ("nl", "intimate_content",   "Ik ben er nu, kom je?"),                          # nu: now (French nu: naked)
    ("nl", "deadline",           "Gisteren regende het"),
    ("nl", "minor_indicator",    "Ik ben 15 minuten te laat"),
    ("nl", "conditional_threat", "Wil je thee of koffie?"),
    ("nl", "secrecy",            "Bel de politie en vertel het je ouders"),
]
# fmt: on


@pytest.mark.parametrize(("lang", "name", "text", "words"), MATCHES)
def test_detector_finds_its_words_in_each_language(lang: str, name: str, text: str,
                                                   words: list[str]) -> None:
    assert found(text, name) == words


@pytest.mark.parametrize(("lang", "name", "text"), NO_MATCHES)
def test_detector_stays_silent_on_harmless_use_of_the_same_words(lang: str, name: str,
                                                                 text: str) -> None:
    assert found(text, name) == []


@pytest.mark.parametrize(("lang", "name"), list(itertools.product(LANGUAGES, LANGUAGE_SIGNALS)))
def test_every_language_has_an_example_and_a_counterexample_for_every_signal(
        lang: str, name: str) -> None:
    assert any(m[0] == lang and m[1] == name for m in MATCHES)
    assert any(n[0] == lang and n[1] == name for n in NO_MATCHES)


# -------------------------------------------------------------------- spelling and spans
# fmt: off
SPELLINGS = [
    # (signal, the same words spelled differently: with accents, without, capitals, umlauts)
    ("payment_demand",   ["Überweisung", "Ueberweisung", "uberweisung", "ÜBERWEISUNG"]),
    ("intimate_content", ["fotos íntimas", "fotos intimas", "FOTOS ÍNTIMAS"]),
    ("recording_claim",  ["vidéo appel enregistré", "video appel enregistre"]),
    ("minor_indicator",  ["tengo 15 años", "tengo 15 anos"]),
    ("payment_demand",   ["transferência", "transferencia"]),
]
# fmt: on


@pytest.mark.parametrize(("name", "spellings"), SPELLINGS)
def test_accents_capitals_and_umlauts_are_optional(name: str, spellings: list[str]) -> None:
    for spelling in spellings:
        assert found(f"ok: {spelling}!", name), spelling


def test_eszett_and_ss_are_the_same_letter() -> None:
    for text in ("Ich weiß wo du wohnst", "ich weiss wo du wohnst", "ICH WEISS WO DU WOHNST"):
        assert found(text, "contacts_leverage") == [text]


def test_either_apostrophe_works() -> None:
    assert found("j’ai tout enregistré", "recording_claim") == ["enregistré"]
    assert found("n’en parle à personne", "secrecy") == ["parle à personne"]
    assert found("ik stuur de foto’s naar je ouders", "threat_to_share") == [
        "stuur de foto’s naar je ouders"]


def test_spans_quote_the_original_text_with_accents_and_an_invisible_character() -> None:
    text = "Tengo tus fotos ín\u200btimas y lo verán TUS PADRES"
    for signal in detect_signals(text):
        assert text[signal.start : signal.end] == signal.text
    assert found(text, "intimate_content") == ["fotos ín\u200btimas"]
    assert found(text, "threat_to_share") == ["lo verán TUS PADRES"]


def test_a_disguised_word_in_another_language_is_still_found() -> None:
    text = "Ich schicke das V.i.d.e.o an d3ine E l t e r n"
    assert found(text, "threat_to_share") == ["schicke das V.i.d.e.o an d3ine E l t e r n"]


def test_a_follow_up_sum_needs_the_end_of_a_clause() -> None:
    assert found("Nochmal 300. Sonst geht es raus", "payment_demand") == ["Nochmal 300."]
    assert found("otros 300 y lo borro", "payment_demand") == ["otros 300 y"]
    assert found("noch 10 Minuten", "payment_demand") == []
    assert found("otros 20 seguidores", "payment_demand") == []


def test_the_audience_can_come_after_the_verb_as_in_german_and_dutch() -> None:
    assert found("sonst erhält Ihr Mann die Aufnahmen", "threat_to_share") == [
        "erhält Ihr Mann"]
    assert found("Kom je niet, dan krijgt je vrouw de foto's", "threat_to_share") == [
        "krijgt je vrouw"]


# fmt: off
ENGLISH_STAYS_ENGLISH = [
    # (signal, English text): words of other languages that are also English must not
    # change what the English detector finds
    ("payment_demand",    "send pix of your dog"),          # Portuguese pix: a payment rail
    ("payment_demand",    "that is the ideal place"),       # Dutch iDEAL
    ("payment_demand",    "read page 2"),                   # Spanish and Italian pag-
    ("payment_demand",    "a deposit of trust"),            # Spanish and Portuguese deposit-
    ("minor_indicator",   "she went to college"),           # French collège
    ("minor_indicator",   "he will preside"),               # Italian preside
    ("recording_claim",   "the cameras were off"),          # Portuguese câmeras
    ("recording_claim",   "hackers stole the data"),        # French hacké
    ("intimate_content",  "a six pack of beer"),            # Spanish and Portuguese pack
    ("threat_to_share",   "I posted it online"),            # online after an English verb
    ("threat_to_share",   "results published online"),
    ("conditional_threat", "one of your friends posted online"),  # Dutch of
]
# fmt: on


@pytest.mark.parametrize(("name", "text"), ENGLISH_STAYS_ENGLISH)
def test_words_shared_with_english_do_not_add_english_signals(name: str, text: str) -> None:
    assert found(text, name) == []


def test_fold_makes_accents_optional_inside_and_outside_character_classes() -> None:
    assert fold("über") == "(?:ü|ue|u)ber"
    assert fold("caf[éè]") == "caf[éeèe]"
    assert fold("j'ai") == "j['’]ai"
    assert fold("weiß") == "weiss?"


# -------------------------------------------------------------------- split wallets
VALID_BECH32 = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"
VALID_LEGACY = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"


def wallet_signals(text: str) -> list[tuple[str, str]]:
    return [(s.text, s.detail) for s in detect_signals(text) if s.name == "crypto_wallet"]


# fmt: off
SPLIT = [
    # (how it was split, text)
    ("spaces, in fours",      "pay to bc1q ar0s rrr7 xfkv y5l6 43ly dnw9 re59 gtzz wf5m dq now"),
    ("dashes",                "pay to 1A1zP1eP5Q-Gefi2DMPTf-TL5SLmv7DivfNa now"),
    ("spaced dashes",         "pay to 1A1zP1eP5Q - Gefi2DMPTfTL5SLmv7DivfNa now"),
    ("a line break",          "pay to\n1A1zP1eP5QGefi2D\nMPTfTL5SLmv7DivfNa\nnow"),
    ("dots",                  "pay to 1A1zP1eP5Q.Gefi2DMPTf.TL5SLmv7DivfNa now"),
    ("an invisible space",    "pay to 1A1zP1eP5QGefi2DMPT\u200bfTL5SLmv7DivfNa now"),
    ("a long first piece",    "pay to 1A1zP1eP5QGefi2DMPTfTL5SLm v7DivfNa now"),
]
# fmt: on


@pytest.mark.parametrize(("how", "text"), SPLIT)
def test_a_split_address_is_one_signal_over_all_its_pieces(how: str, text: str) -> None:
    ((words, detail),) = wallet_signals(text)
    assert words.startswith(("bc1q", "1A1z")) and words.endswith(("dq", "vfNa"))
    assert "".join(c for c in words if c.isalnum()) in (VALID_BECH32, VALID_LEGACY)
    assert "valid checksum" in detail and "split into" in detail


def test_a_split_address_reports_where_it_is_in_the_original_text() -> None:
    text = "Wallet: 1A1zP1eP5Q-Gefi2DMPTf-TL5SLmv7DivfNa. Danke."
    (match,) = find_wallets(text)
    assert (text[match.start : match.end], match.pieces) == (
        "1A1zP1eP5Q-Gefi2DMPTf-TL5SLmv7DivfNa", 3)


def test_a_split_address_with_a_wrong_checksum_is_reported_as_not_valid() -> None:
    ((words, detail),) = wallet_signals("pay to 1A1zP1eP5Q-Gefi2DMPTf-TL5SLmv7DivfNb now")
    assert words == "1A1zP1eP5Q-Gefi2DMPTf-TL5SLmv7DivfNb"
    assert "not valid" in detail


def test_a_wrong_checksum_split_into_wordlike_pieces_is_not_an_address() -> None:
    # the last character is changed, so only the shape could vouch for it: "xfkv",
    # "gtzz" could be words and "dp" is too short
    assert wallet_signals("bc1q ar0s rrr7 xfkv y5l6 43ly dnw9 re59 gtzz wf5m dp") == []


def test_a_split_made_up_address_is_found_as_the_whole_one_is() -> None:
    # letters Bech32 lacks ("1", "b"), and a legacy string that runs on into "0S":
    # the whole-address shapes report both, so their split forms must be reported too
    for whole, split in [
        ("bc1q4hx8w2ntk6c0q9yr3dfm7lzs5pv1eg8uj2wa0m", "bc1q4hx8w 2ntk6c0q9yr3dfm7lzs5pv1eg8uj2wa0m"),
        ("1Gf6RkT3wYp9Zc2Nm8Vx5Lq7Hd4Ja1Eb0S", "1Gf6RkT - 3wYp9Zc2Nm8Vx5Lq7Hd4Ja1Eb0S"),
    ]:
        ((clean, _),) = wallet_signals(f"send it to {whole} today")
        ((disguised, detail),) = wallet_signals(f"send it to {split} today")
        assert disguised.replace(" - ", "").replace(" ", "") == clean
        assert "not valid" in detail and "split into 2" in detail


def test_a_split_ethereum_address_is_reported_by_shape() -> None:
    text = "0x79227d1e72a7a0825 51a3510c38b1f01a33fe37d"
    (match,) = find_wallets(text)
    assert (match.coin, match.checksum_valid, match.pieces) == ("ethereum", None, 2)
    assert (match.start, match.end) == (0, len(text))


# fmt: off
ORDINARY = [
    "The money is due Tomorrow at 3 and Mom says 1 more time is Too Much",
    "3 days ago Tom said Lol - Me too. Let 4 of us go at 8 PM",
    "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25",
    "Meet at 10am. The Train to Leeds leaves at 1 pm, Mia.",
    "0x is how you start hex, like 0x1f and 0x2a and 0x3b",
    "Call +31 6 1234 5678 or mail me. IBAN LT12 1000 0111 0100 1000.",
]
# fmt: on


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_never_joins_into_an_address(text: str) -> None:
    assert list(find_wallets(text)) == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ123456789",
                        min_size=1, max_size=3), min_size=2, max_size=40),
       st.sampled_from([" ", " - ", "\n", "."]))
def test_short_pieces_join_only_into_an_address_whose_checksum_is_valid(
        pieces: list[str], separator: str) -> None:
    for match in find_wallets(separator.join(pieces)):
        assert match.checksum_valid
