using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Rapporteur.Data.Search;

/// <summary>
/// <c>rapporteur_rank(SearchIndex, maxRowid, window, w0, w1, w2)</c>: the same Okapi BM25 as FTS5's own <c>bm25()</c> (k1 1.2,
/// b 0.75, per-column weights, negated so that lower is better), registered as an FTS5 auxiliary function through
/// <c>fts5_api</c>, with one difference that makes it cheap at scale: the number of documents containing each phrase
/// (its idf) is counted on at most <see cref="SampleSize"/> documents and, past that, estimated from how far into the
/// rowid range that many documents reach. FTS5's <c>bm25()</c> walks each phrase's whole doclist once per query — for a
/// word in most of a million paragraphs that is 35 ms of a query that should take 5 — although the idf of such a word
/// is all but zero and an estimate within a few per cent ranks exactly alike.
/// <para>With <c>window</c> above zero, only the first <c>window</c> rows of the statement are scored and the others
/// answer NULL at no cost: in <c>ORDER BY rowid DESC</c> (the order FTS5 produces) one pass then both scores the newest
/// matches and counts further ones.</para>
/// <para>Arguments after the column weights (optional): how many phrases, last in the expression, are conditions on a
/// column of weight 0 (they are not counted for an idf); the number of a <see cref="Collect"/>ion to add the scores to;
/// 0 to weigh every phrase alike (no idf counted: one term the user typed, such as a prefix standing for several words).</para>
/// <para>Available when the SQLite library is the bundled <c>e_sqlite3</c> (Microsoft.Data.Sqlite's default); else
/// <see cref="TryRegister"/> answers false and the engine keeps <c>bm25()</c>.</para>
/// </summary>
internal static unsafe partial class Fts5Rank
{
    public const string Name = "rapporteur_rank";

    /// <summary>How many documents of a phrase are counted before its document frequency is estimated.</summary>
    public const int SampleSize = 2_000;

    private const int SqliteOk = 0;
    private const int SqliteRow = 100;
    private const int SqliteDone = 101;
    private const double K1 = 1.2;
    private const double B = 0.75;

    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Registered = [];
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<long, List<(int Id, double Score)>> Collectors = new();
    private static long lastCollector;

    /// <summary>A list the function adds every (rowid, score) it computes to, while the statement that passes the
    /// returned number as its seventh argument runs: the scores reach .NET without a row or a string per match.
    /// Dispose the result when the statement is done.</summary>
    public static Collection Collect(List<(int Id, double Score)> scores)
    {
        var id = Interlocked.Increment(ref lastCollector);
        Collectors[id] = scores;
        return new Collection(id);
    }

    public readonly struct Collection(long id) : IDisposable
    {
        public long Id => id;

        public void Dispose() => Collectors.TryRemove(id, out _);
    }
    private static bool unavailable;

    /// <summary>Registers the function on this open connection (once per native connection); false when this SQLite
    /// build does not allow it.</summary>
    public static bool TryRegister(SqliteConnection connection)
    {
        if (unavailable || connection.Handle is not { } handle) return false;
        if (Registered.TryGetValue(handle, out _)) return true;
        try
        {
            var api = FindApi(handle.DangerousGetHandle());
            if (api is null || api->iVersion < 2) return Unavailable();
            var name = "rapporteur_rank\0"u8;
            fixed (byte* z = name)
            {
                if (api->xCreateFunction(api, z, null, &Rank, null) != SqliteOk) return Unavailable();
            }
            Registered.AddOrUpdate(handle, true);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return Unavailable();
        }

        static bool Unavailable()
        {
            unavailable = true;
            return false;
        }
    }

    /// <summary>The connection's <c>fts5_api</c>: <c>SELECT fts5(?1)</c> with a pointer bound to ?1, as the FTS5
    /// documentation prescribes.</summary>
    private static Fts5Api* FindApi(IntPtr db)
    {
        Fts5Api* api = null;
        IntPtr statement;
        var sql = "SELECT fts5(?1)\0"u8;
        fixed (byte* z = sql)
        {
            if (sqlite3_prepare_v2(db, z, -1, out statement, IntPtr.Zero) != SqliteOk) return null;
        }
        try
        {
            var type = "fts5_api_ptr\0"u8;
            fixed (byte* t = type)
            {
                if (sqlite3_bind_pointer(statement, 1, &api, t, IntPtr.Zero) != SqliteOk) return null;
                var rc = sqlite3_step(statement);
                if (rc is not (SqliteRow or SqliteDone)) return null;
            }
        }
        finally
        {
            _ = sqlite3_finalize(statement);
        }
        return api;
    }

