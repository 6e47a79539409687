"""Inputs the fuzzers found that once escaped as something other than the library's errors.

Each is the fuzzer's own input (base64), kept as a regression test.
"""

from __future__ import annotations

import base64

import pytest

from conflictevents._fuzzing import check

# atheris on gdelt2, 2026-11-25: a zip whose member header offset points before the start of
# the file; zipfile.ZipFile.open raised "ValueError: negative seek value".
ZIP_NEGATIVE_SEEK = base64.b64decode(
    "UEsDBBQAAAAIAM4ceV3loa+MQAIAAJEGAAAZAAAAMjAyNDEyMDUxMDMwMDAuZXhwb3J0LkNTVs1US2/bMAw+s7/C"
    "t16it+THblkTbEHTcl8LTwcwAvcEqunc2ZdAxXtMs5QkRUjJPJbsdkrSH02GjX0s6i8oMYc14YmKOW7Qul3m1ar8"
    "3guOhr9e5cH9F2S7vu4F2arKy20B2SesMgKwCU9i2cCgnY7Ip1WJfZuezlBD+f3EzbaoxWPrUaza45ivq3JVnFix"
    "r6V6lvY/3D9ANhnNhoMgnfVnw5QGGxZopkn5P55CQ5DE9G6FOkhPiG2IIfDIJMpIa2wU65Bms21ZF4sgrfO68Oid"
    "KpiExzpWkQOWxNxFiaPhcy/j3PiFH8N+ty7rcu6Fpztsim3NmiQ+IdUBJMOXkAolBX/zMIZBxzpWkQOWxNxFiaPh"
    "cy/j3PiFH8N+ty7rcu6Fpztsim3NmiQ+IdUBJMOXkAolBX/zMIZB/66f3uBNOzBo8HnBlLXuKGCARdzR14vCDNfg"
    "YFBu8EP69ts7VQZjMrgSM8G0fdk5vHjHhVg0gYsFvl70X38/bO2QlfrqF1BLAQIUAxQAAAAIAM4ceV3loa+MQAIA"
    "AJEGAAAZAAAAAAAAAAAAAACkgQAAAAAyMDI0MTIwNTEwMzAwMC5leHBvcnQuQ1NWUEsFBgAAAAABAAEARwAAAHcC"
    "AAAAAA=="
)


# atheris on gdelt2, 2026-11-25: a zip with a member whose name is empty; ZipInfo.is_dir()
# raised "IndexError: string index out of range".
ZIP_EMPTY_MEMBER_NAME = base64.b64decode(
    "UEsDBBQAAAAIAM4ceV3loa+MU1kJU1kwNQkJMzUuMTMxOAkzNi43NTc4CS0yOThnMzQ5CTQJSGFtYSwgSGFtYWgs"
    "IFN5cmlhCQkzNS4xMzFYM4GLBb5eP3/0bF/tkJX66hdQSwECFAMUAAAACADOHHld5aGvjEACAACRDgAAGQAAAAAA"
    "AAAAAABgAACBAKQyADAyNDEyMDUxMDMwMDAuZXhwb3J0LkNTVlBLBQYAAF8AAQABAEcAAAB3AgAAAAA="
)


@pytest.mark.parametrize("format_name", ["gdelt2", "acled", "jsonl"])
@pytest.mark.parametrize("data", [ZIP_NEGATIVE_SEEK, ZIP_EMPTY_MEMBER_NAME],
                         ids=["negative-seek", "empty-member-name"])
def test_corrupt_zips(format_name: str, data: bytes) -> None:
    check(data, format_name)
