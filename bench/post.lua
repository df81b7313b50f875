-- wrk script: POST one JSON comment per request (BENCH_BODY, BENCH_CSRF from the environment)
-- and report like stats.lua, counting as failures the answers that are not 201 Created.
dofile(os.getenv("BENCH_STATS"))

wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-CSRFToken"] = os.getenv("BENCH_CSRF")

function response(status, headers, body)
  if status ~= 201 then
    not_ok = not_ok + 1
  end
end
