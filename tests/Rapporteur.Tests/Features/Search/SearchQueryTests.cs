using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Data.Sqlite;
using Rapporteur.Data.Search;
using TestData = Rapporteur.Tests.Support.TestData;

namespace Rapporteur.Tests.Features.Search;

/// <summary>The query parser: the cases in query-cases.txt, and any text at all against a real FTS5 table.</summary>
public sealed class SearchQueryTests
{
    private static readonly string CasesFile = Path.Combine(TestData.Root, "tests", "Rapporteur.Tests", "Features", "Search", "query-cases.txt");

    [Fact]
    public void Parse_Cases_GiveTheExpectedFts5ExpressionAndDisplay()
    {
        var failures = new List<string>();
        var cases = ReadCases();
        Assert.True(cases.Count >= 20, $"only {cases.Count} cases read from {CasesFile}");
        foreach (var (input, fts, display, line) in cases)
        {
            var parsed = SearchQuery.Parse(input);
            Assert.True(parsed.Success, $"line {line}: {parsed.Error}");
            var query = parsed.Query!;
            var actual = query.Required.Count == 0 && query.Excluded.Count > 0 ? "NOT " + query.ExcludedToFts5() : query.ToFts5();
            if (actual != fts) failures.Add($"line {line}: q: {input}\n  expected fts: {fts}\n  actual   fts: {actual}");
            if (query.ToString() != display) failures.Add($"line {line}: q: {input}\n  expected as: {display}\n  actual   as: {query}");
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public void Parse_TooLong_IsAnErrorNotAnException()
    {
        var parsed = SearchQuery.Parse(new string('a', SearchQuery.MaxLength + 1));
        Assert.False(parsed.Success);
        Assert.Contains("limit", parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MoreThanTheMaximumTerms_KeepsTheFirstAndWarns()
    {
        var parsed = SearchQuery.Parse(string.Join(' ', Enumerable.Range(1, 40).Select(i => "w" + i.ToString(CultureInfo.InvariantCulture))));
        Assert.Equal(SearchQuery.MaxTerms, parsed.Query!.Required.Count);
        Assert.Single(parsed.Query.Warnings);
    }

    /// <summary>No text a person can type makes FTS5 fail: every expression the parser writes is valid FTS5 syntax.</summary>
    [Fact]
    public void Parse_AnyText_GivesAnExpressionFts5Accepts()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, "CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'porter unicode61 remove_diacritics 2')");
        Execute(connection, "INSERT INTO t (x) VALUES ('Protection of children against sexual exploitation and sexual abuse; protégé, naïve, Éducation.')");
        var syntax = "\"\"\"*()-:^+{}[],.;'OR AND NOT NEAR éa1 \t\0\uE000\uE001😀".ToCharArray();
        var hostile = Gen.Elements(syntax).ArrayOf().Select(cs => new string(cs));
        var anyText = ArbMap.Default.GeneratorFor<string>().Where(s => s is not null);
        Prop.ForAll(Gen.OneOf(hostile, anyText).ToArbitrary(), text =>
        {
            var parsed = SearchQuery.Parse(text);
            if (!parsed.Success) return text.Length > SearchQuery.MaxLength;
            var query = parsed.Query!;
            foreach (var expression in new[] { query.ToFts5(), query.ExcludedToFts5() }.Where(e => e.Length > 0))
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT COUNT(*) FROM t WHERE t MATCH @q";
                command.Parameters.AddWithValue("@q", expression);
                command.ExecuteScalar();
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<(string Input, string Fts, string Display, int Line)> ReadCases()
    {
        var cases = new List<(string, string, string, int)>();
        var lines = File.ReadAllLines(CasesFile);
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("q:", StringComparison.Ordinal)) continue;
            Assert.True(i + 2 < lines.Length && lines[i + 1].StartsWith("fts:", StringComparison.Ordinal) && lines[i + 2].StartsWith("as:", StringComparison.Ordinal),
                $"{CasesFile} line {i + 1}: a case is q:, fts:, as: on three lines");
            cases.Add((Unescape(lines[i][2..].TrimStart(' ')), lines[i + 1][4..].Trim(), lines[i + 2][3..].Trim(), i + 1));
        }
        return cases;
    }

    private static string Unescape(string text)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 >= text.Length) { sb.Append(text[i]); continue; }
            switch (text[++i])
            {
                case 't': sb.Append('\t'); break;
                case '0': sb.Append('\0'); break;
                case 'u': sb.Append((char)int.Parse(text.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture)); i += 4; break;
                default: sb.Append('\\').Append(text[i]); break;
            }
        }
        return sb.ToString();
    }
}
