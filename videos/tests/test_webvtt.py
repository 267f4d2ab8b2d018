"""Caption files read into cues and written as WebVTT, and language tags: no store involved."""

import contextlib
import time

import pytest

from videos import language_tags, webvtt
from videos.webvtt import CaptionError, Cue, Limits

LIMITS = Limits(max_cues=100, duration_ms=60_000)


def cues_of(text: str | bytes, limits: Limits = LIMITS) -> tuple[str, list[Cue]]:
    return webvtt.parse(text if isinstance(text, bytes) else text.encode(), limits=limits)


def test_srt_becomes_cues_with_its_tags_cleaned():
    srt = (
        '\ufeff1\r\n00:00:01,000 --> 00:00:02,500\r\n<i>Hello</i> <font color="red">there</font>'
        "\r\n{\\an8}a < b & c\r\n\r\n2\r\n00:00:03.000 --> 00:00:04,000 X1:10 X2:20\r\nBye\r\n"
    )
    kind, cues = cues_of(srt)
    assert kind == "srt"
    assert cues == [
        Cue(start=1000, end=2500, settings="", text="<i>Hello</i> there\na &lt; b & c"),
        Cue(start=3000, end=4000, settings="", text="Bye"),
    ]


def test_webvtt_keeps_cues_settings_and_tags_it_defines_and_skips_the_rest():
    vtt = (
        "WEBVTT - a title\nKind: captions\n\nNOTE a comment\nspanning lines\n\n"
        "STYLE\n::cue { color: red }\n\nintro\n00:01.000 --> 00:02.000 align:start line:-2,end "
        "position:10%,line-left size:50% region:r1 bogus:1 align:middle\n"
        "<v Roger>Hi <c.loud>you</c> <00:01.500><script>x</script>\n\n"
        "00:00:03.000 --> 00:00:04.000 vertical:rl\n<ruby>漢<rt>kan</rt></ruby>\n"
    )
    kind, cues = cues_of(vtt)
    assert kind == "vtt"
    assert cues == [
        Cue(
            start=1000,
            end=2000,
            settings="align:start line:-2,end position:10%,line-left size:50%",
            text="<v Roger>Hi <c.loud>you</c> <00:01.500>x",
        ),
        Cue(start=3000, end=4000, settings="vertical:rl", text="<ruby>漢<rt>kan</rt></ruby>"),
    ]


def test_cues_out_of_order_are_sorted_and_written_numbered():
    vtt = "WEBVTT\n\n00:05.000 --> 00:06.000\nlater\n\n00:01.000 --> 00:02.000\nfirst\n"
    _, cues = cues_of(vtt)
    assert [cue.text for cue in cues] == ["first", "later"]
    written = webvtt.write(
        webvtt.numbered(cues), header="X-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000"
    )
    assert written == (
        "WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n"
        "1\n00:00:01.000 --> 00:00:02.000\nfirst\n\n2\n00:00:05.000 --> 00:00:06.000\nlater\n"
    )
    assert cues_of(written)[1] == cues


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("WEBVTT\n\n00:01.000 --> 00:02.000\nhi".encode("utf-16"), "binary"),
        ("1\n00:00:01,000 --> 00:00:02,000\ncaf\xe9\n".encode("latin-1"), "UTF-8"),
        ("just some words\n", "neither"),
        ("", "neither"),
        ("WEBVTT\n", "no cues"),
        ("WEBVTT\n00:01.000 --> 00:02.000\nhi\n", "Line 2: the header"),
        ("WEBVTT\n\n00:01.000 --> 00:61.000\nhi\n", "Line 3: timestamps"),
        ("WEBVTT\n\n00:01.5 --> 00:02.000\nhi\n", "Line 3: timestamps"),
        ("WEBVTT\n\n00:02.000 --> 00:01.000\nhi\n", "end after it starts"),
        ("WEBVTT\n\n00:59.000 --> 01:00.001\nhi\n", "past the item's end"),
        ("WEBVTT\n\n00:01.000 --> 00:02.000\n\n", "no text"),
        ("WEBVTT\n\nan id\nno timing\n", "Line 3: expected a cue timing"),
        ("1\n00:00:01,000 --> 00:00:02,000\nhi\n\nstray text\n", "Line 5: expected a cue number"),
        ("1\n00:01,000 --> 00:00:02,000\nhi\n", "Line 2: timestamps"),
        ("WEBVTT\n\n00:01.000 --> 00:02.000\nbell \x07\n", "control characters"),
        ("WEBVTT\n\n00:01.000 --> 00:02.000\n" + "line\n" * 11, "at most 10 lines"),
        ("WEBVTT\n\n00:01.000 --> 00:02.000\n" + "x" * 1001 + "\n", "at most 1000 characters"),
        ("WEBVTT\n\n" + "i" * 5000 + "\n00:01.000 --> 00:02.000\nhi\n", "Line 3 is too long"),
        ("WEBVTT\n\n" + "00:01.000 --> 00:30.000\nsame\n\n" * 9, "More than 8 cues show"),
        ("WEBVTT\n\n" + "00:01.000 --> 00:02.000\nhi\n\n" * 101, "At most 100 cues"),
    ],
)
def test_what_is_no_clean_caption_file_is_refused_with_its_reason(text, reason):
    with pytest.raises(CaptionError, match=reason):
        cues_of(text)


