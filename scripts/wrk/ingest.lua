-- POST batches of LETHE_BATCH new events (unique event ids per thread and request).
local users = tonumber(os.getenv("LETHE_USERS") or "1000")
local batch = tonumber(os.getenv("LETHE_BATCH") or "100")
local counter = 0
local thread_id = 0
local next_thread = 0

function setup(thread)
  next_thread = next_thread + 1
  thread:set("thread_id", next_thread)
end

function init(args)
  math.randomseed(os.time() + thread_id)
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("LETHE_KEY") or "load-test-key-0123456789abcdef")

request = function()
  local now = os.time() * 1000
  local parts = {}
  for i = 1, batch do
    counter = counter + 1
    parts[i] = string.format('{"eventId":"w%d-%d-%d","userId":"u%d","itemId":"i%d","type":"view","timestamp":%d}',
      os.time(), thread_id, counter, math.random(0, users - 1), math.random(0, 1999), now - math.random(0, 86400000))
  end
  return wrk.format("POST", "/v1/events", nil, "[" .. table.concat(parts, ",") .. "]")
end
