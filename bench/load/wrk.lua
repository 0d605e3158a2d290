-- wrk script of bench/load/run.sh: every request carries one of the signed-in sessions (round robin in
-- each thread), POST pages send that session's CSRF token, and an answer >= 400 or a redirect to the
-- sign-in page counts as an error. Arguments after "--": SESSIONS_FILE [METHOD]; each line of the file is
-- "Cookie-header-value<TAB>url-encoded CSRF token".
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  sessions = {}
  for line in io.lines(args[1]) do
    local cookie, csrf = line:match("^([^\t]+)\t?(.*)$")
    if cookie then table.insert(sessions, { cookie = cookie, csrf = csrf }) end
  end
  method = args[2] or "GET"
  index = 0
  errors = 0
end

function request()
  index = index % #sessions + 1
  local s = sessions[index]
  if method == "POST" then
    return wrk.format("POST", nil, { Cookie = s.cookie, ["Content-Type"] = "application/x-www-form-urlencoded" },
      "_csrf=" .. s.csrf)
  end
  return wrk.format("GET", nil, { Cookie = s.cookie })
end

function response(status, headers, body)
  if status >= 400 then
    errors = errors + 1
  elseif status >= 300 and string.find(headers["Location"] or "", "/login", 1, true) then
    errors = errors + 1
  end
end

function done(summary, latency, requests)
  local e = 0
  for _, t in ipairs(threads) do e = e + t:get("errors") end
  local s = summary.errors
  io.write(string.format(
    'WRK {"requests":%d,"duration_us":%d,"errors":%d,"socket_errors":%d,"p50_ms":%.2f,"p95_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f}\n',
    summary.requests, summary.duration, e, s.connect + s.read + s.write + s.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
