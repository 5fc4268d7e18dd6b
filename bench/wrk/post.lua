-- POST as the phone's outbox does (static/js/http.js, the fields from static/js/card.js):
-- a fresh UUID per request, the CSRF token in X-CSRFToken, the session cookie, the htmx
-- headers, and the Origin and Referer a browser adds to a same-origin fetch.
--
-- BENCH_POST=set-log: the set-log POST. Each request takes the next slot not yet logged from
-- BENCH_SLOTS (lines of "session item set_number side held_seconds reps_done", "-" for none),
-- from line BENCH_SLOT_START on (the runs before used the lines above it), the threads taking
-- turns through the list, so every 2xx stores one new row.
-- BENCH_POST=insert: the insert-only reference, which takes only the UUID.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local mode = os.getenv("BENCH_POST")
local origin = os.getenv("BENCH_ORIGIN")
local csrf = os.getenv("BENCH_CSRF")
local nthreads = tonumber(os.getenv("BENCH_THREADS"))
local start = tonumber(os.getenv("BENCH_SLOT_START") or "0")
local slots, position, counter = {}, 1, 0

function init(args)
  -- `id` is this thread's number (0, 1, ...), set by setup() in common.lua.
  math.randomseed(tonumber(os.getenv("BENCH_SEED")) + id * 7919)
  position = start + id + 1
  if mode == "set-log" then
    for line in io.lines(os.getenv("BENCH_SLOTS")) do
      local session, item, set_number, side, held, reps =
        line:match("^(%S+) (%S+) (%S+) (%S+) (%S+) (%S+)$")
      table.insert(slots, {
        session = session, item = item, set_number = set_number,
        side = side == "-" and "" or side, held = held, reps = reps,
      })
    end
  end
end

-- A version 4 UUID whose last 32 bits are this thread's number and a counter, so no two
-- requests of one run can share one.
local function uuid()
  counter = counter + 1
  return string.format(
    "%04x%04x-%04x-4%03x-%04x-%04x%02x%06x",
    math.random(0, 0xffff), math.random(0, 0xffff), math.random(0, 0xffff),
    math.random(0, 0xfff), 0x8000 + math.random(0, 0x3fff), math.random(0, 0xffff),
    id, counter
  )
end

local function headers(referer)
  return {
    ["Cookie"] = wrk.headers["Cookie"],
    ["Accept-Encoding"] = wrk.headers["Accept-Encoding"],
    ["Accept"] = "application/json, text/html;q=0.9", -- a set is acknowledged in JSON
    ["Origin"] = origin,
    ["Referer"] = referer,
    ["HX-Request"] = "true",
    ["HX-Current-URL"] = referer,
    ["HX-Target"] = "set-card",
    ["Content-Type"] = "application/x-www-form-urlencoded;charset=UTF-8",
    ["X-CSRFToken"] = csrf,
  }
end

local function set_log_body(slot)
  local now = os.date("!%Y-%m-%dT%H%%3A%M%%3A%S.000Z")
  local fields = {
    "client_id=" .. uuid(), "item=" .. slot.item, "set_number=" .. slot.set_number,
    "side=" .. slot.side, "outcome=completed",
  }
  if slot.held ~= "-" then table.insert(fields, "held_seconds=" .. slot.held) end
  if slot.reps ~= "-" then table.insert(fields, "reps_done=" .. slot.reps) end
  table.insert(fields, "started_at=" .. now)
  table.insert(fields, "finished_at=" .. now)
  return table.concat(fields, "&")
end

function request()
  sent = sent + 1
  if mode == "insert" then
    return wrk.format("POST", "/bench/insert/", headers(origin .. "/bench/insert/"),
      "client_id=" .. uuid())
  end
  local slot = slots[position]
  if slot == nil then -- every fresh slot used: start again, and say so
    ran_out = ran_out + 1
    position = id + 1
    slot = slots[position]
  end
  position = position + nthreads
  local page = "/sessions/" .. slot.session .. "/"
  return wrk.format("POST", page .. "sets/", headers(origin .. page), set_log_body(slot))
end