    /// <summary>Per statement (FTS5 auxdata): the average row length and each phrase's idf.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Statistics
    {
        public double AverageLength;
        public int Phrases;
        public long Scored;
        // followed by double Idf[Phrases]
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Sample
    {
        public long Count;
        public long First;
        public long Last;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Rank(Fts5ExtensionApi* api, IntPtr fts, IntPtr context, int argumentCount, IntPtr* arguments)
    {
        try
        {
            var statistics = (Statistics*)api->xGetAuxdata(fts, 0);
            if (statistics is null)
            {
                statistics = Compute(api, fts, argumentCount > 0 ? sqlite3_value_int64(arguments[0]) : long.MaxValue,
                    argumentCount > 5 ? (int)sqlite3_value_int64(arguments[5]) : 0, argumentCount <= 7 || sqlite3_value_int64(arguments[7]) != 0);
                if (statistics is null)
                {
                    Error(context, "rapporteur_rank: could not read the index statistics");
                    return;
                }
                if (api->xSetAuxdata(fts, statistics, &Free) != SqliteOk)
                {
                    Error(context, "rapporteur_rank: out of memory");
                    return;
                }
            }
            var window = argumentCount > 1 ? sqlite3_value_int64(arguments[1]) : 0;
            if (window > 0 && statistics->Scored >= window)
            {
                sqlite3_result_null(context);
                return;
            }
            statistics->Scored++;
            var phrases = statistics->Phrases;
            var idf = (double*)(statistics + 1);
            var frequencies = stackalloc double[phrases];
            int instances;
            if (api->xInstCount(fts, &instances) != SqliteOk)
            {
                Error(context, "rapporteur_rank: could not read the matches");
                return;
            }
            for (var i = 0; i < instances; i++)
            {
                int phrase, column, offset;
                if (api->xInst(fts, i, &phrase, &column, &offset) != SqliteOk) continue;
                var weight = argumentCount > column + 2 ? sqlite3_value_double(arguments[column + 2]) : 1.0;
                if (phrase >= 0 && phrase < phrases) frequencies[phrase] += weight;
            }
            int length;
            if (api->xColumnSize(fts, -1, &length) != SqliteOk) length = 0;
            var score = 0.0;
            var norm = K1 * (1 - B + B * length / statistics->AverageLength);
            for (var i = 0; i < phrases; i++)
                score += idf[i] * (frequencies[i] * (K1 + 1)) / (frequencies[i] + norm);
            if (argumentCount > 6 && Collectors.TryGetValue(sqlite3_value_int64(arguments[6]), out var collector))
                collector.Add(((int)api->xRowid(fts), -score));
            sqlite3_result_double(context, -score);
        }
#pragma warning disable CA1031 // an exception must not cross into SQLite: it becomes the statement's error
        catch (Exception)
#pragma warning restore CA1031
        {
            Error(context, "rapporteur_rank: internal error");
        }
    }

    private static Statistics* Compute(Fts5ExtensionApi* api, IntPtr fts, long maxRowid, int filterPhrases, bool weigh)
    {
        long rows, tokens;
        if (api->xRowCount(fts, &rows) != SqliteOk || api->xColumnTotalSize(fts, -1, &tokens) != SqliteOk) return null;
        var phrases = api->xPhraseCount(fts);
        var statistics = (Statistics*)NativeMemory.AllocZeroed((nuint)(sizeof(Statistics) + phrases * sizeof(double)));
        statistics->AverageLength = rows > 0 && tokens > 0 ? (double)tokens / rows : 1.0;
        statistics->Phrases = phrases;
        var idf = (double*)(statistics + 1);
        // The last filterPhrases phrases are conditions on the Filter column (weight 0): they never score. With one
        // phrase that scores, its idf multiplies every score alike and changes no order: not counted. Unweighed, the
        // phrases that score weigh alike (the words a prefix stands for, as Lucene's prefix query scores them).
        var scoring = Math.Max(0, phrases - filterPhrases);
        if (!weigh || (filterPhrases > 0 && scoring == 1))
        {
            for (var i = 0; i < scoring; i++) idf[i] = 1.0;
            return statistics;
        }
        for (var i = 0; i < scoring; i++)
        {
            Sample sample = default;
            if (api->xQueryPhrase(fts, i, &sample, &Count) != SqliteOk)
            {
                NativeMemory.Free(statistics);
                return null;
            }
            double hits = sample.Count;
            // Past the sample: as many more as the rowids left beyond the last counted one would hold at the same density.
            if (sample.Count >= SampleSize && sample.Last > sample.First && maxRowid > sample.Last)
                hits = Math.Min(rows, sample.Count * ((double)(maxRowid - sample.First + 1) / (sample.Last - sample.First + 1)));
            // As FTS5's bm25(): a phrase in more than half of the rows weighs almost nothing, never less.
            var value = Math.Log((rows - hits + 0.5) / (hits + 0.5));
            idf[i] = value <= 0.0 ? 1e-6 : value;
        }
        return statistics;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Count(Fts5ExtensionApi* api, IntPtr fts, void* state)
    {
        var sample = (Sample*)state;
        var rowid = api->xRowid(fts);
        if (sample->Count == 0) sample->First = rowid;
        sample->Last = rowid;
        return ++sample->Count >= SampleSize ? SqliteDone : SqliteOk;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Free(void* memory) => NativeMemory.Free(memory);

    private static void Error(IntPtr context, string message)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(message);
        fixed (byte* z = bytes) sqlite3_result_error(context, z, bytes.Length);
    }

    // The C structures of fts5.h, in their declared order (members are only ever appended).
    [StructLayout(LayoutKind.Sequential)]
    private struct Fts5Api
    {
        public int iVersion;
        public IntPtr xCreateTokenizer;
        public IntPtr xFindTokenizer;
        public delegate* unmanaged[Cdecl]<Fts5Api*, byte*, void*, delegate* unmanaged[Cdecl]<Fts5ExtensionApi*, IntPtr, IntPtr, int, IntPtr*, void>, delegate* unmanaged[Cdecl]<void*, void>, int> xCreateFunction;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Fts5ExtensionApi
    {
        public int iVersion;
        public IntPtr xUserData;
        public IntPtr xColumnCount;
        public delegate* unmanaged[Cdecl]<IntPtr, long*, int> xRowCount;
        public delegate* unmanaged[Cdecl]<IntPtr, int, long*, int> xColumnTotalSize;
        public IntPtr xTokenize;
        public delegate* unmanaged[Cdecl]<IntPtr, int> xPhraseCount;
        public IntPtr xPhraseSize;
        public delegate* unmanaged[Cdecl]<IntPtr, int*, int> xInstCount;
        public delegate* unmanaged[Cdecl]<IntPtr, int, int*, int*, int*, int> xInst;
        public delegate* unmanaged[Cdecl]<IntPtr, long> xRowid;
        public IntPtr xColumnText;
        public delegate* unmanaged[Cdecl]<IntPtr, int, int*, int> xColumnSize;
        public delegate* unmanaged[Cdecl]<IntPtr, int, void*, delegate* unmanaged[Cdecl]<Fts5ExtensionApi*, IntPtr, void*, int>, int> xQueryPhrase;
        public delegate* unmanaged[Cdecl]<IntPtr, void*, delegate* unmanaged[Cdecl]<void*, void>, int> xSetAuxdata;
        public delegate* unmanaged[Cdecl]<IntPtr, int, void*> xGetAuxdata;
    }

    private const string Library = "e_sqlite3";

    [LibraryImport(Library)]
    private static partial int sqlite3_prepare_v2(IntPtr db, byte* sql, int length, out IntPtr statement, IntPtr tail);

    [LibraryImport(Library)]
    private static partial int sqlite3_bind_pointer(IntPtr statement, int index, void* pointer, byte* type, IntPtr destructor);

    [LibraryImport(Library)]
    private static partial int sqlite3_step(IntPtr statement);

    [LibraryImport(Library)]
    private static partial int sqlite3_finalize(IntPtr statement);

    [LibraryImport(Library)]
    private static partial long sqlite3_value_int64(IntPtr value);

    [LibraryImport(Library)]
    private static partial double sqlite3_value_double(IntPtr value);

    [LibraryImport(Library)]
    private static partial void sqlite3_result_double(IntPtr context, double value);

    [LibraryImport(Library)]
    private static partial void sqlite3_result_null(IntPtr context);

    [LibraryImport(Library)]
    private static partial void sqlite3_result_error(IntPtr context, byte* message, int length);
}
