using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rapporteur.Core.Model;
using Rapporteur.Data;
using Rapporteur.Data.Entities;
using Rapporteur.Features.Compliance;
using Rapporteur.Features.Demo;
using Rapporteur.Features.Export;
using Rapporteur.Web;
using Box = Rapporteur.Data.Entities.Box;
using Factsheet = Rapporteur.Data.Entities.Factsheet;
using Party = Rapporteur.Data.Entities.Party;
using Recommendation = Rapporteur.Data.Entities.Recommendation;

namespace Rapporteur.Benchmarks;

/// <summary>
/// <c>matrix</c>: the compliance matrix of a synthetic round of 48 Parties × 300 recommendations (issue 8: under
/// 100 ms). A fresh SQLite database (the demo data, then 42 more Parties and a round 4 with 300 recommendations in six
/// chapters, a fifth of them addressed to one Party; about 60 % of the cells assessed; every Party's published
/// factsheet with a box on one recommendation in six) is built in a temporary folder. Timed, each the median of N
/// after a warm-up, each with a new <see cref="RapporteurDbContext"/> as a request has: building the matrix
/// (<see cref="ComplianceMatrix.BuildAsync"/>), writing it as CSV through the export core, and the page and the CSV
/// over HTTP from the real web app on a loopback port (what a browser waits for).
/// </summary>
internal static class MatrixBench
{
    private const int Parties = 48;
    private const int Recommendations = 300;
    private const double TargetMs = 100;

