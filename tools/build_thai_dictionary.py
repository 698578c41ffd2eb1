"""Build ``resources/i18n/thbrk.tri``: libthai's word-break dictionary made of the words the
documents break Thai by (PyThaiNLP's word list plus ``resources/data/ita_terms.txt``).

Qt lays out Thai with libthai where it can load it (Linux: libthai0); libthai cuts a line of
Thai into words by maximal matching against this dictionary. Its own dictionary lacks the
ITA terms, so Qt split "ตัวชี้ / วัด" at a line end; with this one ITADesk's text boxes and
labels break at the documents' words (``itadesk/ui/thai_wrap.py`` points libthai here).

The file is written with libdatrie itself (the library libthai reads it with; installed with
libthai0 as libdatrie1), through ctypes: ``python tools/build_thai_dictionary.py
[--out PATH]``. The result is committed; a test rebuilds it and compares the bytes.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DICTIONARY = ROOT / "resources" / "i18n" / "thbrk.tri"
ITA_TERMS = ROOT / "resources" / "data" / "ita_terms.txt"
# libthai's dictionaries map the Thai block, ก (U+0E01) to ๛ (U+0E5B).
THAI_FIRST, THAI_LAST = 0x0E01, 0x0E5B


def words() -> list[str]:
    """The documents' dictionary (see itadesk/documents/linebreak.py), keeping the entries
    libthai can hold: Thai letters only (no spaces, dots or digits of other scripts)."""
    from pythainlp.corpus import thai_words

    entries = set(thai_words())
    for line in ITA_TERMS.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            entries.add(line)
    return sorted(w for w in entries if w and all(THAI_FIRST <= ord(c) <= THAI_LAST for c in w))


def load_datrie() -> ctypes.CDLL | None:
    for name in ("libdatrie.so.1", ctypes.util.find_library("datrie"), "libdatrie-1.dll"):
        if not name:
            continue
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    return None


def build(out: Path = DICTIONARY, datrie: ctypes.CDLL | None = None) -> int:
    """Write the dictionary to ``out``; returns the number of words. Raises RuntimeError
    without libdatrie."""
    datrie = datrie or load_datrie()
    if datrie is None:
        raise RuntimeError("libdatrie not found (Debian: apt-get install libdatrie1)")
    datrie.alpha_map_new.restype = ctypes.c_void_p
    datrie.alpha_map_add_range.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_uint32]
    datrie.trie_new.restype = ctypes.c_void_p
    datrie.trie_new.argtypes = [ctypes.c_void_p]
    datrie.trie_store.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_uint32), ctypes.c_int32]
    datrie.trie_save.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    datrie.trie_free.argtypes = [ctypes.c_void_p]
    datrie.alpha_map_free.argtypes = [ctypes.c_void_p]
    alpha_map = datrie.alpha_map_new()
    datrie.alpha_map_add_range(alpha_map, THAI_FIRST, THAI_LAST)
    trie = datrie.trie_new(alpha_map)
    datrie.alpha_map_free(alpha_map)
    entries = words()
    try:
        for word in entries:
            key = (ctypes.c_uint32 * (len(word) + 1))(*(ord(c) for c in word), 0)
            if not datrie.trie_store(trie, key, 1):
                raise RuntimeError(f"libdatrie refused the word {word!r}")
        out.parent.mkdir(parents=True, exist_ok=True)
        if datrie.trie_save(trie, str(out).encode()) != 0:
            raise RuntimeError(f"libdatrie could not write {out}")
    finally:
        datrie.trie_free(trie)
    return len(entries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DICTIONARY)
    args = parser.parse_args()
    try:
        count = build(args.out)
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"{args.out}: {count} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
