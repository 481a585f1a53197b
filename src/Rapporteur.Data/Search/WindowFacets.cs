using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Rapporteur.Data.Search;

/// <summary>
/// SQLite: the facet values of a window of matches (up to <see cref="SearchEngine.RankWindow"/> rows by id), counted
/// by a function SQLite calls once per row, <c>rapporteur_facet_row(collection, Type, Body, RoundNumber, Party, Section,
/// Strength, Addressee, BoxType, Language, Id)</c>. Reading the rows costs little (0.2-0.5 ms for 500 at a million
/// documents); counting them did not: <c>GROUP BY</c> over nine text columns sorts every row (0.7 ms when they all
/// share one set of values, 2-2.6 ms for a rare word whose 500 newest matches fall into 340 sets), reading them
/// through ADO.NET makes a string of every value (about 1 ms), and reading them column by column through
/// <c>sqlite3_column_*</c> takes the connection's mutex at every call. Here each value is compared as bytes with the
/// values already seen in its column, and a string is made once per distinct value. Available with the bundled
/// <c>e_sqlite3</c>, as <see cref="Fts5Rank"/>.
/// </summary>
internal static partial class WindowFacets
{
    /// <summary>The facets read from each row, in column order.</summary>
    public static readonly string[] Names = ["type", "body", "round", "party", "section", "strength", "addressee", "boxType", "language"];

    public const string Name = "rapporteur_facet_row";

    private const int SqliteOk = 0;
    private const int SqliteUtf8 = 1;
    private const int SqliteDirectOnly = 0x00080000;

    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Registered = [];
    private static readonly ConcurrentDictionary<long, Collection> Collections = new();
    private static long lastCollection;

