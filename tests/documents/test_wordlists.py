"""The word-list cache: the same segmentation as PyThaiNLP's own trie, ready fast, and a
changed dictionary picked up."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from itadesk.documents import wordlists
from itadesk.documents.wordlists import SortedWords
from itadesk.paths import resource_path


def sample_texts() -> list[str]:
    text = resource_path("data", "thai-samples.txt").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip()]
    lines.append(
        "ตามที่องค์การบริหารส่วนตำบลได้เข้ารับการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"
        "ของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ ซึ่งสำนักงาน ป.ป.ช. ได้ประกาศผลคะแนน"
    )
    return lines


def test_sorted_words_segment_exactly_as_pythainlps_trie() -> None:
    from pythainlp.tokenize import word_tokenize
    from pythainlp.util import Trie

    words = list(wordlists.base_words())
    trie = Trie(words)
    sorted_words = SortedWords.of(words)
    assert len(sorted_words) == len(trie)
    for text in sample_texts():
        expected = word_tokenize(text, custom_dict=trie, engine="newmm", keep_whitespace=True)
        got = word_tokenize(text, custom_dict=sorted_words, engine="newmm", keep_whitespace=True)
        assert got == expected, text
        for start in range(len(text)):
            assert sorted_words.prefixes(text, start) == trie.prefixes(text, start)


def test_membership_and_prefixes() -> None:
    words = SortedWords.of(["การ", "การประเมิน", "ประเมิน", " ผล ", ""])
    assert "การ" in words and "ผล" in words and "กา" not in words and 5 not in words
    assert words.prefixes("การประเมินผล") == ["การ", "การประเมิน"]
    assert words.prefixes("การประเมินผล", 3) == ["ประเมิน"]
    assert words.prefixes("xyz") == []
    assert len(words) == 4 and bool(words) and not SortedWords.of([])


def test_the_cache_is_written_once_and_read_back(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ITADESK_DATA_DIR", str(tmp_path))
    wordlists._load.cache_clear()
    try:
        built = wordlists.base_words()
        files = list((tmp_path / "cache" / "wordlists").glob("base-*.txt"))
        assert len(files) == 1
        wordlists._load.cache_clear()
        monkeypatch.setitem(wordlists._BUILDERS, "base", lambda: pytest.fail("rebuilt"))
        assert list(wordlists.base_words()) == list(built)
    finally:
        wordlists._load.cache_clear()


def test_a_changed_dictionary_gets_a_new_cache_file(tmp_path: Path, monkeypatch) -> None:
    """The key follows the source files: a new PyThaiNLP word list (or ITA term list) is read
    afresh instead of an old cached copy."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    source = corpus / "words_th.txt"
    source.write_text("หนึ่ง\n", encoding="utf-8")
    monkeypatch.setattr(wordlists, "_corpus_dir", lambda: corpus)
    monkeypatch.setenv("ITADESK_DATA_DIR", str(tmp_path / "data"))
    words = [["หนึ่ง"]]
    monkeypatch.setitem(wordlists._BUILDERS, "base", lambda: words[-1])
    wordlists._load.cache_clear()
    try:
        assert list(wordlists.base_words()) == ["หนึ่ง"]
        source.write_text("หนึ่ง\nสอง\n", encoding="utf-8")
        os.utime(source, ns=(1, 1))
        words.append(["หนึ่ง", "สอง"])
        wordlists._load.cache_clear()
        assert list(wordlists.base_words()) == ["สอง", "หนึ่ง"]
        assert len(list((tmp_path / "data" / "cache" / "wordlists").glob("base-*.txt"))) == 2
    finally:
        wordlists._load.cache_clear()
