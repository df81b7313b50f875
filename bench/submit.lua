-- wrk script for the intake benchmark: POSTs one JSON body per request with the CSRF cookie
-- and header of the run, a random client address in X-Forwarded-For (the server trusts one
-- proxy, so rate limits count per address) and a random phone number (per-contact limit).
-- Counts responses that are not 201 and prints the same BENCH_JSON line as stats.lua.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  not_ok = 0
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  local ip = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255),
    math.random(1, 254))
  local phone = string.format("09%08d", math.random(0, 99999999))
  local body = string.format(wrk_body_template, phone)
  return wrk.format("POST", wrk_path, {
    ["Content-Type"] = "application/json",
    ["Cookie"] = "csrftoken=" .. wrk_csrf,
    ["X-CSRFToken"] = wrk_csrf,
    ["X-Forwarded-For"] = ip,
  }, body)
end

function response(status, headers, body)
  if status ~= 201 then
    not_ok = not_ok + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("not_ok")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "not_200": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_us": {"p50": %.0f, "p90": %.0f, "p95": %.0f, "p99": %.0f, "max": %.0f, ' ..
    '"mean": %.1f}}\n',
    summary.requests, summary.duration, summary.bytes, bad,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean))
end
