"""A labelled set for redaction: realistic UK health and social care sentences, written by us.

Each item is (text, [(exact words that must be redacted, kind), ...]). Items with no labels
are hard negatives: numbers, dates and words that look personal but are not (meeting dates,
reference numbers, NHS-like numbers that fail the Modulus 11 check, road names, room numbers).
NHS check digits are computed here by our own reading of the standard, not by the code under
test. The names belong to the demo project's participants.
"""

from __future__ import annotations

from itertools import cycle

PARTICIPANTS = {"Dev Morgan": 1, "Priya Shah": 2, "Joan Ellis": 3, "Tom Reid": 4, "Sam Okafor": 5}


def _check_digit(first_nine: str) -> int | None:
    """NHS Modulus 11: multiply digits by 10 down to 2, sum, 11 minus remainder; 11 means 0,
    10 means the number cannot be used."""
    weighted = sum(int(digit) * (10 - position) for position, digit in enumerate(first_nine))
    check = (11 - weighted % 11) % 11
    return None if check == 10 else check


NINE_DIGITS = [
    "943476591",
    "401023213",
    "485777345",
    "629480131",
    "737251490",
    "450557710",
    "712367021",
    "601943226",
    "485029312",
    "910004836",
    "334501287",
    "468813950",
    "548009217",
    "683215549",
    "703119462",
    "426600183",
    "590287734",
    "812355067",
]
VALID_NHS = []
INVALID_NHS = []
for nine in NINE_DIGITS:
    check = _check_digit(nine)
    if check is None:
        INVALID_NHS.append(nine + "0")
        continue
    VALID_NHS.append(nine + str(check))
    INVALID_NHS.append(nine + str((check + 1) % 10))


def spaced(number: str, style: int) -> str:
    return [
        f"{number[:3]} {number[3:6]} {number[6:]}",
        number,
        f"{number[:3]}-{number[3:6]}-{number[6:]}",
    ][style % 3]


PHONES = [
    "07700 900123",
    "07700900461",
    "07700-900-982",
    "+44 7700 900077",
    "+447700900555",
    "020 7946 0958",
    "(020) 7946 0321",
    "0161 496 0123",
    "0113 496 0765",
    "01632 960 431",
    "0117 496 0012",
    "028 9649 6123",
    "+44 (0)20 7946 0018",
    "0808 157 0192",
    "0131 496 0765",
    "01632960112",
    "0114 496 0384",
    "07700 900 876",
]
EMAILS = [
    "dev.morgan@example.org",
    "priya_shah@nhs.example.net",
    "j.ellis+care@example.co.uk",
    "tom.reid@council.example.gov.uk",
    "SAM.OKAFOR@EXAMPLE.COM",
    "k.obrien@example.ie",
    "carers-group@example.org.uk",
    "a.b.jones99@example.com",
]
NI_NUMBERS = [
    "AB 12 34 56 C",
    "JG103759A",
    "NP 34 12 09 D",
    "PL 58 90 12 B",
    "TA 77 01 23 A",
    "WS 40 55 61 C",
    "ce 12 34 56 a",
    "HJ 98 76 54 D",
]
POSTCODES = [
    "SW1A 1AA",
    "M1 1AE",
    "B33 8TH",
    "CR2 6XH",
    "DN55 1PT",
    "LS1 4AP",
    "EH1 2NG",
    "BS1 5TR",
    "NE1 7RU",
    "CF10 1EP",
    "L1 8JQ",
    "G2 3BZ",
    "W1A 0AX",
    "EC1A 1BB",
]
BIRTH_DATES = [
    "3rd March 1956",
    "12/06/1971",
    "1.2.85",
    "14 February 1948",
    "March 3, 1962",
    "21st of July 1990",
    "07-11-1939",
    "30 Sept 1975",
    "9/9/2001",
    "2nd Jan 1944",
]

WITH_PHONE = [
    "You can ring me on {} after ten.",
    "My daughter's number is {} if I'm not in.",
    "The carer left a note saying call {}.",
    "Phone {} and ask for the duty social worker.",
    "I wrote {} on the back of the leaflet.",
    "Text me on {}, I don't always hear the phone.",
]
WITH_EMAIL = [
    "Send the minutes to {} please.",
    "My email is {}, but I don't check it much.",
    "She copied {} into the reply.",
    "The invite came from {} last week.",
]
WITH_NHS = [
    "My NHS number is {}.",
    "The letter had {} at the top.",
    "I read out {} to the receptionist.",
    "Patient {} was discharged on Friday.",
]
WITH_NI = [
    "My National Insurance number is {}.",
    "They asked for my NI number, {}, twice.",
    "I gave {} on the benefits form.",
]
WITH_POSTCODE = [
    "I live near {}, by the park.",
    "The day centre moved to {} last year.",
    "Send it to 14 Mill Lane, {}.",
    "Transport couldn't find {} on the map.",
]
WITH_BIRTH = [
    "I was born on {}.",
    "Date of birth: {}.",
    "DOB {} according to the file.",
    "She was born {}, so she's older than me.",
    "They had my date of birth as {} which is wrong.",
    "d.o.b. {}",
]
WITH_NAMES = [
    ("Dev Morgan told the group about the day he went home.", ["Dev Morgan"]),
    ("Priya said the ward is under pressure.", ["Priya"]),
    ("Thanks, Joan. That's really helpful.", ["Joan"]),
    ("Tom Reid from the council took notes.", ["Tom Reid"]),
    ("Sam asked everyone to take a break.", ["Sam"]),
    ("I agree with Dev, nobody told us anything.", ["Dev"]),
    ("Ms Shah will send the letter.", ["Shah"]),
    ("Mr Morgan said he felt like a parcel.", ["Morgan"]),
    ("Joan and Tom are writing the letter together.", ["Joan", "Tom"]),
    ("Priya Shah and Sam Okafor ran the session.", ["Priya Shah", "Sam Okafor"]),
    ("Can you read that back, Priya?", ["Priya"]),
    ("That was Joan's idea, not mine.", ["Joan"]),
    ("Okafor is spelt with one f.", ["Okafor"]),
    ("Mrs Ellis rang the number four times.", ["Ellis"]),
    ("Dev's neighbour had the keys.", ["Dev"]),
    ("Reid said the council can't always find an agency.", ["Reid"]),
    ("Let's hear from Priya first, then Dev.", ["Priya", "Dev"]),
    ("Joan Ellis has agreed to co-chair.", ["Joan Ellis"]),
    ("Sam Okafor will be away next month.", ["Sam Okafor"]),
    ("I'm with Tom on this one.", ["Tom"]),
    ("Dev Morgan's story made me think.", ["Dev Morgan"]),
    ("We should thank Joan, and Sam too.", ["Joan", "Sam"]),
]

