"""The parser as the extractor loads it: the model's own lemmas, remembered by word, tag and part of speech."""

from __future__ import annotations

from mapper import nlp as nlp_module
from mapper.nlp import load_parser


def test_lemmas_are_the_lemmatizers_own_when_remembered() -> None:
    nlp = load_parser()
    assert nlp_module._LEMMAS, "the model's rule lemmatizer is wrapped"
    lemmatizer = nlp_module._LEMMAS[0].lemmatizer
    texts = ["Rebels captured the villages and seized two hills on Monday.",
             "The army retook the town after rebels withdrew; the villages were captured again.",
             "IS fighters are fleeing Raqqa, which the SDF besieged and entered."] * 2
    docs = list(nlp.pipe(texts))
    for doc in docs:
        for t in doc:
            if t.lemma_ and not nlp_module._TABLE[0].by_word.get((t.tag_, t.lower_)):
                assert t.lemma_ == lemmatizer.lemmatize(t)[0], t.text
    assert [t.lemma_ for t in docs[0]] == [t.lemma_ for t in docs[3]]
    assert ("captured", "capture") in [(t.text, t.lemma_) for t in docs[4]]
