// Kestrel hello-world: the ceiling for bench/load on this machine (same runtime, same loopback, same wrk).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/{**path}", () => "Hello, world");
await app.RunAsync();
