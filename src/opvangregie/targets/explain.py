"""The fair-share engine's outcome in words a mayor follows (presentation only).

The engine (`opvangregie.fairshare`) stays free of Django and keeps its own short reason
texts for the command line; the web pages and the distribution detail translate its reason
*codes* here, and explain the "water level" of crediting earlier effort.
"""

from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from opvangregie.core.templatetags.opvangregie import fraction
from opvangregie.targets.forms import METHOD_LABELS

INDICATOR_LABELS = {
    "population": _lazy("inwoners"),
    "land_area": _lazy("landoppervlakte"),
    "population_density": _lazy("bevolkingsdichtheid"),
}


def _get(unit, name):
    return unit.get(name) if isinstance(unit, dict) else getattr(unit, name)


def _code_and_text(reason):
    if isinstance(reason, dict):
        return reason.get("code", ""), reason.get("text", "")
    return reason.code, reason.text


def reason_texts(unit, *, method: str) -> list[str]:
    """Why a municipality gets its number of places, one short sentence per reason.

    A whole quota needs no rounding and so no reason ("exact" is left out).
    """
    texts = []
    for reason in _get(unit, "reasons") or ():
        code, engine_text = _code_and_text(reason)
        if code == "exact":
            continue
        if code == "fixed":
            text = _("Vaste afspraak van %(n)s plekken") % {"n": _get(unit, "fixed")}
        elif code == "upper_bound":
            text = _("Niet meer dan de afgesproken bovengrens van %(n)s") % {
                "n": _get(unit, "upper")}
        elif code == "lower_bound":
            text = _("Opgehoogd tot de afgesproken ondergrens van %(n)s") % {
                "n": _get(unit, "lower")}
        elif code == "zero_share":
            text = _("Telt niet mee in de verdeelsleutel")
        elif code == "over_contribution":
            text = _("Deed eerder al meer dan het eerlijke deel; hoeft niets meer te leveren")
        elif code == "largest_remainder":
            text = _("Eén plek extra bij het afronden: het deel achter de komma was groot")
        elif code == "lower_quota":
            text = _("Naar beneden afgerond: het deel achter de komma was te klein")
        elif code == "ceiling":
            text = _("Naar boven afgerond (art. 29 Huisvestingswet)")
        elif code in ("rounded_up", "rounded_down"):
            label = METHOD_LABELS.get(method, method)
            text = (_("Naar boven afgerond (%(method)s)") if code == "rounded_up"
                    else _("Naar beneden afgerond (%(method)s)")) % {"method": label}
        else:  # ties and transfers: the engine's text names the municipalities involved
            text = engine_text
        texts.append(text)
    return texts or [_("Precies het eerlijke deel; geen afronding nodig")]


def method_label(method: str) -> str:
    return str(METHOD_LABELS.get(method, method))


def key_text(key: dict) -> str:
    """{"population": "1/2", "land_area": "1/2"} → "inwoners 50 %, landoppervlakte 50 %"."""
    parts = []
    # In the labels' order, not the stored order: PostgreSQL's jsonb keeps keys sorted by
    # length, so "land_area" would come before "population" there and not on SQLite.
    order = list(INDICATOR_LABELS)
    for code, weight in sorted(key.items(), key=lambda item: (
            order.index(item[0]) if item[0] in order else len(order), item[0])):
        share = Fraction(str(weight)) * 100
        shown = f"{share.numerator // share.denominator}" if share.denominator == 1 else (
            f"{float(share):.1f}".replace(".", ","))
        parts.append(f"{INDICATOR_LABELS.get(code, code)} {shown} %")
    return ", ".join(parts)


@dataclass(frozen=True)
class WaterLevel:
    """Who already did more than their fair part, and what that changes for the others."""

    done_enough: list[str]
    surplus: Fraction  # place-weeks beyond their fair parts
    text: str


def crediting_difference(unit) -> str:
    """"Resterend" minus (fair part − earlier effort), signed, for a unit that still owes.

    Empty for a unit that owes nothing: its row already says why.
    """
    remaining = Fraction(str(_get(unit, "remaining")))
    if remaining <= 0:
        return ""
    plain = Fraction(str(_get(unit, "fair_part"))) - Fraction(str(_get(unit, "credit")))
    difference = remaining - plain
    if round(difference, 1) == 0:
        return "0"
    return ("+" if difference > 0 else "−") + fraction(abs(difference), 1)


def water_level(names_and_units) -> WaterLevel | None:
    """Why "Resterend" is not fair part minus earlier effort, when someone owes nothing.

    Fair parts are shares of all effort together (the target plus earlier effort). A
    municipality that did more than its fair part owes 0, not a negative amount; its surplus
    counts for the region, so the others together owe that much less, each by its share (the
    engine's "water level" λ settles below E until the owed amounts add up to the target).
    """
    done = []
    surplus = Fraction(0)
    for name, unit in names_and_units:
        plain = Fraction(str(_get(unit, "fair_part"))) - Fraction(str(_get(unit, "credit")))
        if plain < 0 and Fraction(str(_get(unit, "remaining"))) == 0:
            done.append(str(name))
            surplus += -plain
    if not done:
        return None
    text = ngettext(
        "Waarom is ‘Resterend’ niet gelijk aan eerlijk deel min eerdere inzet? Het eerlijke "
        "deel is berekend over alle inzet samen: de opgave plus wat de gemeenten eerder al "
        "deden. %(names)s deed eerder %(surplus)s plekweken meer dan het eigen eerlijke deel "
        "en hoeft niets meer te leveren. Die extra inzet telt mee voor de regio: de andere "
        "gemeenten hoeven samen %(surplus)s plekweken minder te leveren, ieder naar het eigen "
        "aandeel in de sleutel. Zo leveren zij samen precies de opgave. In de rekenregels heet "
        "dit het ‘waterpeil’ van de verrekening. De kolom ‘Verschil door verrekening’ toont "
        "wat het per gemeente scheelt.",
        "Waarom is ‘Resterend’ niet gelijk aan eerlijk deel min eerdere inzet? Het eerlijke "
        "deel is berekend over alle inzet samen: de opgave plus wat de gemeenten eerder al "
        "deden. %(names)s deden eerder samen %(surplus)s plekweken meer dan hun eerlijke deel "
        "en hoeven niets meer te leveren. Die extra inzet telt mee voor de regio: de andere "
        "gemeenten hoeven samen %(surplus)s plekweken minder te leveren, ieder naar het eigen "
        "aandeel in de sleutel. Zo leveren zij samen precies de opgave. In de rekenregels heet "
        "dit het ‘waterpeil’ van de verrekening. De kolom ‘Verschil door verrekening’ toont "
        "wat het per gemeente scheelt.",
        len(done),
    ) % {"names": _join(done), "surplus": _one_decimal(surplus)}
    return WaterLevel(done, surplus, text)


def _one_decimal(value: Fraction) -> str:
    return fraction(value, 1)


def _join(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return _("%(first)s en %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}
