using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Rapporteur.Data;

/// <summary>The database engines Rapporteur runs on.</summary>
public enum DataProvider
{
    /// <summary>The embedded default: one file in the data folder.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, chosen by a <c>postgres:</c> connection string.</summary>
    Postgres,
}

/// <summary>Where the data lives and how to open it. SQLite in a data folder is the embedded default; PostgreSQL is
/// chosen by configuration: <c>--data postgres:Host=…;Database=…</c>, or <c>RAPPORTEUR_DATABASE=postgres:…</c> with the
/// data folder (keys, files) where it would be anyway.</summary>
public sealed record DataStore
{
    /// <summary>What a <c>--data</c> value or RAPPORTEUR_DATABASE starts with to name a PostgreSQL database.</summary>
    public const string PostgresPrefix = "postgres:";

    private DataStore(DataProvider provider, string directory, string connectionString, string? databaseFile = null)
    {
        Provider = provider;
        Directory = directory;
        ConnectionString = connectionString;
        DatabaseFile = databaseFile ?? Path.Combine(directory, "rapporteur.db");
    }

    public DataProvider Provider { get; }

    /// <summary>The folder that holds the database file (SQLite), the app's keys and uploaded files.</summary>
    public string Directory { get; }
    public string ConnectionString { get; }
    public string DatabaseFile { get; }

    /// <summary>The database as people name it in messages: the SQLite file, or the PostgreSQL host and database.</summary>
    public string Description
    {
        get
        {
            if (Provider == DataProvider.Sqlite) return DatabaseFile;
            var b = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
            return $"postgres://{b.Host}:{b.Port}/{b.Database}";
        }
    }

    /// <summary>Whether the database exists (a PostgreSQL database is assumed to: the server says otherwise).</summary>
    public bool Exists => Provider != DataProvider.Sqlite || File.Exists(DatabaseFile);

    /// <summary>The data folder: the one given, else RAPPORTEUR_DATA, else the per-user data folder; or a PostgreSQL
    /// database when the value (or RAPPORTEUR_DATABASE) is <c>postgres:CONNECTION-STRING</c>.</summary>
    public static DataStore Open(string? directory)
    {
        if (directory is not null && directory.StartsWith(PostgresPrefix, StringComparison.Ordinal))
            return Postgres(directory[PostgresPrefix.Length..], DefaultDirectory(null));
        if (Environment.GetEnvironmentVariable("RAPPORTEUR_DATABASE") is { } database && database.StartsWith(PostgresPrefix, StringComparison.Ordinal))
            return Postgres(database[PostgresPrefix.Length..], DefaultDirectory(directory));
        return SqliteIn(DefaultDirectory(directory));
    }

    /// <summary>A database named with its engine, as <c>rapporteur copy</c> takes them: <c>sqlite:FILE-OR-FOLDER</c> (a
    /// folder holds <c>rapporteur.db</c>; a file is that database) or <c>postgres:CONNECTION-STRING</c>. The environment
    /// is not consulted. Returns null for any other form.</summary>
    public static DataStore? FromLocation(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.StartsWith(PostgresPrefix, StringComparison.Ordinal))
            return Postgres(location[PostgresPrefix.Length..], DefaultDirectory(null));
        const string sqlite = "sqlite:";
        if (!location.StartsWith(sqlite, StringComparison.Ordinal) || location.Length == sqlite.Length) return null;
        var path = Path.GetFullPath(location[sqlite.Length..]);
        if (System.IO.Directory.Exists(path) || !(File.Exists(path) || Path.HasExtension(path))) return SqliteIn(path);
        var csb = new SqliteConnectionStringBuilder { DataSource = path, ForeignKeys = true };
        return new DataStore(DataProvider.Sqlite, Path.GetDirectoryName(path)!, csb.ToString(), path);
    }

    private static DataStore SqliteIn(string directory)
    {
        // Pooled: a request reuses an open connection (its schema already read, its pragmas set) instead of opening the
        // file again; whoever replaces the file (restore) clears the pools first.
        var csb = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "rapporteur.db"), ForeignKeys = true };
        return new DataStore(DataProvider.Sqlite, directory, csb.ToString());
    }

    /// <summary>A PostgreSQL database, with <paramref name="directory"/> for the keys and files.</summary>
    public static DataStore Postgres(string connectionString, string directory) =>
        new(DataProvider.Postgres, Path.GetFullPath(directory), connectionString);

    private static string DefaultDirectory(string? directory)
    {
        var dir = !string.IsNullOrWhiteSpace(directory) ? directory
            : Environment.GetEnvironmentVariable("RAPPORTEUR_DATA") is { Length: > 0 } env ? env
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "rapporteur");
        return Path.GetFullPath(dir);
    }

    public RapporteurDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<RapporteurDbContext>();
        Configure(options);
        return new RapporteurDbContext(options.Options);
    }

    /// <summary>Points EF at this store (for dependency injection).</summary>
    public void Configure(DbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var assembly = typeof(RapporteurDbContext).Assembly.FullName;
        if (Provider == DataProvider.Postgres) options.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(assembly));
        else options.UseSqlite(ConnectionString, o => o.MigrationsAssembly(assembly)).AddInterceptors(SqlitePragmas.Instance);
        // Each provider sees its own migrations folder; the audit trail is append-only (checked before anything else);
        // the search index is written in the transaction of every save; every write bumps the data generation (the
        // web app's output cache keys public responses by it).
        options.ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>()
            .AddInterceptors(AppendOnlyInterceptor.Instance, Search.SearchIndexInterceptor.Instance, DataGeneration.Instance);
    }

    /// <summary>Creates the folder and applies pending migrations (then rebuilds the search index if a migration asked
    /// for it). SQLite runs with write-ahead logging: readers never block the writer, and a crash never leaves a
    /// half-written transaction.</summary>
    public Task MigrateAsync(CancellationToken cancellationToken = default) => MigrateAsync(rebuildSearch: true, cancellationToken);

    /// <summary>As <see cref="MigrateAsync(CancellationToken)"/>; with <paramref name="rebuildSearch"/> false, a rebuild a
    /// migration asked for is left to the caller (<c>reindex</c>, which rebuilds anyway: once, not twice).</summary>
    public async Task MigrateAsync(bool rebuildSearch, CancellationToken cancellationToken = default)
    {
        System.IO.Directory.CreateDirectory(Directory);
        await using var db = CreateContext();
        await db.Database.MigrateAsync(cancellationToken);
        if (Provider == DataProvider.Sqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        // A migration that creates or changes the search index asks for a rebuild of what is already stored.
        if (rebuildSearch) await Search.SearchIndexer.RebuildIfRequestedAsync(db, cancellationToken);
    }
}

/// <summary>For <c>dotnet ef</c>: a context on a throwaway SQLite file, or with <c>-- postgres</c> on a PostgreSQL
/// connection string that is never opened (migrations are generated from the model alone).</summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<RapporteurDbContext>
{
    public RapporteurDbContext CreateDbContext(string[] args) =>
        (args.Contains("postgres", StringComparer.Ordinal)
            ? DataStore.Postgres("Host=localhost;Database=rapporteur_design", Path.Combine(Path.GetTempPath(), "rapporteur-design"))
            : DataStore.Open(Path.Combine(Path.GetTempPath(), "rapporteur-design"))).CreateContext();
}
