using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Rapporteur.Data;

/// <summary>Where the data lives and how to open it. SQLite in a data folder is the embedded default; other
/// providers (PostgreSQL) plug in here by connection string.</summary>
public sealed record DataStore
{
    private DataStore(string directory, string connectionString)
    {
        Directory = directory;
        ConnectionString = connectionString;
    }

    /// <summary>The folder that holds the database file and uploaded files.</summary>
    public string Directory { get; }
    public string ConnectionString { get; }
    public string DatabaseFile => Path.Combine(Directory, "rapporteur.db");

    /// <summary>The data folder: the one given, else RAPPORTEUR_DATA, else the per-user data folder.</summary>
    public static DataStore Open(string? directory)
    {
        var dir = !string.IsNullOrWhiteSpace(directory) ? directory
            : Environment.GetEnvironmentVariable("RAPPORTEUR_DATA") is { Length: > 0 } env ? env
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "rapporteur");
        var full = Path.GetFullPath(dir);
        var csb = new SqliteConnectionStringBuilder { DataSource = Path.Combine(full, "rapporteur.db"), Pooling = false, ForeignKeys = true };
        return new DataStore(full, csb.ToString());
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
        options.UseSqlite(ConnectionString, o => o.MigrationsAssembly(typeof(RapporteurDbContext).Assembly.FullName));
    }

    /// <summary>Creates the folder and applies pending migrations. Write-ahead logging: readers never block the writer,
    /// and a crash never leaves a half-written transaction.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        System.IO.Directory.CreateDirectory(Directory);
        await using var db = CreateContext();
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }
}

/// <summary>For <c>dotnet ef</c>: a context on a throwaway SQLite file.</summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<RapporteurDbContext>
{
    public RapporteurDbContext CreateDbContext(string[] args) => DataStore.Open(Path.Combine(Path.GetTempPath(), "rapporteur-design")).CreateContext();
}
