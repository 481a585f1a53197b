-- bench/load: the request mix for wrk (-s). Each connection walks the list from a random start.
-- Public pages (home, round, public factsheet, compliance matrix, a submitted reply) and anonymous API reads.
-- `-- hello` after the URL: only "/" (the Kestrel hello-world anchor).
local paths = {
  "/",
  "/rounds/Lanzarote/3",
  "/rounds/Lanzarote/3/factsheets/Ruritania",
  "/rounds/Lanzarote/3/matrix",
  "/rounds/Lanzarote/3/replies/Ruritania",
  "/api/v1/rounds",
  "/api/v1/rounds/Lanzarote/3/recommendations",
  "/api/v1/rounds/Lanzarote/3/questions",
  "/api/v1/rounds/Lanzarote/3/matrix",
  "/api/v1/rounds/Lanzarote/3/replies/Ruritania",
}
local i = 0

init = function(args)
  if args[1] == "hello" then paths = { "/" } end
  i = math.random(#paths) - 1
end

request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

-- One machine-readable line: errors are socket errors + timeouts + HTTP statuses >= 400.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d status_errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout + e.status, e.status))
end
