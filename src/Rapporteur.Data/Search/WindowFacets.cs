using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Rapporteur.Data.Search;

/// <summary>
/// SQLite: the facet values of a window of matches (up to <see cref="SearchEngine.RankWindow"/> rows by id), counted
/// while the statement steps in SQLite's own library. Reading the rows costs little (0.1-0.3 ms for 500 at a million
/// documents); counting them did not: <c>GROUP BY</c> over nine text columns sorts every row (0.7 ms when they all
/// share one set of values, 2-2.6 ms for a rare word whose 500 newest matches fall into 340 sets), and reading them
/// through ADO.NET makes a string of every value (about 1 ms). Here each value is compared as bytes with the values
/// already seen in its column (a string is made once per distinct value), so counting costs about what reading does.
/// Available with the bundled <c>e_sqlite3</c>, as <see cref="Fts5Rank"/>.
/// </summary>
internal static unsafe partial class WindowFacets
{
    /// <summary>The facets read from each row, in column order.</summary>
    public static readonly string[] Names = ["type", "body", "round", "party", "section", "strength", "addressee", "boxType", "language"];

    private const string Sql = "SELECT \"Type\", \"Body\", \"RoundNumber\", \"Party\", \"Section\", \"Strength\", \"Addressee\", \"BoxType\", \"Language\", \"Id\" "
        + "FROM \"SearchDocuments\" WHERE \"Id\" IN (SELECT CAST(value AS INTEGER) FROM json_each(?1))\0";

    private const int SqliteOk = 0;
    private const int SqliteRow = 100;
    private const int SqliteDone = 101;
    private const int SqliteNull = 5;

