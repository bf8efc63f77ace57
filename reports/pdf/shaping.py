"""Arabic labels for SVG charts, shaped and ordered by hand.

WeasyPrint 70 lays SVG ``<text>`` out one character at a time, left to right: Arabic in a
chart comes out with unjoined letters in reverse order (HTML text is shaped properly; only
SVG is affected). ``visual(label)`` therefore returns the label as WeasyPrint must draw it:
each letter replaced by its contextual presentation form (Unicode's Arabic Presentation
Forms-B, which the Noto Arabic fonts carry), lam-alef as its ligature, and the whole in
visual order (right-to-left runs reversed, numbers and Latin words kept as they read).
The chart's ``<title>`` keeps the label in logical order for screen readers.
"""

import re

# letter: (isolated, final, initial, medial); letters with two forms do not join the next one.
_FORMS = {
    "ء": (0xFE80,), "آ": (0xFE81, 0xFE82), "أ": (0xFE83, 0xFE84), "ؤ": (0xFE85, 0xFE86),
    "إ": (0xFE87, 0xFE88), "ئ": (0xFE89, 0xFE8A, 0xFE8B, 0xFE8C), "ا": (0xFE8D, 0xFE8E),
    "ب": (0xFE8F, 0xFE90, 0xFE91, 0xFE92), "ة": (0xFE93, 0xFE94), "ت": (0xFE95, 0xFE96, 0xFE97, 0xFE98),
    "ث": (0xFE99, 0xFE9A, 0xFE9B, 0xFE9C), "ج": (0xFE9D, 0xFE9E, 0xFE9F, 0xFEA0),
    "ح": (0xFEA1, 0xFEA2, 0xFEA3, 0xFEA4), "خ": (0xFEA5, 0xFEA6, 0xFEA7, 0xFEA8), "د": (0xFEA9, 0xFEAA),
    "ذ": (0xFEAB, 0xFEAC), "ر": (0xFEAD, 0xFEAE), "ز": (0xFEAF, 0xFEB0), "س": (0xFEB1, 0xFEB2, 0xFEB3, 0xFEB4),
    "ش": (0xFEB5, 0xFEB6, 0xFEB7, 0xFEB8), "ص": (0xFEB9, 0xFEBA, 0xFEBB, 0xFEBC),
    "ض": (0xFEBD, 0xFEBE, 0xFEBF, 0xFEC0), "ط": (0xFEC1, 0xFEC2, 0xFEC3, 0xFEC4),
    "ظ": (0xFEC5, 0xFEC6, 0xFEC7, 0xFEC8), "ع": (0xFEC9, 0xFECA, 0xFECB, 0xFECC),
    "غ": (0xFECD, 0xFECE, 0xFECF, 0xFED0), "ف": (0xFED1, 0xFED2, 0xFED3, 0xFED4),
    "ق": (0xFED5, 0xFED6, 0xFED7, 0xFED8), "ك": (0xFED9, 0xFEDA, 0xFEDB, 0xFEDC),
    "ل": (0xFEDD, 0xFEDE, 0xFEDF, 0xFEE0), "م": (0xFEE1, 0xFEE2, 0xFEE3, 0xFEE4),
    "ن": (0xFEE5, 0xFEE6, 0xFEE7, 0xFEE8), "ه": (0xFEE9, 0xFEEA, 0xFEEB, 0xFEEC), "و": (0xFEED, 0xFEEE),
    "ى": (0xFEEF, 0xFEF0), "ي": (0xFEF1, 0xFEF2, 0xFEF3, 0xFEF4),
}
# lam + this alef: (isolated, final) ligature
_LAM_ALEF = {"آ": (0xFEF5, 0xFEF6), "أ": (0xFEF7, 0xFEF8), "إ": (0xFEF9, 0xFEFA), "ا": (0xFEFB, 0xFEFC)}
_TATWEEL = "\u0640"
_MARKS = re.compile(r"[\u064B-\u065F\u0670]")
_ARABIC = re.compile(r"[\u0600-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_STRONG_LTR = re.compile(r"[A-Za-z0-9\u00C0-\u024F]")


def has_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text or ""))


def _joins_next(char: str) -> bool:
    return char == _TATWEEL or len(_FORMS.get(char, ())) == 4


def _joins_previous(char: str) -> bool:
    return char == _TATWEEL or len(_FORMS.get(char, ())) >= 2


def shape(text: str) -> str:
    """Replace Arabic letters by their contextual presentation forms (logical order kept)."""
    letters = _MARKS.sub("", text)  # harakat are not drawn in chart labels
    out = []
    i = 0
    while i < len(letters):
        char = letters[i]
        previous = letters[i - 1] if i else ""
        joined_before = bool(previous) and _joins_next(previous) and _joins_previous(char)
        following = letters[i + 1] if i + 1 < len(letters) else ""
        if char == "ل" and following in _LAM_ALEF:
            out.append(chr(_LAM_ALEF[following][1 if joined_before else 0]))
            i += 2
            continue
        forms = _FORMS.get(char)
        if not forms:
            out.append(char)
            i += 1
            continue
        joined_after = _joins_next(char) and bool(following) and _joins_previous(following)
        if joined_before and joined_after:
            out.append(chr(forms[3]))
        elif joined_after:
            out.append(chr(forms[2]))
        elif joined_before:
            out.append(chr(forms[1]))
        else:
            out.append(chr(forms[0]))
        i += 1
    return "".join(out)


_MIRRORED = str.maketrans("()[]{}<>«»", ")(][}{><»«")


def visual(text: str) -> str:
    """``text`` shaped and in the left-to-right order in which WeasyPrint draws SVG characters.

    A small right-to-left paragraph algorithm: Latin letters and digits are left-to-right,
    Arabic is right-to-left, and the characters between (spaces, punctuation) take the
    direction of their neighbours when both agree, else the paragraph's (right-to-left).
    Right-to-left runs are reversed (brackets mirrored), and the runs are laid out from
    right to left. Text without Arabic is returned unchanged.
    """
    if not has_arabic(text):
        return text
    shaped = shape(text)
    kinds = ["L" if _STRONG_LTR.match(c) else "R" if _ARABIC.match(c) else "N" for c in shaped]
    # A bracket pair around left-to-right text only, e.g. "(2019)", stays with that text.
    stack = []
    for position, char in enumerate(shaped):
        if char in "([{":
            stack.append(position)
        elif char in ")]}" and stack:
            opening = stack.pop()
            inside = kinds[opening + 1:position]
            if "L" in inside and "R" not in inside:
                kinds[opening] = kinds[position] = "L"
    i = 0
    while i < len(kinds):
        if kinds[i] != "N":
            i += 1
            continue
        j = i
        while j < len(kinds) and kinds[j] == "N":
            j += 1
        before = kinds[i - 1] if i else "R"
        after = kinds[j] if j < len(kinds) else "R"
        kinds[i:j] = ["L" if before == after == "L" else "R"] * (j - i)
        i = j
    runs: list[list] = []  # [direction, characters]
    for char, kind in zip(shaped, kinds, strict=True):
        if runs and runs[-1][0] == kind:
            runs[-1][1] += char
        else:
            runs.append([kind, char])
    pieces = [chars if kind == "L" else chars[::-1].translate(_MIRRORED) for kind, chars in runs]
    return "".join(reversed(pieces))
