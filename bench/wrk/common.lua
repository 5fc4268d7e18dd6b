-- Shared by every bench script: count the answers by status in each thread, and print the
-- totals when wrk is done, as "bench-status <status> <count>" lines, with the requests sent
-- (all threads, and the busiest one) and how often a POST ran out of fresh slots, for
-- bench/loadgen.py. wrk's own "Non-2xx or 3xx" count leaves out 3xx, so a login page served
-- instead of the page asked for would pass unseen without this.

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

statuses = {}
sent = 0
ran_out = 0 -- a POST script's requests made after its list of fresh slots was used up

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals, requests_sent, most, slots_ran_out = {}, 0, 0, 0
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + count
    end
    requests_sent = requests_sent + thread:get("sent")
    most = math.max(most, thread:get("sent"))
    slots_ran_out = slots_ran_out + thread:get("ran_out")
  end
  for status, count in pairs(totals) do
    io.write(string.format("bench-status %d %d\n", status, count))
  end
  io.write(string.format("bench-sent %d\n", requests_sent))
  io.write(string.format("bench-sent-most %d\n", most))
  io.write(string.format("bench-ran-out %d\n", slots_ran_out))
end

-- Headers every request carries, as a phone's browser sends them.
wrk.headers["Accept-Encoding"] = "gzip, deflate, br"
local cookie = os.getenv("BENCH_COOKIE") or ""
if cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end