    /// <summary>Counts the facet values of the documents <paramref name="ids"/> into <paramref name="counts"/> (facet →
    /// value → documents) and adds to <paramref name="concerned"/> the ids of the recommendations, questions and answers
    /// among them. Throws <see cref="SqliteException"/> as Microsoft.Data.Sqlite would on an error of SQLite.</summary>
    public static void Count(SqliteConnection connection, IReadOnlyCollection<int> ids, FacetCounts counts, List<int> concerned)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (ids.Count == 0) return;
        var db = connection.Handle!.DangerousGetHandle();
        IntPtr statement;
        fixed (byte* sql = Encoding.UTF8.GetBytes(Sql))
        {
            var rc = sqlite3_prepare_v2(db, sql, -1, out statement, IntPtr.Zero);
            if (rc != SqliteOk) throw Error(db, rc);
        }
        try
        {
            var json = Encoding.UTF8.GetBytes("[" + string.Join(',', ids) + "]");
            fixed (byte* text = json)
            {
                // SQLITE_TRANSIENT (-1): SQLite copies the text.
                var rc = sqlite3_bind_text(statement, 1, text, json.Length, new IntPtr(-1));
                if (rc != SqliteOk) throw Error(db, rc);
            }
            var columns = new ColumnValues[Names.Length];
            for (var c = 0; c < columns.Length; c++) columns[c] = new ColumnValues();
            while (true)
            {
                var rc = sqlite3_step(statement);
                if (rc == SqliteDone) break;
                if (rc != SqliteRow) throw Error(db, rc);
                for (var c = 0; c < columns.Length; c++)
                {
                    if (sqlite3_column_type(statement, c) == SqliteNull) continue;
                    var value = sqlite3_column_text(statement, c);
                    var length = sqlite3_column_bytes(statement, c);
                    columns[c].Add(new ReadOnlySpan<byte>(value, length));
                }
                if (IsConcerned(new ReadOnlySpan<byte>(sqlite3_column_text(statement, 0), sqlite3_column_bytes(statement, 0))))
                    concerned.Add((int)sqlite3_column_int64(statement, 9));
            }
            for (var c = 0; c < columns.Length; c++)
                foreach (var (value, n) in columns[c].Values())
                    counts.Add(Names[c], value, n);
        }
        finally
        {
            _ = sqlite3_finalize(statement);
        }
    }

    /// <summary>The types compliance and tags hang off (as <c>SearchEngine.Concerned</c>).</summary>
    private static bool IsConcerned(ReadOnlySpan<byte> type) =>
        type.SequenceEqual("recommendation"u8) || type.SequenceEqual("question"u8) || type.SequenceEqual("answer"u8);

    private static SqliteException Error(IntPtr db, int rc) =>
        new(Marshal.PtrToStringUTF8(sqlite3_errmsg(db)) ?? "SQLite error " + rc, rc);

    /// <summary>The distinct values of one column and how many rows hold each; the last value found is tried first
    /// (neighbouring rows often share their Party, section and round).</summary>
    private sealed class ColumnValues
    {
        private readonly List<(byte[] Bytes, int Count)> values = [];
        private readonly Dictionary<int, int> firstByHash = [];
        private readonly List<int> nextWithHash = [];
        private int last = -1;

        public void Add(ReadOnlySpan<byte> value)
        {
            if (last >= 0 && value.SequenceEqual(values[last].Bytes))
            {
                values[last] = (values[last].Bytes, values[last].Count + 1);
                return;
            }
            var hash = new HashCode();
            hash.AddBytes(value);
            var key = hash.ToHashCode();
            if (firstByHash.TryGetValue(key, out var i))
            {
                for (; i >= 0; i = nextWithHash[i])
                    if (value.SequenceEqual(values[i].Bytes))
                    {
                        values[i] = (values[i].Bytes, values[i].Count + 1);
                        last = i;
                        return;
                    }
                i = firstByHash[key];
            }
            else i = -1;
            values.Add((value.ToArray(), 1));
            nextWithHash.Add(i);
            last = values.Count - 1;
            firstByHash[key] = last;
        }

        public IEnumerable<(string Value, int Count)> Values() => values.Select(v => (Encoding.UTF8.GetString(v.Bytes), v.Count));
    }

    private const string Library = "e_sqlite3";

    [LibraryImport(Library)]
    private static partial int sqlite3_prepare_v2(IntPtr db, byte* sql, int length, out IntPtr statement, IntPtr tail);

    [LibraryImport(Library)]
    private static partial int sqlite3_bind_text(IntPtr statement, int index, byte* text, int length, IntPtr destructor);

    [LibraryImport(Library)]
    private static partial int sqlite3_step(IntPtr statement);

    [LibraryImport(Library)]
    private static partial int sqlite3_finalize(IntPtr statement);

    [LibraryImport(Library)]
    private static partial int sqlite3_column_type(IntPtr statement, int column);

    [LibraryImport(Library)]
    private static partial byte* sqlite3_column_text(IntPtr statement, int column);

    [LibraryImport(Library)]
    private static partial int sqlite3_column_bytes(IntPtr statement, int column);

    [LibraryImport(Library)]
    private static partial long sqlite3_column_int64(IntPtr statement, int column);

    [LibraryImport(Library)]
    private static partial IntPtr sqlite3_errmsg(IntPtr db);
}

/// <summary>Facet counts being gathered: facet → value → documents.</summary>
internal sealed class FacetCounts
{
    public Dictionary<string, Dictionary<string, int>> ByFacet { get; } = new(StringComparer.Ordinal);

    public void Add(string facet, string? value, int n)
    {
        if (value is null) return;
        if (!ByFacet.TryGetValue(facet, out var values)) ByFacet[facet] = values = new(StringComparer.Ordinal);
        values[value] = values.GetValueOrDefault(value) + n;
    }

    /// <summary>Sets a value's count (the compliance and tag facets, counted in SQL).</summary>
    public void Set(string facet, string value, int n)
    {
        if (!ByFacet.TryGetValue(facet, out var values)) ByFacet[facet] = values = new(StringComparer.Ordinal);
        values[value] = n;
    }
}
