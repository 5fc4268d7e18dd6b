"""The bench's load generator: it reads wrk's report right, and posts what the phone posts."""

import re
from pathlib import Path

from bench import loadgen

ROOT = Path(__file__).resolve().parents[2]
POST_SCRIPT = (ROOT / "bench/wrk/post.lua").read_text()

REPORT = """Running 3s test @ http://127.0.0.1:46383/today/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   941.63ms  322.56ms   1.54s    61.90%
    Req/Sec     8.75      7.31    35.00     87.50%
  Latency Distribution
     50%  934.62ms
     75%    1.21s
     90%    1.35s
     99%    1.54s
  42 requests in 3.05s, 166.44KB read
  Socket errors: connect 0, read 2, write 0, timeout 1
Requests/sec:     13.77
Transfer/sec:     54.57KB
bench-status 200 40
bench-status 302 2
bench-sent 58
bench-sent-most 30
bench-ran-out 0
"""


def test_it_reads_throughput_percentiles_statuses_and_errors():
    run = loadgen.parse(REPORT.replace("s\n", "s \n"))  # wrk pads some figures with a space
    assert run.requests_per_second == 13.77
    assert run.p50_ms == 934.62
    assert run.p99_ms == 1540.0
    assert run.statuses == {200: 40, 302: 2}
    assert (run.ok, run.not_ok, run.errors) == (40, 2, 3)
    assert (run.sent, run.in_flight, run.sent_by_busiest_thread) == (58, 16, 30)


def test_rounds_as_one_take_the_median_round_and_add_up_the_answers():
    rounds = [
        loadgen.Run(100.0, 10.0, 40.0, {200: 300}, errors=0, sent=310),
        loadgen.Run(400.0, 3.0, 12.0, {200: 1200, 403: 1}, errors=2, sent=1215),
        loadgen.Run(120.0, 9.0, 30.0, {200: 360}, errors=0, sent=370),
    ]
    run = loadgen.rounds_as_one(rounds)

    assert (run.requests_per_second, run.p50_ms, run.p99_ms) == (120.0, 9.0, 30.0)
    assert run.statuses == {200: 1860, 403: 1}
    assert (run.ok, run.not_ok, run.errors) == (1860, 1, 2)
    assert run.in_flight == 1895 - 1861


def test_it_reads_microseconds_and_refuses_a_report_it_does_not_understand():
    run = loadgen.parse(REPORT.replace("934.62ms", "812.00us"))
    assert run.p50_ms == 0.812
    try:
        loadgen.parse("wrk: unable to connect")
    except RuntimeError as error:
        assert "not understood" in str(error)
    else:
        raise AssertionError("a report with no figures was accepted")


def outbox_headers() -> dict[str, str | None]:
    """The headers static/js/http.js sets on a request: name to value (None: not a literal)."""
    http_js = (ROOT / "static/js/http.js").read_text()
    request = http_js[http_js.index("export async function request") :]
    literal = request[request.index("const headers = {") : request.index("};")]
    pairs = re.findall(r'(?:"([A-Za-z-]+)"|\b([A-Za-z]+)): ("[^"]*"|[^,\n}]+)', literal)
    pairs += [
        ("", *pair) for pair in re.findall(r'headers\["([A-Za-z-]+)"\] = ("[^"]*"|[^;]+);', request)
    ]
    headers = {}
    for quoted, bare, value in pairs:
        value = value.strip()
        headers[quoted or bare] = value[1:-1] if value.startswith('"') else None
    return headers


def test_the_post_sends_every_header_the_phones_outbox_sends():
    headers = outbox_headers()
    assert {"HX-Request", "X-CSRFToken", "Content-Type"} <= set(headers)
    for name, value in headers.items():
        assert f'["{name}"] = ' in POST_SCRIPT, f"http.js sends {name}, the bench's POST does not"
        if value is not None:
            assert f'["{name}"] = "{value}"' in POST_SCRIPT, f"{name} is not {value!r}"


def test_the_post_sends_every_field_the_player_sends_for_a_finished_set():
    card_js = (ROOT / "static/js/card.js").read_text()
    fields_function = card_js[card_js.index("  fields(answers") :]
    fields_function = fields_function[: fields_function.index("\n  }\n")]
    names = set(re.findall(r'\["([a-z_]+)", ', fields_function))
    names |= set(re.findall(r'fields\.push\(\["([a-z_]+)"', fields_function))
    # The patient's optional answers and the reason for a stop are not part of a plain set.
    sent = names - {"effort", "pain", "pain_reach", "stop_reason"}
    assert {"client_id", "item", "set_number", "outcome", "started_at"} <= sent
    for name in sent:
        assert f'"{name}=' in POST_SCRIPT, f"the player sends {name}, the bench's POST does not"
