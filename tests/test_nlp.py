"""The parser as the extractor loads it: the model's own parses, parts of speech and lemmas, got faster."""

from __future__ import annotations

import spacy

from mapper import nlp as nlp_module
from mapper.nlp import MODEL_NAMES, load_parser

TEXTS = [
    "Rebels captured the villages and seized two hills on Monday.",
    "The army retook the town after rebels withdrew; the villages were captured again.",
    "IS fighters are fleeing Raqqa, which the SDF besieged and entered.",
    "Turkish-backed rebels took over al-Rae town, which had been held by Islamic State militants since 2014.",
    "The Syrian military declared Albu Kamal liberated, saying its forces had expelled the last jihadists.",
    "Government troops, backed by Russian air strikes, pushed into the eastern districts which rebels held.",
]


def _model() -> spacy.language.Language:
    for name in MODEL_NAMES:
        try:
            return spacy.load(name, exclude=["ner"])
        except OSError:
            continue
    raise AssertionError("no model installed")


def test_parses_are_the_models_own() -> None:
    """NumPy's BLAS instead of BLIS, and the remembered annotations: the same tags, heads and dependencies."""
    ours = list(load_parser().pipe(TEXTS * 2))
    theirs = list(_model().pipe(TEXTS))
    for a, b in zip(ours, theirs * 2, strict=True):
        assert [(t.tag_, t.head.i, t.dep_) for t in a] == [(t.tag_, t.head.i, t.dep_) for t in b]


def test_lemmas_and_parts_of_speech_match_the_model() -> None:
    """Lemmas and morphology are the model's; parts of speech too, but for the multi-word rules the table
    leaves out ("which" as DET, "after" as ADP, documented in mapper.nlp)."""
    ours = list(load_parser().pipe(TEXTS * 2))
    theirs = list(_model().pipe(TEXTS))
    pos_differ = set()
    for a, b in zip(ours, theirs * 2, strict=True):
        for x, y in zip(a, b, strict=True):
            assert (x.lemma_, str(x.morph)) == (y.lemma_, str(y.morph)), x.text
            if x.pos_ != y.pos_:
                pos_differ.add(x.lower_)
    assert pos_differ <= {"which", "after", "that"}, pos_differ
    assert ("captured", "capture") in [(t.text, t.lemma_) for t in ours[1]]
    assert ("withdrew", "withdraw") in [(t.text, t.lemma_) for t in ours[1]]


def test_remembered_annotations_equal_fresh_ones() -> None:
    nlp = load_parser()
    annotator = nlp_module._ANNOTATOR[0]
    assert annotator.lemmatizer is not None, "the model's rule lemmatizer is used"
    first = [[(t.pos_, t.lemma_, str(t.morph)) for t in d] for d in nlp.pipe(TEXTS)]
    annotator.cache.clear()
    again = [[(t.pos_, t.lemma_, str(t.morph)) for t in d] for d in nlp.pipe(TEXTS)]
    assert first == again
    assert annotator.cache, "annotations are remembered"
