-- wrk script for Starling's benchmark scenarios. Every request acts as the next seeded user
-- (tokens from the credentials file), so caches and rate limits see many users, as in life.
-- Arguments: <credentials.csv> <method> <path template> [<ids file>]
-- The path template may contain {user_id} and {tweet_id}; POST sends a small tweet.

local credentials = {}
local tweet_ids = {}
local index = 0
local method, template

local function read_lines(path)
  local lines = {}
  local file = assert(io.open(path, "r"))
  for line in file:lines() do lines[#lines + 1] = line end
  file:close()
  return lines
end

function init(args)
  for i, line in ipairs(read_lines(args[1])) do
    if i > 1 then
      local id, name, token = line:match("^(%d+),([^,]+),(.+)$")
      if id then credentials[#credentials + 1] = { id = id, token = token } end
    end
  end
  method = args[2]
  template = args[3]
  if args[4] then tweet_ids = read_lines(args[4]) end
  math.randomseed(os.time() + (wrk.thread and tonumber(tostring(wrk.thread):match("0x(%x+)") or "0", 16) or 0))
  index = math.random(#credentials)
end

function request()
  index = index % #credentials + 1
  local user = credentials[index]
  local path = template:gsub("{user_id}", user.id)
  if #tweet_ids > 0 then path = path:gsub("{tweet_id}", tweet_ids[(index % #tweet_ids) + 1]) end
  local headers = { ["Authorization"] = "Bearer " .. user.token }
  local body = nil
  if method == "POST" then
    headers["Content-Type"] = "application/json"
    body = '{"content": "benchmark tweet ' .. index .. '"}'
  end
  return wrk.format(method, path, headers, body)
end

dofile("bench/report.lua")