def test_back_to_back_cues_do_not_count_as_showing_together():
    vtt = "WEBVTT\n\n" + "".join(
        f"{webvtt.format_timestamp(n * 1000)} --> {webvtt.format_timestamp(n * 1000 + 1000)}\n"
        f"cue {n}\n\n"
        for n in range(50)
    )
    assert len(cues_of(vtt)[1]) == 50


@pytest.mark.parametrize(
    "hostile",
    [
        "WEBVTT\n\n00:01.000 --> 00:02.000\n" + "<" * 4000 + "\n",
        "WEBVTT\n\n00:01.000 --> 00:02.000\n" + "<a" * 2000 + "\n",
        "WEBVTT\n\n00:01.000 --> 00:02.000\n" + "{\\" * 2000 + "\n",
        "WEBVTT\n\n" + "-->" * 1300 + "\n",
        "1\n" * 250_000,
        "WEBVTT\n\n" + "x\n" * 250_000,
        "WEBVTT\n" + "header\n" * 70_000,
    ],
)
def test_hostile_files_are_read_in_linear_time(hostile):
    started = time.perf_counter()
    with contextlib.suppress(CaptionError):
        cues_of(hostile, Limits(max_cues=10_000, duration_ms=3_600_000))
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize(
    ("tag", "canonical"),
    [
        ("en", "en"),
        ("EN-us", "en-US"),
        ("pt-br", "pt-BR"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("sr-latn-rs", "sr-Latn-RS"),
        ("es-419", "es-419"),
        ("zh-yue-hk", "zh-yue-HK"),
        ("de-CH-1996", "de-CH-1996"),
        ("sl-rozaj-biske", "sl-rozaj-biske"),
        ("en-a-bbb-x-a-ccc", "en-a-bbb-x-a-ccc"),
        ("x-whatever", "x-whatever"),
        ("I-KLINGON", "i-klingon"),
        ("en-gb-oed", "en-GB-oed"),
        ("yue", "yue"),
    ],
)
def test_well_formed_language_tags_come_out_in_canonical_case(tag, canonical):
    assert language_tags.canonical(tag) == canonical


@pytest.mark.parametrize(
    "tag",
    [
        "",
        "e",
        "en_US",
        "en-",
        "-en",
        "en--US",
        "x",
        "en-x",
        "en-a",
        "en-a-b",
        "123",
        "english1",
        "toolonglang",
        "en-US-US",
        "de-1996-1996",
        "en-a-bbb-a-ccc",
        "en-x-toolongsub",
        "é",
        "en-" + "a" * 40,
    ],
)
def test_malformed_language_tags_are_refused(tag):
    with pytest.raises(language_tags.MalformedTag):
        language_tags.canonical(tag)
