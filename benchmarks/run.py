"""Benchmarks of conflictevents against the floor: Python's own csv module.

Run it from a checkout (the package installed, or ``src`` on the path)::

    python benchmarks/run.py                      # 300,000 rows, every measurement
    python benchmarks/run.py --rows 50000         # quicker
    python benchmarks/run.py --only acled         # the measurements whose name has "acled"
    python benchmarks/run.py --memory-check       # typed read at N and 4N: is memory flat?
    python benchmarks/run.py --only columnar parquet dask   # the event table's measurements

The event-table measurements (``pip install -e '.[arrow,dask]'``) put the columnar reader
(:func:`conflictevents.tables.read_table`) beside ``csv.reader`` and ``pyarrow.csv.read_csv``,
convert a GDELT 2.0 file of ``--parquet-rows`` rows (1,000,000) to Parquet batch by batch and
report the peak RSS, and read 8 GDELT files with Dask on a local cluster of 1 and of 2 worker
processes (the cluster's start is not timed).

It writes realistic synthetic files (an ACLED export, a GDELT 2.0 event file, a GDELT 2.0
file whose actors and places are as varied as the real files' and the library's JSON
Lines) of N rows into a temporary folder, then runs each measurement in a fresh Python
process, so that every peak-memory figure (the process's high-water mark, ``VmHWM``)
belongs to that measurement alone. Times exclude the interpreter's start and the imports.
The ratios of measurements that run on one thread (``csv.reader``, the typed readers and
writers) are taken on the process's CPU time, which other processes sharing the cores do
not stretch; the others on wall time. The targets are checked at the end (PASS/FAIL); the
exit status is 1 if one fails.

This is not a test: timings depend on the machine. See docs/explanation/performance.md.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import itertools
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = 20_000  # records kept in memory to measure a writer alone

# -- synthetic data ---------------------------------------------------------------------------

# country -> (ISO numeric, ACLED region, FIPS, CAMEO, bounding box, admin1 names, towns)
_COUNTRIES: dict[str, tuple[str, str, str, str, tuple[float, float, float, float],
                            list[str], list[str]]] = {
    "Syria": ("760", "Middle East", "SY", "SYR", (32.3, 37.3, 35.7, 42.4),
              ["Aleppo", "Hama", "Idleb", "Homs", "Damascus", "Rural Damascus",
               "Deir ez Zor", "Al Hasakeh", "Ar Raqqa", "Dara"],
              ["Hama", "Saraqab", "Maarrat an Numan", "Talbiseh", "Ar Rastan", "Manbij",
               "Al Bab", "Deir ez Zor", "Tafas", "Douma"]),
    "Ukraine": ("804", "Europe", "UP", "UKR", (44.4, 52.3, 22.2, 40.2),
                ["Donetsk", "Kharkiv", "Zaporizhia", "Kherson", "Dnipropetrovsk", "Sumy"],
                ["Avdiivka", "Pokrovsk", "Kupiansk", "Vovchansk", "Huliaipole", "Nikopol",
                 "Bilozerka", "Toretsk"]),
    "Sudan": ("729", "Northern Africa", "SU", "SDN", (8.7, 22.0, 21.8, 38.6),
              ["Khartoum", "North Darfur", "West Darfur", "Al Jazirah", "South Kordofan"],
              ["Omdurman", "Al Fasher", "El Geneina", "Wad Madani", "Kadugli", "Bahri"]),
    "Myanmar": ("104", "Southeast Asia", "BM", "MMR", (9.8, 28.5, 92.2, 101.2),
                ["Sagaing", "Shan-North", "Rakhine", "Kachin", "Magway", "Mandalay"],
                ["Lashio", "Myawaddy", "Kale", "Pauktaw", "Hpakant", "Gangaw"]),
    "Mexico": ("484", "Central America", "MX", "MEX", (14.5, 32.7, -117.1, -86.7),
               ["Guanajuato", "Michoacan", "Guerrero", "Jalisco", "Sinaloa"],
               ["Celaya", "Apatzingan", "Chilpancingo", "Guadalajara", "Culiacan"]),
    "Nigeria": ("566", "Western Africa", "NI", "NGA", (4.3, 13.9, 2.7, 14.7),
                ["Borno", "Zamfara", "Kaduna", "Benue", "Plateau"],
                ["Maiduguri", "Gusau", "Birnin Gwari", "Makurdi", "Bokkos", "Bama"]),
}

_ACTORS: dict[int, list[str]] = {
    1: ["Military Forces of {c} (2000-2024)", "Police Forces of {c} (2000-)",
        "Military Forces of {c} (2000-) Air Force"],
    2: ["Hayat Tahrir al-Sham", "Islamic State (West Africa)", "Rapid Support Forces",
        "Arakan Army", "Kachin Independence Army", "Syrian National Army"],
    3: ["Unidentified Armed Group ({c})", "Jalisco New Generation Cartel", "Sinaloa Cartel",
        "People's Defense Force"],
    4: ["Fulani Ethnic Militia ({c})", "Hausa Ethnic Militia ({c})", "Arab Ethnic Militia ({c})"],
    5: ["Rioters ({c})"],
    6: ["Protesters ({c})"],
    7: ["Civilians ({c})"],
    8: ["Military Forces of Russia (2000-)", "Military Forces of Turkey (2016-)",
        "Military Forces of Israel (2022-)"],
}
_ASSOCIATES = ["", "", "", "", "Women ({c})", "Teachers ({c})", "Farmers ({c})",
               "Students ({c}); Journalists ({c})", "Labor Group ({c})"]
_SOURCES = [("Syrian Observatory for Human Rights", "National"),
            ("Enab Baladi; Syrian Observatory for Human Rights", "National-International"),
            ("Ukrainska Pravda", "National"), ("Sudan Tribune; Radio Dabanga", "National"),
            ("Myanmar Now", "National"), ("Milenio; El Universal (Mexico)", "National"),
            ("Daily Trust; Premium Times", "National"), ("Reuters", "International"),
            ("Local Source Project", "Local partner-Other")]
_VERBS = ["clashed with", "attacked", "shelled positions of", "ambushed", "fought",
          "launched drone strikes against"]
_TAGS = ["", "", "", "crowd size=no report", "crowd size=around 200", "local administrators"]


def _gazetteer(country: str, town: str) -> tuple[str, float, float]:
    """A town's province and coordinates: fixed, as in a gazetteer (the publishers geocode
    every place name to one point, so a town has the same coordinates in every row)."""
    data = _COUNTRIES[country]
    place = random.Random(f"{country}/{town}")
    box = data[4]
    return (place.choice(data[5]), place.uniform(box[0], box[1]),
            place.uniform(box[2], box[3]))


def _acled_subtypes() -> list[tuple[str, str, str]]:
    from conflictevents.codes import acled

    rows = []
    for sub in acled.sub_event_types():
        disorder = str(getattr(sub, "disorder_type", "") or "Political violence")
        rows.append((disorder.split(";")[0].strip(), str(sub.event_type), str(sub.name)))
    return rows


def acled_rows(count: int, seed: int = 1) -> Iterator[list[str]]:
    """*count* rows of a realistic ACLED export (header first)."""
    rng = random.Random(seed)
    subtypes = _acled_subtypes()
    yield ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
           "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
           "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region",
           "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
           "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
           "timestamp"]
    names = list(_COUNTRIES)
    start = dt.date(2024, 1, 1)
    for n in range(count):
        country = rng.choice(names)
        iso, region, _fips, cameo3, _box, _admin1s, towns = _COUNTRIES[country]
        day = start + dt.timedelta(days=rng.randrange(366))
        disorder, event_type, sub = rng.choice(subtypes)
        inter1 = rng.choice((1, 1, 2, 2, 3, 4, 5, 6, 8))
        inter2 = rng.choice((0, 1, 2, 3, 7, 7))
        actor1 = rng.choice(_ACTORS[inter1]).format(c=country)
        actor2 = rng.choice(_ACTORS[inter2]).format(c=country) if inter2 else ""
        interaction = (f"{min(inter1, inter2)}{max(inter1, inter2)}" if inter2
                       else f"{inter1}0")
        town = rng.choice(towns)
        admin1, lat, lon = _gazetteer(country, town)
        fatalities = 0 if rng.random() < 0.6 else rng.randrange(1, 60)
        source, scale = rng.choice(_SOURCES)
        notes = (
            f"On {day.day} {day:%B %Y}, {actor1} {rng.choice(_VERBS)} "
            f"{actor2 or 'unidentified gunmen'} in {town} ({admin1}). "
            + rng.choice([
                f"{fatalities} fatalities were reported. ",
                "Casualties unknown. ",
                "The attack damaged several houses and a school. ",
                "Residents fled towards neighbouring villages. "]) * rng.randrange(1, 3)
            + f"[size=no report] Sources report the fighting continued until the evening of "
            f"{day:%d %B}."
        )
        yield [
            f"{cameo3}{100000 + n}", day.isoformat(), str(day.year),
            rng.choice("1111111123"), disorder, event_type, sub, actor1,
            rng.choice(_ASSOCIATES).format(c=country), str(inter1), actor2,
            rng.choice(_ASSOCIATES).format(c=country) if actor2 else "",
            str(inter2), interaction,
            "Civilian targeting" if inter2 == 7 else "", iso, region, country, admin1,
            f"{admin1} District" if rng.random() < 0.8 else "", "", town,
            f"{lat:.4f}", f"{lon:.4f}", rng.choice("1112"), source, scale, notes,
            str(fatalities), rng.choice(_TAGS),
            str(1704067200 + rng.randrange(40_000_000)),
        ]


def _cameo_pools() -> dict[str, list[str]]:
    from conflictevents.codes import cameo

    return {
        "events": [e.code for e in cameo.events()],
        "roles": [r.code for r in cameo.actor_roles()],
        "religions": [r.code for r in cameo.religion_codes()],
        "groups": [g.code for g in cameo.known_groups()],
    }


_GDELT_DOMAINS = ["www.reuters.com", "www.aljazeera.com", "apnews.com", "www.bbc.co.uk",
                  "www.theguardian.com", "kyivindependent.com", "www.enabbaladi.net",
                  "www.premiumtimesng.com", "www.irrawaddy.com", "www.eluniversal.com.mx"]
_SLUG_WORDS = ["rebels", "army", "offensive", "city", "strike", "killed", "protest", "talks",
               "ceasefire", "border", "drone", "attack", "government", "says", "forces"]


def gdelt2_rows(count: int, seed: int = 2) -> Iterator[list[str]]:
    """*count* rows of a realistic GDELT 2.0 event export (61 columns, no header)."""
    from conflictevents.codes import cameo

    rng = random.Random(seed)
    pools = _cameo_pools()
    events = [code for code in pools["events"] if cameo.goldstein(code) is not None]
    names = list(_COUNTRIES)

    def actor() -> list[str]:
        if rng.random() < 0.12:
            return [""] * 10
        country = _COUNTRIES[rng.choice(names)]
        role = rng.choice(pools["roles"]) if rng.random() < 0.7 else ""
        code = country[3] + role
        religion = rng.choice(pools["religions"]) if rng.random() < 0.1 else ""
        group = rng.choice(pools["groups"]) if rng.random() < 0.05 else ""
        name = rng.choice(country[6]).upper() if rng.random() < 0.5 else code
        return [code, name, country[3], group, "", religion, "", role, "", ""]

    def geo() -> list[str]:
        if rng.random() < 0.1:
            return ["0", "", "", "", "", "", "", ""]
        country, data = rng.choice(list(_COUNTRIES.items()))
        town = rng.choice(data[6])
        province, lat, lon = _gazetteer(country, town)
        adm1 = f"{data[2]}{data[5].index(province) + 1:02d}"
        key = zlib.crc32(f"{country}/{town}".encode())
        return ["4", f"{town}, {province}, {country}", data[2], adm1,
                str(10000 + key % 90000), f"{lat:.4f}", f"{lon:.4f}",
                str(-1_000_000 - key % 2_000_000)]

    for n in range(count):
        yield _gdelt2_row(rng, 1_100_000_000 + n, events, actor, lambda _: geo(),
                          lambda: rng.choice(_SLUG_WORDS), (4, 10),
                          lambda: f"{rng.choice(_GDELT_DOMAINS)}/news")


def _gdelt2_row(rng: random.Random, number: int, events: list[str],
                actor: Callable[[], list[str]], geo: Callable[[int], list[str]],
                slug_word: Callable[[], str], slug_words: tuple[int, int],
                site: Callable[[], str]) -> list[str]:
    """One GDELT 2.0 row: its actors and geographies (Actor1Geo, Actor2Geo, ActionGeo) from
    *actor* and *geo*, its URL on *site* ending in *slug_words* words of *slug_word*."""
    from conflictevents.codes import cameo

    day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(366))
    code = rng.choice(events)
    entry = cameo.event(code)
    mentions = rng.randrange(1, 40)
    slug = "-".join(slug_word() for _ in range(rng.randrange(*slug_words)))
    return [
        str(number), f"{day:%Y%m%d}", f"{day:%Y%m}", str(day.year),
        f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}",
        *actor(), *actor(),
        rng.choice("01"), code, entry.base or entry.code, entry.root,
        str(entry.quad_class), f"{cameo.goldstein(code):.1f}", str(mentions),
        str(rng.randrange(1, 4)), str(mentions), f"{rng.uniform(-12, 6):.14f}",
        *geo(0), *geo(1), *geo(2),
        f"{day:%Y%m%d}{rng.randrange(24):02d}{rng.choice(('00', '15', '30', '45'))}00",
        f"https://{site()}/{day:%Y/%m/%d}/{slug}-{number % 100_000_000}",
    ]


# -- GDELT 2.0 with actors and places as varied as the real files ----------------------------
# Real GDELT 2.0 files (../shared/data/real/gdelt2) name actors as the articles do: a fifth of
# the actor blocks are blank, a few names are frequent (UNITED STATES, POLICE, GOVERNMENT,
# a country), and most are a long tail of people, offices, institutions and places (OBAMA,
# DISTRICT COURT, LAS VEGAS), coded with a country and/or one to three roles. Places run from
# countries (type 1) and states (2, 5) to towns, counties and buildings (3, 4) all over the
# world, each with its own ADM1/ADM2 codes, coordinates and feature id. Source URLs come from
# thousands of sites. The synthetic version below keeps those proportions, with a long tail
# large enough that most actor and place blocks of a 300,000-row file are seen only once or
# twice (a cache of shared values mostly misses, as it does on a day of real GDELT).

_SYLLABLES = ["ka", "ri", "to", "ma", "sun", "del", "or", "an", "be", "lu", "mi", "sa", "ter",
              "vin", "go", "ha", "ny", "zel", "pe", "ar", "qu", "bo", "dra", "el", "fi", "ju",
              "ko", "la", "mor", "ne", "pol", "ra", "sel", "tan", "ub", "vo", "wen", "ya", "zu",
              "chi"]
_OFFICES = ["POLICE", "GOVERNMENT", "PRESIDENT", "PRIME MINISTER", "ARMY", "MILITARY",
            "DISTRICT COURT", "JUDGE", "SENATOR", "MAYOR", "HOSPITAL", "SCHOOL", "PRISON",
            "COMPANY", "REFUGEE", "SCHOLAR", "WEBSITE", "MINISTRY", "REBEL", "PROTESTER",
            "CITIZEN", "STUDENT", "PARLIAMENT", "OPPOSITION", "COMMUNITY", "MILITANT"]
_OFFICE_ROLES = {"POLICE": "COP", "GOVERNMENT": "GOV", "PRESIDENT": "GOV",
                 "PRIME MINISTER": "GOV", "ARMY": "MIL", "MILITARY": "MIL",
                 "DISTRICT COURT": "JUD", "JUDGE": "JUD", "SENATOR": "LEG", "MAYOR": "GOV",
                 "HOSPITAL": "HLH", "SCHOOL": "EDU", "PRISON": "JUD", "COMPANY": "BUS",
                 "REFUGEE": "REF", "SCHOLAR": "EDU", "WEBSITE": "MED", "MINISTRY": "GOV",
                 "REBEL": "REB", "PROTESTER": "OPP", "CITIZEN": "CVL", "STUDENT": "EDU",
                 "PARLIAMENT": "LEG", "OPPOSITION": "OPP", "COMMUNITY": "CVL",
                 "MILITANT": "REB"}


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables))


def _long_tail(rng: random.Random, size: int) -> int:
    """An index into *size* items, frequent ones first: log-uniform, so a few are common and
    most are rare."""
    return min(int(size ** rng.random()) - 1, size - 1)


def gdelt2_varied_rows(count: int, seed: int = 7) -> Iterator[list[str]]:
    """*count* rows of a GDELT 2.0 export whose actors and places are as varied as the real
    files' (see above); the other columns as :func:`gdelt2_rows` writes them."""
    from conflictevents import places
    from conflictevents.codes import cameo

    rng = random.Random(seed)
    events = [code for code in _cameo_pools()["events"] if cameo.goldstein(code) is not None]
    roles = [r.code for r in cameo.actor_roles()]
    religions = [r.code for r in cameo.religion_codes()]
    groups = [g.code for g in cameo.known_groups()]
    ethnic = [e.code for e in cameo.ethnic_codes()]
    cameo_countries = {e.code for e in cameo.actor_countries() if e.kind == "country"}
    # (FIPS, CAMEO country code, name), the big newsmakers first
    countries = [(fips, alpha3, name) for fips, alpha3, name in places.fips_codes()
                 if alpha3 in cameo_countries]
    first = ["US", "UK", "RS", "CH", "IN", "IS", "SY", "TU", "FR", "GM", "UP", "NI", "PK"]
    countries.sort(key=lambda c: first.index(c[0]) if c[0] in first else len(first))
    domains = [f"www.{_word(random.Random(n), 3)}.{('com', 'org', 'co.uk', 'net')[n % 4]}"
               for n in range(5_000)]
    people = [_word(random.Random(n), 2).upper() for n in range(2_000)]

    def place(country: tuple[str, str, str], k: int) -> tuple[str, ...]:
        """Place *k* of a country, fixed as in a gazetteer: (type, full name, ADM1, ADM2,
        latitude, longitude, feature id)."""
        fips, _alpha3, name = country
        at = random.Random(f"{fips}/{k}")
        lat, lon = at.uniform(-50, 60), at.uniform(-120, 140)
        adm1 = f"{fips}{at.randrange(1, 30):02d}"
        province = _word(at, 3).title()
        if k == 0:
            return ("1", name, fips, "", f"{lat:.4f}", f"{lon:.4f}", fips)
        if k % 7 == 1:
            return ("2" if fips == "US" else "5", f"{province}, {name}", adm1, "",
                    f"{lat:.4f}", f"{lon:.4f}", adm1)
        town = _word(at, at.randrange(2, 4)).title()
        if at.random() < 0.2:
            town += at.choice((" County", " High School", " River", " Airport"))
        return ("3" if fips == "US" else "4", f"{town}, {province}, {name}", adm1,
                str(at.randrange(10_000, 99_999)), f"{lat:.4f}", f"{lon:.4f}",
                str(-at.randrange(1_000_000, 3_000_000)))

    def geo(blank: float) -> list[str]:
        if rng.random() < blank:
            return ["0", "", "", "", "", "", "", ""]
        country = countries[_long_tail(rng, len(countries))]
        kind, name, adm1, adm2, lat, lon, feature = place(country, _long_tail(rng, 30_000))
        return [kind, name, country[0], adm1, adm2, lat, lon, feature]

    def actor() -> list[str]:
        if rng.random() < 0.2:
            return [""] * 10
        # the real files' codes: 85 % one block (a country or a role), 12 % two, 3 % more
        blocks = rng.choices((1, 2, 3), weights=(85, 12, 3))[0]
        has_country = rng.random() < (0.5 if blocks == 1 else 0.8)
        country = countries[_long_tail(rng, len(countries))][1] if has_country else ""
        picked = [roles[_long_tail(rng, len(roles))] for _ in range(blocks - has_country)]
        kind = rng.random()
        if kind < 0.15:
            name = country and places.country_name(
                next(a for f, a, _ in countries if a == country)).upper()
        elif kind < 0.4:
            office = rng.choice(_OFFICES)
            name, picked = office, [_OFFICE_ROLES[office], *picked[1:]]
        elif kind < 0.7:
            name = f"{rng.choice(people)} {_word(rng, rng.randrange(2, 4)).upper()}"
        else:
            name = (f"{_word(rng, rng.randrange(2, 4)).upper()} "
                    f"{rng.choice(_OFFICES)}")
        group = rng.choice(groups) if rng.random() < 0.03 else ""
        religion = rng.choice(religions) if rng.random() < 0.05 else ""
        ethnic_code = rng.choice(ethnic) if rng.random() < 0.02 else ""
        code = country + "".join(picked) + group + religion
        code = ethnic_code + code if ethnic_code and len(code) < 9 else code
        ethnic_code = ethnic_code if code.startswith(ethnic_code) else ""
        types = [*picked, "", "", ""][:3]
        return [code, name or code, country, group, ethnic_code, religion, "", *types]

    for n in range(count):
        yield _gdelt2_row(rng, 1_200_000_000 + n, events, actor,
                          lambda at: geo((0.35, 0.35, 0.05)[at]), lambda: _word(rng, 2),
                          (3, 8), lambda: domains[_long_tail(rng, len(domains))])


