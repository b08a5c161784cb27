-- GET recommendations for a random user among the launcher's generated users.
local users = tonumber(os.getenv("LETHE_USERS") or "1000")
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("LETHE_KEY") or "load-test-key-0123456789abcdef")
math.randomseed(os.time())

request = function()
  return wrk.format("GET", "/v1/users/u" .. math.random(0, users - 1) .. "/recommendations?k=10")
end
