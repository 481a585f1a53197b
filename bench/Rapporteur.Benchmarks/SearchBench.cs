using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Data.Sqlite;
using Rapporteur.Data;
using Rapporteur.Data.Search;

namespace Rapporteur.Benchmarks;

/// <summary>
/// <c>search --sizes 10000,100000[,1000000] --rapporteur PATH/rapporteur.dll [--runs N] [--tsv]</c>: for each size,
/// generates the synthetic data set with <c>rapporteur demo</c> (48 Parties × 5 rounds; import throughput from its own
/// report), indexes the same paragraphs in Lucene.NET (EnglishAnalyzer, in memory), then times a fixed query set on
/// SQLite FTS5 through Rapporteur's search service (hits, bm25, snippets, facets, visibility) and on Lucene.NET (top 20
/// and the total). Then, unless <c>--no-postgres</c> or no PostgreSQL binaries (the row says so), the same data on
/// PostgreSQL: a throwaway cluster (<see cref="BenchPostgres"/>), <c>rapporteur copy</c> into a new database (which
/// rebuilds the tsvector index), the same query set through the same search service. After the largest size, the
/// server's RSS: <c>rapporteur serve</c> on that data after one search.
/// </summary>
internal static partial class SearchBench
{
    private sealed record Query(string Label, string Text, bool PartyFilter);

