"""What in a turn of talk says nothing about its topic: names, made-up names, markers and filler.

A meeting is not a survey. Its turns name the people in the room ("Thanks, Colin"), carry the
made-up names and markers that redaction leaves ("Person 1", "[PERSON 3]", "xxxx"), and many
turns are only filler or backchannel ("Yeah.", "Heard.", "Cheers, Rachel. Take care."). Left in,
these become theme words and quotes. This module takes them out of the text the theme model
reads (the quotes still show what was said), and says which turns are too short to theme.

The filler list is our own: spoken English fillers, backchannels, greetings and sign-offs as
they appear in meeting transcripts (the AMI and ICSI meetings, Teams and Zoom captions). No
library we could find ships such a list for English conversation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from coprod_lab.text import words

# Single words that carry no topic in talk: fillers, backchannels, greetings, sign-offs.
FILLER_WORDS = frozenset(
    """
    um umm uh uhh uhm er erm err ah ahh aha oh ooh hmm hm mm mmm mhm mm-hmm uh-huh huh eh
    yeah yea yep yup yes yeh no nope nah ok okay okey alright right sure cool great fine good
    lovely brilliant perfect excellent nice wonderful fantastic super awesome wow gosh
    thanks thank thankyou cheers ta bye goodbye hello hi hiya hey morning afternoon evening
    sorry pardon excuse please welcome indeed exactly absolutely definitely totally true
    agreed agree yes-yes anyway anyways well so like basically literally actually obviously
    just really quite pretty stuff things thing gonna wanna gotta kinda sorta
    guys folks everyone everybody anybody someone somebody
    heard noted understood gotcha ta-ra
    madam chair chairman chairwoman honourable
    """.split()  # noqa: SIM905 (a word list reads better as text)
)
# Words about the talk itself, not its topic: they stay in what the model reads but never name a
# theme ("told, call and ask").
TALK_WORDS = frozenset(
    """
    say says said saying tell tells told telling ask asks asked asking talk talks talked talking
    speak spoke spoken mention mentioned explain explained answer question questions
    think thinks thought know knows knew want wants wanted need needs needed feel felt
    get gets getting got go goes going went gone come comes coming came make makes making made
    take takes taking took put puts let lets see sees seen saw look looks looking looked
    use uses used using try tried trying give gave given keep kept
    maybe probably perhaps something anything everything nothing point points way ways
    nobody anyone somewhere anywhere everywhere
    mean means meant bit lot lots yes today tomorrow yesterday now then
    seem seems seemed might must shall whether kind sort stuff pretty anyway else rather
    one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred thousand million point dunno though although much personally
    """.split()  # noqa: SIM905 (a word list reads better as text)
)
# Phrases of the same kind as the filler words, matched as whole words.
FILLER_PHRASES = (
    "take care",
    "see you",
    "you know",
    "i mean",
    "i see",
    "that's right",
    "that is right",
    "fair enough",
    "no worries",
    "no problem",
    "of course",
    "all right",
    "sounds good",
    "makes sense",
    "thank you",
    "go ahead",
    "carry on",
    "over to you",
    "can you hear me",
    "you're on mute",
    "you are on mute",
)
# Made-up names and markers from redaction and from transcription tools.
_MARKERS = re.compile(
    r"\[[^\]]{0,40}\]|<[^>]{0,40}>|\{[^}]{0,40}\}"  # [PERSON 3], <NAME>, {vocalsound}
    r"|\b(?:person|speaker|participant|guest|attendee|user|p)[ _-]?\d+\b"  # Person 1, Speaker_2
    r"|\b[xX]{2,}\b|\*{2,}|#{2,}",  # xxxx, ****, ### left by redaction
    re.I,
)
_PHRASES = re.compile(
    r"(?<![\w'’])(?:" + "|".join(re.escape(p) for p in FILLER_PHRASES) + r")(?![\w'’])", re.I
)
# Words in a speaker's name that are not their name.
_TITLES = frozenset(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady hon rev the chair am mp mpp mla msp
    cllr councillor guest external
    """.split()  # noqa: SIM905
)
_TAG = re.compile(r"\([^)]*\)|\[[^\]]*\]")
SHORT_WORDS = 3  # a turn with fewer words about anything than this is a short reply


def name_words(speakers: Iterable[str]) -> frozenset[str]:
    """The lower-case words of the speakers' names, without titles and bracketed tags:
    "Ms. Heather McPherson (Edmonton, NDP)" gives {"heather", "mcpherson"}."""
    found: set[str] = set()
    for speaker in speakers:
        for match in words(_TAG.sub(" ", _MARKERS.sub(" ", str(speaker)))):
            word = match.group().lower()
            if len(word) > 1 and word not in _TITLES:
                found.add(word)
    return frozenset(found)


def topic_text(text: str, names: frozenset[str] = frozenset()) -> str:
    """The text with names, made-up names, markers and filler taken out: what the theme model
    reads. Word order is kept, so phrases still read as phrases."""
    text = _PHRASES.sub(" ", _MARKERS.sub(" ", str(text)))
    kept: list[str] = []
    last = 0
    for match in words(text):
        kept.append(text[last : match.start()])
        last = match.end()
        word = match.group().lower()
        kept.append(" " if word in FILLER_WORDS or word in names else match.group())
    kept.append(text[last:])
    return " ".join("".join(kept).split())


def is_short_reply(text: str, stopwords: frozenset[str]) -> bool:
    """Fewer than SHORT_WORDS words that are not stopwords, once topic_text has been taken."""
    content = [m.group().lower() for m in words(text)]
    return sum(1 for w in content if len(w) > 2 and w not in stopwords) < SHORT_WORDS