    public static async Task<int> RunAsync(string[] args)
    {
        var iterations = 20;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--iterations" && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0) { iterations = n; i++; continue; }
            Console.Error.WriteLine($"rapporteur-bench: unknown argument '{args[i]}'; usage: matrix [--iterations N]");
            return 1;
        }
        var folder = Directory.CreateTempSubdirectory("rapporteur-bench-matrix-");
        try
        {
            Console.WriteLine($"Compliance matrix: {Parties} Parties × {Recommendations} recommendations; load average at start: {LoadAverage()}");
            var store = DataStore.Open(folder.FullName);
            var seed = Stopwatch.StartNew();
            await store.MigrateAsync();
            await DemoData.SeedAsync(store, TimeProvider.System);
            var (cells, assessed, boxes) = await SynthesiseAsync(store);
            Console.WriteLine(Invariant($"Synthetic round 4 built in {seed.Elapsed.TotalSeconds:N1} s: {cells:N0} cells, {assessed:N0} assessed, {boxes:N0} published boxes"));

            var build = await TimeAsync(iterations, async () =>
            {
                await using var db = store.CreateContext();
                var round = await db.Rounds.SingleAsync(r => r.Number == 4);
                var matrix = await ComplianceMatrix.BuildAsync(db, round, new MatrixFilter(), CancellationToken.None);
                return matrix.Rows.Count;
            });
            var csv = await TimeAsync(iterations, async () =>
            {
                await using var db = store.CreateContext();
                var (table, error) = await Exports.OpenAsync(db, ExportDataset.Matrix, new ExportFilter("Lanzarote", 4), ExportViewer.Public, CancellationToken.None);
                if (table is null) throw new InvalidOperationException(error!.Message);
                return (int)await ExportWriter.WriteAsync(table, ExportFormat.Csv, Stream.Null, CancellationToken.None);
            });
            // Where BuildAsync's time goes: the three reads it makes.
            var recs = await TimeAsync(iterations, async () =>
            {
                await using var db = store.CreateContext();
                return (await db.Recommendations.Where(r => r.Round!.Number == 4).Include(r => r.Party).ToListAsync()).Count;
            });
            var lookup = await TimeAsync(iterations, async () =>
            {
                await using var db = store.CreateContext();
                var id = await db.Rounds.Where(r => r.Number == 4).Select(r => r.Id).SingleAsync();
                await MatrixLookup.LoadAsync(db, [id], CancellationToken.None);
                return 1;
            });
            Report("ComplianceMatrix.BuildAsync (rows)", build, iterations);
            Report("  of which: the recommendations with their Party", recs, iterations);
            Report("  of which: MatrixLookup (assessments, published boxes)", lookup, iterations);
            Report("matrix CSV via the export core (rows)", csv, iterations);

            await using var app = WebHost.Build(store, ["http://127.0.0.1:0"], b => b.Logging.SetMinimumLevel(LogLevel.Warning));
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            // Anonymous pages are output-cached (Web/PublicCache.cs): a query parameter of its own per request makes each
            // one a cache miss, so these time the page being built and rendered. The cached answer is timed apart.
            var run = 0;
            string Fresh(string path) => Invariant($"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}run={++run}");
            var page = await TimeAsync(iterations, async () => (await Get(http, Fresh("/rounds/Lanzarote/4/matrix"))).Length);
            var whole = await TimeAsync(iterations, async () => (await Get(http, Fresh("/rounds/Lanzarote/4/matrix?All=true"))).Length);
            var cached = await TimeAsync(iterations, async () => (await Get(http, "/rounds/Lanzarote/4/matrix")).Length);
            var api = await TimeAsync(iterations, async () => (await Get(http, Fresh("/api/v1/rounds/Lanzarote/4/matrix.csv"))).Length);
            Report("GET /rounds/Lanzarote/4/matrix (bytes of HTML)", page, iterations);
            Report("  the whole matrix, ?All=true (bytes of HTML)", whole, iterations);
            Report("  the page again, from the output cache (bytes)", cached, iterations);
            Report("GET /api/v1/rounds/Lanzarote/4/matrix.csv (bytes)", api, iterations);
            await app.StopAsync();

            var worst = new[] { build.Median, page.Median }.Max();
            Console.WriteLine(Invariant($"Target < {TargetMs:N0} ms for the matrix (built, and the page served): {(worst < TargetMs ? "met" : "MISSED")} ({worst:N1} ms)"));
            Console.WriteLine($"Load average at the end: {LoadAverage()}");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Round 4: 48 Parties, 300 recommendations, assessments and published factsheets with boxes.</summary>
    private static async Task<(int Cells, int Assessed, int Boxes)> SynthesiseAsync(DataStore store)
    {
        await using var db = store.CreateContext();
        var body = await db.Bodies.Include(b => b.Strengths).SingleAsync();
        var scale = body.ComplianceScale;
        string[] prefixes = ["Al", "Bel", "Cor", "Dor", "El", "Fen", "Gal", "Hal"], suffixes = ["doria", "mar", "ovia", "esia", "land", "stan"];
        var existing = await db.Parties.Select(p => p.Name).ToListAsync();
        foreach (var name in prefixes.SelectMany(p => suffixes.Select(s => p + s)).Where(n => !existing.Contains(n)).Take(Parties - existing.Count))
            db.Parties.Add(new Party { Name = name });
        var round = new Round
        {
            BodyId = body.Id, Number = 4, Theme = "Synthetic", TitleEn = "A synthetic round for the matrix benchmark", TitleFr = "Un cycle synthétique",
            Opens = new DateOnly(2027, 1, 1), ReplyDeadline = new DateOnly(2027, 6, 30), Status = RoundStatus.Closed,
        };
        db.Rounds.Add(round);
        await db.SaveChangesAsync();
        var parties = await db.Parties.OrderBy(p => p.Id).ToListAsync();
        var strengths = body.Strengths.OrderBy(s => s.Rank).Select(s => s.Key).ToList();
        string[] chapters = ["II", "III", "IV", "V", "VI", "VII"];
        var recommendations = Enumerable.Range(0, Recommendations).Select(i =>
        {
            var chapter = chapters[i % chapters.Length];
            var one = i % 5 == 4;
            return new Recommendation
            {
                RoundId = round.Id, Code = Invariant($"{chapter}-{i / chapters.Length + 1}"), Strength = strengths[i % strengths.Count], Chapter = chapter,
                Addressee = one ? AddresseeKind.Party : AddresseeKind.All, PartyId = one ? parties[i % parties.Count].Id : null,
                Text = Invariant($"The Committee asks the Parties to take measure {i + 1} so that children are protected in setting {i % 17}."),
            };
        }).ToList();
        db.Recommendations.AddRange(recommendations);
        await db.SaveChangesAsync();

        int cells = 0, assessed = 0, boxes = 0;
        var random = new Random(42);
        foreach (var party in parties)
        {
            var factsheet = new Factsheet { RoundId = round.Id, PartyId = party.Id, Title = $"Factsheet – {party.Name}", Status = PublicationStatus.Published };
            foreach (var r in recommendations.Where(r => r.Addressee == AddresseeKind.All || r.PartyId == party.Id))
            {
                cells++;
                if (random.NextDouble() < 0.6)
                {
                    db.Assessments.Add(new Assessment { RecommendationId = r.Id, PartyId = party.Id, Status = scale[random.Next(scale.Count)], AssessedOn = new DateOnly(2027, 9, 1), Version = 1 });
                    assessed++;
                }
                if (random.Next(6) == 0)
                {
                    factsheet.Boxes.Add(new Box { Type = random.Next(3) == 0 ? BoxType.PromisingPractice : BoxType.FollowUp, Chapter = r.Chapter, Recommendations = [r.Code], Text = "Reported.", Version = 1 });
                    boxes++;
                }
            }
            db.Factsheets.Add(factsheet);
        }
        await db.SaveChangesAsync();
        return (cells, assessed, boxes);
    }

    private static async Task<string> Get(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<(double Median, double Min, double Cpu, int Size)> TimeAsync(int iterations, Func<Task<int>> work)
    {
        // Warm-up: 1 s at least, so the JIT and EF's query cache have settled.
        var warm = Stopwatch.StartNew();
        var size = await work();
        while (warm.Elapsed < TimeSpan.FromSeconds(1)) size = await work();
        var times = new List<double>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < iterations; i++)
        {
            GC.Collect();
            var clock = Stopwatch.StartNew();
            await work();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / iterations;
        times.Sort();
        return (times[times.Count / 2], times[0], cpuMs, size);
    }

    private static void Report(string what, (double Median, double Min, double Cpu, int Size) t, int iterations) =>
        Console.WriteLine(Invariant($"| {what} | {t.Size:N0} | median {t.Median:N1} ms | min {t.Min:N1} ms | CPU {t.Cpu:N1} ms (incl. GC.Collect) | {iterations} runs |"));

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + $" ({Environment.ProcessorCount} cores)" : "unknown";

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