    public static int Run(string[] args)
    {
        var sizes = new List<int> { 10_000, 100_000 };
        string? rapporteur = null;
        var runs = 20;
        var tsv = false;
        var postgres = true;
        string? existing = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--sizes": sizes = [.. args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))]; break;
                case "--rapporteur": rapporteur = args[++i]; break;
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--tsv": tsv = true; break;
                case "--no-postgres": postgres = false; break;
                case "--data": existing = args[++i]; break;
                default: Console.Error.WriteLine($"rapporteur-bench: search: unknown argument {args[i]}"); return 2;
            }
        }
        if (existing is not null) return TimeExisting(existing, runs);
        if (rapporteur is null || !File.Exists(rapporteur))
        {
            Console.Error.WriteLine("rapporteur-bench: search: give --rapporteur PATH/rapporteur.dll (build src/Rapporteur first)");
            return 2;
        }
        var lines = new List<string>();
        string? lastData = null;
        string? noPostgres = postgres ? null : "--no-postgres";
        using var cluster = postgres ? BenchPostgres.TryStart(out noPostgres) : null;
        foreach (var size in sizes)
        {
            var data = System.IO.Directory.CreateTempSubdirectory($"rapporteur-search-bench-{size}-").FullName;
            var (demoSeconds, paragraphsPerSecond, megabytesPerSecond, indexSeconds) = Generate(rapporteur, data, size);
            lines.Add(Row("import", size, "rapporteur demo (SQLite)", $"{paragraphsPerSecond:0}", $"{megabytesPerSecond:0.00}", $"{indexSeconds:0.0}", $"{demoSeconds:0.0}"));

            var store = DataStore.Open(data);
            var (party, common) = Probe(store);
            var queries = Queries(common);

            // FTS5 first, before the Lucene.NET index exists: each engine is timed with only its own data in the process.
            // At 1 M the in-memory Lucene index is over a gigabyte of managed heap; timed after it was built, FTS5 gave
            // p50 5.0 and 5.1 ms in two runs (2026-12-07 15:46-15:52), against 2.8 ms timed before it in the next run and
            // 2.9-4.7 ms in processes of their own (`search --data`) around the same time.
            Settle();
            var fts = TimeSearch(store, queries, party, runs);
            var ftsRow = Row("query", size, "SQLite FTS5 (Rapporteur search: hits, snippets, facets)", $"{Percentile(fts, 0.5):0.00}", $"{Percentile(fts, 0.95):0.00}", "", "");

            using var analyzer = new EnglishAnalyzer(LuceneVersion.LUCENE_48);
            using var directory = new RAMDirectory();
            var (luceneSeconds, luceneBytes, count) = LuceneIndex(store, directory, analyzer);
            lines.Add(Row("import", size, "Lucene.NET index (in memory)", $"{count / luceneSeconds:0}", $"{luceneBytes / 1e6 / luceneSeconds:0.00}", "", $"{luceneSeconds:0.0}"));
            lines.Add(ftsRow);
            Settle();
            var lucene = TimeLucene(directory, analyzer, queries, party, runs);
            lines.Add(Row("query", size, "Lucene.NET (top 20 + total)", $"{Percentile(lucene, 0.5):0.00}", $"{Percentile(lucene, 0.95):0.00}", "", ""));
            if (cluster is null) lines.Add(Row("query", size, $"PostgreSQL: not measured ({noPostgres})", "", "", "", ""));
            else
            {
                var connection = cluster.CreateDatabase($"bench_{size}");
                var clock = Stopwatch.StartNew();
                var (code, _, stderr) = Process(rapporteur, "copy", "--from", $"sqlite:{data}", "--to", $"postgres:{connection}");
                if (code != 0) throw new InvalidOperationException($"rapporteur copy failed: {stderr}");
                var copySeconds = clock.Elapsed.TotalSeconds;
                var pg = DataStore.Postgres(connection, data);
                Settle();
                var pgTimes = TimeSearch(pg, queries, party, runs);
                lines.Add(Row("query", size, "PostgreSQL tsvector (Rapporteur search: hits, snippets, facets)", $"{Percentile(pgTimes, 0.5):0.00}", $"{Percentile(pgTimes, 0.95):0.00}", "", ""));
                lines.Add(Row("import", size, "rapporteur copy SQLite → PostgreSQL (with index)", "", "", "", $"{copySeconds:0.0}"));
            }
            if (lastData is not null) System.IO.Directory.Delete(lastData, recursive: true);
            lastData = data;
        }
        if (lastData is not null)
        {
            var rss = ServerRss(rapporteur, lastData);
            lines.Add(Row("rss", sizes[^1], "rapporteur serve after one search", $"{rss / 1024.0:0}", "", "", ""));
            System.IO.Directory.Delete(lastData, recursive: true);
        }
        if (tsv) foreach (var l in lines) Console.WriteLine(l);
        else
        {
            Console.WriteLine("kind\tparagraphs\tengine\tparagraphs/s | p50 ms | RSS MB\tMB/s | p95 ms\tindex s\ttotal s");
            foreach (var l in lines) Console.WriteLine(l);
        }
        return 0;
    }

    /// <summary>Before each engine is timed: the garbage of what ran before (building the Lucene.NET index of a million
    /// paragraphs leaves a gigabyte) collected now, not in the middle of the next engine's queries. Measured without it
    /// at 1 M: FTS5 queries whose wall time was 1.5x their thread's CPU time.</summary>
    private static void Settle()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    private static string Row(params object[] cells) => string.Join('\t', cells.Select(c => Convert.ToString(c, CultureInfo.InvariantCulture)));

    private static (double Seconds, double ParagraphsPerSecond, double MegabytesPerSecond, double IndexSeconds) Generate(string rapporteur, string data, int size)
    {
        var clock = Stopwatch.StartNew();
        var (code, stdout, stderr) = Process(rapporteur, "demo", "--parties", "48", "--rounds", "5", "--paragraphs", size.ToString(CultureInfo.InvariantCulture), "--data", data, "--seed", "1");
        if (code != 0) throw new InvalidOperationException($"rapporteur demo failed: {stderr}");
        var m = DemoLine().Match(stdout);
        if (!m.Success) throw new InvalidOperationException($"rapporteur demo said: {stdout}");
        double D(string g) => double.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
        return (clock.Elapsed.TotalSeconds, D("pps"), D("mbs"), D("index"));
    }

    [GeneratedRegex(@"\((?<pps>[0-9.]+) paragraphs/s, (?<mbs>[0-9.]+) MB/s\); search index: \d+ documents in (?<index>[0-9.]+) s")]
    private static partial Regex DemoLine();

    /// <summary>A Party to filter on, and the commonest word of the first paragraphs.</summary>
    private static (string Party, string Common) Probe(DataStore store)
    {
        using var connection = new SqliteConnection(store.ConnectionString);
        connection.Open();
        using var party = connection.CreateCommand();
        party.CommandText = "SELECT \"Name\" FROM \"Parties\" ORDER BY \"Id\" LIMIT 1";
        var name = (string)party.ExecuteScalar()!;
        using var text = connection.CreateCommand();
        text.CommandText = "SELECT \"Text\" FROM \"ReportParagraph\" ORDER BY \"Id\" LIMIT 200";
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        using var reader = text.ExecuteReader();
        while (reader.Read())
            foreach (var w in reader.GetString(0).ToLowerInvariant().Split([' ', '.', ','], StringSplitOptions.RemoveEmptyEntries))
                counts[w] = counts.GetValueOrDefault(w) + 1;
        return (name, counts.MaxBy(kv => kv.Value).Key);
    }

    private static (double Seconds, long Bytes, int Count) LuceneIndex(DataStore store, RAMDirectory directory, Analyzer analyzer)
    {
        using var connection = new SqliteConnection(store.ConnectionString);
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT p."Text", y."Name" FROM "ReportParagraph" p JOIN "ReportChapter" c ON c."Id" = p."ChapterId"
            JOIN "Reports" r ON r."Id" = c."ReportId" JOIN "Parties" y ON y."Id" = r."PartyId"
            """;
        var rows = new List<(string Text, string Party)>();
        using (var reader = select.ExecuteReader())
            while (reader.Read()) rows.Add((reader.GetString(0), reader.GetString(1)));
        var clock = Stopwatch.StartNew();
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer) { OpenMode = OpenMode.CREATE, RAMBufferSizeMB = 128 };
        long bytes = 0;
        using (var writer = new IndexWriter(directory, config))
        {
            var textField = new TextField("text", "", Field.Store.YES);
            var partyField = new StringField("party", "", Field.Store.YES);
            var doc = new Document { textField, partyField };
            foreach (var (text, party) in rows)
            {
                textField.SetStringValue(text);
                partyField.SetStringValue(party);
                writer.AddDocument(doc);
                bytes += text.Length;
            }
            writer.Commit();
        }
        return (clock.Elapsed.TotalSeconds, bytes, rows.Count);
    }

    /// <summary><c>search --data DIR [--runs N]</c>: the FTS5 query set only, on a data folder made before by
    /// <c>rapporteur demo --paragraphs N --data DIR --seed 1</c> (to profile the search without generating again).</summary>
    private static int TimeExisting(string data, int runs)
    {
        var store = DataStore.Open(data);
        var (party, common) = Probe(store);
        var fts = TimeSearch(store, Queries(common), party, runs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SQLite FTS5 on {data}: p50 {Percentile(fts, 0.5):0.00} ms, p95 {Percentile(fts, 0.95):0.00} ms"));
        return 0;
    }

    private static Query[] Queries(string common) =>
    [
        new("word, common", common, false), new("word, 0.8 %", "quven", false), new("word, 0.1 %", "moqra", false),
        new("phrase, 4 %", "\"quarel vosqin\"", false), new("phrase, 0.5 %", "\"liqo maqtu sarn\"", false),
        new("prefix", "quar*", false), new("prefix", "taq*", false),
        new("word + party", "quven", true), new("phrase + party", "\"quarel vosqin\"", true),
    ];

    private static List<double> TimeSearch(DataStore store, Query[] queries, string party, int runs)
    {
        using var db = store.CreateContext();
        var times = new List<double>();
        foreach (var q in queries)
        {
            var request = new SearchRequest(SearchQuery.Parse(q.Text).Query!, new SearchFilters { Party = q.PartyFilter ? party : null });
            var mine = new List<double>();
            var cpu = new List<double>();
            SearchResults? found = null;
            for (var i = 0; i < runs + 3; i++)
            {
                var clock = Stopwatch.StartNew();
                var started = ThreadCpu.Milliseconds();
                found = SearchEngine.SearchAsync(db, request, SearchViewer.Public).GetAwaiter().GetResult();
                if (i < 3) continue;
                mine.Add(clock.Elapsed.TotalMilliseconds);
                cpu.Add(ThreadCpu.Milliseconds() - started);
            }
            times.AddRange(mine);
            // Per query, on stderr: which query sets the p95; and the CPU time of the calling thread (the search runs
            // on it from start to end on SQLite), which a busy machine does not inflate as it does the wall time.
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {store.Provider} {q.Label} {q.Text}{(q.PartyFilter ? " +party" : "")}: {found!.Total}{(found.TotalIsLowerBound ? "+" : "")} results, p50 {Percentile(mine, 0.5):0.00} ms, max {mine.Max():0.00} ms, thread CPU p50 {Percentile(cpu, 0.5):0.00} ms, max {cpu.Max():0.00} ms"));
        }
        return times;
    }

    private static List<double> TimeLucene(RAMDirectory directory, Analyzer analyzer, Query[] queries, string party, int runs)
    {
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);
        var times = new List<double>();
        foreach (var q in queries)
        {
            for (var i = 0; i < runs + 3; i++)
            {
                var clock = Stopwatch.StartNew();
                var query = LuceneQuery(q, analyzer, party);
                var top = searcher.Search(query, 20);
                foreach (var hit in top.ScoreDocs) _ = searcher.Doc(hit.Doc).Get("text", CultureInfo.InvariantCulture);
                if (i >= 3) times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        return times;
    }

    private static Lucene.Net.Search.Query LuceneQuery(Query q, Analyzer analyzer, string party)
    {
        Lucene.Net.Search.Query main;
        if (q.Text.EndsWith('*')) main = new PrefixQuery(new Term("text", q.Text.TrimEnd('*').ToLowerInvariant()));
        else
        {
            var terms = Analyze(analyzer, q.Text.Trim('"'));
            if (terms.Count == 1) main = new TermQuery(new Term("text", terms[0]));
            else
            {
                var phrase = new PhraseQuery();
                foreach (var t in terms) phrase.Add(new Term("text", t));
                main = phrase;
            }
        }
        if (!q.PartyFilter) return main;
        return new BooleanQuery { { main, Occur.MUST }, { new TermQuery(new Term("party", party)), Occur.MUST } };
    }

    private static List<string> Analyze(Analyzer analyzer, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream("text", new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(term.ToString());
        stream.End();
        return terms;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>The server's resident set (KB) after it has answered one search on the data.</summary>
    private static long ServerRss(string rapporteur, string data)
    {
        const string url = "http://127.0.0.1:5103";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { rapporteur, "serve", "--data", data, "--urls", url }) start.ArgumentList.Add(a);
        using var server = System.Diagnostics.Process.Start(start)!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            for (var i = 0; ; i++)
            {
                try
                {
                    if (http.GetAsync(new Uri(url + "/health/ready")).GetAwaiter().GetResult().IsSuccessStatusCode) break;
                }
                catch (HttpRequestException) when (i < 240)
                {
                }
                Thread.Sleep(500);
            }
            http.GetAsync(new Uri(url + "/api/v1/search?q=quven")).GetAwaiter().GetResult().EnsureSuccessStatusCode();
            var status = File.ReadAllLines($"/proc/{server.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(status.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        finally
        {
            server.Kill();
            server.WaitForExit();
        }
    }

    private static (int Code, string Out, string Err) Process(string rapporteur, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(rapporteur);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }
}