NEGATIVES = [
    "We met on 12/06/2026 at 2pm in the community room.",
    "The next session is on 3rd March 2027.",
    "The ward has 28 beds and about 1,200 admissions a year.",
    "Call 999 in an emergency, or 111 if it's not urgent.",
    "Room B12 is on the third floor.",
    "She was born in Leeds and moved here in 1980.",
    "I was born in 1956, the year of the floods.",
    "The form is called NHS 101 on the website.",
    "Version 2.0.1 of the leaflet is out now.",
    "He gets Section 117 aftercare.",
    "We drove down the M62 and then the A1.",
    "Since COVID-19 everything is online.",
    "The reference on the letter is 2024/0415/77.",
    "There were 3 of us at 10 o'clock.",
    "It took 11 days for the first carer to arrive.",
    "The budget went up by 4.5% this year.",
    "Send it to the team at example dot org, they'll know.",
    "Bus 42 stops outside the day centre.",
    "Page 12 of 40 has the complaints process.",
    "My care plan was reviewed on 1 April 2025.",
    "The clinic runs from 9:30 to 16:45.",
    "Our group has 14 members and 2 co-chairs.",
    "The letter was dated 07/11/2025.",
    "He scored 7 out of 10 on the pain scale.",
    "Flat 3B, second floor, is the one with the ramp.",
    "They closed ward 22 for deep cleaning.",
    "The meeting ID was 842 1193 0046.",
    "Fill in form SC1 and send it back.",
    "She worked there from 1998 to 2004.",
    "Their office is open 24/7 now.",
    "Tomorrow the group meets at half past ten.",
    "Thank you all for coming today.",
    "The helpline number is on the back of your card.",
    "We need 0 complaints, not 10.",
    "Her blood pressure was 140 over 90.",
    "The survey had 1,024 replies from 7 areas.",
    "Take two tablets at 8am and 8pm.",
    "Ask for extension 2210 at reception.",
    "Parking costs £3.50 for up to 2 hours.",
    "The report covers 2019 to 2024.",
    "Our charity number is 1098765.",
    "The postcode checker on the website didn't work for me.",
    "Someone from the council will phone you back.",
    "My email isn't working at the moment.",
]


def _fill(templates: list[str], values: list[str], kind: str, rounds: int) -> list:
    items = []
    value = cycle(values)
    for _ in range(rounds):
        for template in templates:
            v = next(value)
            items.append((template.format(v), [(v, kind)]))
    return items


def build() -> list[tuple[str, list[tuple[str, str]]]]:
    items = []
    items += _fill(WITH_PHONE, PHONES, "PHONE", 8)
    items += _fill(WITH_EMAIL, EMAILS, "EMAIL", 6)
    nhs = [spaced(n, i) for i, n in enumerate(VALID_NHS)]
    items += _fill(WITH_NHS, nhs, "NHS_NUMBER", 9)
    items += _fill(WITH_NI, NI_NUMBERS, "NI_NUMBER", 8)
    items += _fill(WITH_POSTCODE, POSTCODES, "POSTCODE", 8)
    items += _fill(WITH_BIRTH, BIRTH_DATES, "DATE_OF_BIRTH", 7)
    items += [(text, [(name, "PERSON") for name in names]) for text, names in WITH_NAMES]
    # NHS-like numbers that fail the check: not NHS numbers, so nothing to redact.
    bad = [spaced(n, i) for i, n in enumerate(INVALID_NHS)]
    items += [(t.format(v), []) for t, v in zip(cycle(WITH_NHS[1:]), bad, strict=False)]
    items += [(text, []) for text in NEGATIVES]
    # Several details in one turn, as people really say them.
    items += [
        (
            f"I'm {name}, born {dob}, and my number is {phone}.",
            [(name, "PERSON"), (dob, "DATE_OF_BIRTH"), (phone, "PHONE")],
        )
        for name, dob, phone in zip(
            cycle(["Dev Morgan", "Joan Ellis", "Tom Reid", "Priya Shah"]),
            BIRTH_DATES,
            PHONES,
            strict=False,
        )
    ]
    items += [
        (
            f"Write to me at {pc} or {mail}; NHS number {spaced(nhs_n, 0)}.",
            [(pc, "POSTCODE"), (mail, "EMAIL"), (spaced(nhs_n, 0), "NHS_NUMBER")],
        )
        for pc, mail, nhs_n in zip(POSTCODES, cycle(EMAILS), cycle(VALID_NHS), strict=False)
    ]
    return items


ITEMS = build()
