-- wrk script of wallet-history.sh: every connection acts for the member whose access token is in HINDSIGHT_TOKEN.
-- `-- deposit` puts 1 into the wallet each time; `-- read [asOf]` reads GET /api/wallet?limit=5 (as of the instant).
-- Prints the non-2xx count and p50/p99 in microseconds.
function init(args)
  mode = args[1]
  as_of = args[2]
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("HINDSIGHT_TOKEN")
  wrk.headers["Content-Type"] = "application/json"
end
function request()
  if mode == "deposit" then
    return wrk.format("POST", "/api/wallet/deposits", nil, '{"amount":1}')
  end
  if as_of then
    return wrk.format("GET", "/api/wallet?limit=5&asOf=" .. as_of)
  end
  return wrk.format("GET", "/api/wallet?limit=5")
end
function done(summary, latency, requests)
  io.write(string.format("NON2XX %d\nREQUESTS %d\n", summary.errors.status, summary.requests))
  io.write(string.format("P50US %d\nP99US %d\n", latency:percentile(50), latency:percentile(99)))
end