    /// <summary>Registers the function on this open connection (once per native connection); false when this SQLite
    /// build does not allow it.</summary>
    public static unsafe bool TryRegister(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.Handle is not { } handle) return false;
        if (Registered.TryGetValue(handle, out _)) return true;
        try
        {
            fixed (byte* name = "rapporteur_facet_row\0"u8)
            {
                if (sqlite3_create_function_v2(handle.DangerousGetHandle(), name, 1 + Names.Length + 1, SqliteUtf8 | SqliteDirectOnly, null, &Row, null, null, null) != SqliteOk)
                    return false;
            }
            Registered.AddOrUpdate(handle, true);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The function's call over the columns of <c>SearchDocuments</c> as <paramref name="alias"/>, its
    /// collection the parameter <paramref name="collection"/>: one row's facet values added to the collection.</summary>
    public static string Call(string alias, string collection) =>
        $"{Name}(@{collection}, {alias}.\"Type\", {alias}.\"Body\", {alias}.\"RoundNumber\", {alias}.\"Party\", {alias}.\"Section\", {alias}.\"Strength\", "
        + $"{alias}.\"Addressee\", {alias}.\"BoxType\", {alias}.\"Language\", {alias}.\"Id\")";

    /// <summary>A collection for the rows of one statement (pass <see cref="Gathering.Id"/> as the function's first
    /// argument); dispose it when the statement is done.</summary>
    public static Gathering Gather()
    {
        var id = Interlocked.Increment(ref lastCollection);
        var collection = new Collection();
        Collections[id] = collection;
        return new Gathering(id, collection);
    }

    public sealed class Gathering : IDisposable
    {
        private readonly Collection collection;

        internal Gathering(long id, Collection collection)
        {
            Id = id;
            this.collection = collection;
        }

        public long Id { get; }

        /// <summary>Adds what the rows gave: facet → value → documents into <paramref name="counts"/>, and the ids of
        /// the recommendations, questions and answers among them (the compliance and tag facets hang off them).</summary>
        public void CopyTo(FacetCounts counts, List<int> concerned)
        {
            ArgumentNullException.ThrowIfNull(counts);
            ArgumentNullException.ThrowIfNull(concerned);
            for (var c = 0; c < Names.Length; c++)
                foreach (var (value, n) in collection.Columns[c].Values())
                    counts.Add(Names[c], value, n);
            concerned.AddRange(collection.Concerned);
        }

        public void Dispose() => Collections.TryRemove(Id, out _);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe void Row(IntPtr context, int argumentCount, IntPtr* arguments)
    {
        try
        {
            if (argumentCount != 1 + Names.Length + 1 || !Collections.TryGetValue(sqlite3_value_int64(arguments[0]), out var collection))
            {
                Error(context, "rapporteur_facet_row: no such collection");
                return;
            }
            for (var c = 0; c < Names.Length; c++)
            {
                var value = sqlite3_value_text(arguments[c + 1]);
                if (value is null) continue;
                collection.Columns[c].Add(new ReadOnlySpan<byte>(value, sqlite3_value_bytes(arguments[c + 1])));
            }
            var type = sqlite3_value_text(arguments[1]);
            if (type is not null && IsConcerned(new ReadOnlySpan<byte>(type, sqlite3_value_bytes(arguments[1]))))
                collection.Concerned.Add((int)sqlite3_value_int64(arguments[Names.Length + 1]));
            sqlite3_result_int(context, 1);
        }
#pragma warning disable CA1031 // an exception must not cross into SQLite: it becomes the statement's error
        catch (Exception)
#pragma warning restore CA1031
        {
            Error(context, "rapporteur_facet_row: internal error");
        }
    }

    /// <summary>The types compliance and tags hang off (as <c>SearchEngine.Concerned</c>).</summary>
    private static bool IsConcerned(ReadOnlySpan<byte> type) =>
        type.SequenceEqual("recommendation"u8) || type.SequenceEqual("question"u8) || type.SequenceEqual("answer"u8);

    private static unsafe void Error(IntPtr context, string message)
    {
        var bytes = Encoding.UTF8.GetBytes(message);
        fixed (byte* z = bytes) sqlite3_result_error(context, z, bytes.Length);
    }

    /// <summary>What one statement gathers.</summary>
    internal sealed class Collection
    {
        public ColumnValues[] Columns { get; } = [.. Names.Select(_ => new ColumnValues())];

        public List<int> Concerned { get; } = [];
    }

    /// <summary>The distinct values of one column and how many rows hold each; the last value found is tried first
    /// (neighbouring rows often share their Party, section and round).</summary>
    internal sealed class ColumnValues
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
            var head = firstByHash.TryGetValue(key, out var first) ? first : -1;
            for (var i = head; i >= 0; i = nextWithHash[i])
                if (value.SequenceEqual(values[i].Bytes))
                {
                    values[i] = (values[i].Bytes, values[i].Count + 1);
                    last = i;
                    return;
                }
            values.Add((value.ToArray(), 1));
            nextWithHash.Add(head);
            last = values.Count - 1;
            firstByHash[key] = last;
        }

        public IEnumerable<(string Value, int Count)> Values() => values.Select(v => (Encoding.UTF8.GetString(v.Bytes), v.Count));
    }

    private const string Library = "e_sqlite3";

    [LibraryImport(Library)]
    private static unsafe partial int sqlite3_create_function_v2(IntPtr db, byte* name, int arguments, int flags, void* application,
        delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr*, void> function, void* step, void* final, void* destroy);

    [LibraryImport(Library)]
    private static unsafe partial byte* sqlite3_value_text(IntPtr value);

    [LibraryImport(Library)]
    private static unsafe partial int sqlite3_value_bytes(IntPtr value);

    [LibraryImport(Library)]
    private static unsafe partial long sqlite3_value_int64(IntPtr value);

    [LibraryImport(Library)]
    private static unsafe partial void sqlite3_result_int(IntPtr context, int value);

    [LibraryImport(Library)]
    private static unsafe partial void sqlite3_result_error(IntPtr context, byte* message, int length);
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
