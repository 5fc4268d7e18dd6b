import datetime
import uuid
from decimal import Decimal

from django.utils.html import json_script

from sessions.templatetags.page_json import page_json

AWKWARD = {
    "html": "</script><script>alert('x')</script> & <b>",
    "unicode": "café, 30 s — ½",
    "nested": [{"a": "<>&"}, 1, 2.5, None, True],
    "when": datetime.datetime(2026, 12, 2, 7, 30, tzinfo=datetime.UTC),
    "day": datetime.date(2026, 12, 2),
    "id": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "amount": Decimal("1.50"),
}


def test_page_json_writes_what_djangos_json_script_writes():
    assert page_json(AWKWARD, "session-plan") == json_script(AWKWARD, "session-plan")


def test_page_json_leaves_no_character_that_could_end_the_script():
    html = page_json(AWKWARD, "plan")
    body = html.removeprefix('<script id="plan" type="application/json">').removesuffix("</script>")
    assert not {"<", ">", "&"} & set(body)
