-- wrk script shared by native.sh and projection-scaleout.sh: every wrk thread (one connection each) takes
-- the next member's access token from the file named by HINDSIGHT_TOKENS; `-- patch` changes the member's
-- nickname each time, anything else reads GET /api/me. Prints the non-2xx count and p50/p99 in microseconds.
local tokens = {}
for line in io.lines(os.getenv("HINDSIGHT_TOKENS")) do tokens[#tokens + 1] = line end
local next_member = 0
function setup(thread)
  next_member = next_member + 1
  thread:set("token", tokens[(next_member - 1) % #tokens + 1])
  thread:set("member", next_member)
end
function init(args)
  -- Lua's generator starts from one seed: a later run's members (new sign-ups on the same data) would otherwise
  -- ask for the nicknames an earlier run's members still hold, and be refused once each (409).
  math.randomseed(os.time() * 100 + member)
  mode = args[1]
  changes = 0
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Content-Type"] = "application/json"
end
function request()
  if mode == "patch" then
    changes = changes + 1
    return wrk.format("PATCH", "/api/me", nil,
      string.format('{"nickname":"n%d-%d-%d"}', member, math.random(1000000), changes))
  end
  return wrk.format("GET", "/api/me")
end
function done(summary, latency, requests)
  io.write(string.format("NON2XX %d\n", summary.errors.status))
  io.write(string.format("P50US %d\nP99US %d\n", latency:percentile(50), latency:percentile(99)))
end
