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


@pytest.mark.parametrize("format_name", ["gdelt2", "acled", "jsonl"])
def test_zip_with_a_member_before_the_start(format_name: str) -> None:
    check(ZIP_NEGATIVE_SEEK, format_name)
