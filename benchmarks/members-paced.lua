-- members.lua with a pause before every request, for a load below the peak: `-- patch <ms>` waits <ms>
-- milliseconds before each of a connection's requests (wrk leaves the pause out of the latency).
dofile("benchmarks/members.lua")
local members_init = init
function init(args)
  members_init(args)
  pause = tonumber(args[2]) or 0
end
function delay()
  return pause
end