def make_files(folder: Path, rows: int, only: set[str] | None = None,
               parquet_rows: int = 1_000_000) -> dict[str, Path]:
    """Write the benchmark inputs into *folder*; return format -> path."""
    files: dict[str, Path] = {}
    wanted = only or {"acled", "gdelt2", "gdelt2-varied", "jsonl", "parquet", "dask"}
    if "acled" in wanted:
        files["acled"] = folder / f"acled-{rows}.csv"
        with open(files["acled"], "w", encoding="utf-8", newline="") as out:
            csv.writer(out, lineterminator="\n").writerows(acled_rows(rows))
    if "gdelt2" in wanted:
        files["gdelt2"] = folder / f"gdelt2-{rows}.export.CSV"
        with open(files["gdelt2"], "w", encoding="utf-8", newline="") as out:
            for row in gdelt2_rows(rows):
                out.write("\t".join(row) + "\n")
    if "gdelt2-varied" in wanted:
        files["gdelt2-varied"] = folder / f"gdelt2-varied-{rows}.export.CSV"
        with open(files["gdelt2-varied"], "w", encoding="utf-8", newline="") as out:
            for row in gdelt2_varied_rows(rows):
                out.write("\t".join(row) + "\n")
    if "jsonl" in wanted:
        files["jsonl"] = folder / f"events-{rows}.jsonl"
        _write_jsonl(files["jsonl"], rows)
    if "parquet" in wanted:  # the CSV -> Parquet input: --parquet-rows GDELT 2.0 rows
        files["parquet"] = folder / f"gdelt2-{parquet_rows}.export.CSV"
        with open(files["parquet"], "w", encoding="utf-8", newline="") as out:
            for row in gdelt2_rows(parquet_rows, seed=5):
                out.write("\t".join(row) + "\n")
    if "dask" in wanted:  # 8 GDELT 2.0 files of rows / 8 rows each
        files["dask"] = folder / "dask"
        files["dask"].mkdir(exist_ok=True)
        for n in range(8):
            with open(files["dask"] / f"part{n}.export.CSV", "w", encoding="utf-8",
                      newline="") as out:
                for row in gdelt2_rows(max(rows // 8, 1), seed=10 + n):
                    out.write("\t".join(row) + "\n")
    return files


def _write_jsonl(path: Path, rows: int) -> None:
    """JSON Lines of events shaped like the ACLED rows (the library's own format)."""
    import conflictevents as ce

    header, *_ = itertools.islice(acled_rows(1), 1)
    events = []
    for row in itertools.islice(acled_rows(min(rows, SAMPLE) + 1, seed=3), 1, None):
        cell = dict(zip(header, row, strict=True))
        events.append(ce.Event(
            id=cell["event_id_cnty"], date=dt.date.fromisoformat(cell["event_date"]),
            actor1=ce.Actor(cell["actor1"]),
            actor2=ce.Actor(cell["actor2"]) if cell["actor2"] else None,
            location=ce.Location(cell["location"], country=cell["country"],
                                 admin1=cell["admin1"], latitude=float(cell["latitude"]),
                                 longitude=float(cell["longitude"])),
            fatalities=int(cell["fatalities"]), notes=cell["notes"],
            sources=(ce.Source(cell["source"]),),
        ))
    ce.write(itertools.islice(itertools.cycle(events), rows), path, "jsonl")


# -- measurements (each runs in its own process) ----------------------------------------------


def _count(iterable: Any) -> int:
    n = 0
    for _ in iterable:
        n += 1
    return n


def _csv_read(path: str, delimiter: str) -> int:
    with open(path, encoding="utf-8", newline="") as f:
        return _count(csv.reader(f, delimiter=delimiter))


def _csv_copy(path: str, delimiter: str, out: str) -> int:
    with open(path, encoding="utf-8", newline="") as f, \
            open(out, "w", encoding="utf-8", newline="") as g:
        writer = csv.writer(g, delimiter=delimiter, lineterminator="\n")
        n = 0
        for row in csv.reader(f, delimiter=delimiter):
            writer.writerow(row)
            n += 1
        return n


def _json_lines(path: str) -> int:
    with open(path, encoding="utf-8") as f:
        return _count(json.loads(line) for line in f)


def _pandas(path: str, delimiter: str, header: bool) -> int:
    import pandas as pd  # type: ignore[import-untyped]

    frame = pd.read_csv(path, sep=delimiter, dtype=str, keep_default_na=False,
                        header=0 if header else None, quoting=3 if delimiter == "\t" else 0)
    return len(frame)


def _pyarrow_csv(path: str, delimiter: str, header: bool) -> int:
    import pyarrow as pa
    import pyarrow.csv as pv

    quoting = {"quote_char": False} if delimiter == "\t" else {}
    read = pv.ReadOptions(autogenerate_column_names=not header)
    table = pv.read_csv(path, read_options=read,
                        parse_options=pv.ParseOptions(delimiter=delimiter, **quoting),
                        convert_options=pv.ConvertOptions(
                            column_types={}, strings_can_be_null=False,
                            auto_dict_encode=False, timestamp_parsers=[]))
    del pa
    return int(table.num_rows)


def _columnar_read(path: str, fmt: str) -> int:
    from conflictevents import tables

    return int(tables.read_table(path, fmt).num_rows)


def _to_parquet(path: str, fmt: str, out: str) -> int:
    from conflictevents import tables
    from conflictevents.formats import parquet

    return parquet.write_batches(tables.iter_batches(path, fmt), out).written


def _dask(paths: list[str], workers: int) -> tuple[int, float]:
    """Read *paths* with Dask on a local cluster of *workers* processes (start not timed)."""
    import distributed

    from conflictevents import dask as ce_dask

    with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        client.run(lambda: __import__("conflictevents.tables"))  # warm the workers' imports
        started = time.perf_counter()
        rows = len(ce_dask.read_dataframe(paths, "gdelt2"))
        return rows, time.perf_counter() - started


def _typed_read(path: str, fmt: str) -> int:
    import conflictevents as ce

    return _count(ce.read(path, fmt))


def _typed_write(path: str, fmt: str, out: str, rows: int) -> tuple[int, float]:
    """Write *rows* records in *fmt*, cycling through a sample read first (not timed)."""
    import conflictevents as ce

    sample = list(itertools.islice(ce.read(path, fmt), SAMPLE))
    started = time.perf_counter()
    report = ce.write(itertools.islice(itertools.cycle(sample), rows), out, fmt)
    return report.written, time.perf_counter() - started


def _convert(path: str, source: str, target: str, out: str, **options: Any) -> int:
    import conflictevents as ce

    stream = ce.read(path, source)
    report = ce.write(stream, out, target, report=stream.report, **options)
    return report.written


def _peak_rss_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / (1024 if sys.platform == "darwin" else 1)


# The measurements that run on one thread: their ratios are taken on CPU time.
_ONE_THREAD = {"csv-read", "csv-copy", "json-lines", "typed-read", "typed-write", "convert"}


def _child(task: dict[str, Any]) -> dict[str, Any]:
    """Run one measurement in this (fresh) process."""
    kind, path, out = task["kind"], task["path"], task.get("out", os.devnull)
    delimiter = "\t" if task.get("format") == "gdelt2" else ","
    jobs: dict[str, Callable[[], Any]] = {
        "csv-read": lambda: _csv_read(path, delimiter),
        "csv-copy": lambda: _csv_copy(path, delimiter, out),
        "json-lines": lambda: _json_lines(path),
        "pandas": lambda: _pandas(path, delimiter, task["format"] != "gdelt2"),
        "typed-read": lambda: _typed_read(path, task["format"]),
        "typed-write": lambda: _typed_write(path, task["format"], out, task["rows"]),
        "convert": lambda: _convert(path, task["format"], task["target"], out,
                                    **task.get("options", {})),
        "pyarrow-csv": lambda: _pyarrow_csv(path, delimiter, task["format"] != "gdelt2"),
        "columnar-read": lambda: _columnar_read(path, task["format"]),
        "to-parquet": lambda: _to_parquet(path, task["format"], out),
        "dask": lambda: _dask(task["paths"], task["workers"]),
    }
    if kind == "import":
        started = time.perf_counter()
        import conflictevents  # noqa: F401

        return {"seconds": time.perf_counter() - started, "rows": 0,
                "peak_mb": _peak_rss_mb()}
    cpu = time.process_time()
    if kind in ("typed-write", "dask"):
        rows, seconds = jobs[kind]()
    else:
        started = time.perf_counter()
        rows = jobs[kind]()
        seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    result = {"seconds": seconds, "rows": rows, "peak_mb": _peak_rss_mb()}
    if kind in _ONE_THREAD and kind != "typed-write":  # (its CPU time includes the sample)
        result["cpu"] = cpu
    return result


def run_child(task: dict[str, Any]) -> dict[str, Any]:
    """Run *task* in a fresh interpreter and return what it measured."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT / "src"), *filter(None, [env.get("PYTHONPATH")])])
    done = subprocess.run(
        [sys.executable, __file__, "--child", json.dumps(task)],
        capture_output=True, text=True, env=env, check=False,
    )
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# -- the plan, the table, the targets ----------------------------------------------------------


def _available_formats() -> set[str]:
    import conflictevents as ce

    return set(ce.format_names())


def _pandas_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("pandas") is not None


def _installed(*modules: str) -> bool:
    import importlib.util

    return all(importlib.util.find_spec(name) is not None for name in modules)


def plan(files: dict[str, Path], rows: int, out_dir: Path) -> list[dict[str, Any]]:
    """The measurements to run, in order: each the floor first, then the library."""
    formats = _available_formats()
    pandas = _pandas_installed()
    tasks: list[dict[str, Any]] = []

    def add(name: str, kind: str, fmt: str, floor: str | None = None, **extra: Any) -> None:
        tasks.append({"name": name, "kind": kind, "format": fmt, "path": str(files[fmt]),
                      "rows": rows, "floor": floor, **extra})

    for fmt in ("acled", "gdelt2"):
        if fmt not in files:
            continue
        add(f"{fmt}: csv.reader", "csv-read", fmt)
        if pandas:
            add(f"{fmt}: pandas.read_csv(dtype=str)", "pandas", fmt,
                floor=f"{fmt}: csv.reader")
        else:
            tasks.append({"name": f"{fmt}: pandas.read_csv(dtype=str)", "skip":
                          "pandas is not installed (pip install pandas)"})
        add(f"{fmt}: csv read+write copy", "csv-copy", fmt, out=str(out_dir / f"copy.{fmt}"))
        if fmt not in formats:
            tasks.append({"name": f"{fmt}: conflictevents read/write",
                          "skip": f"the {fmt} format is not available yet"})
            continue
        add(f"{fmt}: conflictevents.read (typed)", "typed-read", fmt,
            floor=f"{fmt}: csv.reader")
        add(f"{fmt}: conflictevents.write", "typed-write", fmt,
            floor=f"{fmt}: csv read+write copy", out=str(out_dir / f"written.{fmt}"))
    if "gdelt2-varied" in files and "gdelt2" in formats:
        # the same reader on GDELT 2.0 rows whose actors and places are mostly one-offs
        varied = str(files["gdelt2-varied"])
        tasks.append({"name": "gdelt2-varied: csv.reader", "kind": "csv-read",
                      "format": "gdelt2", "path": varied, "rows": rows, "floor": None})
        tasks.append({"name": "gdelt2-varied: conflictevents.read (typed)",
                      "kind": "typed-read", "format": "gdelt2", "path": varied, "rows": rows,
                      "floor": "gdelt2-varied: csv.reader"})
    if "acled" in files:
        if {"acled", "gdelt2"} <= formats:
            add("acled -> gdelt2 convert (derive=True)", "convert", "acled",
                floor="acled: csv read+write copy", target="gdelt2",
                options={"derive": True}, out=str(out_dir / "converted.gdelt2.csv"))
        else:
            tasks.append({"name": "acled -> gdelt2 convert (derive=True)",
                          "skip": "the acled and gdelt2 formats are not both available yet"})
    arrow = _installed("pyarrow", "numpy")
    for fmt in ("acled", "gdelt2"):
        if fmt not in files:
            continue
        if not arrow:
            tasks.append({"name": f"{fmt}: tables.read_table",
                          "skip": "pyarrow is not installed (pip install -e '.[arrow]')"})
            continue
        add(f"{fmt}: pyarrow.csv.read_csv", "pyarrow-csv", fmt, floor=f"{fmt}: csv.reader")
        add(f"{fmt}: tables.read_table", "columnar-read", fmt,
            floor=f"{fmt}: csv.reader", second=f"{fmt}: pyarrow.csv.read_csv")
    if "parquet" in files and arrow:
        tasks.append({"name": "gdelt2 -> parquet (write_batches)", "kind": "to-parquet",
                      "format": "gdelt2", "path": str(files["parquet"]), "rows": rows,
                      "floor": None, "out": str(out_dir / "converted.parquet")})
    if "dask" in files and _installed("dask", "distributed", "pandas") and arrow:
        paths = [str(p) for p in sorted(files["dask"].glob("*.export.CSV"))]
        for workers in (1, 2):
            tasks.append({"name": f"dask: {len(paths)} files, {workers} worker(s)",
                          "kind": "dask", "format": "gdelt2", "path": "", "paths": paths,
                          "workers": workers, "rows": rows,
                          "floor": "dask: 8 files, 1 worker(s)" if workers == 2 else None})
    if "jsonl" in files:
        add("jsonl: json.loads per line", "json-lines", "jsonl")
        add("jsonl: conflictevents.read (typed)", "typed-read", "jsonl",
            floor="jsonl: json.loads per line")
        add("jsonl: conflictevents.write", "typed-write", "jsonl",
            floor="jsonl: json.loads per line", out=str(out_dir / "written.jsonl"))
    return tasks


TARGETS = [
    ("columnar GDELT 2.0 read >= 1.0 x csv.reader", "gdelt2: tables.read_table",
     "gdelt2: csv.reader", 1.0),
    ("columnar GDELT 2.0 read >= 0.3 x pyarrow.csv", "gdelt2: tables.read_table",
     "gdelt2: pyarrow.csv.read_csv", 0.3),
    ("columnar ACLED read >= 1.0 x csv.reader", "acled: tables.read_table",
     "acled: csv.reader", 1.0),
    ("columnar ACLED read >= 0.3 x pyarrow.csv", "acled: tables.read_table",
     "acled: pyarrow.csv.read_csv", 0.3),
    # (what, measurement, floor, minimum ratio to the floor)
    ("typed ACLED read >= 0.25 x csv.reader", "acled: conflictevents.read (typed)",
     "acled: csv.reader", 0.25),
    ("typed GDELT 2.0 read >= 0.20 x csv.reader", "gdelt2: conflictevents.read (typed)",
     "gdelt2: csv.reader", 0.20),
    ("typed GDELT 2.0 (varied actors, places) read >= 0.10 x csv.reader",
     "gdelt2-varied: conflictevents.read (typed)", "gdelt2-varied: csv.reader", 0.10),
    ("ACLED -> GDELT >= 0.2 x csv read+write copy", "acled -> gdelt2 convert (derive=True)",
     "acled: csv read+write copy", 0.2),
]
IMPORT_TARGET_MS = 150.0
PARQUET_TARGET_MB = 300.0
MEMORY_TARGET_MB = 100.0


def _ratio(result: dict[str, Any], floor: dict[str, Any]) -> float:
    """*result*'s rate over *floor*'s: by CPU time when both ran on one thread (their CPU
    seconds do not grow when other processes share the cores), else by wall time."""
    if result.get("cpu") and floor.get("cpu"):
        return float(floor["cpu"] / floor["rows"]) / float(result["cpu"] / result["rows"])
    return _rate(result) / _rate(floor)


def _rate(result: dict[str, Any]) -> float:
    seconds = result.get("seconds") or 0.0
    return result["rows"] / seconds if seconds > 0 else 0.0


def _print_results(tasks: list[dict[str, Any]], results: dict[str, dict[str, Any]]) -> None:
    print(f"\n{'measurement':<44} {'rows/s':>11} {'x floor':>8} {'seconds':>8} {'peak MB':>8}")
    print("-" * 83)
    for task in tasks:
        name = task["name"]
        result = results.get(name)
        if task.get("skip"):
            print(f"{name:<44} skipped: {task['skip']}")
            continue
        if result is None or "error" in result:
            print(f"{name:<44} ERROR: {(result or {}).get('error', 'not run')}")
            continue
        floor = results.get(task.get("floor") or "")
        ratio = (f"{_ratio(result, floor):.2f}"
                 if floor and "error" not in floor and _rate(floor) else "floor")
        second = results.get(task.get("second") or "")
        also = (f"  ({_rate(result) / _rate(second):.2f} x {task['second'].split(': ')[1]})"
                if second and "error" not in second and _rate(second) else "")
        print(f"{name:<44} {_rate(result):>11,.0f} {ratio:>8} {result['seconds']:>8.2f} "
              f"{result['peak_mb']:>8.1f}{also}")


def _check_targets(results: dict[str, dict[str, Any]], import_ms: float | None,
                   memory: list[tuple[str, bool, str]]) -> bool:
    print("\ntargets")
    ok = True
    lines: list[tuple[str, str, str]] = []
    for what, name, floor, minimum in TARGETS:
        measured, base = results.get(name), results.get(floor)
        if not measured or not base or "error" in measured or "error" in base:
            lines.append((what, "n/a", "not measured"))
            continue
        ratio = _ratio(measured, base)
        passed = ratio >= minimum
        ok &= passed
        lines.append((what, "PASS" if passed else "FAIL", f"{ratio:.2f} x"))
    if import_ms is not None:
        passed = import_ms < IMPORT_TARGET_MS
        ok &= passed
        lines.append((f"import conflictevents < {IMPORT_TARGET_MS:.0f} ms",
                      "PASS" if passed else "FAIL", f"{import_ms:.0f} ms"))
    for name in ("acled: conflictevents.read (typed)", "gdelt2: conflictevents.read (typed)"):
        measured = results.get(name)
        if measured and "error" not in measured:
            passed = measured["peak_mb"] < MEMORY_TARGET_MB
            ok &= passed
            lines.append((f"{name.split(':')[0]} typed read peak RSS < "
                          f"{MEMORY_TARGET_MB:.0f} MB", "PASS" if passed else "FAIL",
                          f"{measured['peak_mb']:.1f} MB"))
    parquet = results.get("gdelt2 -> parquet (write_batches)")
    if parquet and "error" not in parquet:
        passed = parquet["peak_mb"] < PARQUET_TARGET_MB
        ok &= passed
        lines.append((f"GDELT 2.0 -> Parquet of {parquet['rows']:,} rows peak RSS < "
                      f"{PARQUET_TARGET_MB:.0f} MB", "PASS" if passed else "FAIL",
                      f"{parquet['peak_mb']:.1f} MB"))
    for what, passed, figure in memory:
        ok &= passed
        lines.append((what, "PASS" if passed else "FAIL", figure))
    for what, verdict, figure in lines:
        print(f"  {verdict:<5} {what:<52} {figure}")
    return ok


def _import_time() -> float | None:
    best = None
    for _ in range(5):
        result = run_child({"kind": "import", "path": ""})
        if "error" in result:
            print(f"import failed: {result['error']}")
            return None
        best = result["seconds"] if best is None else min(best, result["seconds"])
    return None if best is None else best * 1000


def _memory_check(rows: int, folder: Path, results: dict[str, dict[str, Any]],
                  only: set[str]) -> list[tuple[str, bool, str]]:
    """Typed read at *rows* and 4 x *rows*: peak RSS must stay flat (and under the target).

    The figure at *rows* is taken from the main run when it made one.
    """
    checks: list[tuple[str, bool, str]] = []
    formats = _available_formats()
    for fmt in ("acled", "gdelt2", "jsonl"):
        if fmt not in only:
            continue
        if fmt not in formats:
            print(f"memory check: {fmt} skipped (format not available)")
            continue
        peaks = []
        earlier = results.get(f"{fmt}: conflictevents.read (typed)")
        if earlier and "error" not in earlier:
            peaks.append(earlier["peak_mb"])
        for n in (rows, 4 * rows)[len(peaks):]:
            sub = folder / f"mem-{n}"
            sub.mkdir(exist_ok=True)
            print(f"memory check: generating {n:,} {fmt} rows ...", flush=True)
            path = make_files(sub, n, {fmt})[fmt]
            result = run_child({"kind": "typed-read", "format": fmt, "path": str(path)})
            path.unlink()
            if "error" in result:
                checks.append((f"{fmt} memory flat in N", False, result["error"]))
                break
            print(f"memory check: {fmt} {n:,} rows: peak {result['peak_mb']:.1f} MB, "
                  f"{_rate(result):,.0f} rows/s", flush=True)
            peaks.append(result["peak_mb"])
        if len(peaks) == 2:
            flat = peaks[1] <= peaks[0] * 1.10 + 5.0
            checks.append((f"{fmt} typed read peak RSS flat in N ({rows:,} -> {4 * rows:,})",
                           flat, f"{peaks[0]:.1f} -> {peaks[1]:.1f} MB"))
            checks.append((f"{fmt} typed read of {4 * rows:,} rows < {MEMORY_TARGET_MB:.0f} MB",
                           peaks[1] < MEMORY_TARGET_MB, f"{peaks[1]:.1f} MB"))
    return checks


def _verify(files: dict[str, Path]) -> None:
    """Read a few thousand generated rows with on_error='collect': the data must be valid."""
    import conflictevents as ce

    formats = _available_formats()
    for name, path in files.items():
        fmt = "gdelt2" if name == "gdelt2-varied" else name
        if fmt not in formats or fmt not in ("acled", "gdelt2", "jsonl"):
            continue
        stream = ce.read(path, fmt, on_error="collect")
        _count(itertools.islice(stream, 5000))
        if stream.report.errors:
            print(f"WARNING: the generated {name} rows are not all valid "
                  f"({stream.report.skipped} of the first 5,000 refused), e.g.:")
            for error in stream.report.errors[:3]:
                print(f"  {error}")
        stream.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=300_000, help="rows per file (300,000)")
    parser.add_argument("--only", nargs="+", metavar="TEXT",
                        help="run only the measurements whose name contains one of TEXT")
    parser.add_argument("--memory-check", action="store_true",
                        help="also run the typed read at N and 4N and compare peak RSS")
    parser.add_argument("--keep", metavar="DIR", help="generate the files into DIR and keep them")
    parser.add_argument("--parquet-rows", type=int, default=1_000_000,
                        help="rows of the GDELT file converted to Parquet (1,000,000)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(json.loads(args.child))))
        return 0

    sys.path.insert(0, str(ROOT / "src"))
    import conflictevents as ce

    print(f"conflictevents {ce.__version__}, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPU(s), {dt.date.today().isoformat()}, {args.rows:,} rows")
    with tempfile.TemporaryDirectory(prefix="ce-bench-") as temporary:
        folder = Path(args.keep) if args.keep else Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        only = {word for word in ("acled", "gdelt2", "gdelt2-varied", "jsonl", "parquet", "dask")
                if not args.only or any(word in text or text in word for text in args.only)}
        if args.only and any("columnar" in text for text in args.only):
            only |= {"acled", "gdelt2"}
        started = time.perf_counter()
        files = make_files(folder, args.rows, only or None, args.parquet_rows)
        sizes = ", ".join(f"{fmt} {path.stat().st_size / 1e6:.0f} MB"
                          for fmt, path in files.items() if path.is_file())
        print(f"generated in {time.perf_counter() - started:.0f} s: {sizes}")
        _verify(files)
        tasks = plan(files, args.rows, folder)
        if args.only:
            tasks = [t for t in tasks if any(text in t["name"] for text in args.only)
                     or any(text in (t.get("floor") or "") for text in args.only)]
            names = {t["name"] for t in tasks}
            floors = [t for t in plan(files, args.rows, folder)
                      if t["name"] not in names
                      and any(t["name"] in (x.get("floor"), x.get("second")) for x in tasks)]
            tasks = floors + tasks
        results: dict[str, dict[str, Any]] = {}
        for task in tasks:
            if task.get("skip"):
                continue
            print(f"running {task['name']} ...", flush=True)
            results[task["name"]] = run_child(task)
        _print_results(tasks, results)
        import_ms = _import_time() if not args.only or "import" in args.only else None
        memory = (_memory_check(args.rows, folder, results, only) if args.memory_check
                  else [])
        ok = _check_targets(results, import_ms, memory)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
