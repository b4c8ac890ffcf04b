"""The free-text guard: a confidential name typed into free text stays inside its circle.

Users type free text (decisions, actions, agenda items, meeting notes, proposals, location
reports, call notes, capacity comments, status reasons, emergency notes) that other roles read
on pages, in the status report, the deck and the workbook. Such text may name a candidate of
the location search or a confidential location that a reader may not see. Two defences:

- on save, `TextGuardMixin` refuses text that names a record the text's audience may not see,
  with a Dutch warning and a "Toch opslaan" box (the author may rephrase or confirm);
- on render, `mask(text, user)` (template filter `guarded`) replaces every name, address or
  owner the viewer may not see by "[vertrouwelijke locatie]"; readers who may see them read
  the text as typed.

Matching ignores case, accents and the width of whitespace, and finds a term inside longer
text (docs/confidential-text.md). Which terms a user may not see is decided in
`opvangregie.access` (`hidden_confidential_terms`, for a user or a `Reader`), the one module
that decides who sees which field.
"""

import re
import unicodedata
from functools import lru_cache

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opvangregie.access import Reader, hidden_confidential_terms  # noqa: F401 - Reader for forms

MASK = gettext_lazy("[vertrouwelijke locatie]")
CONFIRM_FIELD = "toch_opslaan"
# Shorter terms would mask half of every sentence; up to WORD_TERM_LENGTH a term must stand
# as a whole word, longer ones are found inside longer words too ("Marslandenhal").
MIN_TERM_LENGTH = 3
WORD_TERM_LENGTH = 5
MASKED_CACHE_SIZE = 5000


# --- normalising and matching -----------------------------------------------------------------


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=1)
def _combining_marks() -> dict[int, None]:
    """A `str.translate` table dropping what `_fold_char` drops (built once, ~20 ms)."""
    return {code: None for code in range(0x20000) if unicodedata.combining(chr(code))}


def quick_fold(text: str) -> str:
    """`fold(text)[0]` without the positions, in C: to see whether a text names a term at all.

    Whole-text NFKD differs from per-character NFKD only in the order of combining marks,
    which both drop.
    """
    return unicodedata.normalize("NFKD", text).translate(_combining_marks()).casefold()


def fold(text: str) -> tuple[str, list[int] | None]:
    """`text` without accents, case-folded; with, per folded character, its index in `text`.

    The index list is None when folding kept every position (plain ASCII: the common case).
    """
    if text.isascii():
        return text.lower(), None
    folded: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        piece = _fold_char(char)
        folded.append(piece)
        positions.extend([index] * len(piece))
    return "".join(folded), positions


def _tokens(term: str) -> list[str]:
    """A folded term as regex tokens: characters, with any run of whitespace as one token."""
    tokens = [r"\s+" if part.isspace() else re.escape(part)
              for part in re.findall(r"\s+|.", term, flags=re.DOTALL)]
    if term[-1:].isdigit():  # "Kerkstraat 12" is not "Kerkstraat 123"
        tokens.append(r"(?!\d)")
    if term[:1].isdigit():
        tokens.insert(0, r"(?<!\d)")
    return tokens


def _trie_pattern(terms: list[list[str]]) -> str:
    """One regex for many terms: a trie, so each position is tried once per shared prefix.

    A greedy optional tail at a term's end prefers the longest term at a position.
    """
    trie: dict = {}
    for tokens in terms:
        node = trie
        for token in tokens:
            node = node.setdefault(token, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [token + emit(child) for token, child in sorted(node.items()) if token]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


class Matcher:
    """Finds any of a list of terms in text, ignoring case, accents and whitespace width."""

    def __init__(self, terms):
        folded = {" ".join(fold(term)[0].split()) for term in terms if term}
        folded = sorted(t for t in folded if len(t) >= MIN_TERM_LENGTH)
        self.terms = folded
        long_terms = [_tokens(t) for t in folded if len(t) > WORD_TERM_LENGTH]
        short_terms = [_tokens(t) for t in folded if len(t) <= WORD_TERM_LENGTH]
        alternatives = []
        if long_terms:
            alternatives.append(_trie_pattern(long_terms))
        if short_terms:
            alternatives.append(r"(?<!\w)" + _trie_pattern(short_terms) + r"(?!\w)")
        # A lookahead finds a match at every position, so overlapping terms are all found.
        self._pattern = (
            re.compile("(?=(" + "|".join(alternatives) + "))") if alternatives else None
        )
        # Masked texts, as a page shows a text more than once and a matcher serves many
        # requests; emptied when full rather than kept in order (it only saves time).
        self._masked: dict[tuple[str, str], str] = {}

    def __bool__(self) -> bool:
        return self._pattern is not None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The (start, end) ranges of `text` that name a term; overlapping ranges merged."""
        if not text or self._pattern is None:
            return []
        if text.isascii():
            folded, positions = text.lower(), None
        elif self._pattern.search(quick_fold(text)) is None:
            return []  # most texts name nothing: skip the per-character fold
        else:
            folded, positions = fold(text)
        spans: list[tuple[int, int]] = []
        for match in self._pattern.finditer(folded):
            start, end = match.span(1)
            if end == start:
                continue
            if positions is not None:
                start, end = positions[start], positions[end - 1] + 1
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
        return spans

    def found(self, text: str) -> list[str]:
        """The parts of `text` that name a term, as typed."""
        return [text[start:end] for start, end in self.spans(text)]

    def mask(self, text: str, replacement: str) -> str:
        key = (text, replacement)
        masked = self._masked.get(key)
        if masked is None:
            if len(self._masked) >= MASKED_CACHE_SIZE:
                self._masked.clear()
            masked = self._masked[key] = self._mask(text, replacement)
        return masked

    def _mask(self, text: str, replacement: str) -> str:
        spans = self.spans(text)
        if not spans:
            return text
        parts, previous = [], 0
        for start, end in spans:
            parts += [text[previous:start], replacement]
            previous = end
        parts.append(text[previous:])
        return "".join(parts)


@lru_cache(maxsize=32)
def matcher_of(terms: tuple[str, ...]) -> Matcher:
    """One compiled matcher per list of terms, shared by requests and readers.

    Compiling a pattern of a thousand terms takes tens of milliseconds, scanning a text
    microseconds; the list changes only when a candidate, location or release does, and
    readers of one kind (the board members of a region) share it.
    """
    return Matcher(terms)


# --- who may read what ------------------------------------------------------------------------


# Who may read what is decided in `opvangregie.access` (`Reader`, `hidden_confidential_terms`).


def hidden_terms(user) -> list[str]:
    """The confidential names, addresses and owners `user` may not see (`opvangregie.access`)."""
    return hidden_confidential_terms(user)


def matcher_for(user) -> Matcher:
    """The user's matcher, built once per user object (so once per request)."""
    matcher = getattr(user, "_textguard_matcher", None)
    if matcher is None:
        matcher = matcher_of(tuple(hidden_terms(user)))
        user._textguard_matcher = matcher
    return matcher


def mask(text, user):
    """`text` with every term the user may not see replaced by "[vertrouwelijke locatie]"."""
    if not text or not isinstance(text, str):
        return text
    apply = getattr(user, "_textguard_masker", None)
    if apply is None:
        apply = user._textguard_masker = masker(user)
    return apply(text)


def masker(user):
    """A one-argument `mask` for the user: for code that masks many texts (reports)."""
    matcher = matcher_for(user)
    replacement = str(MASK)  # translated once, not per text

    def apply(text):
        return matcher.mask(text, replacement) if text and isinstance(text, str) else text

    return apply


def terms_named_in(text: str, audience) -> list[str]:
    """The parts of `text` that name a record `audience` may not see, as typed.

    `audience` is a `Reader` (the least entitled reader of the text) or a user.
    """
    if not text:
        return []
    reader = audience if isinstance(audience, Reader) else Reader.of_user(audience)
    return matcher_of(tuple(hidden_confidential_terms(reader))).found(text)


# --- on save ----------------------------------------------------------------------------------


class TextGuardMixin:
    """Refuses free text naming a record its audience may not see, unless "Toch opslaan".

    The view says who reads the text: `form.guard_text(Reader())` for text every user of the
    region reads, `form.guard_text(Reader.of_municipality(pk))` for text only the
    municipality's officers and the coordinators read, or a function of the cleaned data that
    returns one. Without that call nothing is checked.
    """

    guarded_fields: tuple[str, ...] = ()
    text_audience: Reader | None = None

    def guard_text(self, audience):
        self.text_audience = audience
        if self.is_bound and self.data.get(self.add_prefix(CONFIRM_FIELD)):
            self._add_confirm_field()
        return self

    def _add_confirm_field(self) -> None:
        if CONFIRM_FIELD not in self.fields:
            self.fields[CONFIRM_FIELD] = forms.BooleanField(
                label=_("Toch opslaan"), required=False,
                help_text=_("De tekst blijft zoals hij is; wie de locatie niet mag zien, "
                            "leest op die plek “[vertrouwelijke locatie]”."),
            )

    @property
    def text_guard_confirm(self):
        """The "Toch opslaan" box when it is shown, for templates that list fields by name."""
        return self[CONFIRM_FIELD] if CONFIRM_FIELD in self.fields else None

    def clean(self):
        cleaned = super().clean()
        # Views pass cleaned_data on to services as keyword arguments: the box is no argument.
        cleaned.pop(CONFIRM_FIELD, None)
        audience = self.text_audience
        if callable(audience):  # an audience that follows from the input (the municipality)
            audience = audience(cleaned)
        if audience is None or self.data.get(self.add_prefix(CONFIRM_FIELD)):
            return cleaned
        texts = {name: cleaned.get(name) for name in self.guarded_fields}
        texts = {name: value for name, value in texts.items() if value and isinstance(value, str)}
        if not texts:
            return cleaned
        matcher = matcher_of(tuple(hidden_confidential_terms(audience)))
        for name, value in texts.items():
            found = matcher.found(value)
            if found:
                self.add_error(name, _(
                    "Deze tekst noemt een vertrouwelijke locatie die niet iedereen die dit "
                    "leest mag zien: %(terms)s. Schrijf het anders op, of vink ‘Toch opslaan’ "
                    "aan; wie de locatie niet mag zien, leest dan “[vertrouwelijke locatie]”."
                ) % {"terms": ", ".join(f"“{term}”" for term in dict.fromkeys(found))})
                self._add_confirm_field()
        return cleaned
